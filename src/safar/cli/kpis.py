"""`safar insights targets`, `safar map snapshot` and `safar map kpis`: key metrics from the command line.

A thin adapter over :mod:`safar.kpis.values`, :mod:`safar.kpis.targets` and
:mod:`safar.kpis.snapshots`: with ``--json`` only the JSON document on stdout, otherwise a table in
the user's language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

import typer
from rich.table import Table

from safar.cli.figures import show_table
from safar.cli.output import console, print_json, t, use_json
from safar.cli.reading import PeriodOpt
from safar.config import Settings
from safar.i18n import current_lang, format_datetime
from safar.render.kpis import format_change, format_number, format_value

MapId = Annotated[int, typer.Argument(help="Journey map id.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def targets_command(
    map_id: MapId,
    period: PeriodOpt = "month",
    as_json: Json = False,
) -> None:
    """Target metrics against their current measured values, with the gap and the trend."""
    from safar.context import Context
    from safar.kpis.targets import targets

    use_json(as_json)
    with Context.open() as ctx:
        ws = ctx.workspace
        result = targets(ws, map_id, period=period, calendar=ctx.calendar)
        journey = None if as_json else ws.get_map(map_id).document
    names = {} if journey is None else {tp.id: tp.name for tp in journey.touchpoints()}
    data = result.to_dict()
    if as_json:
        print_json(data)
        return
    lang = current_lang()
    table = Table(title=t("kpis.title_targets", map_id=map_id))
    for key in ("metric", "touchpoint", "target", "current", "n", "gap", "met", "trend"):
        table.add_column(t(f"kpis.col.{key}"))
    for row, value in zip(data["targets"], result.targets, strict=True):
        unit = "%" if row["unit"] == "%" else ""  # a share reads as one; other units are in the target
        trend = " ".join(format_value(p["value"], unit, lang) for p in row["trend"][-6:])
        table.add_row(
            row["metric"],
            names.get(row["touchpoint"], row["touchpoint"]) if row["touchpoint"] else "—",
            format_value(row["target"], row["unit"], lang),
            format_value(row["current"], row["unit"], lang),
            format_number(row["n"], lang),
            format_number(row["gap"], lang),
            _met(row["met"]) if row["current"] is not None else value.reason_text(lang),
            trend or "—",
        )
    show_table(table)


def snapshot_command(
    map_id: MapId,
    revision: Annotated[int | None, typer.Option("--revision", help="Default: the latest.")] = None,
    as_json: Json = False,
) -> None:
    """Measure the map's bound metrics now and keep them with the revision."""
    from safar.kpis.snapshots import snapshot
    from safar.workspace import Workspace

    use_json(as_json)
    with Workspace.open(Settings.from_env()) as ws:
        shot = snapshot(ws, map_id, revision)
    if as_json:
        print_json(shot.to_dict())
        return
    measured = sum(1 for m in shot.metrics if m.get("value") is not None)
    console.print(
        t(
            "kpis.snapshot_taken",
            map_id=map_id,
            revision=shot.revision,
            measured=measured,
            total=len(shot.metrics),
        ),
        markup=False,
    )


def kpis_command(
    map_id: MapId,
    revision: Annotated[
        int | None, typer.Option("--revision", help="Show the values snapshotted at this revision.")
    ] = None,
    period: PeriodOpt = "month",
    as_json: Json = False,
) -> None:
    """The map's key metrics measured now, or as snapshotted at --revision N, with the change since."""
    from safar.context import Context
    from safar.services.kpis import key_metrics
    from safar.services.results import current

    use_json(as_json)
    with Context.open() as ctx:
        view = current(ctx, key_metrics, map_id, revision=revision, period=period)
        journey = ctx.workspace.get_map(map_id, revision).document
    names = {tp.id: tp.name for tp in journey.touchpoints()}  # the map's own names, never its ids
    if as_json:
        print_json(view.model_dump(mode="json"))
        return
    lang = current_lang()
    shot = view.snapshot
    title = t("kpis.title_kpis", map_id=map_id, revision=view.revision)
    if shot is not None:
        when = format_datetime(datetime.fromisoformat(shot.computed_at), lang)
        title += " · " + t("kpis.since", revision=shot.revision, when=when)
    table = Table(title=title)
    for key in ("metric", "touchpoint", "value", "n", "target", "met", "change"):
        table.add_column(t(f"kpis.col.{key}"))
    for row in view.metrics:
        table.add_row(
            row.metric,
            names.get(row.touchpoint, row.touchpoint) if row.touchpoint else "—",
            format_value(row.value, row.unit, lang),
            format_number(row.n, lang),
            format_value(row.target, row.unit, lang),
            _met(row.met) if row.value is not None else (row.reason_text or "—"),
            format_change(row.change, lang),
        )
    show_table(table)


def _met(flag: Any) -> str:
    return "—" if flag is None else t("kpis.met" if flag else "kpis.not_met")
