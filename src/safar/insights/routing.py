"""Routing evidence and a recommended routing table (جدول مسیردهی پیشنهادی).

For each contact reason and each agent (or group) who answered contacts of it, the evidence is what
they achieved: first-contact resolution, handle time and satisfaction, each with its n. The
recommendation moves the reason's answered contacts between agents so that the goal is best met, within
two limits:

- **load**: no agent takes more contacts (of all reasons together) than they answered in the data;
- **evidence**: an agent takes more of a reason's contacts than today only where they have at least
  ``min_contacts`` contacts of that reason whose goal measure is known; elsewhere at most today's.

Each agent's value on a reason is its *expected* rate or mean
(:func:`safar.metrics.contact.expected_rate`, :func:`~safar.metrics.contact.expected_mean`): its own
figures with the reason's counted as :data:`~safar.metrics.contact.ROUTE_WEIGHT` contacts more. Today's
routing and the recommended one are valued with the same expectations; the **gain** is their difference,
with a 95 % interval from the expectations' sampling variance (each agent–reason figure from its own
contacts, so independent). The best assignment is a linear program (a transportation problem) solved
exactly with HiGHS (``scipy.optimize.linprog``); its answer is whole contacts.

>>> cells = [Cell("bill", "ali", answered=20, fcr_known=20, resolved_first=18),
...          Cell("bill", "sara", answered=20, fcr_known=20, resolved_first=10),
...          Cell("claim", "ali", answered=20, fcr_known=20, resolved_first=10),
...          Cell("claim", "sara", answered=20, fcr_known=20, resolved_first=12)]
>>> plan = recommend(cells, goal="fcr", min_contacts=10)
>>> [(c.reason, c.who, c.today, c.recommended) for c in plan.cells]
[('bill', 'ali', 20, 40), ('bill', 'sara', 20, 0), ('claim', 'ali', 20, 0), ('claim', 'sara', 20, 40)]
>>> round(plan.today, 4), round(plan.recommended, 4), round(plan.gain, 4)
(0.625, 0.7083, 0.0833)
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from safar.metrics import contact as m
from safar.metrics.stats import sample_sd, z_value

Goal = Literal["fcr", "handle", "score"]
GOALS: tuple[Goal, ...] = ("fcr", "handle", "score")
MIN_CONTACTS = 10
CONFIDENCE = 0.95


@dataclass(frozen=True)
class Cell:
    """What one agent (or group), ``who``, achieved on one contact reason."""

    reason: str
    who: str
    answered: int
    fcr_known: int = 0
    resolved_first: int = 0
    handle_n: int = 0
    handle_sum: float = 0.0
    handle_sq: float = 0.0
    score_n: int = 0
    score_sum: float = 0.0
    score_sq: float = 0.0

    def known(self, goal: Goal) -> int:
        """How many of its contacts have the goal's measure."""
        return {"fcr": self.fcr_known, "handle": self.handle_n, "score": self.score_n}[goal]

    def total(self, goal: Goal) -> float:
        return {"fcr": float(self.resolved_first), "handle": self.handle_sum, "score": self.score_sum}[goal]


@dataclass(frozen=True)
class PlannedCell:
    """An agent on a reason: contacts today and recommended, its expected value on the goal (None where
    the reason has no contact with the measure) and whether it has the evidence to be given more."""

    reason: str
    who: str
    today: int
    recommended: int
    expected: float | None
    evidence: bool


@dataclass(frozen=True)
class ReasonPlan:
    reason: str
    contacts: int
    today: float | None
    recommended: float | None


@dataclass(frozen=True)
class Plan:
    """The recommendation for ``goal``: the cells, each reason's value today and recommended, and the
    whole: value per answered contact today and recommended, the gain and its interval (per contact;
    None where the goal's measure is known nowhere)."""

    goal: Goal
    cells: list[PlannedCell]
    reasons: list[ReasonPlan]
    contacts: int
    today: float | None
    recommended: float | None
    gain: float | None
    gain_low: float | None
    gain_high: float | None
    moved: int


def _priors(cells: list[Cell], goal: Goal) -> dict[str, tuple[float, float | None]]:
    """Each reason's rate or mean on the goal over all its agents, and the spread of one contact's value
    (None where no contact of the reason has the measure)."""
    by_reason: dict[str, list[Cell]] = defaultdict(list)
    for c in cells:
        by_reason[c.reason].append(c)
    out: dict[str, tuple[float, float | None]] = {}
    for reason, group in by_reason.items():
        n = sum(c.known(goal) for c in group)
        if n == 0:
            continue
        mean = sum(c.total(goal) for c in group) / n
        if goal == "fcr":
            out[reason] = (mean, mean * (1 - mean))
        else:
            attr = "handle" if goal == "handle" else "score"
            sq = sum(getattr(c, f"{attr}_sq") for c in group)
            sd = sample_sd(n, mean * n, sq)
            out[reason] = (mean, None if sd is None else sd * sd)
    return out


