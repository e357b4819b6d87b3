"""The alerts screen of a workspace: the feed of fired alerts, the rules and the department webhooks.

:func:`alerts_screen` is behind the page ``/w/{ws}/alerts``; :func:`alert_feed`, :func:`alert_rules` and
:func:`alert_destinations` behind its JSON twins (``GET /api/v1/workspaces/{ws}/alerts``, ``…/alert-rules``)
and ``safar alerts list | rules | destinations``. Each alert carries its message in the reader's language
(``text``); each rule names what it watches as the map names it (``target.name`` and its ``target.lang``;
a channel as the catalogue names it). A webhook's address is a secret: only editors see it whole
(``reveal_urls``), the others its host.

An alert's counts are of answers (satisfaction), requests (unanswered), comments (sentiment) or customers
arriving within a window (conversion): the drill-down lists customers without a time window, so no alert
count opens a list yet.

>>> TargetOut(kind="touchpoint", id="call", name="Call us", lang="en").name
'Call us'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from safar.alerts import Alerts
from safar.alerts.deliver import mask_url
from safar.alerts.rules import AlertRule, TargetKind, target_name

if TYPE_CHECKING:
    from safar.context import Context
    from safar.model import JourneyMap

__all__ = [
    "AlertOut",
    "AlertsScreen",
    "DeliveryOut",
    "DestinationOut",
    "RuleOut",
    "TargetOut",
    "WindowOut",
    "alert_destinations",
    "alert_feed",
    "alert_rules",
    "alerts_screen",
    "open_alerts",
    "rules_out",
]


class TargetOut(BaseModel):
    """What a rule watches: a touchpoint, stage or channel (``id``), by ``name`` in its language ``lang``."""

    kind: str
    id: str
    name: str | None = None
    lang: str | None = None


class WindowOut(BaseModel):
    start: str
    end: str
    n: int
    hits: int
    value: float | None
    detractors: int | None = None


class DeliveryOut(BaseModel):
    department: str
    url: str
    attempt: int
    status_code: int | None
    error: str | None
    ok: bool
    at: str


class AlertOut(BaseModel):
    """A fired alert as stored (its payload) with its delivery, and ``text``: its message in the reader's language."""

    id: int
    event: str = "safar.alert"
    workspace: str | None = None
    rule_id: int | None
    kind: str
    metric: str
    direction: str
    map: dict[str, Any]
    target: TargetOut
    owners: list[str]
    now: str
    dataset: str | None
    recent: WindowOut
    baseline: WindowOut
    change: float | None
    z: float | None
    p_value: float | None
    control_limits: list[float] | None
    outside_control_limits: bool | None
    significant: bool | None
    guard: dict[str, Any] | None = None  # the statistical test, its alpha, minimum n and effect
    queue: str | None = None  # a wait rule's (wait_exceeds): its queue, estimate, threshold, method, notice
    estimate_seconds: float | None = None
    threshold_seconds: float | None = None
    method: str | None = None
    notice: dict[str, str] | None = None
    target_names: dict[str, str] | None = None  # a target named in each language (a topic of questions)
    new: bool | None = None  # surging questions: a group not asked before (else rising)
    examples: list[str] | None = None  # surging questions: some of them, as customers wrote them
    message_params: dict[str, Any] = {}
    message: dict[str, str]
    link: str | None = None
    text: str = ""
    fired_at: str
    acknowledged_by: str | None
    acknowledged_at: str | None
    delivery: str
    deliveries: list[DeliveryOut]


class RuleOut(BaseModel):
    id: int
    map_id: int
    target: TargetOut
    kind: str
    params: dict[str, Any]
    owner: str | None
    cooldown: int
    enabled: bool
    created_by: str
    created_at: str


class DestinationOut(BaseModel):
    department: str
    url: str
    attempts: int
    backoff_ms: int


