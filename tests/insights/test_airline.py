"""Key drivers on the real airline satisfaction survey (../shared/data), checked against a reference."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest

from safar.insights import key_drivers, quadrants, read_ratings

AIRLINE = (
    Path(__file__).resolve().parents[2].parent
    / "shared"
    / "data"
    / "airline-satisfaction"
    / "airline_satisfaction.csv"
)
RATINGS = [
    "Inflight_wifi_service", "Departure_Arrival_time_convenient", "Ease_of_Online_booking", "Gate_location",
    "Food_and_drink", "Online_boarding", "Seat_comfort", "Inflight_entertainment", "On_board_service",
    "Leg_room_service", "Baggage_handling", "Checkin_service", "Inflight_service", "Cleanliness",
]  # fmt: skip
NOT_RATINGS = ["Age", "Flight_Distance", "Departure_Delay_in_Minutes", "Arrival_Delay_in_Minutes"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frame():  # type: ignore[no-untyped-def]
    if not AIRLINE.is_file():
        pytest.skip(f"{AIRLINE} is not there")
    return read_ratings(AIRLINE)


def reference(frame) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Johnson's relative weights written out on the listwise rows (0 = not applicable)."""
    x = frame[RATINGS].astype(float).to_numpy()
    y = (frame["satisfaction"] == "satisfied").to_numpy(float)
    keep = (x != 0).all(axis=1)
    corr = np.corrcoef(np.column_stack([x[keep], y[keep]]).T)
    evals, evecs = np.linalg.eigh(corr[:14, :14])
    lam = evecs @ np.diag(np.sqrt(evals)) @ evecs.T
    beta = np.linalg.solve(lam, corr[:14, 14])
    return dict(zip(RATINGS, (lam**2) @ (beta**2), strict=True))


def test_airline_key_drivers(frame) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    first = key_drivers(
        frame,
        outcome="satisfaction",
        positive="satisfied",
        na=[0],
        exclude=NOT_RATINGS,
        bootstrap=200,
        seed=7,
    )
    elapsed = time.perf_counter() - start
    second = key_drivers(
        frame,
        outcome="satisfaction",
        positive="satisfied",
        na=[0],
        exclude=NOT_RATINGS,
        bootstrap=200,
        seed=8,
    )
    assert elapsed < 30
    expected = reference(frame)
    for result in (first, second):
        names = [d.name for d in result.drivers]
        importances = [d.importance for d in result.drivers]
        assert sorted(names) == sorted(RATINGS)
        assert importances == sorted(importances, reverse=True)
        assert names == sorted(expected, key=lambda k: -expected[k])
        assert dict(zip(names, importances, strict=True)) == pytest.approx(expected, rel=1e-9)
        assert sum(importances) == result.r2
        assert (result.n, result.n_rows, result.bootstrap_used) == (17840, 19424, 200)
        top, runner_up = result.drivers[0], result.drivers[1]
        # the top driver is clearly ahead: its interval does not reach the runner-up's
        assert top.importance_low is not None and runner_up.importance_high is not None
        assert top.importance_low > runner_up.importance_high
        assert all(0 <= d.performance <= 5 for d in result.drivers)
    assert first.drivers[0].name == second.drivers[0].name
    assert [d.importance_low for d in first.drivers] != [d.importance_low for d in second.drivers]
    matrix = quadrants(first).to_dict()
    assert sorted(n for names in matrix["quadrants"].values() for n in names) == sorted(RATINGS)