def _expected(cell: Cell, goal: Goal, prior: float) -> float:
    if goal == "fcr":
        return m.expected_rate(cell.resolved_first, cell.fcr_known, prior)
    return m.expected_mean(cell.total(goal), cell.known(goal), prior)


def _variance(cell: Cell, goal: Goal, expected: float, spread: float | None) -> float:
    """The sampling variance of a cell's expectation: one contact's variance over its contacts and the
    prior's weight."""
    if goal == "fcr":
        one = expected * (1 - expected)
    else:
        attr = "handle" if goal == "handle" else "score"
        sd = sample_sd(cell.known(goal), cell.total(goal), getattr(cell, f"{attr}_sq"))
        one = sd * sd if sd is not None else (spread or 0.0)
    return one / (cell.known(goal) + m.ROUTE_WEIGHT)


def recommend(cells: list[Cell], *, goal: Goal = "fcr", min_contacts: int = MIN_CONTACTS) -> Plan:
    """The best routing of the reasons' answered contacts for ``goal`` (higher first-contact resolution or
    satisfaction, lower handle time) within the agents' load and the evidence (see the module)."""
    import numpy as np
    from scipy.optimize import linprog

    cells = sorted(cells, key=lambda c: (c.reason, c.who))
    priors = _priors(cells, goal)
    values = [_expected(c, goal, priors[c.reason][0]) if c.reason in priors else None for c in cells]
    evidence = [c.reason in priors and c.known(goal) >= min_contacts for c in cells]
    today = [c.answered for c in cells]
    recommended = list(today)
    valued = [i for i, v in enumerate(values) if v is not None]
    if valued:
        reasons = sorted({cells[i].reason for i in valued})
        agents = sorted({c.who for c in cells})
        sign = 1.0 if goal == "handle" else -1.0  # linprog minimises: handle time down, the rest up
        cost = np.array([sign * (values[i] or 0.0) for i in valued])
        a_eq = np.array([[1.0 if cells[i].reason == r else 0.0 for i in valued] for r in reasons])
        b_eq = np.array([sum(today[i] for i in valued if cells[i].reason == r) for r in reasons])
        a_ub = np.array([[1.0 if cells[i].who == a else 0.0 for i in valued] for a in agents])
        # An agent's load counts every reason valued here; contacts of reasons without the measure stay.
        b_ub = np.array([sum(today[i] for i in valued if cells[i].who == a) for a in agents])
        bounds = [(0.0, None if evidence[i] else float(today[i])) for i in valued]
        found = linprog(cost, A_ub=a_ub, b_ub=b_ub, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs-ds")
        if found.status != 0:  # today's routing is always feasible, so this is HiGHS failing
            raise RuntimeError(f"the routing program was not solved: {found.message}")
        for i, x in zip(valued, found.x, strict=True):
            recommended[i] = round(float(x))
    planned = [
        PlannedCell(c.reason, c.who, today[i], recommended[i], values[i], evidence[i])
        for i, c in enumerate(cells)
    ]
    return _summarise(planned, cells, goal, priors)


def _summarise(
    planned: list[PlannedCell], cells: list[Cell], goal: Goal, priors: dict[str, tuple[float, float | None]]
) -> Plan:
    reasons: list[ReasonPlan] = []
    for reason in sorted({p.reason for p in planned}):
        mine = [p for p in planned if p.reason == reason]
        n = sum(p.today for p in mine)
        if reason in priors and n:
            now = sum(p.today * (p.expected or 0.0) for p in mine) / n
            then = sum(p.recommended * (p.expected or 0.0) for p in mine) / n
            reasons.append(ReasonPlan(reason, n, now, then))
        else:
            reasons.append(ReasonPlan(reason, n, None, None))
    valued = [(p, c) for p, c in zip(planned, cells, strict=True) if p.expected is not None]
    n = sum(p.today for p, _ in valued)
    moved = sum(max(p.recommended - p.today, 0) for p in planned)
    if not n:
        return Plan(goal, planned, reasons, 0, None, None, None, None, None, moved)
    now = sum(p.today * (p.expected or 0.0) for p, _ in valued) / n
    then = sum(p.recommended * (p.expected or 0.0) for p, _ in valued) / n
    variance = sum(
        (p.recommended - p.today) ** 2 * _variance(c, goal, p.expected or 0.0, priors[c.reason][1])
        for p, c in valued
    )
    half = z_value(CONFIDENCE) * math.sqrt(variance) / n
    gain = then - now
    return Plan(goal, planned, reasons, n, now, then, gain, gain - half, gain + half, moved)
