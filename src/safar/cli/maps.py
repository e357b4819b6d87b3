"""``safar map …``, ``safar init`` and ``safar demo``."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from safar.cli.figures import say, show_table
from safar.cli.output import console, print_json, t, use_json
from safar.config import Settings
from safar.i18n import current_lang, format_datetime, to_persian_digits
from safar.maps.templates import TEMPLATES
from safar.render.text import describe_change

if TYPE_CHECKING:
    from safar.workspace import SaveResult, Workspace

app = typer.Typer(
    help="Journey maps: create, import, export, validate, history, diff, revert.", no_args_is_help=True
)

JSON = typer.Option(False, "--json", help="Print machine-readable JSON.")


def _open() -> Workspace:
    from safar.workspace import Workspace

    return Workspace.open(Settings.from_env())


def init_command() -> None:
    """Create SAFAR_HOME and the app database, migrated to the latest schema."""
    from safar.workspace import Workspace

    settings = Settings.from_env()
    with Workspace.open(settings) as ws:
        db = ws.engine.url.render_as_string(hide_password=True)
        console.print(t("ui.initialised", home=str(settings.home), workspace=ws.slug, db=db), markup=False)


@app.command("new")
def new(
    template: str = typer.Option(..., "--template", help=f"One of: {', '.join(TEMPLATES)}."),
    lang: str = typer.Option("fa", "--lang", help="fa or en."),
    title: str | None = typer.Option(None, "--title", help="Title of the new map."),
    based_on: int | None = typer.Option(
        None, "--based-on", help="For a future-state map: the current map's id."
    ),
    as_json: bool = JSON,
) -> None:
    """Create a map from a template and print its id."""
    with _open() as ws:
        stored = ws.new_from_template(template, lang, title=title, based_on=based_on)
    if use_json(as_json):
        print_json({"id": stored.id, "revision": stored.revision, "title": stored.document.title})
    else:
        typer.echo(stored.id)


@app.command("import")
def import_(
    file: Path = typer.Argument(..., help="A YAML or JSON map file."),
    map_id: int | None = typer.Option(None, "--map", help="Save as a new revision of this map."),
    base_revision: int | None = typer.Option(
        None, "--base-revision", help="The revision your file was based on; refused if stale."
    ),
    message: str | None = typer.Option(None, "-m", "--message", help="What changed and why."),
    as_json: bool = JSON,
) -> None:
    """Import a map file: a new map, or a new revision of --map ID."""
    use_json(as_json)
    with _open() as ws:
        result = ws.import_map(file, map_id=map_id, base_revision=base_revision, message=message)
    _print_save(result, as_json, created_map=map_id is None)


@app.command("export")
def export(
    map_id: int = typer.Argument(...),
    revision: int | None = typer.Option(None, "--revision", help="Default: the latest."),
    fmt: str = typer.Option(
        "yaml", "--format", help="yaml or json (the document), svg, png or pdf (the map drawn with its data)."
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="File to write (default: stdout; PNG and PDF not to a terminal)."
    ),
    paper: str = typer.Option(
        "a4", "--paper", help="PDF paper: a4 or a3 (landscape, one stage group a page) or poster (one page)."
    ),
    dataset: str | None = typer.Option(None, "--dataset", help="The data drawn (default: the map's first)."),
) -> None:
    """Export a map revision: YAML or JSON (lossless: importing it gives the same map), or the map drawn with
    the canvas's numbers as SVG, PNG or PDF."""
    from safar.context import Context
    from safar.errors import InputError
    from safar.services.map_exports import TEXT, check, export_map

    check(fmt, paper)  # before any work: an unknown format is an error, never a YAML file under its name
    if output is None and fmt not in TEXT and sys.stdout.isatty():
        raise InputError("export.needs_output", format=fmt.upper())
    with Context.open() as ctx:
        exported = export_map(ctx, map_id, fmt, revision=revision, paper=paper, dataset=dataset)
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(exported.content)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(exported.content)
    typer.echo(t("ui.exported", map_id=map_id, revision=exported.revision, path=str(output)), err=True)