class AlertsScreen(BaseModel):
    """The page: the feed (newest first), the rules, the webhooks and the workspace's maps by id."""

    feed: list[AlertOut]
    rules: list[RuleOut]
    destinations: list[DestinationOut]
    maps: dict[int, str]


def alert_feed(ctx: Context, *, limit: int = 100, reveal_urls: bool = False) -> list[AlertOut]:
    """The latest ``limit`` fired alerts, newest first, each with its message in ``ctx.lang``."""
    out = []
    for fired in Alerts(ctx.workspace).feed(limit=limit):
        alert = fired.to_dict() | {"text": fired.message(ctx.lang)}
        if not reveal_urls:
            for delivery in alert["deliveries"]:
                delivery["url"] = mask_url(delivery["url"])
        out.append(AlertOut.model_validate(alert))
    return out


def alert_rules(ctx: Context, map_id: int | None = None) -> list[RuleOut]:
    """The rules (of ``map_id``), each naming what it watches."""
    return rules_out(ctx, Alerts(ctx.workspace).rules(map_id))


def rules_out(ctx: Context, rules: list[AlertRule]) -> list[RuleOut]:
    """``rules`` as the screens show them: each naming what it watches (a rule just added, too)."""
    named = _targets(ctx, rules)
    return [RuleOut.model_validate(r.to_dict() | {"target": named[r.id]}) for r in rules]


def alert_destinations(ctx: Context, *, reveal_urls: bool = False) -> list[DestinationOut]:
    """The department webhooks (their addresses masked unless ``reveal_urls``)."""
    out = []
    for found in Alerts(ctx.workspace).destinations():
        shown = found.to_dict()
        if not reveal_urls:
            shown["url"] = mask_url(shown["url"])
        out.append(DestinationOut.model_validate(shown))
    return out


def alerts_screen(ctx: Context, *, reveal_urls: bool = False) -> AlertsScreen:
    """Everything the alerts page shows."""
    return AlertsScreen(
        feed=alert_feed(ctx, reveal_urls=reveal_urls),
        rules=alert_rules(ctx),
        destinations=alert_destinations(ctx, reveal_urls=reveal_urls),
        maps={m.id: m.title for m in ctx.workspace.list_maps()},
    )


def open_alerts(workspace: Any, map_id: int, journey: JourneyMap, lang: str) -> dict[str, list[str]]:
    """The map's unacknowledged alerts per touchpoint, in ``lang`` (a stage's or channel's go to each of its
    touchpoints): what the canvas's voice lane and the PDF export show."""
    out: dict[str, list[str]] = {}
    for alert in Alerts(workspace).feed(limit=200):
        if alert.map_id != map_id or alert.acknowledged_at is not None:
            continue
        if alert.target_kind == "touchpoint":
            hit = [alert.target_id]
        elif alert.target_kind == "stage":
            hit = [t.id for s in journey.stages if s.id == alert.target_id for t in s.touchpoints]
        else:
            hit = [t.id for t in journey.touchpoints() if t.channel == alert.target_id]
        for tp in hit:
            out.setdefault(tp, []).append(alert.message(lang))
    return out


def _targets(ctx: Context, rules: list[AlertRule]) -> dict[int, TargetOut]:
    """Each rule's target as its map names it (a channel as the catalogue names it in the reader's
    language); the id only where the map no longer has the part."""
    channels = ctx.workspace.channels()
    documents = {m: ctx.workspace.get_map(m).document for m in {r.map_id for r in rules}}
    out: dict[int, TargetOut] = {}
    for rule in rules:
        head = {"kind": rule.target_kind.value, "id": rule.target_id}
        journey = documents[rule.map_id]
        if rule.target_kind is TargetKind.CHANNEL:
            channel = channels.get(rule.target_id)
            named = (channel.name(ctx.lang), ctx.lang) if channel else (rule.target_id, "en")
        else:
            named = (target_name(journey, rule.target_kind, rule.target_id), journey.lang)
        out[rule.id] = TargetOut(**head, name=named[0], lang=named[1])
    return out
