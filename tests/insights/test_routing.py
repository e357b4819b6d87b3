"""The recommended routing (safar.insights.routing): worked by hand, and optimal against every whole-contact
routing of small cases enumerated in plain Python."""

from __future__ import annotations

import itertools
import math

import pytest

from safar.insights.routing import Cell, Plan, recommend

BY_HAND = [
    Cell("bill", "ali", answered=20, fcr_known=20, resolved_first=18),
    Cell("bill", "sara", answered=20, fcr_known=20, resolved_first=10),
    Cell("claim", "ali", answered=20, fcr_known=20, resolved_first=10),
    Cell("claim", "sara", answered=20, fcr_known=20, resolved_first=12),
]


def _routing(plan: Plan) -> dict[tuple[str, str], tuple[int, int]]:
    return {(c.reason, c.who): (c.today, c.recommended) for c in plan.cells}


def test_two_reasons_two_agents_by_hand() -> None:
    plan = recommend(BY_HAND, goal="fcr", min_contacts=10)
    # bill's rate 28/40 = 0.7, claim's 22/40 = 0.55, each counted as 10 contacts more:
    # ali on bill (18 + 7) / 30, sara on bill (10 + 7) / 30, ali on claim (10 + 5.5) / 30, sara (12 + 5.5) / 30.
    expected = {"ali/bill": 25 / 30, "sara/bill": 17 / 30, "ali/claim": 15.5 / 30, "sara/claim": 17.5 / 30}
    assert {f"{c.who}/{c.reason}": c.expected for c in plan.cells} == pytest.approx(expected)
    # each keeps their 40 contacts: ali takes all of bill, sara all of claim
    assert _routing(plan) == {
        ("bill", "ali"): (20, 40),
        ("bill", "sara"): (20, 0),
        ("claim", "ali"): (20, 0),
        ("claim", "sara"): (20, 40),
    }
    today = (25 + 17 + 15.5 + 17.5) * 20 / 30 / 80
    then = (25 + 17.5) * 40 / 30 / 80
    assert (plan.contacts, plan.moved) == (80, 40)
    assert (plan.today, plan.recommended, plan.gain) == pytest.approx((today, then, then - today))
    # every cell moves 20 contacts; the variance of each expectation is p(1 - p) / (n + 10)
    variance = sum(400 * p * (1 - p) / 30 for p in expected.values())
    half = 1.959963984540054 * math.sqrt(variance) / 80
    assert (plan.gain_low, plan.gain_high) == pytest.approx((then - today - half, then - today + half))
    by_reason = {r.reason: (r.contacts, r.today, r.recommended) for r in plan.reasons}
    assert by_reason == pytest.approx(
        {
            "bill": (40, (25 + 17) / 60, 25 / 30),
            "claim": (40, (15.5 + 17.5) / 60, 17.5 / 30),
        }
    )


def test_an_agent_without_evidence_gets_no_more_than_today() -> None:
    cells = [
        Cell("bill", "ali", answered=30, fcr_known=30, resolved_first=15),
        Cell("bill", "new", answered=3, fcr_known=3, resolved_first=3),  # lucky, but only three
        Cell("claim", "new", answered=30, fcr_known=30, resolved_first=15),
    ]
    plan = recommend(cells, goal="fcr", min_contacts=10)
    assert _routing(plan) == {
        ("bill", "ali"): (30, 30),
        ("bill", "new"): (3, 3),
        ("claim", "new"): (30, 30),
    }
    assert plan.gain == 0 and plan.moved == 0
    # with the threshold at three "new" may take more of bill, but its load is full of claims that nobody
    # else has answered: nothing moves
    assert recommend(cells, goal="fcr", min_contacts=3).moved == 0


