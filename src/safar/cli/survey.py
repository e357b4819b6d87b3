"""``safar survey create|list|show|link|import|export|open|close|write-waiting`` and ``safar voice report``.

Links are printed with ``SAFAR_BASE_URL`` (default ``http://127.0.0.1:8000``) in front, the address
the web app (``safar serve``) answers on.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from safar.cli.alerts import say_fired
from safar.cli.figures import say, show_table
from safar.cli.output import SafarGroup, console, print_json, t, use_json
from safar.cli.reading import (
    CalendarOpt,
    EncodingOpt,
    PeriodOpt,
    SheetOpt,
    TimeFormatOpt,
    TzOpt,
    say_columns,
    say_reading,
)
from safar.config import Settings
from safar.errors import InputError
from safar.i18n import current_lang, format_number, format_percent

if TYPE_CHECKING:
    from safar.surveys import SurveyInfo

app = typer.Typer(
    cls=SafarGroup,
    help="Surveys on a map's touchpoints: create, share, import, export.",
    no_args_is_help=True,
)
voice = typer.Typer(cls=SafarGroup, help="The voice of the customer on a map.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]


def base_url() -> str:
    return os.environ.get("SAFAR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")


def _show(info: SurveyInfo, responses: int | None = None, waiting: int = 0) -> dict[str, Any]:
    data = info.to_dict()
    data["url"] = base_url() + info.path
    if responses is not None:
        data["responses"] = responses
        data["waiting"] = waiting
    return data


@app.command("create")
def create(
    map_id: Annotated[int, typer.Argument(help="The map the survey is about.")],
    question: Annotated[
        list[str] | None,
        typer.Option(
            "--question",
            "-q",
            help="kind:touchpoint (kind: nps, csat, ces, gap, text); kind alone = whole journey.",
        ),
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="A survey document (YAML or JSON).")] = None,
    title: Annotated[
        str | None, typer.Option("--title", help="Title (default: from the map's title).")
    ] = None,
    one_per_token: Annotated[
        bool, typer.Option("--one-per-token", help="Answer only through personal links, once each.")
    ] = False,
    ask_consent: Annotated[
        bool,
        typer.Option(
            "--ask-consent", help="Ask whether the respondent may be contacted (cases show who they are)."
        ),
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Attach a survey to MAP_ID: quick questions, or a whole document with --file."""
    from safar.maps.yamlio import format_of, load_text
    from safar.surveys import Surveys, parse_survey, quick_survey
    from safar.workspace import Workspace

    use_json(as_json)
    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        if file is not None:
            if question:
                raise InputError("survey.file_or_questions")
            if not file.is_file():
                raise InputError("file.not_found", source=str(file))
            survey = parse_survey(
                load_text(file.read_text(encoding="utf-8"), format_of(file.name), str(file)), str(file)
            )
        else:
            survey = quick_survey(
                workspace.get_map(map_id).document, question or [], title=title, ask_consent=ask_consent
            )
        info = Surveys(workspace).create(map_id, survey, one_per_token=one_per_token)
    if as_json:
        print_json(_show(info))
    else:
        console.print(t("survey.created", survey_id=info.id, url=base_url() + info.path), markup=False)