def _portfolio_act(act: str, map_id: int, **params: object) -> dict[str, object]:
    """Run one act of :mod:`safar.services.portfolio` as this machine's user; the map it leaves."""
    from safar.accounts import Actor
    from safar.context import Context
    from safar.services import portfolio

    settings = Settings.from_env()
    actor = Actor(settings.author, "cli")
    with _open() as ws:
        ctx = Context(ws, current_lang())
        if act == "rename":
            change = portfolio.MapDetailsIn.model_validate(params)
            info = portfolio.change_details(ctx, actor, map_id, change)
            return {"id": info.id, "title": info.title, "status": info.status, "owner": info.owner}
        if act in ("archive", "restore"):
            info = portfolio.archive_map(ctx, actor, map_id, archived=act == "archive")
            return {"id": info.id, "title": info.title, "archived": info.archived}
        if act == "delete":
            gone = portfolio.delete_map(ctx, actor, map_id)
            return gone.model_dump()
        made = (portfolio.duplicate_map if act == "duplicate" else portfolio.future_state_map)(
            ctx, actor, map_id
        )
        return {"id": made.id, "revision": made.revision, "title": made.document.title}


def _said(done: dict[str, object], code: str, as_json: bool) -> None:
    if use_json(as_json):
        print_json(done)
    else:
        console.print(t(code, **done), markup=False)


@app.command("rename")
def rename(
    map_id: int = typer.Argument(...),
    title: str | None = typer.Option(None, "--title", help="The new title."),
    description: str | None = typer.Option(None, "--description", help="The new description."),
    owner: str | None = typer.Option(None, "--owner", help="A member's user name ('' for nobody)."),
    status: str | None = typer.Option(None, "--status", help="draft, in_review or published."),
    as_json: bool = JSON,
) -> None:
    """Rename a map or reword its description (a revision), set its owner or status."""
    from safar.errors import InputError
    from safar.services.portfolio import STATUSES

    if status is not None and status not in STATUSES:
        raise InputError("cli.map_bad_status", status=status, allowed=", ".join(STATUSES))
    if title is not None and not title.strip():
        raise InputError("cli.map_empty_title", map_id=map_id)
    given = {"title": title, "description": description, "owner": owner, "status": status}
    done = _portfolio_act("rename", map_id, **{k: v for k, v in given.items() if v is not None})
    if use_json(as_json):
        print_json(done)
    else:  # the status in the reader's words
        console.print(
            t("cli.map_renamed", **{**done, "status": t(f"map.status.{done['status']}")}), markup=False
        )


@app.command("duplicate")
def duplicate(map_id: int = typer.Argument(...), as_json: bool = JSON) -> None:
    """Copy a map: a new map ("Copy of …") whose history starts at revision 1."""
    _said(_portfolio_act("duplicate", map_id), "cli.map_made", as_json)


@app.command("future")
def future(map_id: int = typer.Argument(...), as_json: bool = JSON) -> None:
    """Make the future-state map of a current one (each touchpoint improves the one it copies)."""
    _said(_portfolio_act("future", map_id), "cli.map_made", as_json)


@app.command("archive")
def archive(
    map_id: int = typer.Argument(...),
    restore: bool = typer.Option(False, "--restore", help="Bring an archived map back."),
    as_json: bool = JSON,
) -> None:
    """Archive a map (hidden from the list, read-only) or, with --restore, bring it back."""
    done = _portfolio_act("restore" if restore else "archive", map_id)
    _said(done, "cli.map_archived" if done["archived"] else "cli.map_restored", as_json)


@app.command("delete")
def delete(
    map_id: int = typer.Argument(...),
    yes: bool = typer.Option(False, "--yes", help="Confirm: the map and its history are deleted for good."),
    as_json: bool = JSON,
) -> None:
    """Delete a map for good: every revision, its surveys, alert rules, snapshots and opportunities."""
    if not yes:
        from safar.errors import InputError

        raise InputError("cli.map_delete_confirm", map_id=map_id)
    _said(_portfolio_act("delete", map_id), "cli.map_deleted", as_json)