def test_handle_time_is_lowered_and_satisfaction_raised() -> None:
    def cell(reason: str, who: str, handle: float, score: float) -> Cell:
        return Cell(
            reason, who, answered=20, handle_n=20, handle_sum=20 * handle, handle_sq=20 * handle * handle,
            score_n=20, score_sum=20 * score, score_sq=20 * score * score,
        )  # fmt: skip

    cells = [cell("bill", "ali", 60, 4), cell("bill", "sara", 300, 5), cell("claim", "ali", 200, 5),
             cell("claim", "sara", 100, 3)]  # fmt: skip
    fast = recommend(cells, goal="handle", min_contacts=10)
    assert _routing(fast)[("bill", "ali")] == (20, 40) and _routing(fast)[("claim", "sara")] == (20, 40)
    assert fast.gain is not None and fast.gain < 0  # seconds saved
    happy = recommend(cells, goal="score", min_contacts=10)
    assert _routing(happy)[("bill", "sara")] == (20, 40) and _routing(happy)[("claim", "ali")] == (20, 40)
    assert happy.gain is not None and happy.gain > 0
    # no contact has a score: nothing is valued, everything stays
    bare = [Cell("bill", "ali", answered=5), Cell("bill", "sara", answered=5)]
    nothing = recommend(bare, goal="score")
    assert (nothing.today, nothing.gain, nothing.moved) == (None, None, 0)
    assert _routing(nothing) == {("bill", "ali"): (5, 5), ("bill", "sara"): (5, 5)}


def _best_by_enumeration(cells: list[Cell], min_contacts: int) -> float:
    """The best total expected resolutions over every whole-contact routing within load and evidence."""
    from safar.metrics.contact import expected_rate

    reasons = sorted({c.reason for c in cells})
    agents = sorted({c.who for c in cells})
    prior = {
        r: sum(c.resolved_first for c in cells if c.reason == r)
        / sum(c.fcr_known for c in cells if c.reason == r)
        for r in reasons
    }
    load = {a: sum(c.answered for c in cells if c.who == a) for a in agents}
    best = -1.0
    per_reason = []
    for r in reasons:
        mine = [c for c in cells if c.reason == r]
        volume = sum(c.answered for c in mine)
        options = []
        for split in itertools.product(range(volume + 1), repeat=len(mine)):
            if sum(split) != volume:
                continue
            if any(x > c.answered and c.fcr_known < min_contacts for x, c in zip(split, mine, strict=True)):
                continue
            options.append({(c.who): x for x, c in zip(split, mine, strict=True)})
        per_reason.append((mine, options))
    for choice in itertools.product(*(options for _, options in per_reason)):
        taken = dict.fromkeys(agents, 0)
        value = 0.0
        for (mine, _), split in zip(per_reason, choice, strict=True):
            for c in mine:
                taken[c.who] += split[c.who]
                value += split[c.who] * expected_rate(c.resolved_first, c.fcr_known, prior[c.reason])
        if all(taken[a] <= load[a] for a in agents):
            best = max(best, value)
    return best


@pytest.mark.parametrize(
    "cells",
    [
        [
            Cell("a", "x", 4, 4, 1), Cell("a", "y", 3, 3, 3), Cell("a", "z", 2, 2, 1),
            Cell("b", "x", 2, 2, 2), Cell("b", "y", 3, 3, 1), Cell("b", "z", 4, 4, 4),
        ],
        [
            Cell("a", "x", 5, 5, 5), Cell("a", "y", 2, 2, 0), Cell("b", "y", 5, 5, 5),
            Cell("b", "z", 1, 1, 0), Cell("c", "z", 3, 3, 1), Cell("c", "x", 2, 2, 2),
        ],
        [
            Cell("a", "x", 6, 6, 3), Cell("a", "y", 1, 1, 1), Cell("b", "x", 2, 2, 2),
            Cell("b", "y", 5, 5, 1), Cell("b", "z", 3, 1, 1),
        ],
    ],
)  # fmt: skip
@pytest.mark.parametrize("min_contacts", [1, 3])
def test_the_recommendation_is_the_best_whole_contact_routing(cells: list[Cell], min_contacts: int) -> None:
    plan = recommend(cells, goal="fcr", min_contacts=min_contacts)
    total = sum(c.today for c in plan.cells)
    assert plan.recommended is not None
    assert plan.recommended * total == pytest.approx(_best_by_enumeration(cells, min_contacts))
    for who in {c.who for c in cells}:  # nobody over today's load
        assert sum(c.recommended for c in plan.cells if c.who == who) <= sum(
            c.today for c in plan.cells if c.who == who
        )
