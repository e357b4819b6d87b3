"""One run of the alert check: measure every rule (one warehouse connection, closed before any
webhook is called), judge, then store and deliver what fires.

Statuses of a rule's result: ``fired``; ``quiet`` (enough data, no significant worsening);
``too_few`` (a window below ``min_n``); ``cooling_down`` (fired within its cool-down);
``duplicate`` (already fired on exactly this data); ``no_data``; ``error`` (e.g. the target is no
longer on the map: the error is in the result).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from safar.alerts.deliver import Attempt
from safar.alerts.feed import alert_payload
from safar.alerts.judge import Verdict, judge
from safar.alerts.measure import Measurement, measure
from safar.alerts.rules import AlertRule, check_target, owners_of, target_name
from safar.errors import SafarError
from safar.i18n import current_lang
from safar.model import JourneyMap

if TYPE_CHECKING:
    from safar.alerts.service import Alerts


@dataclass(frozen=True)
class CheckResult:
    rule: AlertRule
    status: str
    target_name: str = ""
    owners: tuple[str, ...] = ()
    measurement: Measurement | None = None
    verdict: Verdict | None = None
    alert_id: int | None = None
    deliveries: tuple[Attempt, ...] = ()
    error: dict[str, Any] | None = field(default=None)

    def to_dict(self) -> dict[str, Any]:
        m = self.measurement
        return {
            "rule_id": self.rule.id,
            "map_id": self.rule.map_id,
            "kind": self.rule.kind.value,
            "target": {
                "kind": self.rule.target_kind.value,
                "id": self.rule.target_id,
                "name": self.target_name,
            },
            "owners": list(self.owners),
            "status": self.status,
            "metric": None if m is None else m.metric,
            "now": None if m is None else m.now.isoformat(),
            "recent": None if m is None else m.recent.to_dict(),
            "baseline": None if m is None else m.baseline.to_dict(),
            **(self.verdict or Verdict("")).to_dict(),
            "alert_id": self.alert_id,
            "deliveries": [a.to_dict() for a in self.deliveries],
            "error": self.error,
        }


def resolve_dataset(alerts: Alerts, rule: AlertRule, journey: JourneyMap) -> str | None:
    """The events dataset a behaviour rule reads: its own ``dataset``, else the first the map's binding
    rules name, else the workspace's only dataset."""
    if rule.kind.source != "events":
        return None
    if rule.params.dataset:
        return rule.params.dataset
    named = journey.datasets()
    if named:
        return named[0]
    own = alerts.workspace.datasets()
    return own[0] if len(own) == 1 else None


def run_check(alerts: Alerts, rules: list[AlertRule], *, dataset: str | None) -> list[CheckResult]:
    lang = current_lang()
    results: dict[int, CheckResult] = {}
    todo: list[tuple[AlertRule, JourneyMap, str | None]] = []
    titles: dict[int, str] = {}
    for rule in rules:
        try:
            journey = alerts.workspace.get_map(rule.map_id).document
            titles[rule.map_id] = journey.title
            check_target(journey, rule.target_kind, rule.target_id, rule.params)
            source = resolve_dataset(alerts, rule, journey)
        except SafarError as err:
            results[rule.id] = CheckResult(rule, "error", rule.target_id, error=err.to_dict(lang))
            continue
        if dataset is not None and source != dataset:
            continue
        todo.append((rule, journey, source))
    measured = _measure_all(alerts, todo, results, lang)
    for rule, journey, measurement in measured:
        try:
            results[rule.id] = _decide(alerts, rule, journey, measurement, titles[rule.map_id])
        except SafarError as err:  # one rule's problem is its own result; the others still run
            results[rule.id] = _plain(rule, journey, "error", error=err.to_dict(lang))
    return [results[r.id] for r in rules if r.id in results]


def _measure_all(
    alerts: Alerts,
    todo: list[tuple[AlertRule, JourneyMap, str | None]],
    results: dict[int, CheckResult],
    lang: str,
) -> list[tuple[AlertRule, JourneyMap, Measurement]]:
    from safar.warehouse import open_warehouse

    settings = alerts.workspace.settings
    if not todo:
        return []
    if settings.warehouse_url is None and not settings.warehouse_path.exists():
        for rule, journey, _ in todo:
            results[rule.id] = _plain(rule, journey, "no_data")
        return []
    out: list[tuple[AlertRule, JourneyMap, Measurement]] = []
    try:
        with open_warehouse(settings) as warehouse:
            for rule, journey, source in todo:
                try:
                    if source is not None:
                        alerts.workspace.require_dataset(source)
                    found = measure(warehouse, rule, journey, dataset=source)
                except SafarError as err:
                    results[rule.id] = _plain(rule, journey, "error", error=err.to_dict(lang))
                    continue
                if found is None:
                    results[rule.id] = _plain(rule, journey, "no_data")
                else:
                    out.append((rule, journey, found))
    except SafarError as err:  # the warehouse cannot be opened (e.g. another process writes to it)
        for rule, journey, _ in todo:
            results[rule.id] = _plain(rule, journey, "error", error=err.to_dict(lang))
        return []
    return out


def _owners(rule: AlertRule, journey: JourneyMap) -> tuple[str, ...]:
    return (rule.owner,) if rule.owner else tuple(owners_of(journey, rule.target_kind, rule.target_id))


def _plain(
    rule: AlertRule, journey: JourneyMap, status: str, *, error: dict[str, Any] | None = None
) -> CheckResult:
    name = target_name(journey, rule.target_kind, rule.target_id)
    return CheckResult(rule, status, name, _owners(rule, journey), error=error)


def _decide(alerts: Alerts, rule: AlertRule, journey: JourneyMap, m: Measurement, title: str) -> CheckResult:
    name = target_name(journey, rule.target_kind, rule.target_id)
    owners = _owners(rule, journey)
    verdict = judge(m, rule.params, falling=rule.kind.falling)
    if verdict.status != "fired":
        return CheckResult(rule, verdict.status, name, owners, m, verdict)
    payload = alert_payload(
        rule,
        workspace=alerts.workspace.slug,
        map_title=title,
        target_name=name,
        owners=list(owners),
        measurement=m,
        verdict=verdict,
    )
    stored = alerts._store_alert(rule, payload, m.now, list(owners))
    if isinstance(stored, str):
        return CheckResult(rule, stored, name, owners, m, verdict)
    alert_id, attempts = stored
    return CheckResult(rule, "fired", name, owners, m, verdict, alert_id, tuple(attempts))
