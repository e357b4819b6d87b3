"""``safar customer``: one customer's whole history (``show``) and the search that finds them (``find``).

A thin adapter over :mod:`safar.services.customer_history`, the functions behind the pages
``/w/{ws}/customers/{id}`` and ``/w/{ws}/customers?q=…`` and their JSON twins: ``--json`` prints the
document the API returns; otherwise tables in the user's language.
"""

from __future__ import annotations

from typing import Annotated

import typer

from safar.cli.figures import say, show_table
from safar.cli.output import print_json, t, use_json
from safar.errors import InputError
from safar.i18n import current_lang, format_number

app = typer.Typer(help="One customer's whole history, and finding customers.", no_args_is_help=True)


@app.command("show")
def show_command(
    customer_id: Annotated[str, typer.Argument(metavar="ID", help="The customer's id as stored.")],
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="One dataset (default: every dataset of the workspace).")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="The newest timeline items to list (1–5000).")] = 500,
    as_json: Annotated[bool, typer.Option("--json", help="Print the history as JSON.")] = False,
) -> None:
    """Datasets and attributes, where they are on each map, and their events, comments and answers."""
    import pydantic
    from rich.table import Table

    from safar.context import Context
    from safar.services.customer_history import CustomerQuery, customer_history

    use_json(as_json)
    try:
        query = CustomerQuery(customer_id=customer_id, dataset=dataset, limit=limit)
    except pydantic.ValidationError as exc:
        where = str(exc.errors()[0]["loc"][0])
        option = {"customer_id": "ID", "dataset": "--dataset", "limit": "--limit"}.get(where, where)
        raise InputError(
            "customer.bad_option", option=option, value=str(exc.errors()[0].get("input", ""))[:80]
        ) from None
    with Context.open() as ctx:
        history = customer_history(ctx, query)
    if as_json:
        print_json(history.model_dump(mode="json"))
        return
    lang = current_lang()
    say(t("customer.title", customer=history.customer_id))
    for d in history.datasets:
        if d.events:
            say(
                t(
                    "customer.in_dataset",
                    dataset=d.dataset,
                    events=format_number(d.events, lang),
                    first=d.first or "",
                    last=d.last or "",
                )
            )
        else:
            say(t("customer.in_dataset_none", dataset=d.dataset))
        for key, value in d.every_attribute():
            say(f"  {key}: {value}")
    say(t("customer.journeys"))
    if not history.journeys:
        say("  " + t("customer.no_journeys"))
    for j in history.journeys:
        now = t(
            "customer.journey_now",
            touchpoint=j.last_touchpoint_name,
            stage=j.last_stage_name,
            when=j.last,
            steps=format_number(j.steps, lang),
        )
        furthest = t(
            "customer.journey_furthest",
            stage=j.furthest_stage_name,
            number=format_number(j.stage_number, lang),
            stages=format_number(j.stages, lang),
        )
        end = f" · {t('customer.journey_end')}" if j.at_the_end else ""
        say(f"  {j.map_title}: {now}. {furthest}{end}")
    if history.alerts:
        say(t("customer.alerts"))
    for a in history.alerts:
        rows = t(
            "customer.alert_rows",
            rows=format_number(a.rows, lang),
            hits=format_number(a.hits, lang),
            label=a.hit_label,
        )
        say(f"  {a.fired}: {a.text} ({rows})")
    counts = t(
        "customer.counts",
        events=format_number(history.counts["event"], lang),
        comments=format_number(history.counts["comment"], lang),
        answers=format_number(history.counts["answer"], lang),
    )
    say(counts)
    table = Table(title=t("customer.timeline"))
    table.add_column("")
    table.add_column("")
    table.add_column("")
    for item in history.timeline:
        if item.kind == "event":
            what = item.activity or ""
            if item.channel_name:
                what += f" · {item.channel_name}"
            where = "; ".join(
                t(
                    "customer.on_map",
                    map=p.map_title,
                    touchpoint=p.touchpoint_name,
                    stage=p.stage_name,
                )
                for p in item.places
            ) or t("customer.off_map")
            what += f"\n{where}"
        elif item.kind == "comment":
            what = f"«{item.text}» · {t('web.label_' + (item.label or 'neutral'))}"
        else:
            answer = (
                format_number(item.value, lang, "g")
                if item.value is not None
                else item.choice or item.text or "—"
            )
            what = f"{item.question}: {answer}\n{item.survey_title or ''}"
        table.add_row(item.time or t("customer.no_time"), t(f"customer.kind.{item.kind}"), what)
    show_table(table)
    if history.shown < history.total:
        say(
            t(
                "customer.shown",
                shown=format_number(history.shown, lang),
                total=format_number(history.total, lang),
            )
        )


@app.command("find")
def find_command(
    text: Annotated[str, typer.Argument(metavar="TEXT", help="Part of a customer's id or of an attribute.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the customers found as JSON.")] = False,
) -> None:
    """Customers whose id or one of whose attributes holds TEXT (ids first, at most 50)."""
    from rich.table import Table

    from safar.context import Context
    from safar.services.customer_history import find_customers

    use_json(as_json)
    with Context.open() as ctx:
        found = find_customers(ctx, text)
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    lang = current_lang()
    if not found.customers:
        say(t("customer.none_found", text=found.text))
        return
    table = Table(title=t("customer.found", n=format_number(len(found.customers), lang)))
    for code in ("id", "dataset", "attributes", "events", "last"):
        table.add_column(t(f"customer.col.{code}"), justify="right" if code == "events" else "left")
    for c in found.customers:
        attributes = ", ".join(f"{k}: {v}" for k, v in c.attributes.items()) or "—"
        table.add_row(c.customer_id, c.dataset, attributes, format_number(c.events, lang), c.last or "—")
    show_table(table)
    if found.more:
        say(t("customer.more", n=format_number(len(found.customers), lang)))
