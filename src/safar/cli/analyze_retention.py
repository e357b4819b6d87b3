"""`safar analyze retention | churn | health`: cohort retention, churn and churn risk, and customer health from the
command line (docs/retention.md). A thin adapter over :mod:`safar.services.retention` and
:mod:`safar.services.health`, commands of the ``safar analyze`` group (:mod:`safar.cli.analyze`); tables in the
reader's language, or with ``--json`` the service's document.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from safar.cli.analyze import Dataset, Json, MapId
from safar.cli.figures import print_table
from safar.i18n import current_lang, to_persian_digits, translate

__all__ = ["churn_command", "health_command", "retention_command"]


def _pct(value: float | None, fa: bool) -> str:
    if value is None:
        return "—"
    text = f"{value * 100:.0f}%"
    return to_persian_digits(text.replace("%", "٪")) if fa else text


def _n(value: Any, fa: bool) -> str:
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return to_persian_digits(text.replace(",", "٬")) if fa else text


def retention_command(
    dataset: Dataset,
    period: Annotated[str, typer.Option("--period", help="day, week, month, quarter or year.")] = "month",
    start_touchpoint: Annotated[
        str | None, typer.Option("--start-touchpoint", help="Cohorts from each customer's first visit here.")
    ] = None,
    start_activity: Annotated[
        str | None, typer.Option("--start-activity", help="Cohorts from each customer's first event of this.")
    ] = None,
    value: Annotated[
        str | None, typer.Option("--value", help="An event attribute holding money: revenue per cohort.")
    ] = None,
    map_id: MapId = None,
    as_json: Json = False,
) -> None:
    """Cohort retention: customers grouped by the period they started in (of your calendar: Jalali months in
    Persian), and how many come back in each later period."""
    from safar.context import Context
    from safar.services.retention import retention

    with Context.open() as ctx:
        found = retention(
            ctx,
            dataset,
            period=period,
            start_touchpoint=start_touchpoint,
            start_activity=start_activity,
            value=value,
            map_id=map_id,
        )
    if as_json:
        typer.echo(json.dumps(found.model_dump(mode="json"), ensure_ascii=False))
        return
    lang = current_lang()
    fa = lang == "fa"
    longest = max((len(c.retained) for c in found.cohorts), default=0)
    table = Table(title=translate("retention.cohorts", lang))
    table.add_column(translate("retention.cohort", lang))
    table.add_column(translate("retention.size", lang), justify="right")
    for k in range(longest):
        table.add_column(_n(k, fa), justify="right")
    for c in found.cohorts:
        table.add_row(c.cohort, _n(c.size, fa), *(_pct(r, fa) for r in c.rates))
    table.add_row(
        translate("retention.average", lang), _n(found.customers, fa), *(_pct(r, fa) for r in found.average)
    )
    print_table(Console(), table, lang)
    if found.partial:
        typer.echo(translate("retention.partial", lang))


def churn_command(
    dataset: Dataset,
    inactive: Annotated[
        str, typer.Option("--inactive", help="Churned after no event for this long: 90d, 12w…")
    ] = "90d",
    churn_event: Annotated[
        str | None,
        typer.Option("--churn-event", help="Or: churned at this activity (and no event after it)."),
    ] = None,
    horizon: Annotated[
        str | None,
        typer.Option("--horizon", help="With --churn-event and --risk: how far ahead the risk looks."),
    ] = None,
    risk: Annotated[
        bool, typer.Option("--risk", help="Learn the churn-risk model and list the customers most at risk.")
    ] = False,
    top: Annotated[int, typer.Option("--top", help="How many customers at risk to list.")] = 20,
    period: Annotated[str, typer.Option("--period", help="The cohorts' period.")] = "month",
    map_id: MapId = None,
    as_json: Json = False,
) -> None:
    """Who has churned (no event for --inactive, or an explicit --churn-event), per cohort; with --risk, the
    churn-risk model (validated on a time split), what raises or lowers the risk, and who is most at risk."""
    from safar.context import Context
    from safar.services.retention import churn

    with Context.open() as ctx:
        found = churn(
            ctx,
            dataset,
            inactive=inactive,
            churn_event=churn_event,
            horizon=horizon,
            risk=risk,
            top=top,
            period=period,
            map_id=map_id,
        )
    if as_json:
        typer.echo(json.dumps(found.model_dump(mode="json"), ensure_ascii=False))
        return
    lang = current_lang()
    fa = lang == "fa"
    console = Console()
    console.print(
        f"{translate('retention.churned', lang)}: {_n(found.churned, fa)} / {_n(found.customers, fa)} "
        f"({_pct(found.share, fa)})",
        markup=False,
        highlight=False,
    )
    table = Table(title=translate("retention.churn", lang))
    for name in ("retention.cohort", "retention.size", "retention.churned", "retention.churn_share"):
        table.add_column(translate(name, lang))
    for c in found.cohorts:
        table.add_row(c.cohort, _n(c.customers, fa), _n(c.churned, fa), _pct(c.share, fa))
    print_table(console, table, lang)
    if found.risk is None:
        return
    if not found.risk.available:
        console.print(found.risk.reason or "", markup=False, highlight=False)
        return
    v = found.risk.validation
    if v is not None:
        auc = "—" if v.auc is None else f"{v.auc:.3f}"
        console.print(
            f"AUC {_n(auc, fa)} · Brier {_n(f'{v.brier:.3f}', fa)} · {_n(v.test_customers, fa)}",
            markup=False,
            highlight=False,
        )
    effects = Table(title=translate("retention.effects", lang))
    effects.add_column(translate("retention.feature", lang))
    effects.add_column(translate("retention.odds", lang), justify="right")
    for e in found.risk.effects:
        effects.add_row(e.name, _n(f"{e.odds_ratio:.2f}", fa))
    print_table(console, effects, lang)
    listed = Table(title=translate("retention.at_risk", lang))
    for name in ("retention.customer", "retention.risk_value", "retention.events", "retention.reasons"):
        listed.add_column(translate(name, lang))
    for person in found.risk.customers:
        said = ("، " if fa else ", ").join(person.reasons)
        listed.add_row(person.customer_id, _pct(person.risk, fa), _n(person.events, fa), said)
    print_table(console, listed, lang)


def health_command(
    dataset: Dataset,
    window: Annotated[
        str, typer.Option("--window", help="Recency and frequency are read over this span.")
    ] = "90d",
    trend: Annotated[str, typer.Option("--trend", help="Compare each score with this long before.")] = "30d",
    weights: Annotated[
        str | None,
        typer.Option(
            "--weights", help="COMPONENT=NUMBER,…: recency, frequency, survey, sentiment, contacts, cases."
        ),
    ] = None,
    contacts: Annotated[
        str | None,
        typer.Option("--contacts", help="Comma-separated activities that are contacts (fewer: healthier)."),
    ] = None,
    segment_attr: Annotated[
        str | None, typer.Option("--segment-attr", help="An attribute: the distribution per its values.")
    ] = None,
    lowest: Annotated[
        int, typer.Option("--lowest", help="How many customers in the worst health to list.")
    ] = 20,
    band: Annotated[
        int | None,
        typer.Option(
            "--band", min=0, max=4, help="List this band's customers: 0 (0-20 points) … 4 (80-100)."
        ),
    ] = None,
    value: Annotated[
        str | None,
        typer.Option("--value", help='With --segment-attr: list this value\'s customers ("": without one).'),
    ] = None,
    account_attr: Annotated[
        str | None,
        typer.Option(
            "--account-attr", help="An attribute naming each customer's account: each account's health."
        ),
    ] = None,
    map_id: MapId = None,
    as_json: Json = False,
) -> None:
    """Customer health: a score 0-100 per customer from recency, frequency, their latest NPS answer, the sentiment
    of their comments, contacts and open cases (weights configurable); its trend and distribution."""
    from safar.context import Context
    from safar.services.health import customer_health

    with Context.open() as ctx:
        found = customer_health(
            ctx,
            dataset,
            window=window,
            trend=trend,
            weights=weights,
            contacts=contacts,
            segment=segment_attr,
            map_id=map_id,
            lowest=lowest,
            band=band,
            value=value,
            account=account_attr,
        )
    if as_json:
        typer.echo(json.dumps(found.model_dump(mode="json"), ensure_ascii=False))
        return
    lang = current_lang()
    fa = lang == "fa"
    console = Console()

    def points(value: float | None) -> str:
        return "—" if value is None else _n(f"{value:.0f}", fa)

    console.print(
        translate(
            "health.summary",
            lang,
            mean=points(found.mean),
            customers=_n(found.customers, fa),
            before=points(found.mean_before),
            days=_n(found.trend_days, fa),
            improved=_n(found.improved, fa),
            worsened=_n(found.worsened, fa),
        ),
        markup=False,
        highlight=False,
    )
    bands = Table(title=translate("health.title", lang))
    bands.add_column(translate("health.band", lang))
    bands.add_column(translate("retention.size", lang), justify="right")
    for b in found.bands:
        bands.add_row(_n(f"{b.low}–{b.high}", fa), _n(b.customers, fa))
    print_table(console, bands, lang)
    worst = Table(title=translate("health.lowest", lang))
    worst.add_column(translate("retention.customer", lang))
    worst.add_column(translate("health.score", lang), justify="right")
    for name in found.names:
        if found.weights.get(name):
            worst.add_column(found.names[name], justify="right")
    for c in found.lowest:
        cells = [
            _pct(c.components.get(n), fa) if n in c.components else "—"
            for n in found.names
            if found.weights.get(n)
        ]
        worst.add_row(c.customer_id, points(c.score), *cells)
    print_table(console, worst, lang)
    if found.account:
        accounts = Table(title=translate("health.lowest_accounts", lang, n=_n(found.accounts, fa)))
        for name in ("health.account", "retention.size", "health.score", "health.change", "health.weakest"):
            accounts.add_column(translate(name, lang))
        for a in found.lowest_accounts:
            change = "—" if a.change is None else _n(f"{a.change:+.0f}", fa)
            accounts.add_row(a.account, _n(a.customers, fa), points(a.score), change, a.weakest)
        print_table(console, accounts, lang)
