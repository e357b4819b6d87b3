"""`safar alerts …`: alert rules, department webhooks, the check (after ingest, from cron, or a watch
loop) and the feed. A thin adapter over :mod:`safar.alerts`; every command has ``--json``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from safar.cli.figures import show_table
from safar.cli.output import SafarGroup, print_json, t, use_json
from safar.config import Settings
from safar.i18n import current_lang, format_datetime, format_number, format_percent, to_persian_digits
from safar.i18n.units import format_duration

if TYPE_CHECKING:
    from safar.alerts import CheckResult

app = typer.Typer(
    cls=SafarGroup, help="Alerts: rules with a statistical guard, webhooks, the feed.", no_args_is_help=True
)
rule_app = typer.Typer(cls=SafarGroup, help="Add or remove an alert rule.", no_args_is_help=True)
destination_app = typer.Typer(cls=SafarGroup, help="Department webhooks.", no_args_is_help=True)
app.add_typer(rule_app, name="rule")
app.add_typer(destination_app, name="destination")

Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]
MapOpt = Annotated[int | None, typer.Option("--map", help="Only the rules of this map.")]


def _num(value: Any) -> str:
    text = str(value)
    return to_persian_digits(text) if current_lang() == "fa" else text


def _pct(value: float | None) -> str:
    return format_percent(None if value is None else value * 100, current_lang())


def _print(table: Table) -> None:
    show_table(table)


@app.command("rules")
def rules_command(map_id: MapOpt = None, as_json: Json = False) -> None:
    """List the alert rules (of one map with --map)."""
    from safar.context import Context
    from safar.services.alerts import alert_rules

    use_json(as_json)
    with Context.open() as ctx:
        found = alert_rules(ctx, map_id)
    if as_json:
        print_json([r.model_dump(mode="json") for r in found])
        return
    lang = current_lang()
    table = Table(*(t(f"alerts.label.{c}") for c in ("id", "map", "target", "kind", "owner", "guard")))
    for r in found:
        p = r.params
        guard = (
            f"n≥{format_number(p['min_n'], lang)} α={format_number(p['alpha'], lang)} "
            f"Δ≥{format_percent(100 * p['min_effect'], lang, 0)} "
            f"{format_duration(p['window'], lang)}/{format_duration(p['baseline'], lang)}"
        )
        if r.kind == "wait_exceeds":
            guard = f"> {format_duration(p['threshold'], lang)}" + (
                f" · {p['queue']}" if p.get("queue") else ""
            )
        table.add_row(
            _num(r.id),
            _num(r.map_id),
            f"{t('alerts.label.' + r.target.kind)}: {r.target.name or r.target.id}",
            t(f"alerts.kind.{r.kind}"),
            r.owner or "—",
            guard,
        )
    _print(table)


@rule_app.command("add")
def rule_add(
    map_id: Annotated[int, typer.Argument(help="The map the rule watches.")],
    kind: Annotated[
        str,
        typer.Option(
            "--kind",
            help="satisfaction_falls, conversion_drops, unanswered_rises, negative_sentiment_rises or "
            "wait_exceeds.",
        ),
    ],
    touchpoint: Annotated[str | None, typer.Option("--touchpoint", help="Watch this touchpoint.")] = None,
    stage: Annotated[str | None, typer.Option("--stage", help="Watch the touchpoints of this stage.")] = None,
    channel: Annotated[
        str | None, typer.Option("--channel", help="Watch the map's touchpoints in this channel.")
    ] = None,
    metric: Annotated[
        str | None, typer.Option("--metric", help="satisfaction_falls: csat (top-2-box, default) or nps.")
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="conversion_drops: the touchpoint that counts (default: any later stage)."),
    ] = None,
    dataset: Annotated[
        str | None, typer.Option("--dataset", help="Events dataset (default: the map's).")
    ] = None,
    min_n: Annotated[int | None, typer.Option("--min-n", help="Minimum n in each window (30).")] = None,
    alpha: Annotated[
        float | None, typer.Option("--alpha", help="One-sided significance level (0.01).")
    ] = None,
    min_effect: Annotated[
        float | None, typer.Option("--min-effect", help="Minimum change, as a fraction (0.05 = 5 points).")
    ] = None,
    window: Annotated[str | None, typer.Option("--window", help="Recent window (7d).")] = None,
    baseline: Annotated[
        str | None, typer.Option("--baseline", help="Baseline window before it (28d).")
    ] = None,
    within: Annotated[
        str | None, typer.Option("--within", help="Follow-up time of the behaviour rules (1d).")
    ] = None,
    guard: Annotated[str | None, typer.Option("--guard", help="ztest (default), pchart or both.")] = None,
    cooldown: Annotated[str | None, typer.Option("--cooldown", help="No second alert within (1d).")] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Department to alert (default: the touchpoint's owner).")
    ] = None,
    enter: Annotated[
        str | None, typer.Option("--enter", help="wait_exceeds: activities of entering the queue.")
    ] = None,
    answer: Annotated[
        str | None, typer.Option("--answer", help="wait_exceeds: activities of the answer.")
    ] = None,
    abandon: Annotated[
        str | None, typer.Option("--abandon", help="wait_exceeds: activities of the abandon.")
    ] = None,
    queue: Annotated[
        str | None, typer.Option("--queue", help="wait_exceeds: one queue (default: all).")
    ] = None,
    contact_col: Annotated[
        str | None, typer.Option("--contact-col", help="wait_exceeds: the contact id column (contact_id).")
    ] = None,
    queue_col: Annotated[
        str | None, typer.Option("--queue-col", help="wait_exceeds: the queue column (queue).")
    ] = None,
    threshold: Annotated[
        str | None, typer.Option("--threshold", help="wait_exceeds: alert above this expected wait, e.g. 5m.")
    ] = None,
    recent: Annotated[
        str | None, typer.Option("--recent", help="wait_exceeds: window of the recent mean (30m).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Add an alert rule on a touchpoint, stage or channel of MAP_ID."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    params = {
        "metric": metric,
        "to": to,
        "dataset": dataset,
        "min_n": min_n,
        "alpha": alpha,
        "min_effect": min_effect,
        "window": window,
        "baseline": baseline,
        "within": within,
        "guard": guard,
        "enter": enter,
        "answer": answer,
        "abandon": abandon,
        "queue": queue,
        "contact_col": contact_col,
        "queue_col": queue_col,
        "threshold": threshold,
        "recent": recent,
    }
    with Workspace.open(Settings.from_env()) as ws:
        rule = Alerts(ws).add_rule(
            map_id,
            kind=kind,
            touchpoint=touchpoint,
            stage=stage,
            channel=channel,
            params=params,
            owner=owner,
            cooldown=cooldown,
        )
    if as_json:
        print_json(rule.to_dict())
    else:
        typer.echo(t("alerts.label.rule_added", id=rule.id))


@rule_app.command("remove")
def rule_remove(rule_id: Annotated[int, typer.Argument()], as_json: Json = False) -> None:
    """Remove a rule; the alerts it fired stay in the feed."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    with Workspace.open(Settings.from_env()) as ws:
        Alerts(ws).remove_rule(rule_id)
    if as_json:
        print_json({"removed": rule_id})
    else:
        typer.echo(t("alerts.label.rule_removed", id=rule_id))