@app.command("validate")
def validate(file: Path = typer.Argument(...), as_json: bool = JSON) -> None:
    """Check a map file; exit 0 when valid, 2 listing every problem."""
    from safar.maps.validate import read_map_file
    from safar.workspace import Workspace

    use_json(as_json)
    channels = None
    settings = Settings.from_env()
    if settings.database_url.startswith("postgresql") or (settings.home / "safar.db").exists():
        with Workspace.open(settings) as ws:
            channels = ws.channels()
    document = read_map_file(file, channels)
    stages, touchpoints = len(document.stages), sum(1 for _ in document.touchpoints())
    if as_json:
        print_json({"valid": True, "stages": stages, "touchpoints": touchpoints, "errors": []})
    else:
        console.print(t("ui.valid", source=str(file), stages=stages, touchpoints=touchpoints), markup=False)


@app.command("list")
def list_(
    show: str = typer.Option("active", "--show", help="active (default), archived or all."),
    search: str = typer.Option("", "--search", help="Only maps whose title holds these words (or this id)."),
    as_json: bool = JSON,
) -> None:
    """The maps of the workspace: those in use, as the maps page lists them (--show archived or all)."""
    from safar.services.maps import SHOWN, select_maps

    if show not in SHOWN:
        from safar.errors import InputError

        raise InputError("cli.map_bad_show", show=show, allowed=", ".join(SHOWN))
    with _open() as ws:
        maps = select_maps(ws.list_maps(), query=search, show=show)  # type: ignore[arg-type]
    if use_json(as_json):
        print_json([m.to_dict() for m in maps])
        return
    if not maps:
        console.print(t("ui.no_maps"), markup=False)
        return
    from rich.table import Table

    lang = current_lang()
    table = Table(*(t(f"ui.col_{c}") for c in ("id", "title", "type", "lang", "revision", "updated")))
    for m in maps:
        table.add_row(
            _num(m.id),
            m.title,
            t(f"type.{m.type}"),
            m.lang,
            _num(m.head),
            format_datetime(m.updated_at, lang),
        )
    show_table(table)


@app.command("activity")
def activity(as_json: bool = JSON) -> None:
    """The maps list's figures: each map's surveys, their responses and its open alerts (as on the maps page)."""
    from safar.context import Context
    from safar.services.maps import maps_list

    use_json(as_json)
    with Context.open() as ctx:
        screen = maps_list(ctx)
    if as_json:
        print_json(screen.model_dump(mode="json"))
        return
    if not screen.maps:
        console.print(t("ui.no_maps"), markup=False)
        return
    from rich.table import Table

    heads = (t("ui.col_id"), t("ui.col_title"), t("web.surveys"), t("survey.col.responses"))
    table = Table(*heads, t("alerts.label.title"), title=t("screens.activity_title"))
    for m in screen.maps:
        table.add_row(_num(m.id), m.title, _num(m.surveys), _num(m.responses), _num(m.alerts))
    show_table(table)
    if not screen.responses_counted:
        console.print(t("screens.responses_not_counted"), markup=False)


@app.command("show")
def show(
    map_id: int = typer.Argument(...),
    revision: int | None = typer.Option(None, "--revision"),
    as_json: bool = JSON,
) -> None:
    """Show a map (stages, touchpoints and their attributes)."""
    from safar.render.terminal import render_map

    with _open() as ws:
        stored = ws.get_map(map_id, revision)
        channels = ws.channels()
    if use_json(as_json):
        print_json(stored.to_dict(current_lang()))
        return
    if render_map(console, stored.document, channels, current_lang()) > console.width:
        say(t("cli.too_wide", width=console.width))


# The audience of the canvas and journeys screens (safar.services.audience): whose journeys they count.
SINCE = typer.Option(
    None,
    "--since",
    help="Only journeys that started at or after this time (ISO or Jalali; naive: your zone).",
)
UNTIL = typer.Option(None, "--until", help="… and before this time.")
CHANNEL = typer.Option(None, "--channel", help="Only customers with an event on the map in this channel.")
SEGMENT = typer.Option(None, "--segment", help="Only customers with this attribute, KEY=VALUE.")
PERSONA = typer.Option(
    None,
    "--persona",
    help="Only the customers of this persona of the map (its data_segment says who they are).",
)


