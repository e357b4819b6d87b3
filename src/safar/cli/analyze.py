"""`safar analyze …` and `safar map bind`: journey analytics from the command line.

A thin adapter: parse the options, call one function of :mod:`safar.services.analyze`
on the dataset's events, print the result (rich tables, or with ``--json`` only
the JSON document on stdout). A :class:`~safar.errors.SafarError` becomes one
line on stderr in the user's language and exit status 2.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from safar.cli.figures import format_figure, print_table
from safar.cli.output import SafarGroup
from safar.cli.reading import MOMENT_HELP
from safar.i18n import current_lang, to_persian_digits, translate
from safar.i18n.catalogue import MESSAGES

if TYPE_CHECKING:
    from safar.context import Context
    from safar.services.analyze import Analysis, Scope

app = typer.Typer(cls=SafarGroup, help="Journey analytics over a dataset's events.", no_args_is_help=True)

Dataset = Annotated[str, typer.Option("--dataset", help="Dataset whose events to analyse.")]
MapId = Annotated[
    int | None, typer.Option("--map", help="Journey map id (needed for touchpoint/stage levels).")
]
NeedMap = Annotated[int, typer.Option("--map", help="Journey map id.")]
From = Annotated[
    str | None, typer.Option("--from", help=f"Only events at or after this time: {MOMENT_HELP}.")
]
To = Annotated[str | None, typer.Option("--to", help=f"Only events before this time: {MOMENT_HELP}.")]
Segment = Annotated[
    list[str] | None, typer.Option("--segment", help="ATTR=VAL: customers with this attribute.")
]
Channel = Annotated[str | None, typer.Option("--channel", help="Only events in this channel.")]
LevelOpt = Annotated[str, typer.Option("--level", help="activity, touchpoint or stage.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


def _scope(start: str | None, end: str | None, segment: list[str] | None, channel: str | None) -> Scope:
    from safar.services.analyze import Scope

    return Scope(start=start, end=end, segment=segment or [], channel=channel)


def _run(compute: Callable[[Context], Analysis], as_json: bool) -> None:
    """The analysis the service computes in the user's workspace, printed (``--json``: its JSON document)."""
    from safar.context import Context

    with Context.open() as ctx:
        result = compute(ctx)
    data = result.model_dump(mode="json")
    if as_json:
        _print(data, as_json)
        return
    extras: dict[str, Any] = {
        k: data.pop(k) for k in ("breakdown", "comparison", "times", "flow") if k in data
    }
    _print(data, as_json)
    _funnel_extras(extras)


def _funnel_extras(extras: dict[str, Any]) -> None:
    """A funnel's breakdown, comparison and times as tables: one row per group or step."""
    lang = current_lang()
    fa = lang == "fa"
    console = Console()

    def share(value: Any) -> str:
        return format_figure("rate_from_start", value, lang) or "—"

    def took(value: Any) -> str:
        return format_figure("median", value, lang) or "—"

    def digits(text: str) -> str:
        return to_persian_digits(text) if fa else text

    if "breakdown" in extras:
        groups = extras["breakdown"]
        table = Table(title=_label("breakdown"))
        table.add_column(_label("group"))
        for step in groups[0]["steps"] if groups else []:
            table.add_column(step["step"], justify="right", overflow="fold")
        for g in groups:
            cells = [f"{_cell(s['customers'], fa)} ({share(s['rate_from_start'])})" for s in g["steps"]]
            table.add_row(g["group"] if g["group"] is not None else "—", *cells)
        print_table(console, table, lang)
    if "comparison" in extras:
        c = extras["comparison"]
        span = f"{c['previous_start'][:10]} → {c['start'][:10]} → {c['end'][:10]}"
        table = Table(title=f"{_label('comparison')}: {digits(span)}")
        for key in ("step", "previous", "current", "change", "p_value"):
            table.add_column(_label(key), overflow="fold")
        for s in c["steps"]:
            change = None if s["change"] is None else f"{s['change'] * 100:+.1f}"
            table.add_row(
                s["step"],
                f"{_cell(s['previous'], fa)} ({share(s['previous_rate'])})",
                f"{_cell(s['current'], fa)} ({share(s['current_rate'])})",
                digits(change) if change else "—",
                "—" if s["p_value"] is None else digits(f"{s['p_value']:.4f}"),
            )
        print_table(console, table, lang)
    if "flow" in extras:
        f = extras["flow"]
        table = Table(title=f"{f['step']} ({_label('flow_' + f['direction'])}) · {_cell(f['customers'], fa)}")
        table.add_column(_label("path"), overflow="fold")
        table.add_column(_label("customers"), justify="right")
        for p in f["paths"]:
            table.add_row(" → ".join(p["steps"]), _cell(p["customers"], fa))
        if f["other"]:
            table.add_row("…", _cell(f["other"], fa))
        print_table(console, table, lang)
    if "times" in extras:
        table = Table(title=_label("times"))
        for key in ("step", "n", "to_convert", "p90", "in_step", "dropped"):
            table.add_column(_label(key), overflow="fold")
        for t in extras["times"]:
            table.add_row(
                t["step"],
                _cell(t["to_convert"]["n"], fa),
                took(t["to_convert"]["median"]),
                took(t["to_convert"]["p90"]),
                took(t["in_step"]["median"]),
                f"{_cell(t['dropped']['n'], fa)} · {took(t['dropped']['median'])}",
            )
        print_table(console, table, lang)


