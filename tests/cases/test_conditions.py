"""A case rule's condition as people type it, and the lifecycle a case moves through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from safar.cases.conditions import FORMS, Condition, parse_condition
from safar.cases.lifecycle import MOVES, STATUSES, check_move, is_late, sla_of
from safar.errors import InputError


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("nps<=6", Condition("nps", "<=", 6.0)),
        ("NPS <= ۶", Condition("nps", "<=", 6.0)),
        ("csat<2", Condition("csat", "<", 2.0)),
        ("ces >= ٥", Condition("ces", ">=", 5.0)),
        ("csat=1", Condition("csat", "=", 1.0)),
        (" negative ", Condition("negative")),
        ("alert", Condition("alert")),
        ("topic: Late-Parcels", Condition("topic", topic="late-parcels")),
    ],
)
def test_conditions_read_in_any_digits(typed: str, read: Condition) -> None:
    assert parse_condition(typed) == read


def test_a_condition_holds_on_its_side_of_the_number() -> None:
    detractor = parse_condition("nps<=6")
    assert [v for v in range(11) if detractor.holds(v)] == [0, 1, 2, 3, 4, 5, 6]
    assert [v for v in range(1, 8) if parse_condition("ces>5").holds(v)] == [6, 7]
    assert detractor.text == "nps<=6" and parse_condition("csat = 2").text == "csat=2"


@pytest.mark.parametrize(
    ("typed", "code", "details"),
    [
        ("nps<=11", "case.condition_scale", {"value": "nps<=11", "kind": "NPS", "low": 0, "high": 10}),
        ("csat<=0", "case.condition_scale", {"value": "csat<=0", "kind": "CSAT", "low": 1, "high": 5}),
        ("topic:", "case.bad_condition", {"value": "topic:", "forms": FORMS}),
        ("nps", "case.bad_condition", {"value": "nps", "forms": FORMS}),
    ],
)
def test_a_bad_condition_is_refused_with_the_forms(typed: str, code: str, details: dict[str, object]) -> None:
    with pytest.raises(InputError) as caught:
        parse_condition(typed)
    assert (caught.value.code, caught.value.details) == (code, details)
    assert "۰" not in caught.value.message_for("en")


def test_every_status_has_its_moves_and_only_those() -> None:
    assert set(MOVES) == set(STATUSES)
    allowed = {(a, b) for a in STATUSES for b in STATUSES if b in MOVES[a]}
    assert allowed == {
        ("new", "in_progress"), ("new", "resolved"), ("new", "closed"),
        ("in_progress", "resolved"), ("in_progress", "closed"),
        ("resolved", "closed"), ("resolved", "reopened"),
        ("closed", "reopened"),
        ("reopened", "in_progress"), ("reopened", "resolved"), ("reopened", "closed"),
    }  # fmt: skip
    with pytest.raises(InputError) as caught:
        check_move("closed", "in_progress", case=7)
    assert caught.value.details == {"case": 7, "status": "closed", "to": "in_progress", "allowed": "reopened"}


def test_slas_and_lateness() -> None:
    assert [sla_of(s) for s in ("90m", "48h", "۲d", "1w")] == [
        timedelta(minutes=90), timedelta(hours=48), timedelta(days=2), timedelta(weeks=1),
    ]  # fmt: skip
    for bad in ("1m", "400d", "soon", ""):
        with pytest.raises(InputError) as caught:
            sla_of(bad)
        assert caught.value.code == "case.bad_sla"
    due = datetime(2026, 9, 1, 12, tzinfo=UTC)
    before, after = due - timedelta(minutes=1), due + timedelta(minutes=1)
    assert [is_late("new", due, None, t) for t in (before, after)] == [False, True]
    assert is_late("resolved", due, before, after) is False
    assert is_late("closed", due, after, after) is True
