"""``safar map customers``: the customers behind a count of the canvas or the journeys page.

A thin adapter over :func:`safar.services.customers.map_customers`, the function behind the page
``/w/{ws}/maps/{id}/customers`` and its JSON twin: the same filter, the same customers. With
``--out`` the whole list is written to a CSV or XLSX file (formulas neutralised); with ``--json``
one page of it is printed as the API gives it; otherwise as a table in the user's language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from safar.cli.exports import out_format, write_out
from safar.cli.figures import say, show_table
from safar.cli.output import print_json, t, use_json
from safar.errors import InputError
from safar.i18n import current_lang, format_datetime, format_number


def customers_command(
    map_id: Annotated[int, typer.Argument(help="Journey map id.")],
    touchpoint: Annotated[
        str | None, typer.Option("--touchpoint", metavar="ID", help="Customers who reached this touchpoint.")
    ] = None,
    stage: Annotated[
        str | None, typer.Option("--stage", metavar="ID", help="Customers who reached this stage.")
    ] = None,
    converted_from: Annotated[
        str | None,
        typer.Option(
            "--converted-from", metavar="ID", help="Customers who went on to a later stage after it."
        ),
    ] = None,
    funnel_step: Annotated[
        int | None,
        typer.Option(
            "--funnel-step", metavar="N", help="Customers who reached step N (from 1) of the stage funnel."
        ),
    ] = None,
    dropped_after: Annotated[
        str | None,
        typer.Option(
            "--dropped-after", metavar="ID", help="Customers who stopped after this touchpoint or stage."
        ),
    ] = None,
    completed: Annotated[
        bool, typer.Option("--completed", help="Customers who completed the journey (with --at: there).")
    ] = False,
    unobserved: Annotated[
        bool,
        typer.Option(
            "--unobserved", help="Customers whose next stage has no data (with --at: last seen there)."
        ),
    ] = False,
    at: Annotated[
        str | None,
        typer.Option("--at", metavar="ID", help="With --completed or --unobserved: the last step."),
    ] = None,
    variant: Annotated[
        str | None,
        typer.Option(
            "--variant", metavar="A,B,…", help="Customers whose whole journey is exactly these steps."
        ),
    ] = None,
    from_step: Annotated[
        int | None,
        typer.Option(
            "--from-step",
            min=1,
            max=1000,
            metavar="K",
            help="With --variant: journeys with these steps from their K-th step on, not whole journeys "
            "(a node or a flow of the paths diagram).",
        ),
    ] = None,
    breakdown: Annotated[
        str | None,
        typer.Option(
            "--breakdown",
            metavar="BY",
            help="With --funnel-step: one group of the funnel's breakdown (channel, segment:ATTR or "
            "persona:ID), named by --group (none: the customers without one).",
        ),
    ] = None,
    group: Annotated[str | None, typer.Option("--group", metavar="VALUE", help="With --breakdown.")] = None,
    began_from: Annotated[
        str | None,
        typer.Option(
            "--began-from",
            metavar="TIME",
            help="With --funnel-step and --began-until: customers whose funnel began in that period (a period "
            "of the funnel's comparison; Jalali or Gregorian, in SAFAR_TZ).",
        ),
    ] = None,
    began_until: Annotated[str | None, typer.Option("--began-until", metavar="TIME")] = None,
    flow_from: Annotated[
        str | None,
        typer.Option(
            "--flow-from",
            metavar="TP",
            help="With --path: customers whose steps after their first visit to touchpoint TP began so "
            "(a path of `safar analyze paths --from`).",
        ),
    ] = None,
    flow_to: Annotated[
        str | None,
        typer.Option(
            "--flow-to", metavar="TP", help="With --path: customers whose steps before TP were these."
        ),
    ] = None,
    path: Annotated[
        str | None,
        typer.Option(
            "--path", metavar="A,B,…", help="The path's steps in time order, as the paths list them."
        ),
    ] = None,
    broke: Annotated[
        str | None,
        typer.Option(
            "--broke",
            metavar="RULE",
            help="Customers who broke the map's rule (starts_with, must_follow, within, must_not_skip) about "
            "--stages (`safar analyze rules`).",
        ),
    ] = None,
    stages: Annotated[
        str | None, typer.Option("--stages", metavar="A[,B]", help="With --broke: the rule's stages.")
    ] = None,
    within: Annotated[
        str | None, typer.Option("--within", metavar="7d", help="With --broke within: the time allowed.")
    ] = None,
    level: Annotated[
        str | None,
        typer.Option("--level", help="touchpoint or stage (default: found from the ids given)."),
    ] = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Default: the first the map's rules name.")
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            help="With --start: only customers whose journey started in this day, week, month, quarter or "
            "year (a KPI trend's point; Jalali in Persian unless SAFAR_CALENDAR says otherwise).",
        ),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(
            "--start", metavar="DAY", help="A day of that period (1402/05/01 or 2023-07-23, in SAFAR_TZ)."
        ),
    ] = None,
    page: Annotated[int, typer.Option("--page", min=1, help="Which page of the list.")] = 1,
    per_page: Annotated[int, typer.Option("--per-page", min=1, max=500, help="Customers per page.")] = 50,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the whole list to this .csv or .xlsx file.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
) -> None:
    """The customers behind a count: who reached, went on from, stopped after or completed a step."""
    from safar.context import Context
    from safar.services.customers import CustomerFilter, export_customers, map_customers, typed_day

    use_json(as_json)
    analysis = _analysis_filter(flow_from, flow_to, path, broke, stages, within)
    chosen = CustomerFilter.model_validate(
        _filter(
            touchpoint,
            stage,
            converted_from,
            funnel_step,
            dropped_after,
            completed,
            unobserved,
            at,
            variant,
            from_step,
            analysis=bool(analysis),
        )
        | analysis
        | {
            k: v
            for k, v in (("level", level), ("dataset", dataset), ("breakdown", breakdown), ("group", group))
            if v is not None
        }
    )
    fmt = out_format(out)
    with Context.open() as ctx:
        if period is not None or start is not None:
            day = typed_day(start, ctx.calendar, option="--start") if start is not None else None
            chosen = chosen.model_copy(update={"period": period, "start": day})
        if began_from is not None or began_until is not None:
            from safar.events.dates import read_moment

            chosen = chosen.model_copy(
                update={
                    "began_from": read_moment(began_from, ctx.calendar.tz, option="--began-from")
                    if began_from
                    else None,
                    "began_until": read_moment(began_until, ctx.calendar.tz, option="--began-until")
                    if began_until
                    else None,
                }
            )
        result = map_customers(
            ctx, map_id, chosen, page=1 if fmt else page, per_page=None if fmt else per_page
        )
    if fmt is not None and out is not None:
        body = export_customers(result, fmt, current_lang())
        write_out(
            out,
            body,
            total=result.total,
            description=result.description,
            written="customers.written",
            as_json=as_json,
        )
        return
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    _print(result)


def _filter(
    touchpoint: str | None,
    stage: str | None,
    converted_from: str | None,
    funnel_step: int | None,
    dropped_after: str | None,
    completed: bool,
    unobserved: bool,
    at: str | None,
    variant: str | None,
    from_step: int | None = None,
    *,
    analysis: bool = False,
) -> dict[str, object]:
    """The options as one filter; more than one choice of customers is refused (``analysis``: a path or a rule
    was chosen too)."""
    given: list[tuple[str, dict[str, object]]] = []
    if analysis:
        given.append(("--flow-from/--flow-to/--broke", {}))
    if touchpoint:
        given.append(("--touchpoint", {"kind": "reached", "step": touchpoint, "level": "touchpoint"}))
    if stage:
        given.append(("--stage", {"kind": "reached", "step": stage, "level": "stage"}))
    if converted_from:
        given.append(("--converted-from", {"kind": "converted", "step": converted_from}))
    if funnel_step is not None:
        given.append(("--funnel-step", {"kind": "funnel", "index": funnel_step}))
    if dropped_after:
        given.append(("--dropped-after", {"kind": "dropped", "step": dropped_after}))
    if completed:
        given.append(("--completed", {"kind": "completed", "step": at}))
    if unobserved:
        given.append(("--unobserved", {"kind": "unobserved", "step": at}))
    if variant:
        steps = [s.strip() for s in variant.split(",") if s.strip()]
        if from_step is None:
            given.append(("--variant", {"kind": "variant", "steps": steps}))
        else:
            given.append(("--variant", {"kind": "position", "steps": steps, "index": from_step}))
    elif from_step is not None:
        raise InputError("customers.from_step_alone")
    if len(given) > 1:
        raise InputError("customers.one_filter", given=[name for name, _ in given])
    if at and not (completed or unobserved):
        raise InputError("customers.at_alone")
    chosen = given[0][1] if given else {"kind": "all"}
    return {k: v for k, v in chosen.items() if v is not None}


def _analysis_filter(
    flow_from: str | None,
    flow_to: str | None,
    path: str | None,
    broke: str | None,
    stages: str | None,
    within: str | None,
) -> dict[str, object]:
    """A path's or a broken rule's customers (the journey analyses' counts) as a filter."""
    if flow_from and flow_to:
        raise InputError("customers.one_filter", given=["--flow-from", "--flow-to"])
    if flow_from or flow_to:
        steps = [s.strip() for s in (path or "").split(",") if s.strip()]
        return {
            "kind": "flow",
            "step": flow_from or flow_to,
            "direction": "from" if flow_from else "to",
            "steps": steps,
        }
    if broke:
        where = [s.strip() for s in (stages or "").split(",") if s.strip()]
        chosen: dict[str, object] = {"kind": "rule", "rule": broke, "steps": where}
        return chosen | ({"within": within} if within else {})
    return {}


def _print(result: object) -> None:
    from rich.table import Table

    from safar.services.customers import CustomersResult

    assert isinstance(result, CustomersResult)
    lang = current_lang()
    say(result.description.replace("\u2068", "").replace("\u2069", ""))
    say(
        t("customers.count", n=format_number(result.total, lang))
        + " · "
        + t(
            "customers.page_of",
            page=format_number(result.page, lang),
            pages=format_number(result.pages, lang),
        )
    )
    if not result.customers:
        return
    table = Table(
        *(
            t(f"customers.col.{key}")
            for key in ("customer_id", "segment", "last_touchpoint_name", "last_seen")
        )
    )
    table.add_column(t("customers.col.events"), justify="right")
    for c in result.customers:
        table.add_row(
            c.customer_id,
            c.segment or "—",
            c.last_touchpoint_name or c.last_activity,
            format_datetime(c.last_event_at, lang),
            format_number(c.events, lang),
        )
    show_table(table)
    if result.page < result.pages:
        say(t("customers.more", page=result.page + 1))