@app.command("list")
def list_surveys(
    map_id: Annotated[int | None, typer.Option("--map", help="Only this map's surveys.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """The workspace's surveys with their links and numbers of responses."""
    from safar.surveys import Surveys
    from safar.voice.pending import waiting_counts
    from safar.workspace import Workspace

    use_json(as_json)
    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        found = Surveys(workspace).list(map_id)
        waiting = waiting_counts(workspace.engine, workspace.workspace_id)
    counts = _counts(settings, [s.id for s in found])
    if as_json:
        print_json({"surveys": [_show(s, counts[s.id], waiting.get(s.id, 0)) for s in found]})
        return
    table = Table(
        t("survey.col.id"),
        t("survey.col.map"),
        t("survey.col.title"),
        t("survey.col.responses"),
        t("survey.col.link"),
    )
    lang = current_lang()
    for s in found:
        table.add_row(
            format_number(s.id, lang),
            format_number(s.map_id, lang),
            s.survey.title.get(lang),
            format_number(counts[s.id], lang),
            base_url() + s.path,
        )
    show_table(table)


def _counts(settings: Settings, ids: list[int]) -> dict[int, int]:
    from safar.voice.responses import response_counts
    from safar.warehouse import open_warehouse

    if not ids:
        return {}
    with open_warehouse(settings) as warehouse:
        return response_counts(warehouse, ids)


@app.command("show")
def show(survey_id: Annotated[int, typer.Argument()], as_json: JsonOpt = False) -> None:
    """One survey: its questions, link and number of responses."""
    from safar.surveys import Surveys
    from safar.voice.pending import waiting_counts
    from safar.workspace import Workspace

    use_json(as_json)
    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        info = Surveys(workspace).get(survey_id)
        made, used = Surveys(workspace).invitations(survey_id)
        waiting = waiting_counts(workspace.engine, workspace.workspace_id).get(survey_id, 0)
        journey = None if as_json else workspace.get_map(info.map_id).document
    data = _show(info, _counts(settings, [survey_id])[survey_id], waiting) | {
        "invitations": {"made": made, "answered": used}
    }
    if as_json:
        print_json(data)
        return
    lang = current_lang()
    names = {} if journey is None else {s.id: s.name for s in journey.stages}
    names |= {} if journey is None else {tp.id: tp.name for tp in journey.touchpoints()}
    say(f"{info.survey.title.get(lang)} — {data['url']}")
    for q in info.survey.questions:
        where = q.touchpoint or q.stage
        say(f"  {q.id} [{q.kind.value}] {names.get(where, where) if where else '—'}: {q.text.get(lang)}")
    say(t("survey.counts", responses=data["responses"], made=made, answered=used))
    if waiting:
        say(t("survey.waiting", n=waiting))


@app.command("write-waiting")
def write_waiting_command(as_json: JsonOpt = False) -> None:
    """Write the survey answers the server took while another program held the warehouse (the server
    does this by itself every few seconds; this is for when it is stopped)."""
    from safar.store.engine import make_engine, migrate
    from safar.voice.pending import write_waiting

    use_json(as_json)
    settings = Settings.from_env()
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        done = write_waiting(engine, settings)
    finally:
        engine.dispose()
    if as_json:
        print_json({"written": done.written, "waiting": done.waiting, "failed": done.errors})
        return
    say(t("survey.waiting_written", written=done.written, waiting=done.waiting))
    for error in done.errors:
        say(f"  {error}")


@app.command("link")
def link(
    survey_id: Annotated[int, typer.Argument()],
    count: Annotated[int, typer.Option("--count", help="How many anonymous personal links.")] = 0,
    customer: Annotated[
        list[str] | None,
        typer.Option("--customer", help="A personal link for this customer id (repeatable)."),
    ] = None,
    customers_file: Annotated[
        Path | None, typer.Option("--customers-file", help="A personal link per customer id, one per line.")
    ] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="The channel the links are sent through.")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """The survey's public link; with --count/--customer, personal one-answer links (shown once)."""
    from safar.surveys import Surveys, check_link_count
    from safar.workspace import Workspace

    use_json(as_json)
    if count:
        check_link_count(count)  # before the list is made
    wanted: list[str | None] = [None] * count + list(customer or [])
    if customers_file is not None:
        if not customers_file.is_file():
            raise InputError("file.not_found", source=str(customers_file))
        wanted += [
            line.strip() for line in customers_file.read_text(encoding="utf-8").splitlines() if line.strip()
        ]
    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        surveys = Surveys(workspace)
        info = surveys.get(survey_id)
        made = surveys.invite(survey_id, wanted, channel) if wanted else []
    url = base_url() + info.path
    links = [{"customer_id": m.customer_id, "url": f"{url}?t={m.token}"} for m in made]
    if as_json:
        print_json({"survey": survey_id, "url": url, "links": links})
        return
    console.print(url, markup=False)
    for item in links:
        console.print(f"{item['customer_id'] or '-'}\t{item['url']}", markup=False)


@app.command("import")
def import_command(
    survey_id: Annotated[int, typer.Argument()],
    file: Annotated[Path, typer.Argument(help="CSV or Excel (.xlsx) file, one response per row.")],
    column: Annotated[
        list[str] | None,
        typer.Option("--column", help="QUESTION=COLUMN when a column is not named after its question."),
    ] = None,
    response_col: Annotated[
        str | None, typer.Option("--response-col", help="Column with a response id.")
    ] = None,
    customer_col: Annotated[
        str | None, typer.Option("--customer-col", help="Column with the customer id.")
    ] = None,
    time_col: Annotated[
        str | None,
        typer.Option("--time-col", help="Column with the answer time (ISO 8601, Jalali, or --time-format)."),
    ] = None,
    channel_col: Annotated[str | None, typer.Option("--channel-col")] = None,
    lang_col: Annotated[str | None, typer.Option("--lang-col")] = None,
    tz: TzOpt = None,
    calendar: CalendarOpt = "auto",
    time_format: TimeFormatOpt = None,
    encoding: EncodingOpt = None,
    sheet: SheetOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import responses; rejected rows are kept with their reason (`safar events rejected --dataset survey-ID`)."""
    from safar.services.ingestion import import_survey_responses
    from safar.workspace import Workspace

    use_json(as_json)
    mapping: dict[str, str] = {}
    for item in column or []:
        question, sep, name = item.partition("=")
        if not sep or not question.strip() or not name.strip():
            raise InputError("survey.bad_column_map", value=item)
        mapping[question.strip()] = name.strip()
    with Workspace.open(Settings.from_env()) as workspace:
        done = import_survey_responses(
            workspace,
            survey_id,
            file,
            columns=mapping,
            response_col=response_col,
            customer_col=customer_col,
            time_col=time_col,
            channel_col=channel_col,
            lang_col=lang_col,
            tz=tz,
            calendar=calendar,
            time_format=time_format,
            encoding=encoding,
            sheet=sheet,
        )
    say_fired(done.alerts, quiet=as_json)
    report = done.report
    say_reading(report.reading, quiet=as_json)
    if as_json:
        print_json(report.described())
    else:
        say_columns(report.columns)
        console.print(
            t("survey.imported", **{k: v for k, v in report.to_dict().items() if k != "quarantine"}),
            markup=False,
        )


@app.command("export")
def export(
    survey_id: Annotated[int, typer.Argument()],
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write: .csv or .xlsx.")],
    as_json: JsonOpt = False,
) -> None:
    """Write every response, one row each, in the import format (formulas neutralised)."""
    from safar.surveys import Surveys
    from safar.voice.responses import export_responses
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    use_json(as_json)
    settings = Settings.from_env()
    with Workspace.open(settings) as workspace:
        info = Surveys(workspace).get(survey_id)
    with open_warehouse(settings) as warehouse:
        n = export_responses(warehouse, info.survey, info.id, output)
    if as_json:
        print_json({"survey": survey_id, "responses": n, "file": str(output)})
    else:
        console.print(t("survey.exported", responses=n, file=str(output)), markup=False)


def _set_open(survey_id: int, is_open: bool, as_json: bool) -> None:
    from safar.surveys import Surveys
    from safar.workspace import Workspace

    use_json(as_json)
    with Workspace.open(Settings.from_env()) as workspace:
        info = Surveys(workspace).set_open(survey_id, is_open)
    if as_json:
        print_json(_show(info))
    else:
        console.print(
            t("survey.opened" if is_open else "survey.closed_now", survey_id=survey_id), markup=False
        )


@app.command("open")
def open_survey(survey_id: Annotated[int, typer.Argument()], as_json: JsonOpt = False) -> None:
    """Take answers again."""
    _set_open(survey_id, True, as_json)


@app.command("close")
def close_survey(survey_id: Annotated[int, typer.Argument()], as_json: JsonOpt = False) -> None:
    """Stop taking answers (the link then says the survey is closed)."""
    _set_open(survey_id, False, as_json)


@voice.command("report")
def report(
    map_id: Annotated[int, typer.Argument()],
    by: Annotated[
        str | None, typer.Option("--by", help="Also break down by: channel, period or segment:ATTRIBUTE.")
    ] = None,
    period: PeriodOpt = "month",
    min_n: Annotated[int, typer.Option("--min-n", help="Below this n a figure is marked small.")] = 30,
    as_json: JsonOpt = False,
) -> None:
    """NPS, CSAT, CES, sentiment and the measured emotion per touchpoint and stage of MAP_ID."""
    from safar.context import Context
    from safar.services.results import current
    from safar.services.voice import voice

    use_json(as_json)
    with Context.open() as ctx:
        data = current(ctx, voice, map_id, by=by, period=period, min_n=min_n).model_dump(mode="json")
    if as_json:
        print_json(data)
        return
    table = Table(
        t("survey.col.touchpoint"),
        "NPS",
        "CSAT",
        "CES",
        t("survey.col.comments"),
        t("survey.col.negative"),
        t("survey.col.measured"),
        t("survey.col.assumed"),
    )
    lang = current_lang()
    for row in [r for r in data["touchpoints"] if r["answers"] or r["comments"]]:
        m = row["metrics"]
        table.add_row(
            row["name"],
            _fmt(m.get("nps"), lang),
            _fmt(m.get("csat"), lang),
            _fmt(m.get("ces"), lang),
            format_number(row["comments"], lang),
            "" if row["negative_share"] is None else format_percent(100 * row["negative_share"], lang, 0),
            ""
            if row["measured_emotion"] is None
            else format_number(row["measured_emotion"], lang, "+.2f") + (" !" if row["flagged"] else ""),
            "" if row["assumed_emotion"] is None else format_number(row["assumed_emotion"], lang, "+d"),
        )
    show_table(table)
    if data["trend"]:
        show_table(_trend_table(data["trend"], lang))
    say(t("survey.report_totals", responses=data["responses"], comments=data["comments"]))


def _trend_table(trend: dict[str, list[dict[str, Any]]], lang: str) -> Table:
    """The map's NPS, CSAT and CES per period, each period by its name (Jalali months in Persian)."""
    periods: dict[str, str] = {}
    cells: dict[tuple[str, str], dict[str, Any]] = {}
    for metric, rows in trend.items():
        for row in rows:
            periods[row["period"]] = row["label"]
            cells[(row["period"], metric)] = row
    table = Table(t("web.period"), "NPS", "CSAT", "CES", title=t("web.trend"))
    for start in sorted(periods):
        table.add_row(periods[start], *(_fmt(cells.get((start, m)), lang) for m in ("nps", "csat", "ces")))
    return table


def _fmt(result: dict[str, Any] | None, lang: str) -> str:
    if not result:
        return ""
    value = result["value"]
    shown = format_percent(value, lang) if result["metric"] == "csat" else format_number(value, lang, ".1f")
    return f"{shown} (n={format_number(result['n'], lang)})" + ("*" if result["small_n"] else "")
