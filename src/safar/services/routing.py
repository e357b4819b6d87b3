"""The routing table (جدول مسیردهی): ``safar contact route-table``, the page
``/w/{ws}/contact-centre/routing`` and ``GET /api/v1/workspaces/{ws}/contact-centre/routing`` all call
:func:`route_table` with a :class:`RouteQuery` and show the :class:`RouteTable` it returns.

The evidence (each agent's or group's first-contact resolution, handle time and satisfaction per
contact reason, with n and 95 % intervals) and the recommendation (:mod:`safar.insights.routing`: the
reasons' contacts moved to the agents who do best at them, within each agent's load).

>>> q = RouteQuery(dataset="calls", enter="queued", answer="answered", goal="handle", score_col="csat")
>>> q.roles().score_col, q.goal
('csat', 'handle')
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, Field

from safar.analytics.contact import Roles
from safar.analytics.routing import ROUTE_BY
from safar.errors import InputError
from safar.insights.routing import GOALS, MIN_CONTACTS, Cell
from safar.services.contact import ContactRolesQuery

if TYPE_CHECKING:
    from safar.context import Context

__all__ = [
    "GOALS",
    "ROUTE_BY",
    "Assignment",
    "Estimate",
    "Evidence",
    "Load",
    "ReasonRouting",
    "RouteQuery",
    "RouteTable",
    "assignment_parts",
    "assignment_text",
    "estimate_text",
    "gain_text",
    "goal_text",
    "route_table",
    "summary_text",
]

CONFIDENCE = 0.95


class RouteQuery(ContactRolesQuery):
    """The roles of a contact-centre report, and how to route: by agent or group, for which goal, with how
    many known contacts an agent needs on a reason to be given more of it, and the satisfaction column."""

    route_by: Literal["agent", "group"] = "agent"
    goal: Literal["fcr", "handle", "score"] = Field(
        default="fcr",
        description="Raise first-contact resolution (fcr), lower handle time (handle) or raise satisfaction (score).",
    )
    min_contacts: int = Field(default=MIN_CONTACTS, ge=1, le=100_000)
    score_col: str = Field(
        default="",
        max_length=200,
        description="The column with each contact's satisfaction score (a number; the last one on its events).",
    )

    def roles(self) -> Roles:
        from dataclasses import replace

        return replace(super().roles(), score_col=self.score_col.strip() or None)


class Estimate(BaseModel):
    """A rate (0–1) or mean (seconds, score) with its n and 95 % interval; None where n is too small."""

    n: int
    value: float | None
    low: float | None
    high: float | None


class Evidence(BaseModel):
    """What one agent (or group) achieved on one reason."""

    reason: str
    who: str
    answered: int
    first_contact_resolution: Estimate = Field(description="Resolved at first contact, of those known.")
    handle_time: Estimate = Field(description="Seconds from the answer to the end.")
    satisfaction: Estimate
    best: list[Literal["fcr", "handle", "score"]] = Field(
        description="The measures this agent is best at on the reason (of those with min_contacts known)."
    )


class Assignment(BaseModel):
    who: str
    today: int
    recommended: int
    expected: float | None = Field(description="The expected rate or mean on the goal (see the method).")
    evidence: bool = Field(description="Enough known contacts on the reason to be given more than today.")


class ReasonRouting(BaseModel):
    reason: str
    contacts: int = Field(description="Answered contacts of the reason.")
    today: float | None = Field(description="The goal's expected value with today's routing, per contact.")
    recommended: float | None
    assignments: list[Assignment]


class Load(BaseModel):
    who: str
    today: int
    recommended: int


class RouteTable(BaseModel):
    query: RouteQuery
    weight: float = Field(description="The reason's value counted as this many contacts in each estimate.")
    confidence: float
    contacts: int = Field(
        description="Answered contacts routed (with a reason, an agent and the goal's measure)."
    )
    today: float | None
    recommended: float | None
    gain: float | None = Field(description="Recommended − today, per contact.")
    gain_low: float | None
    gain_high: float | None
    moved: int = Field(description="Contacts the recommendation gives to another agent than today's.")
    reasons: list[ReasonRouting]
    loads: list[Load]
    evidence: list[Evidence]
    without_reason: int = Field(description="Answered contacts without a reason: not routed.")
    without_who: int = Field(description="Answered contacts without an agent (group): not routed.")


def _estimates(cell: Cell) -> dict[str, Estimate]:
    from safar.metrics.contact import first_contact_resolution
    from safar.metrics.stats import mean_interval, wilson_interval

    known = cell.fcr_known
    low, high = wilson_interval(cell.resolved_first, known, CONFIDENCE) if known else (None, None)
    fcr = Estimate(n=known, value=first_contact_resolution(cell.resolved_first, known), low=low, high=high)

    def mean(n: int, total: float, sq: float) -> Estimate:
        bounds = mean_interval(n, total, sq, CONFIDENCE)
        return Estimate(
            n=n,
            value=total / n if n else None,
            low=bounds[0] if bounds else None,
            high=bounds[1] if bounds else None,
        )

    return {
        "fcr": fcr,
        "handle": mean(cell.handle_n, cell.handle_sum, cell.handle_sq),
        "score": mean(cell.score_n, cell.score_sum, cell.score_sq),
    }


def _evidence(cells: list[Cell], min_contacts: int) -> list[Evidence]:
    found = [(c, _estimates(c)) for c in cells]
    best: dict[tuple[str, str], str] = {}  # (reason, measure) -> who
    for measure, higher in (("fcr", True), ("handle", False), ("score", True)):
        top: dict[str, tuple[float, str]] = {}
        for c, est in found:
            e = est[measure]
            if e.value is None or e.n < min_contacts:
                continue
            key = e.value if higher else -e.value
            if c.reason not in top or key > top[c.reason][0]:
                top[c.reason] = (key, c.who)
        best.update({(reason, measure): who for reason, (_, who) in top.items()})
    return [
        Evidence(
            reason=c.reason,
            who=c.who,
            answered=c.answered,
            first_contact_resolution=est["fcr"],
            handle_time=est["handle"],
            satisfaction=est["score"],
            best=[m for m in ("fcr", "handle", "score") if best.get((c.reason, m)) == c.who],
        )
        for c, est in found
    ]


def route_table(ctx: Context, query: RouteQuery) -> RouteTable:
    """The routing evidence and recommendation of ``query.dataset``, kept until the dataset's next load
    (:func:`safar.services.results.for_dataset`)."""
    from safar.services.results import for_dataset

    roles = query.roles()
    roles.check()
    if query.goal == "score" and roles.score_col is None:
        raise InputError("contact.no_score_col")
    if not ctx.has_warehouse() or not ctx.workspace.datasets():
        raise InputError("contact.no_dataset")
    ctx.workspace.require_dataset(query.dataset)
    return for_dataset(ctx, "contact.routing", query.dataset, query, RouteTable, lambda: _table(ctx, query))


def _table(ctx: Context, query: RouteQuery) -> RouteTable:
    from safar.analytics.routing import route_cells
    from safar.insights.routing import recommend
    from safar.metrics.contact import ROUTE_WEIGHT

    roles = query.roles()
    with ctx.warehouse() as warehouse:
        found = route_cells(
            warehouse.events(query.dataset), roles, route_by=query.route_by, keep=warehouse.materialise
        )
    cells = [Cell(**c) for c in found["cells"]]
    plan = recommend(cells, goal=query.goal, min_contacts=query.min_contacts)
    reasons = [
        ReasonRouting(
            reason=r.reason,
            contacts=r.contacts,
            today=r.today,
            recommended=r.recommended,
            assignments=[
                Assignment(
                    who=p.who,
                    today=p.today,
                    recommended=p.recommended,
                    expected=p.expected,
                    evidence=p.evidence,
                )
                for p in plan.cells
                if p.reason == r.reason
            ],
        )
        for r in plan.reasons
    ]
    loads: dict[str, list[int]] = {}
    for p in plan.cells:
        load = loads.setdefault(p.who, [0, 0])
        load[0] += p.today
        load[1] += p.recommended
    return RouteTable(
        query=query,
        weight=ROUTE_WEIGHT,
        confidence=CONFIDENCE,
        contacts=plan.contacts,
        today=plan.today,
        recommended=plan.recommended,
        gain=plan.gain,
        gain_low=plan.gain_low,
        gain_high=plan.gain_high,
        moved=plan.moved,
        reasons=reasons,
        loads=[Load(who=w, today=t, recommended=r) for w, (t, r) in sorted(loads.items())],
        evidence=_evidence(cells, query.min_contacts),
        without_reason=found["without_reason"],
        without_who=found["without_who"],
    )


# --- what every surface shows of a routing table, in the reader's language --------------------------


def goal_text(value: float | None, goal: str, lang: str) -> str:
    """A value on the goal: first-contact resolution in percent, handle time as a duration, a score."""
    from safar.i18n import format_number, format_percent
    from safar.i18n.units import format_duration

    if value is None:
        return "—"
    if goal == "fcr":
        return format_percent(value * 100, lang, 1)
    if goal == "handle":
        return format_duration(value, lang)
    return format_number(value, lang, ".2f")


def estimate_text(estimate: Estimate, kind: str, lang: str) -> str:
    """An evidence figure with its interval and n: ``72.0% (58.1…82.5; n 40)``, a handle time's ends as
    durations; a dash without data."""
    from safar.i18n import format_interval, format_number, translate
    from safar.i18n.units import format_duration

    if estimate.value is None:
        return "—"
    if kind == "handle":
        ends = (estimate.low, estimate.high)
        interval = "—"
        if estimate.low is not None and estimate.high is not None:
            interval = "…".join(format_duration(max(v, 0.0), lang) for v in ends if v is not None)
            interval = f"\u2068{interval}\u2069" if lang == "fa" else interval
    else:
        scale, spec = (100.0, ".1f") if kind == "fcr" else (1.0, ".2f")
        low = None if estimate.low is None else estimate.low * scale
        high = None if estimate.high is None else estimate.high * scale
        interval = format_interval(low, high, lang, spec)
    return translate(
        "route.estimate",
        lang,
        value=goal_text(estimate.value, kind, lang),
        interval=interval,
        n=format_number(estimate.n, lang),
    )


def gain_text(table: RouteTable, lang: str) -> str:
    """The gain per contact and its interval, signed: percentage points, seconds or score points."""
    from safar.i18n import format_interval, format_number, translate

    goal = table.query.goal
    if table.gain is None:
        return "—"
    scale, spec = {"fcr": (100.0, ".1f"), "handle": (1.0, ".0f"), "score": (1.0, ".2f")}[goal]
    assert table.gain_low is not None and table.gain_high is not None
    return translate(
        f"route.gain.{goal}",
        lang,
        gain=format_number(table.gain * scale, lang, "+" + spec),
        interval=format_interval(table.gain_low * scale, table.gain_high * scale, lang, spec),
    )


def summary_text(table: RouteTable, lang: str) -> str:
    """One sentence: how many contacts, the goal today and recommended, the gain, how many move."""
    from safar.i18n import format_number, translate

    goal = table.query.goal
    if table.today is None:
        return translate(f"route.nothing.{goal}", lang)
    return translate(
        "route.summary",
        lang,
        contacts=format_number(table.contacts, lang),
        reasons=format_number(len(table.reasons), lang),
        goal=translate(f"route.goal.{goal}", lang),
        today=goal_text(table.today, goal, lang),
        recommended=goal_text(table.recommended, goal, lang),
        gain=gain_text(table, lang),
        moved=format_number(table.moved, lang),
    )


ASSIGNMENTS_SHOWN = 4


def assignment_parts(
    routing: ReasonRouting, lang: str, *, recommended: bool
) -> tuple[list[tuple[str, str]], str | None]:
    """A reason's routing (today's or the recommended) as (agent, share) pairs, most contacts first: the
    first :data:`ASSIGNMENTS_SHOWN`, and how many more there are (None when none)."""
    from safar.i18n import format_number, format_percent, translate

    counts = [(a.who, a.recommended if recommended else a.today) for a in routing.assignments]
    counts = sorted((c for c in counts if c[1] > 0), key=lambda c: (-c[1], c[0]))

    def share(n: int) -> str:
        pct = 100 * n / routing.contacts
        return format_percent(pct, lang, 0) if pct >= 0.5 else translate("route.under_one", lang)

    shown = [(who, share(n)) for who, n in counts[:ASSIGNMENTS_SHOWN]]
    rest = len(counts) - ASSIGNMENTS_SHOWN
    return shown, translate("route.more", lang, count=format_number(rest, lang)) if rest > 0 else None


def assignment_text(routing: ReasonRouting, lang: str, *, recommended: bool) -> str:
    """:func:`assignment_parts` as one line: ``ali 60% · sara 40%``."""
    shown, more = assignment_parts(routing, lang, recommended=recommended)
    if not shown:
        return "—"
    return " · ".join([*(f"{who} {share}" for who, share in shown), *([more] if more else [])])
