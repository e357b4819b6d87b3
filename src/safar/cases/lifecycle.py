"""How a case moves, how urgent it is, and when it is due.

Statuses: ``new`` → ``in_progress`` → ``resolved`` → ``closed``; a resolved or closed case can be
``reopened`` (and then worked again). A case is *open* — its SLA clock runs — while new, in progress or
reopened. It is *late* (an SLA breach) when it is open after its due time, or was resolved after it.

>>> can_move("new", "in_progress"), can_move("closed", "in_progress"), can_move("closed", "reopened")
(True, False, True)
>>> sla_of("48h"), sla_of("۲d")
(datetime.timedelta(days=2), datetime.timedelta(days=2))
"""

from __future__ import annotations

from datetime import datetime, timedelta

from safar.errors import InputError
from safar.events.digits import ascii_digits

STATUSES = ("new", "in_progress", "resolved", "closed", "reopened")
OPEN = frozenset({"new", "in_progress", "reopened"})
MOVES: dict[str, tuple[str, ...]] = {
    "new": ("in_progress", "resolved", "closed"),
    "in_progress": ("resolved", "closed"),
    "resolved": ("closed", "reopened"),
    "closed": ("reopened",),
    "reopened": ("in_progress", "resolved", "closed"),
}
PRIORITIES = ("low", "normal", "high", "urgent")
DEFAULT_SLA = timedelta(hours=48)
SHORTEST_SLA = timedelta(minutes=5)
LONGEST_SLA = timedelta(days=365)


def can_move(status: str, to: str) -> bool:
    return to in MOVES.get(status, ())


def check_move(status: str, to: str, *, case: int) -> None:
    """Refuse a move the lifecycle does not have, saying which ones it has from here."""
    if to not in STATUSES:
        raise InputError("case.bad_status", value=to[:40], allowed=", ".join(STATUSES))
    if not can_move(status, to):
        raise InputError("case.bad_move", case=case, status=status, to=to, allowed=", ".join(MOVES[status]))


def check_priority(priority: str) -> str:
    if priority not in PRIORITIES:
        raise InputError("case.bad_priority", value=priority[:40], allowed=", ".join(PRIORITIES))
    return priority


def sla_of(text: str) -> timedelta:
    """An SLA typed as ``90m``, ``48h``, ``2d`` or ``1w`` (digits in any script), between 5 minutes and a year."""
    from safar.analytics import parse_duration

    try:
        span = parse_duration(ascii_digits(text or ""))
    except InputError:
        raise InputError("case.bad_sla", value=(text or "")[:40]) from None
    if not SHORTEST_SLA <= span <= LONGEST_SLA:
        raise InputError("case.bad_sla", value=text[:40])
    return span


def is_late(status: str, due_at: datetime, resolved_at: datetime | None, now: datetime) -> bool:
    """Whether the case broke its SLA: open past its due time, or resolved after it."""
    if status in OPEN:
        return now > due_at
    return resolved_at is not None and resolved_at > due_at
