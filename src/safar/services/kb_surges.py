"""An alert when customers suddenly ask what no article answers: the knowledge base's surging question groups.

A group of a map's unanswered questions (:func:`safar.services.kb.gaps_for_map`: by the workspace's topics, the
rest by topics discovered among them) that is **new** or **rising** in the last 30 days of the data against
the 90 before — the one-sided two-proportion test the alerts and topics use (α 0.05, at least 30 questions in
each window and 5 in the group recently) — fires an alert: in the alerts feed, to the webhook of department
``*`` and by e-mail to the addresses of ``*`` (the case sweep queues alert mails), at most once a week per
group. The question bucket no group holds ("other questions") is not a group and never fires.

The web app checks with its alert rules (every ``SAFAR_ALERTS_EVERY`` seconds and on «check now»);
``safar kb check`` does it from cron. The gaps are a kept result, so a check with nothing new costs little.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from safar.i18n import LANGS, translate

if TYPE_CHECKING:
    from safar.context import Context
    from safar.services.kb import GapsOut, GroupOut

__all__ = ["KIND", "METRIC", "SurgeOut", "check_surges"]

KIND = "questions_surge"
METRIC = "unanswered_questions"
TARGET = "questions"  # the alert's target kind: a group of questions
COOLDOWN = timedelta(days=7)  # one alert a week per map and group


class SurgeOut(BaseModel):
    map_id: int
    group: str
    new: bool
    questions: int
    status: str  # fired, duplicate (same data), cooling_down
    alert_id: int | None = None


def check_surges(ctx: Context, *, now: datetime | None = None) -> list[SurgeOut]:
    """Fire an alert for each map's new or rising group of unanswered questions (none without articles)."""
    from safar.alerts import Alerts
    from safar.services.kb import articles, gaps_for_map

    if not articles(ctx):
        return []
    alerts = Alerts(ctx.workspace, clock=(lambda: now) if now is not None else (lambda: datetime.now(UTC)))
    names = _topic_names(ctx)
    out = []
    for info in ctx.workspace.list_maps():
        if info.archived:
            continue
        gaps = gaps_for_map(ctx, info.id)
        for group in gaps.groups:
            if group.other or not (group.new or group.rising) or gaps.recent_to is None:
                continue
            target = (group.topic or group.name)[:200]
            payload = _payload(ctx, info.id, info.title, gaps, group, names.get(group.topic or ""))
            done = alerts.record(
                kind=KIND,
                map_id=info.id,
                target_kind=TARGET,
                target_id=target,
                window_end=_aware(gaps.recent_to),
                payload=payload,
                cooldown=COOLDOWN,
            )
            fired = not isinstance(done, str)
            out.append(
                SurgeOut(
                    map_id=info.id,
                    group=group.name,
                    new=group.new,
                    questions=group.questions,
                    status="fired" if fired else str(done),
                    alert_id=done[0] if not isinstance(done, str) else None,
                )
            )
    return out


def _topic_names(ctx: Context) -> dict[str, dict[str, str]]:
    from safar.services.topics import taxonomy

    return {t.key: {"fa": t.name_fa or t.name_en, "en": t.name_en or t.name_fa} for t in taxonomy(ctx)}


def _aware(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _share(hits: int, n: int) -> float | None:
    return hits / n if n else None


def _payload(
    ctx: Context, map_id: int, title: str, gaps: GapsOut, group: GroupOut, names: dict[str, str] | None
) -> dict[str, Any]:
    """The alert as stored and POSTed: the shape of a rule's alert (windows, guard, message in each language),
    with the group's example questions."""
    from safar.services.topics import ALPHA, MIN_N, MIN_RECENT

    before = _share(group.baseline, gaps.baseline_questions)
    after = _share(group.recent, gaps.recent_questions)
    params = {
        "before": round((before or 0.0) * 100, 1),
        "after": round((after or 0.0) * 100, 1),
        "n_before": gaps.baseline_questions,
        "n_after": gaps.recent_questions,
        "recent": group.recent,
        "map": title,
    }
    p = group.p_value if group.p_value is not None else 1.0
    named = {lang: (names or {}).get(lang, group.name) for lang in LANGS}
    message = {
        lang: translate(f"alerts.message.{KIND}", lang, target=named[lang], p=p, **params) for lang in LANGS
    }
    slug = ctx.workspace.slug
    return {
        "event": "safar.alert",
        "workspace": slug,
        "rule_id": None,
        "kind": KIND,
        "metric": METRIC,
        "direction": "rises",
        "map": {"id": map_id, "title": title},
        "target": {"kind": TARGET, "id": (group.topic or group.name)[:200], "name": group.name},
        "target_names": named,  # the group's name in each language (a topic's own names)
        "owners": [],
        "now": gaps.recent_to,
        "dataset": None,
        "recent": {
            "start": gaps.recent_from,
            "end": gaps.recent_to,
            "n": gaps.recent_questions,
            "hits": group.recent,
            "value": after,
        },
        "baseline": {
            "start": gaps.baseline_from,
            "end": gaps.recent_from,
            "n": gaps.baseline_questions,
            "hits": group.baseline,
            "value": before,
        },
        "change": None if before is None or after is None else after - before,
        "z": None,
        "p_value": group.p_value,
        "control_limits": None,
        "outside_control_limits": None,
        "significant": True,
        "guard": {"test": "two_proportion_z", "alpha": ALPHA, "min_n": MIN_N, "min_recent": MIN_RECENT},
        "new": group.new,
        "examples": group.examples,
        "message_params": {"target": group.name, **params},
        "message": message,
        "link": f"/w/{slug}/knowledge-base?map={map_id}",
    }
