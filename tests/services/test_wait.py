"""The expected wait (issue 19, item 4) on the synthetic call-centre log of tests/services/test_contact.py,
every figure worked out by hand; ``safar contact wait-estimate``; the notice for customers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.services.test_contact import ingest_calls
from typer.testing import CliRunner

from safar.cli import app
from safar.context import Context
from safar.errors import InputError
from safar.insights.waits import notice_text
from safar.services.wait import WaitQuery, wait_estimate

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]
ROLES = {"enter": "queued", "answer": "answered", "abandon": "abandoned", "end": "ended"}


def _estimate(lang: str = "en", **extra: Any) -> dict[str, Any]:
    with Context.open(lang=lang) as ctx:
        return wait_estimate(ctx, WaitQuery(dataset="calls", **ROLES, **extra)).model_dump(mode="json")


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SAFAR_LANG", "en")
    return ingest_calls(tmp_path)


def _check(method: str, answered: int, estimated: int, mae: float, median: float) -> dict[str, Any]:
    return {"method": method, "answered": answered, "estimated": estimated, "mean_abs_error": pytest.approx(mae),
            "median_abs_error": pytest.approx(median), "within_minute": 1.0}  # fmt: skip


def test_a_month_long_window_by_hand(calls: str) -> None:
    found = _estimate(window="30d")
    # as of c12's answer, the newest contact event: 26 May 2024 14:00:40 UTC
    assert found["at"] == "2024-05-26T14:00:40" and found["window_seconds"] == 30 * 86400
    sales, support = found["queues"]
    # sales answered c01-c04 (waits 10, 15, 30, 20); at entry, the last answered before said 10, 15, 30 for
    # c02-c04 (errors 5, 15, 10); the mean of those before said 10, 12.5, 18.33 (errors 5, 17.5, 1.67)
    assert sales == {
        "queue": "sales", "estimate_seconds": 18.75, "method": "recent", "stale": False,
        "last_answer": "2024-05-07T08:00:20", "waiting_now": 0, "longest_waiting_seconds": None,
        "checks": [_check("last", 4, 3, 10.0, 10.0), _check("recent", 4, 3, (5 + 17.5 + 5 / 3) / 3, 5.0)],
        "notice": "Expected wait: less than a minute",
    }  # fmt: skip
    # support: the mean of c07-c10 and c12 (5, 25, 60, 8, 40); c11 still waiting since T0 + 6 h 5 min
    assert support["estimate_seconds"] == pytest.approx(27.6) and support["method"] == "recent"
    assert (support["waiting_now"], support["longest_waiting_seconds"]) == (1, 20 * 86400 - 260)


def test_the_default_window_knows_a_stale_queue(calls: str) -> None:
    sales, support = _estimate()["queues"]
    # nothing answered in sales in the 30 minutes before: no promise
    assert (sales["stale"], sales["estimate_seconds"], sales["notice"]) == (
        True, None, "No wait estimate right now",
    )  # fmt: skip
    # support, 30 minutes: the last answered before did better on the contacts both estimate (c08, c09: errors
    # 20 and 35 against 20 and 45); as of now it is c12's wait, 40 s
    assert (support["method"], support["estimate_seconds"], support["stale"]) == ("last", 40.0, False)
    assert support["checks"][0] == {
        "method": "last", "answered": 5, "estimated": 4, "mean_abs_error": (20 + 35 + 52 + 32) / 4,
        "median_abs_error": 33.5, "within_minute": 1.0,
    }  # fmt: skip
    one = _estimate(queue="support")["queues"]
    assert [q["queue"] for q in one] == ["support"]
    with pytest.raises(InputError) as caught:
        _estimate(queue="billing")
    assert caught.value.code == "wait.unknown_queue"
    with pytest.raises(InputError) as caught:
        _estimate(window="soon")
    assert caught.value.code == "analytics.bad_duration"


def test_the_notice_rounds_up_to_whole_minutes() -> None:
    assert notice_text(59.0, "fa") == "زمان انتظار تقریبی: کمتر از یک دقیقه"
    assert notice_text(301.0, "fa") == "زمان انتظار تقریبی: ۶ دقیقه"
    assert notice_text(301.0, "en") == "Expected wait: about 6 min"
    assert notice_text(3 * 3600 + 1.0, "en") == "Expected wait: about 4 h"
    assert notice_text(None, "fa") == "اکنون برآوردی از زمان انتظار در دست نیست"


def test_the_cli_prints_the_estimate_and_its_json(calls: str, monkeypatch: pytest.MonkeyPatch) -> None:
    args = ["contact", "wait-estimate", "--dataset", "calls", "--enter", "queued", "--answer", "answered",
            "--abandon", "abandoned", "--end", "ended", "--window", "30d"]  # fmt: skip
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == _estimate(window="30d")
    monkeypatch.setenv("SAFAR_LANG", "fa")
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert "۱۹ ثانیه" in shown.output and "۲۸ ثانیه" in shown.output and "برگزیده" in shown.output
    refused = CliRunner().invoke(app, [*args[:-2], "--window", "0m"])
    assert refused.exit_code == 2 and "--window" in refused.output
