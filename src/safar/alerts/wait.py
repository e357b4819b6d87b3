"""What a wait rule (``wait_exceeds``) measures: the expected wait of a contact entering its queue now
(:mod:`safar.insights.waits`, the same estimate as ``safar contact wait-estimate`` and the notice for
customers), as of the dataset's newest contact event.

The rule fires when the estimate is above its threshold; a stale queue (nothing answered within the
recent window) has no estimate and does not fire (its status is ``too_few``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import numpy as np

from safar.alerts.measure import Measurement, WindowStats, metric_name
from safar.alerts.rules import AlertRule
from safar.analytics._common import arrow
from safar.analytics.contact import Roles, contact_times
from safar.insights.waits import WINDOW_SECONDS, estimate_at
from safar.warehouse import Warehouse


def _names(text: str | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in (text or "").split(",") if p.strip()))


def roles_of(rule: AlertRule) -> Roles:
    """The contact roles a wait rule names (its columns default as the contact-centre report's do)."""
    p = rule.params
    return Roles(
        enter=_names(p.enter),
        answer=_names(p.answer),
        abandon=_names(p.abandon),
        contact_col=p.contact_col or "contact_id",
        queue_col=p.queue_col or "queue",
    )


def _wall() -> float:
    return datetime.now(UTC).timestamp()


def measure_wait(warehouse: Warehouse, rule: AlertRule, dataset: str) -> Measurement | None:
    """The rule's queue (every contact when it names none) estimated as of the dataset's newest contact
    event (never later than the wall clock); ``None`` without contacts."""
    events = warehouse.con.table("events")
    times = contact_times(events.filter(events.dataset == dataset), roles_of(rule))
    found = arrow(times).to_pandas()
    if found.empty:
        return None
    # "now" is the dataset's newest contact event, whichever queue it is in, as on the expected-wait page
    newest = min(float(np.nanmax(found[["enter", "answer", "abandon"]].to_numpy(dtype=float))), _wall())
    if rule.params.queue is not None:
        found = found[found["queue"] == rule.params.queue]
    enter, answer = found["enter"].to_numpy(dtype=float), found["answer"].to_numpy(dtype=float)
    window = float(rule.params.recent or WINDOW_SECONDS)
    now = estimate_at(enter, answer, window=window, at=newest)
    moment = datetime.fromtimestamp(round(newest, 3), UTC)
    start = moment - timedelta(seconds=window)
    answered = int(((answer > newest - window) & (answer <= newest)).sum())
    return Measurement(
        metric_name(rule),
        moment,
        WindowStats(start, moment, answered, 0),
        WindowStats(start, start, 0, 0),
        dataset,
        now.estimate,
        now.method,
    )
