"""What the feed and the webhook show of a fired alert: its payload, message and delivery status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from safar.alerts.deliver import Attempt
from safar.alerts.judge import Verdict
from safar.alerts.measure import Measurement
from safar.alerts.rules import AlertRule
from safar.i18n import LANGS, translate


def message_code(rule_kind: str, metric: str) -> str:
    return "alerts.message.nps" if metric == "nps" else f"alerts.message.{rule_kind}"


def message_params(target: str, measurement: Measurement) -> dict[str, Any]:
    """Numbers for the message: percentages, or NPS points for NPS."""
    scale = 100.0
    before, after = measurement.baseline.value or 0.0, measurement.recent.value or 0.0
    return {
        "target": target,
        "before": round(before * scale, 1),
        "after": round(after * scale, 1),
        "n_before": measurement.baseline.n,
        "n_after": measurement.recent.n,
    }


def messages(rule_kind: str, metric: str, params: dict[str, Any], p_value: float | None) -> dict[str, str]:
    code = message_code(rule_kind, metric)
    return {
        lang: translate(code, lang, **params, p=p_value if p_value is not None else 1.0) for lang in LANGS
    }


def alert_payload(
    rule: AlertRule,
    *,
    workspace: str,
    map_title: str,
    target_name: str,
    owners: list[str],
    measurement: Measurement,
    verdict: Verdict,
) -> dict[str, Any]:
    """The JSON an alert is stored and POSTed as (``id`` and ``fired_at`` are added when it is stored)."""
    if measurement.metric == "expected_wait":
        params, own = _wait_parts(rule, target_name, measurement)
    else:
        params = message_params(target_name, measurement)
        own = {
            "guard": {
                "test": "nps_z" if measurement.metric == "nps" else "two_proportion_z",
                "alpha": rule.params.alpha,
                "min_n": rule.params.min_n,
                "min_effect": rule.params.min_effect,
                "guard": rule.params.guard,
            }
        }
    return {
        "event": "safar.alert",
        "workspace": workspace,
        "rule_id": rule.id,
        "kind": rule.kind.value,
        "metric": measurement.metric,
        "direction": "falls" if rule.kind.falling else "rises",
        "map": {"id": rule.map_id, "title": map_title},
        "target": {"kind": rule.target_kind.value, "id": rule.target_id, "name": target_name},
        "owners": owners,
        "now": measurement.now.isoformat(),
        "dataset": measurement.dataset,
        "recent": measurement.recent.to_dict(),
        "baseline": measurement.baseline.to_dict(),
        **verdict.to_dict(),
        **own,
        "message_params": params,
        "message": messages(rule.kind.value, measurement.metric, params, verdict.p_value),
        "link": f"/w/{workspace}/alerts",
    }


def _wait_parts(
    rule: AlertRule, target_name: str, measurement: Measurement
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A wait rule's message numbers (minutes) and its own fields: the queue, the estimate against the
    threshold, the method, and the notice for customers in each language (for a website or phone line)."""
    from safar.insights.waits import notice_text

    estimate, threshold = measurement.estimate or 0.0, float(rule.params.threshold or 0)
    params = {
        "target": target_name,
        "after": round(estimate / 60, 1),
        "threshold": round(threshold / 60, 1),
        "n_after": measurement.recent.n,
    }
    own = {
        "queue": rule.params.queue,
        "estimate_seconds": measurement.estimate,
        "threshold_seconds": threshold,
        "method": measurement.method,
        "notice": {lang: notice_text(measurement.estimate, lang) for lang in LANGS},
    }
    return params, own


def delivery_status(attempts: list[Attempt]) -> str:
    """``delivered`` (every destination accepted it), ``partial``, ``failed``, or ``none`` (no destination)."""
    if not attempts:
        return "none"
    urls: dict[str, bool] = {}
    for a in attempts:
        urls[a.url] = urls.get(a.url, False) or a.ok
    if all(urls.values()):
        return "delivered"
    return "partial" if any(urls.values()) else "failed"


@dataclass(frozen=True)
class FiredAlert:
    id: int
    rule_id: int | None
    map_id: int
    kind: str
    target_kind: str
    target_id: str
    fired_at: datetime
    window_end: datetime
    payload: dict[str, Any]
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    deliveries: list[Attempt]

    @property
    def status(self) -> str:
        return delivery_status(self.deliveries)

    def message(self, lang: str) -> str:
        """The message in ``lang``, from the stored numbers (so it follows the catalogue)."""
        code = message_code(self.kind, str(self.payload.get("metric", "")))
        p = self.payload.get("p_value")
        params = dict(self.payload.get("message_params", {}))
        named = (self.payload.get("target_names") or {}).get(lang)  # a target named in each language
        if named:
            params["target"] = named
        return translate(code, lang, **params, p=1.0 if p is None else p)

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.payload,
            "id": self.id,
            "rule_id": self.rule_id,
            "fired_at": self.fired_at.isoformat(),
            "acknowledged_by": self.acknowledged_by,
            "acknowledged_at": None if self.acknowledged_at is None else self.acknowledged_at.isoformat(),
            "delivery": self.status,
            "deliveries": [a.to_dict() for a in self.deliveries],
        }