def _audience(
    ctx: Any,
    map_id: int,
    revision: int | None,
    since: str | None,
    until: str | None,
    channel: str | None,
    segment: str | None,
    persona: str | None,
) -> Any:
    """The audience the options name (:func:`safar.services.audience.read_audience`), with the map's personas."""
    from safar.services.audience import read_audience

    personas = ctx.workspace.get_map(map_id, revision).document.personas
    return read_audience(
        ctx.calendar.tz,
        start=since,
        end=until,
        channel=channel,
        segment=segment,
        persona=persona,
        personas=personas,
    )


@app.command("overlay")
def overlay(
    map_id: int = typer.Argument(...),
    dataset: str | None = typer.Option(None, "--dataset", help="Default: the first the map's rules name."),
    revision: int | None = typer.Option(None, "--revision", help="Default: the latest."),
    since: str | None = SINCE,
    until: str | None = UNTIL,
    channel: str | None = CHANNEL,
    segment: str | None = SEGMENT,
    persona: str | None = PERSONA,
    as_json: bool = JSON,
) -> None:
    """The canvas's numbers: the map's headline and, per touchpoint, customers, conversion, drop-off and voice."""
    from safar.context import Context
    from safar.services.overlay import canvas
    from safar.services.results import current

    use_json(as_json)
    with Context.open() as ctx:
        audience = _audience(ctx, map_id, revision, since, until, channel, segment, persona)
        screen = current(ctx, canvas, map_id, revision=revision, dataset=dataset, audience=audience)
        names = {tp.id: tp.name for tp in ctx.workspace.get_map(map_id, revision).document.touchpoints()}
    if as_json:
        print_json(screen.model_dump(mode="json"))
        return
    from rich.table import Table

    from safar.render.kpis import format_number, format_value

    lang = current_lang()
    head = screen.headline
    parts = [
        f"{label} {format_value(None if fig is None else fig.value, unit, lang)}"
        + ("" if fig is None else f" (n={format_number(fig.n, lang)})")
        for label, fig, unit in (
            ("NPS", head.nps, ""),
            ("CSAT", head.csat, "%"),
            ("CES", head.ces, ""),
            (t("web.lane_conversion"), head.conversion, "%"),
            (t("web.lane_dropoff"), head.dropoff, "%"),
        )
    ]
    say(" · ".join(parts))
    table = Table(
        t("survey.col.touchpoint"),
        t("web.lane_customers"),
        t("web.lane_conversion"),
        t("web.lane_dropoff"),
        "NPS",
        "CSAT",
        title=screen.dataset or None,
    )

    def share(value: float | None) -> str:
        return format_value(None if value is None else round(100 * value, 1), "%", lang)

    for tp, name in names.items():
        row, said = screen.touchpoints.get(tp), screen.voice.get(tp)
        scores = [said.metrics.get(k) if said else None for k in ("nps", "csat")]
        table.add_row(
            name,
            "—" if row is None else format_number(row.customers, lang),
            "—" if row is None else share(row.conversion_to_next_stage),
            "—" if row is None else share(row.dropoff_share),
            *(
                "—" if s is None else format_value(round(s.value, 1), unit, lang)
                for s, unit in zip(scores, ("", "%"), strict=True)
            ),
        )
    show_table(table)


