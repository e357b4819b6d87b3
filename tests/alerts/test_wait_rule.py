"""A wait rule (wait_exceeds, issue 19 item 4): the expected wait of a queue against a threshold, on the
synthetic call-centre log whose estimate is worked out by hand in tests/services/test_wait.py; delivered
to the owner department's webhook with the notice for customers in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.services.test_contact import ingest_calls

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]
# the support queue, 30 minutes back as of its newest event: the last answered before did better on its
# past (tests/services/test_wait.py), and the last contact answered waited 40 s
WAIT = ("--dataset", "calls", "--enter", "queued", "--answer", "answered", "--abandon", "abandoned")


def _rule(cli, shop: int, *extra: str):  # type: ignore[no-untyped-def]
    return cli("alerts", "rule", "add", str(shop), "--touchpoint", "support", "--kind", "wait_exceeds",
               *WAIT, *extra, "--json")  # fmt: skip


def test_a_wait_over_its_threshold_alerts_the_owner_with_the_notice(cli, shop, hook, tmp_path: Path) -> None:
    ingest_calls(tmp_path)
    rule = _rule(cli, shop, "--queue", "support", "--threshold", "30s")
    assert rule["params"]["threshold"] == 30
    assert {k: rule["params"][k] for k in ("enter", "answer", "abandon", "queue")} == {
        "enter": "queued", "answer": "answered", "abandon": "abandoned", "queue": "support",
    }  # fmt: skip
    cli("alerts", "destination", "set", "Care", hook.url)
    (result,) = cli("alerts", "check", "--json")
    assert (result["status"], result["owners"], result["metric"]) == ("fired", ["Care"], "expected_wait")
    assert result["change"] == pytest.approx(10.0)  # 40 s against 30 s
    (sent,) = hook.received
    assert (sent["estimate_seconds"], sent["threshold_seconds"], sent["method"]) == (40.0, 30.0, "last")
    assert sent["notice"] == {
        "fa": "زمان انتظار تقریبی: کمتر از یک دقیقه",
        "en": "Expected wait: less than a minute",
    }
    assert sent["message"]["en"] == (
        "The expected wait at Support is 0.7 min, over the threshold of 0.5 min (contacts answered in the "
        "recent window: 1)."
    )
    # the same data is not alerted twice
    assert cli("alerts", "check", "--json")[0]["status"] in ("duplicate", "cooling_down")


def test_under_the_threshold_or_stale_it_stays_quiet(cli, shop, tmp_path: Path) -> None:
    ingest_calls(tmp_path)
    _rule(cli, shop, "--queue", "support", "--threshold", "1m")
    _rule(cli, shop, "--queue", "sales", "--threshold", "1s")  # nothing answered in sales for 19 days
    quiet, stale = cli("alerts", "check", "--json")
    assert quiet["status"] == "quiet" and stale["status"] == "too_few"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--kind", "wait_exceeds", "--dataset", "calls", "--answer", "answered", "--threshold", "5m"),
            "“enter”",
        ),
        (("--kind", "wait_exceeds", "--dataset", "calls", "--enter", "q", "--answer", "a"), "“threshold”"),
        (("--kind", "conversion_drops", "--threshold", "5m"), "“threshold” is a setting of wait rules"),
        (("--kind", "wait_exceeds", "--enter", "q", "--answer", "a", "--threshold", "soon"), "threshold"),
    ],
)
def test_a_wait_rule_missing_what_it_reads_is_refused(cli, shop, args: tuple[str, ...], message: str) -> None:
    result = cli("alerts", "rule", "add", str(shop), "--touchpoint", "support", *args, expect=2)
    assert message in result.stderr


def test_an_editor_adds_a_wait_rule_in_the_web_form(site, shop, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from alerts_helpers import csrf_of

    ingest_calls(tmp_path)
    client = site.client("ana")
    csrf = csrf_of(client.get("/w/default/alerts").text)
    form = {
        "csrf": csrf, "map_id": str(shop), "target_kind": "touchpoint", "target_id": "support",
        "kind": "wait_exceeds", "metric": "csat", "dataset": "calls", "enter": "queued", "answer": "answered",
        "abandon": "", "queue": "support", "contact_col": "", "queue_col": "", "threshold": "30s", "recent": "",
    }  # fmt: skip
    assert client.post("/w/default/alerts/rules", data=form).status_code == 303
    page = client.get("/w/default/alerts?lang=fa").text
    row = page[page.index('data-testid="rule-wait"') :]
    assert "<bdi>۳۰ ثانیه</bdi>" in row[:200] and "support" in row[:300]
    assert "زمان انتظار تقریبی بیش از آستانه" in page
    assert client.post("/w/default/alerts/check", data={"csrf": csrf}).status_code == 303
    fired = client.get("/w/default/alerts?lang=fa").text
    assert "زمان انتظار تقریبی در Support ۰٫۷ دقیقه است، بیش از آستانه ۰٫۵ دقیقه" in fired
    cell = fired[fired.index('data-testid="alert-wait"') :][:600]
    assert "<bdi>۴۰ ثانیه</bdi> &gt; <bdi>۳۰ ثانیه</bdi>" in cell and "آخرین پاسخ‌گرفته" in cell
    assert "زمان انتظار تقریبی: کمتر از یک دقیقه" in cell
    rows = client.get("/w/default/alerts/1/rows?lang=en")
    assert rows.status_code == 400 and "it rests on an estimate" in rows.text
    refused = client.post("/w/default/alerts/rules?lang=en", data={**form, "enter": ""})
    assert refused.status_code == 400 and "A wait rule needs “enter”" in refused.text
