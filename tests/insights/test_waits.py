"""The wait estimates (safar.insights.waits), worked by hand."""

from __future__ import annotations

import numpy as np
import pytest

from safar.insights.waits import check, choose, estimates, last_answer_before, last_answered, recent_mean

NAN = float("nan")
# five contacts of one queue: entered, answered (NaN: abandoned or still waiting), in seconds
ENTER = np.array([0.0, 60.0, 120.0, 180.0, 200.0])
ANSWER = np.array([30.0, 150.0, 140.0, 200.0, NAN])


def test_each_estimate_uses_only_what_was_known_at_entry() -> None:
    # answers by time: 30 (waited 30), 140 (20), 150 (90), 200 (20); the 5th, entering at 200 as the 4th is
    # answered, does not know that answer yet; it is never answered itself
    assert last_answered(ENTER, ANSWER).tolist() == pytest.approx([NAN, 30, 30, 90, 90], nan_ok=True)
    # an answer at the very moment of entry is not known yet: the 5th enters at 200, as the 4th is answered
    assert recent_mean(ENTER, ANSWER, window=60).tolist() == pytest.approx(
        [NAN, 30, NAN, 55, 55], nan_ok=True
    )
    at = np.array([10.0, 1000.0])
    assert last_answered(ENTER, ANSWER, at).tolist() == pytest.approx([NAN, 20], nan_ok=True)
    assert recent_mean(ENTER, ANSWER, window=1000, at=at).tolist() == pytest.approx([NAN, 40], nan_ok=True)
    assert last_answer_before(ANSWER, 150.0) == 140.0 and last_answer_before(ANSWER, 30.0) is None


def test_the_check_scores_answered_contacts_only() -> None:
    # last answered: contacts 2-4 estimated 30, 30, 90 against waits 90, 20, 20: errors 60, 10, 70
    last = check("last", ENTER, ANSWER, window=60)
    assert (last.answered, last.estimated) == (4, 3)
    assert (last.mean_abs_error, last.median_abs_error, last.within_minute) == pytest.approx(
        (140 / 3, 60, 2 / 3)
    )
    # recent mean (60 s): contacts 2 and 4 estimated 30 and 55 against 90 and 20: errors 60, 35
    recent = check("recent", ENTER, ANSWER, window=60)
    assert (recent.estimated, recent.mean_abs_error, recent.median_abs_error) == (2, 47.5, 47.5)
    # on the contacts both estimate (2 and 4): last 60 + 70, recent 60 + 35: the recent mean is chosen
    assert choose(ENTER, ANSWER, window=60) == "recent"
    assert estimates("last", ENTER, ANSWER, window=60, at=np.array([500.0])).tolist() == [20.0]
    nothing = check("recent", np.array([0.0]), np.array([NAN]), window=60)
    assert (nothing.answered, nothing.estimated, nothing.mean_abs_error) == (0, 0, None)