@destination_app.command("set")
def destination_set(
    department: Annotated[str, typer.Argument(help="Department name as in the touchpoints' owner, or '*'.")],
    url: Annotated[str, typer.Argument(help="Webhook URL (http or https) that receives the POST.")],
    attempts: Annotated[int | None, typer.Option("--attempts", help="Attempts per alert (4).")] = None,
    backoff: Annotated[
        str | None, typer.Option("--backoff", help="Wait before the 2nd attempt, doubling after (1s).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Send DEPARTMENT's alerts to URL."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    with Workspace.open(Settings.from_env()) as ws:
        dest = Alerts(ws).set_destination(department, url, attempts=attempts, backoff=backoff)
    if as_json:
        print_json(dest.to_dict())
    else:
        typer.echo(t("alerts.label.destination_set", department=dest.department, url=dest.url))


@destination_app.command("remove")
def destination_remove(department: Annotated[str, typer.Argument()], as_json: Json = False) -> None:
    """Stop sending DEPARTMENT's alerts anywhere."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    with Workspace.open(Settings.from_env()) as ws:
        Alerts(ws).remove_destination(department)
    if as_json:
        print_json({"removed": department})
    else:
        typer.echo(t("alerts.label.destination_removed", department=department))


@app.command("destinations")
def destinations_command(as_json: Json = False) -> None:
    """List the department webhooks."""
    from safar.context import Context
    from safar.services.alerts import alert_destinations

    use_json(as_json)
    with Context.open() as ctx:
        found = alert_destinations(ctx, reveal_urls=True)  # the CLI runs with the workspace's own rights
    if as_json:
        print_json([d.model_dump(mode="json") for d in found])
        return
    table = Table(t("alerts.label.owner"), "URL", t("alerts.label.attempts"))
    for d in found:
        table.add_row(d.department, d.url, _num(d.attempts))
    _print(table)


@app.command("check")
def check_command(
    map_id: MapOpt = None,
    dataset: Annotated[str | None, typer.Option("--dataset", help="Only rules reading this dataset.")] = None,
    rule_id: Annotated[int | None, typer.Option("--rule", help="Only this rule.")] = None,
    as_json: Json = False,
) -> None:
    """Evaluate the rules now (for cron); fire, store and deliver what passes the guard."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    with Workspace.open(Settings.from_env()) as ws:
        results = Alerts(ws).check(map_id=map_id, dataset=dataset, rule_id=rule_id)
    _show_results(results, as_json)


@app.command("watch")
def watch_command(
    every: Annotated[int, typer.Option("--every", min=1, help="Seconds between checks.")] = 60,
    count: Annotated[int, typer.Option("--count", min=0, help="Stop after this many checks (0: never).")] = 0,
    as_json: Json = False,
) -> None:
    """Check every --every seconds until interrupted (or --count checks)."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    done = 0
    while True:
        with Workspace.open(Settings.from_env()) as ws:
            results = Alerts(ws).check()
        _show_results(results, as_json)
        done += 1
        if count and done >= count:
            return
        time.sleep(every)


def _show_results(results: list[CheckResult], as_json: bool) -> None:
    if as_json:
        print_json([r.to_dict() for r in results])
        return
    table = Table(
        *(t(f"alerts.label.{c}") for c in ("rule", "target", "status", "baseline", "recent", "p_value"))
    )
    for r in results:
        d = r.to_dict()
        base, recent = d["baseline"] or {}, d["recent"] or {}
        table.add_row(
            _num(r.rule.id),
            r.target_name or r.rule.target_id,
            t(f"alerts.status.{r.status}"),
            f"{_pct(base.get('value'))} (n={_num(base.get('n', 0))})" if base else "—",
            f"{_pct(recent.get('value'))} (n={_num(recent.get('n', 0))})" if recent else "—",
            "—" if d["p_value"] is None else _num(f"{d['p_value']:.4f}"),
        )
    _print(table)


@app.command("list")
def list_command(
    limit: Annotated[int, typer.Option("--limit", min=1, max=1000, help="How many, newest first.")] = 50,
    as_json: Json = False,
) -> None:
    """The feed: fired alerts, newest first, with their delivery status."""
    from datetime import datetime

    from safar.context import Context
    from safar.services.alerts import alert_feed

    use_json(as_json)
    with Context.open() as ctx:
        feed = alert_feed(ctx, limit=limit, reveal_urls=True)
    if as_json:
        print_json([a.model_dump(mode="json") for a in feed])
        return
    lang = current_lang()
    table = Table(*(t(f"alerts.label.{c}") for c in ("id", "fired_at", "owner", "message", "delivery")))
    for a in feed:
        table.add_row(
            _num(a.id),
            format_datetime(datetime.fromisoformat(a.fired_at), lang),
            ", ".join(a.owners) or "—",
            a.text,
            t(f"alerts.delivery.{a.delivery}"),
        )
    _print(table)


@app.command("ack")
def ack_command(alert_id: Annotated[int, typer.Argument()], as_json: Json = False) -> None:
    """Acknowledge an alert in the feed."""
    from safar.alerts import Alerts
    from safar.workspace import Workspace

    use_json(as_json)
    settings = Settings.from_env()
    with Workspace.open(settings) as ws:
        fired = Alerts(ws).acknowledge(alert_id, settings.author)
    if as_json:
        print_json(fired.to_dict())
    else:
        typer.echo(t("alerts.label.acknowledged", id=alert_id))


@app.command("rows")
def rows_command(
    alert_id: Annotated[int, typer.Argument(help="The alert's id (safar alerts list).")],
    window: Annotated[str, typer.Option("--window", help="recent or baseline.")] = "recent",
    which: Annotated[
        str, typer.Option("--which", help="all; hits (what the metric counted as such) or misses.")
    ] = "all",
    page: Annotated[int, typer.Option("--page", min=1, help="Which page of the list.")] = 1,
    per_page: Annotated[int, typer.Option("--per-page", min=1, max=500, help="Rows per page.")] = 50,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the whole list to this .csv or .xlsx file.")
    ] = None,
    as_json: Json = False,
) -> None:
    """What an alert counted in one window: the answers, comments, arrivals or requests behind its n."""
    from safar.cli.exports import out_format, write_out
    from safar.context import Context
    from safar.services.alert_rows import alert_rows, export_alert_rows

    use_json(as_json)
    fmt = out_format(out)
    with Context.open() as ctx:
        result = alert_rows(
            ctx,
            alert_id,
            window=window,  # type: ignore[arg-type]  # checked by the service, with its message
            which=which,  # type: ignore[arg-type]
            page=1 if fmt else page,
            per_page=None if fmt else per_page,
        )
    if fmt is not None and out is not None:
        body = export_alert_rows(result, fmt, current_lang())
        write_out(
            out,
            body,
            total=result.total,
            description=result.description,
            written="alerts.rows.written",
            as_json=as_json,
        )
        return
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    lang = current_lang()
    typer.echo(result.description)
    typer.echo(
        t("alerts.rows.when_fired", n=_num(result.n), hits=_num(result.hits), hit_label=result.hit_label)
    )
    pages = t(
        "customers.page_of", page=format_number(result.page, lang), pages=format_number(result.pages, lang)
    )
    typer.echo(t("alerts.rows.count", n=_num(result.total)) + " · " + pages)
    table = Table(*(t(f"alerts.rows.col.{c}") for c in ("customer_id", "time", "counted")))
    for r in result.rows:
        table.add_row(r.customer_id or "—", r.time, result.hit_label if r.hit else result.miss_label)
    if result.rows:
        _print(table)


def say_fired(results: Sequence[CheckResult], *, quiet: bool) -> None:
    """What the ingest commands print once their data is in and checked: which alerts fired (on
    stderr, so ``--json`` output stays one document)."""
    if quiet:
        return
    for r in results:
        if r.status == "fired":
            typer.echo(
                t("alerts.label.fired_after_ingest", id=r.alert_id or 0, target=r.target_name), err=True
            )