def _print(data: dict[str, Any], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    lang = current_lang()
    console, fa = Console(), lang == "fa"
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            print_table(console, _table(_label(key), value, fa), lang)
        elif isinstance(value, dict) and value and all(isinstance(v, list) for v in value.values()):
            for sub, items in value.items():
                if items and all(isinstance(v, dict) for v in items):
                    print_table(console, _table(f"{_label(key)} · {_label(sub)}", items, fa), lang)
        elif isinstance(value, dict):
            # start/end are keyed by steps (data); other dicts by field names
            name = (lambda k: k) if key in ("start", "end") else _label
            pairs = [f"{name(k)}={_cell(v, fa, k)}" for k, v in _flat(value).items()]
            console.print(
                f"{_label(key)}: " + ("، " if fa else ", ").join(pairs), markup=False, highlight=False
            )
        else:
            console.print(f"{_label(key)}: {_cell(value, fa, key)}", markup=False, highlight=False)


def _flat(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def _cell(value: Any, fa: bool, key: str = "") -> str:
    """Numbers in the user's digits, durations in hours or days and shares in percent (by the field's
    ``key``); names from the data (activities, channels) exactly as they are."""
    shown = format_figure(key, value, "fa" if fa else "en")
    if shown is not None:
        return shown
    if value is None:
        return "—"
    if isinstance(value, float | int) and not isinstance(value, bool):
        text = f"{value:,.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
        # «٬» is the Persian thousands separator; to_persian_digits makes the decimal point «٫»
        return to_persian_digits(text.replace(",", "٬")) if fa else text
    if isinstance(value, list):
        return " → ".join(map(str, value))
    return str(value)


def _table(title: str, items: list[dict[str, Any]], fa: bool) -> Table:
    flat = [_flat(item) for item in items]
    table = Table(title=title)
    for column in flat[0]:
        table.add_column(_label(column), overflow="fold")  # a long id wraps, it is never cut
    for row in flat:
        table.add_row(
            *(_label(row[c]) if c in ("kind", "rule") else _cell(row.get(c), fa, c) for c in flat[0])
        )
    return table


def _label(key: str) -> str:
    """A field's name in the user's language; dotted keys (``response_seconds.median``) part by part."""
    lang = current_lang()
    parts = [
        translate(f"analytics.label.{p}", lang) if f"analytics.label.{p}" in MESSAGES else p
        for p in key.split(".")
    ]
    return " · ".join(parts)


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


@app.command("funnel")
def funnel_command(
    dataset: Dataset,
    steps: Annotated[str, typer.Option("--steps", help="Comma-separated steps, e.g. A,B,C.")],
    order: Annotated[str, typer.Option("--order", help="sequential, strict or any.")] = "sequential",
    window: Annotated[str | None, typer.Option("--window", help="Conversion window, e.g. 30d, 12h.")] = None,
    step_window: Annotated[
        str | None,
        typer.Option(
            "--step-window",
            help="A window per step after the first, from the step before: 1d,,3d (empty: none).",
        ),
    ] = None,
    level: LevelOpt = "activity",
    map_id: MapId = None,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    breakdown: Annotated[
        str | None,
        typer.Option("--breakdown", help="channel, segment:ATTR or persona:ID: the funnel of each group."),
    ] = None,
    compare: Annotated[
        str | None,
        typer.Option(
            "--compare",
            help="previous: customers who began in --from…--to (else the data's last 30 days) against the "
            "period of the same length before, with each step's test.",
        ),
    ] = None,
    times: Annotated[
        bool, typer.Option("--times", help="Time to each step, in the step before, and before leaving.")
    ] = False,
    as_json: Json = False,
) -> None:
    """Customers reaching each step of a funnel; per group, against the period before, and how long they take."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(
        lambda ctx: analyze.funnel(
            ctx,
            dataset,
            _split(steps),
            order=order,
            window=window,
            level=level,
            map_id=map_id,
            scope=scope,
            breakdown=breakdown,
            compare=compare,
            times=times,
            step_windows=step_window,
        ),
        as_json,
    )


@app.command("paths")
def paths_command(
    dataset: Dataset,
    level: LevelOpt = "activity",
    top: Annotated[int, typer.Option("--top", help="How many variants to list (0 = all).")] = 10,
    sankey_depth: Annotated[int, typer.Option("--sankey-depth", help="Steps shown in the Sankey data.")] = 5,
    map_id: MapId = None,
    from_step: Annotated[
        str | None,
        typer.Option(
            "--from", help="A step: the paths after each customer's first visit there (and where they left)."
        ),
    ] = None,
    to_step: Annotated[
        str | None,
        typer.Option("--to", help="A step: the paths that lead to each customer's first visit there."),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="With --from or --to: how many steps (1-10).")] = 3,
    start: Annotated[
        str | None, typer.Option("--since", help=f"Only events at or after this time: {MOMENT_HELP}.")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--until", help=f"Only events before this time: {MOMENT_HELP}.")
    ] = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Directly-follows graph, variants, start/end steps and Sankey data; with --from or --to a step, where
    customers go after it or how they come to it (on a map's touchpoints, the steps off the map too). Here the
    times are --since and --until: --from and --to name steps."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(
        lambda ctx: analyze.paths(
            ctx,
            dataset,
            level=level,
            top=top,
            sankey_depth=sankey_depth,
            map_id=map_id,
            scope=scope,
            from_step=from_step,
            to_step=to_step,
            depth=depth,
        ),
        as_json,
    )


@app.command("dropoff")
def dropoff_command(
    dataset: Dataset,
    level: LevelOpt = "activity",
    final: Annotated[
        str | None, typer.Option("--final", help="The step that means the journey is done.")
    ] = None,
    map_id: MapId = None,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Where customers stop: their last step."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(
        lambda ctx: analyze.dropoff(ctx, dataset, level=level, final=final, map_id=map_id, scope=scope),
        as_json,
    )


@app.command("timing")
def timing_command(
    dataset: Dataset,
    level: LevelOpt = "activity",
    final: Annotated[str | None, typer.Option("--final", help="Time to convert ends at this step.")] = None,
    map_id: MapId = None,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Time between consecutive steps and time to convert, per channel."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(
        lambda ctx: analyze.timing(ctx, dataset, level=level, final=final, map_id=map_id, scope=scope),
        as_json,
    )


@app.command("loops")
def loops_command(
    dataset: Dataset,
    level: LevelOpt = "activity",
    map_id: MapId = None,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Repeated steps per customer and channel ping-pong."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(lambda ctx: analyze.loops(ctx, dataset, level=level, map_id=map_id, scope=scope), as_json)


@app.command("channels")
def channels_command(
    dataset: Dataset,
    request: Annotated[str, typer.Option("--request", help="Comma-separated request activities.")],
    response: Annotated[str, typer.Option("--response", help="Comma-separated response activities.")],
    sla: Annotated[str | None, typer.Option("--sla", help="Service level, e.g. 1h, 2d.")] = None,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Response times and unanswered requests per channel."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(
        lambda ctx: analyze.channels(ctx, dataset, _split(request), _split(response), sla=sla, scope=scope),
        as_json,
    )


@app.command("conformance")
def conformance_command(
    dataset: Dataset,
    map_id: NeedMap,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Share of customers following the map, and where they leave it."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(lambda ctx: analyze.conformance(ctx, dataset, map_id, scope=scope), as_json)


@app.command("rules")
def rules_command(
    dataset: Dataset,
    map_id: NeedMap,
    within: Annotated[
        str | None, typer.Option("--within", help="Also: each next stage within this time (e.g. 7d).")
    ] = None,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """The map's rules (starts with its first stage, each stage before the next, none skipped, within a time),
    each with the customers who broke it and what it cost them in drop-off and time."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(lambda ctx: analyze.rules(ctx, dataset, map_id, within=within, scope=scope), as_json)


@app.command("summary")
def summary_command(
    dataset: Dataset,
    map_id: NeedMap,
    start: From = None,
    end: To = None,
    segment: Segment = None,
    channel: Channel = None,
    as_json: Json = False,
) -> None:
    """Per touchpoint volume, customers, conversion, drop-off and time: the map overlay."""
    from safar.services import analyze

    scope = _scope(start, end, segment, channel)
    _run(lambda ctx: analyze.summary(ctx, dataset, map_id, scope=scope), as_json)


def bind_command(
    map_id: Annotated[int, typer.Argument(help="Journey map id.")],
    dataset: Dataset,
    top: Annotated[int, typer.Option("--top", help="How many unbound activities to list.")] = 10,
    as_json: Json = False,
) -> None:
    """Preview how the map's binding rules cover a dataset: share bound, top unbound activities."""
    from safar.services import analyze

    _run(lambda ctx: analyze.binding(ctx, dataset, map_id, top=top), as_json)


# Retention, churn and health: their own module (safar.cli.analyze_retention), commands of this group.
from safar.cli.analyze_retention import churn_command, health_command, retention_command  # noqa: E402

app.command("retention")(retention_command)
app.command("churn")(churn_command)
app.command("health")(health_command)
