"""The expected wait of a contact entering a queue now (زمان انتظار تقریبی), and how well each way of
estimating it did on the queue's past contacts.

Two estimates, each from what was known when the contact entered (nothing after it):

- **last answered** (``last``): the wait of the queue's contact answered most recently before (the
  "last to enter service" delay of the queueing literature);
- **recent mean** (``recent``): the mean wait of the queue's contacts answered in the ``window`` before
  (30 minutes by default).

Both are checked on every past answered contact of the queue (abandoned and open contacts have no known
wait and are not scored): the error is estimate − actual wait, summarised as the mean absolute error,
the median absolute error and the share within a minute. The live estimate uses the method with the
smaller mean absolute error over the contacts both could estimate. Neither estimates a queue with no
contact answered within the window before the moment asked about: its estimate is stale, and said so.

>>> import numpy as np
>>> enter = np.array([0, 60, 120, 180], dtype=float)
>>> answer = np.array([30, 150, 140, 200], dtype=float)
>>> last_answered(enter, answer)  # the 1st before any answer; the 4th after the 2nd's, at 150 (waited 90)
array([nan, 30., 30., 90.])
>>> recent_mean(enter, answer, window=100)  # the 4th: the answers at 140 (20 s) and 150 (90 s)
array([nan, 30., 30., 55.])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

Method = Literal["last", "recent"]
METHODS: tuple[Method, ...] = ("last", "recent")
WINDOW_SECONDS = 1800.0
WITHIN_SECONDS = 60.0
Floats = npt.NDArray[np.float64]


def _by_answer(enter: Floats, answer: Floats) -> tuple[Floats, Floats]:
    """The answered contacts' answer times, sorted, and their waits in the same order."""
    answered = ~np.isnan(answer)
    order = np.argsort(answer[answered], kind="stable")
    return answer[answered][order], (answer - enter)[answered][order]


def last_answered(enter: Floats, answer: Floats, at: Floats | None = None) -> Floats:
    """For each moment ``at`` (each contact's entry by default): the wait of the contact answered last
    strictly before it; NaN where none was. ``enter``/``answer`` in seconds (NaN: not answered)."""
    times, waits = _by_answer(enter, answer)
    moments = enter if at is None else at
    index = np.searchsorted(times, moments, side="left") - 1
    out = np.full(len(moments), np.nan)
    known = index >= 0
    out[known] = waits[index[known]]
    return out


def recent_mean(enter: Floats, answer: Floats, *, window: float, at: Floats | None = None) -> Floats:
    """For each moment ``at`` (each contact's entry by default): the mean wait of the contacts answered in
    the ``window`` seconds strictly before it; NaN where none was."""
    times, waits = _by_answer(enter, answer)
    moments = enter if at is None else at
    summed = np.concatenate([[0.0], np.cumsum(waits)])
    hi = np.searchsorted(times, moments, side="left")
    lo = np.searchsorted(times, moments - window, side="left")
    n = hi - lo
    out = np.full(len(moments), np.nan)
    some = n > 0
    out[some] = (summed[hi[some]] - summed[lo[some]]) / n[some]
    return out


def last_answer_before(answer: Floats, at: float) -> float | None:
    """The newest answer time strictly before ``at`` (None without one)."""
    earlier = answer[~np.isnan(answer) & (answer < at)]
    return float(earlier.max()) if len(earlier) else None


@dataclass(frozen=True)
class Check:
    """How one method did on a queue's past answered contacts: how many it estimated (of ``answered``),
    the mean and median absolute error in seconds and the share within :data:`WITHIN_SECONDS`."""

    method: Method
    answered: int
    estimated: int
    mean_abs_error: float | None
    median_abs_error: float | None
    within_minute: float | None


def check(method: Method, enter: Floats, answer: Floats, *, window: float) -> Check:
    """Score ``method`` on every answered contact: its estimate at the contact's entry against its wait."""
    guess = estimates(method, enter, answer, window=window)
    actual = answer - enter
    scored = ~np.isnan(answer) & ~np.isnan(guess)
    errors = np.abs(guess[scored] - actual[scored])
    answered = int((~np.isnan(answer)).sum())
    if not len(errors):
        return Check(method, answered, 0, None, None, None)
    return Check(
        method,
        answered,
        len(errors),
        float(errors.mean()),
        float(np.median(errors)),
        float((errors <= WITHIN_SECONDS).mean()),
    )


def estimates(
    method: Method, enter: Floats, answer: Floats, *, window: float, at: Floats | None = None
) -> Floats:
    if method == "last":
        return last_answered(enter, answer, at)
    return recent_mean(enter, answer, window=window, at=at)


def choose(enter: Floats, answer: Floats, *, window: float) -> Method:
    """The method with the smaller mean absolute error over the contacts both estimate (``recent`` on a
    tie or with nothing to compare: it leans on more contacts)."""
    actual = answer - enter
    last = last_answered(enter, answer)
    recent = recent_mean(enter, answer, window=window)
    both = ~np.isnan(answer) & ~np.isnan(last) & ~np.isnan(recent)
    if not both.any():
        return "recent"
    last_error = float(np.abs(last[both] - actual[both]).mean())
    recent_error = float(np.abs(recent[both] - actual[both]).mean())
    return "last" if last_error < recent_error else "recent"


@dataclass(frozen=True)
class Now:
    """A queue's estimate at a moment: the method chosen on its past, the estimate in seconds (None when
    stale: nothing answered within the window before the moment) and the newest answer before it."""

    method: Method
    estimate: float | None
    stale: bool
    last_answer: float | None


def estimate_at(enter: Floats, answer: Floats, *, window: float, at: float) -> Now:
    """The expected wait of a contact entering at ``at`` (seconds; answers at that very moment count as
    known), by the method :func:`choose` picks on the queue's past contacts.

    >>> e = estimate_at(np.array([0.0, 60.0]), np.array([30.0, 100.0]), window=60, at=100)
    >>> e.method, e.estimate, e.stale
    ('recent', 40.0, False)
    """
    method = choose(enter, answer, window=window)
    moment = at + 1e-3
    last = last_answer_before(answer, moment)
    stale = last is None or last < at - window
    guess = estimates(method, enter, answer, window=window, at=np.array([moment]))[0]
    return Now(method, None if stale or np.isnan(guess) else float(guess), stale, last)


def notice_text(estimate: float | None, lang: str) -> str:
    """The sentence for customers: the wait rounded up to whole minutes («زمان انتظار تقریبی: ۶ دقیقه»),
    under a minute said so; without an estimate, that there is none.

    >>> notice_text(301.0, "en"), notice_text(None, "en")
    ('Expected wait: about 6 min', 'No wait estimate right now')
    """
    import math

    from safar.i18n import format_number, translate

    if estimate is None:
        return translate("wait.notice.none", lang)
    if estimate < 60:
        return translate("wait.notice.under_minute", lang)
    minutes = math.ceil(estimate / 60)
    if minutes < 120:
        return translate("wait.notice.minutes", lang, n=format_number(minutes, lang))
    return translate("wait.notice.hours", lang, n=format_number(math.ceil(minutes / 60), lang))