@app.command("journeys")
def journeys(
    map_id: int = typer.Argument(...),
    dataset: str | None = typer.Option(None, "--dataset", help="Default: the first the map's rules name."),
    level: str = typer.Option("stage", "--level", help="stage or touchpoint."),
    since: str | None = SINCE,
    until: str | None = UNTIL,
    channel: str | None = CHANNEL,
    segment: str | None = SEGMENT,
    persona: str | None = PERSONA,
    as_json: bool = JSON,
) -> None:
    """The journeys screen: the stage funnel, where customers stop and the most common journeys."""
    from safar.context import Context
    from safar.services.journeys import journeys as journeys_screen
    from safar.services.results import current

    use_json(as_json)
    with Context.open() as ctx:
        audience = _audience(ctx, map_id, None, since, until, channel, segment, persona)
        view = current(ctx, journeys_screen, map_id, dataset=dataset, level=level, audience=audience)
    if as_json:
        print_json(view.model_dump(mode="json", exclude={"sankey"}))
        return
    from rich.table import Table

    from safar.render.kpis import format_number, format_value

    lang = current_lang()

    def share(value: float | None) -> str:
        return format_value(None if value is None else round(100 * value, 1), "%", lang)

    funnel = Table(t("web.stage"), t("web.lane_customers"), title=view.dataset or None)
    for step in view.funnel:
        funnel.add_row(view.labels.get(step.step, step.step), format_number(step.customers, lang))
    show_table(funnel)
    stops = Table(
        t("survey.col.touchpoint") if level == "touchpoint" else t("web.stage"), t("web.lane_dropoff")
    )
    for stop in view.dropoff:
        stops.add_row(
            view.labels.get(stop.step, stop.step),
            f"{format_number(stop.customers, lang)} ({share(stop.share)})",
        )
    show_table(stops)


@app.command("history")
def history(map_id: int = typer.Argument(...), as_json: bool = JSON) -> None:
    """Every revision of a map: number, author, time, message."""
    with _open() as ws:
        revisions = ws.history(map_id)
    if use_json(as_json):
        print_json([r.to_dict(current_lang()) for r in revisions])
        return
    from rich.table import Table

    lang = current_lang()
    table = Table(*(t(f"ui.col_{c}") for c in ("revision", "author", "time", "message")))
    for r in revisions:
        table.add_row(_num(r.number), r.author, format_datetime(r.created_at, lang), r.message.render(lang))
    show_table(table)


@app.command("diff")
def diff(
    map_id: int = typer.Argument(...),
    rev_a: int = typer.Argument(...),
    rev_b: int = typer.Argument(...),
    as_json: bool = JSON,
) -> None:
    """What changed between two revisions: stages and touchpoints added, removed, moved; fields from → to."""
    with _open() as ws:
        changes = [c.to_dict() for c in ws.diff(map_id, rev_a, rev_b)]
    if use_json(as_json):
        print_json({"map_id": map_id, "from": rev_a, "to": rev_b, "changes": changes})
        return
    lang = current_lang()
    for change in changes:
        console.print(describe_change(change, lang), markup=False, highlight=False)
    if not changes:
        console.print(t("ui.no_diff"), markup=False)


@app.command("revert")
def revert(
    map_id: int = typer.Argument(...),
    revision: int = typer.Argument(...),
    message: str | None = typer.Option(None, "-m", "--message"),
    as_json: bool = JSON,
) -> None:
    """Make a new revision equal to an old one (history is kept)."""
    use_json(as_json)
    with _open() as ws:
        result = ws.revert(map_id, revision, message=message)
    _print_save(result, as_json, created_map=False)


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of the map format."""
    from safar.model import JourneyMap

    sys.stdout.write(json.dumps(JourneyMap.model_json_schema(), ensure_ascii=False, indent=2) + "\n")


@app.command("templates")
def templates(as_json: bool = JSON) -> None:
    """The templates `safar map new --template` accepts."""
    if as_json:
        print_json([{"name": k, "description": v, "langs": ["fa", "en"]} for k, v in TEMPLATES.items()])
        return
    from rich.table import Table

    table = Table(t("ui.col_name"), t("cli.col.description"))
    for name in TEMPLATES:
        table.add_row(name, t(f"template.{name}"))
    show_table(table)


def _num(n: int) -> str:
    return to_persian_digits(str(n)) if current_lang() == "fa" else str(n)


def _print_save(result: SaveResult, as_json: bool, *, created_map: bool) -> None:
    if as_json:
        print_json(result.to_dict())
    elif created_map:
        console.print(t("ui.created_map", map_id=result.map_id), markup=False)
    elif result.created:
        console.print(
            t("ui.saved_revision", map_id=result.map_id, revision=result.revision, count=len(result.changes)),
            markup=False,
        )
        lang = current_lang()
        for change in result.changes:
            console.print("  " + describe_change(change.to_dict(), lang), markup=False, highlight=False)
    else:
        console.print(t("ui.no_change", map_id=result.map_id, revision=result.revision), markup=False)
