"""Through the real CLI: ingesting events that show a real drop fires an alert, POSTed to the owner
department's webhook within the same command; retries, the delivery log, cool-down and dedupe."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from alerts_helpers import T0, cohorts, write_log

TIME = "<time>"


def stable(data: Any) -> Any:
    """``data`` with the wall-clock times (which change from run to run) replaced by a marker."""
    if isinstance(data, dict):
        return {k: TIME if k in ("fired_at", "at") and v else stable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [stable(v) for v in data]
    return data


def window(start: int, end: int, n: int, hits: int) -> dict[str, Any]:
    return {
        "start": (T0 + timedelta(days=start)).isoformat() + "+00:00",
        "end": (T0 + timedelta(days=end)).isoformat() + "+00:00",
        "n": n,
        "hits": hits,
        "value": round(hits / n, 6),
    }


ALERT = {
    "event": "safar.alert",
    "workspace": "default",
    "rule_id": 1,
    "kind": "conversion_drops",
    "metric": "conversion",
    "direction": "falls",
    "map": {"id": 1, "title": "Shop"},
    "target": {"kind": "touchpoint", "id": "cart", "name": "Cart"},
    "owners": ["Sales"],
    "now": (T0 + timedelta(days=36)).isoformat() + "+00:00",
    "dataset": "shop",
    "recent": window(28, 35, 70, 28),
    "baseline": window(0, 28, 280, 224),
    "change": -0.4,
    "z": -6.6667,
    "p_value": pytest.approx(1.31e-11, rel=0.01),
    "control_limits": [0.6566, 0.9434],
    "outside_control_limits": True,
    "significant": True,
    "guard": {"test": "two_proportion_z", "alpha": 0.01, "min_n": 30, "min_effect": 0.05, "guard": "ztest"},
    "message_params": {"target": "Cart", "before": 80.0, "after": 40.0, "n_before": 280, "n_after": 70},
    "message": {
        "en": "Conversion after Cart dropped from 80.0% to 40.0% (n 280 → 70, p = 0.0000).",
        "fa": "نرخ تبدیل پس از Cart از ۸۰٫۰٪ به ۴۰٫۰٪ افت کرد (n ۲۸۰ ← ۷۰، p = ۰٫۰۰۰۰).",
    },
    "link": "/w/default/alerts",
    "id": 1,
    "fired_at": TIME,
}


def test_a_real_drop_is_posted_to_the_owner_within_the_ingest(cli, hook, shop, log) -> None:
    cli("alerts", "destination", "set", "Sales", hook.url, "--backoff", "0.01s")
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    report = cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    assert report == {
        "read": 603,
        "loaded": 603,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
        "columns": {"customer": "customer_id", "activity": "activity", "time": "timestamp"},
        "reading": {"encoding": "UTF-8", "calendar": "gregorian", "tz": "UTC"},
    }
    assert stable(hook.received) == [ALERT]
    assert hook.headers[0]["content-type"] == "application/json; charset=utf-8"
    assert hook.headers[0]["x-safar-event"] == "alert"
    feed = cli("alerts", "list", "--json")
    assert stable(feed) == [
        {
            **ALERT,
            "target": {**ALERT["target"], "lang": None},  # a touchpoint's name is in the map's language
            # The feed's windows have one shape for every kind: detractors is for NPS, none here.
            "recent": {**ALERT["recent"], "detractors": None},
            "baseline": {**ALERT["baseline"], "detractors": None},
            # and a wait rule's estimate, threshold, method and notice, none here
            **dict.fromkeys(("queue", "estimate_seconds", "threshold_seconds", "method", "notice")),
            # and the knowledge base's surging questions' names, examples and newness, none here
            **dict.fromkeys(("target_names", "new", "examples")),
            "text": ALERT["message"]["en"],  # the message in the reader's language
            "rule_id": 1,
            "acknowledged_by": None,
            "acknowledged_at": None,
            "delivery": "delivered",
            "deliveries": [
                {
                    "department": "Sales",
                    "url": hook.url,
                    "attempt": 1,
                    "status_code": 200,
                    "error": None,
                    "ok": True,
                    "at": TIME,
                }
            ],
        }
    ]


def test_a_failing_webhook_is_retried_and_every_attempt_logged(cli, hook, shop, log) -> None:
    hook.statuses = [500, 503]
    cli("alerts", "destination", "set", "*", hook.url, "--attempts", "3", "--backoff", "0.01s")
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    assert len(hook.received) == 3 and hook.received[0] == hook.received[2]
    [alert] = cli("alerts", "list", "--json")
    assert alert["delivery"] == "delivered"
    assert [(d["attempt"], d["status_code"], d["ok"], d["department"]) for d in alert["deliveries"]] == [
        (1, 500, False, "Sales"),
        (2, 503, False, "Sales"),
        (3, 200, True, "Sales"),
    ]


def test_a_refusing_or_unreachable_webhook_fails_after_its_attempts(cli, hook, shop, log) -> None:
    hook.statuses = [404]
    cli("alerts", "destination", "set", "Sales", hook.url, "--attempts", "3", "--backoff", "0.01s")
    cli(
        "alerts",
        "destination",
        "set",
        "Payments",
        "http://127.0.0.1:9/nothing-listens",
        "--attempts",
        "2",
        "--backoff",
        "0.01s",
    )
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--stage",
        "browse",
        "--kind",
        "conversion_drops",
        "--owner",
        "Sales",
    )
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--touchpoint",
        "cart",
        "--kind",
        "conversion_drops",
        "--owner",
        "Payments",
    )
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    feed = cli("alerts", "list", "--json")
    assert [(a["rule_id"], a["delivery"]) for a in feed] == [(2, "failed"), (1, "failed")]
    assert [(d["attempt"], d["status_code"], d["ok"]) for d in feed[1]["deliveries"]] == [(1, 404, False)]
    assert [
        (d["attempt"], d["status_code"], d["ok"], d["error"] is not None) for d in feed[0]["deliveries"]
    ] == [
        (1, None, False, True),
        (2, None, False, True),
    ]


def test_the_same_data_or_the_cool_down_never_alert_twice(cli, hook, shop, log, tmp_path) -> None:
    cli("alerts", "destination", "set", "Sales", hook.url)
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--touchpoint",
        "cart",
        "--kind",
        "conversion_drops",
        "--cooldown",
        "2d",
    )
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    assert len(hook.received) == 1
    [again] = cli("alerts", "check", "--json")
    assert (again["status"], again["alert_id"]) == ("duplicate", None)
    # A day more of the same bad news: new data, but within the rule's two-day cool-down.
    more = cohorts(range(35, 36), 10, 0.4, prefix="m")
    cli(
        "events",
        "ingest",
        str(write_log(tmp_path / "more.csv", more, last=T0 + timedelta(days=37))),
        "--dataset",
        "shop",
        "--json",
    )
    [later] = cli("alerts", "check", "--json")
    assert later["status"] == "cooling_down" and later["now"].startswith("2024-02-07")
    assert len(hook.received) == 1
    assert len(cli("alerts", "list", "--json")) == 1


def test_text_mode_ingest_says_which_alert_fired(cli, hook, shop, log) -> None:
    cli("alerts", "destination", "set", "Sales", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    result = cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop")
    assert result.stderr == "Alert 1 fired: Cart. See `safar alerts list`.\n"
    assert result.stdout.splitlines()[-1] == "read 603, loaded 603, duplicates 0, rejected 0"
    assert json.loads(json.dumps(hook.received))[0]["id"] == 1


def test_two_processes_checking_the_same_data_store_one_alert(
    cli, hook, shop, log, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The other process's check has not seen the stored alert yet: the unique index stops the copy."""
    cli("alerts", "destination", "set", "Sales", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    assert len(hook.received) == 1
    from safar.alerts import service

    monkeypatch.setattr(service.store, "last_alert", lambda session, rule_id: None)
    [again] = cli("alerts", "check", "--json")
    assert (again["status"], again["alert_id"]) == ("duplicate", None)
    assert len(hook.received) == 1
    assert len(cli("alerts", "list", "--json")) == 1


def test_a_failed_delivery_is_tried_again_by_later_checks_until_it_passes(cli, hook, shop, log) -> None:
    from datetime import UTC

    from safar.alerts import Alerts
    from safar.config import Settings
    from safar.workspace import Workspace

    cli("alerts", "destination", "set", "Sales", hook.url, "--attempts", "1")
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    hook.statuses = [503, 503]  # down for the first delivery and the first retry
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    [fired] = cli("alerts", "list", "--json")
    assert [(d["attempt"], d["status_code"], d["ok"]) for d in fired["deliveries"]] == [(1, 503, False)]
    start = datetime.fromisoformat(fired["deliveries"][0]["at"])
    now = [start + timedelta(minutes=1)]
    with Workspace.open(Settings.from_env()) as ws:
        alerts = Alerts(ws, clock=lambda: now[0], sleep=lambda s: None)
        assert alerts.redeliver() == {}  # too soon: the first retry waits 5 minutes
        now[0] = start + timedelta(minutes=6)
        assert [(a.status_code, a.ok) for a in alerts.redeliver()[fired["id"]]] == [(503, False)]
        now[0] = start + timedelta(minutes=12)
        assert alerts.redeliver() == {}  # the second retry waits 10 minutes after the first
        now[0] = start + timedelta(minutes=17)
        assert [(a.status_code, a.ok) for a in alerts.redeliver()[fired["id"]]] == [(200, True)]
        now[0] = start + timedelta(hours=2)
        assert alerts.redeliver() == {}  # delivered: never again
        now[0] = datetime.now(UTC)
    assert len(hook.received) == 3 and hook.received[-1]["id"] == fired["id"]
    [after] = cli("alerts", "list", "--json")
    assert (after["delivery"], [d["ok"] for d in after["deliveries"]]) == ("delivered", [False, False, True])


def test_a_refused_alert_is_tried_again_only_at_a_new_address(cli, hook, shop, log) -> None:
    from safar.alerts import Alerts
    from safar.config import Settings
    from safar.workspace import Workspace

    cli("alerts", "destination", "set", "Sales", hook.url, "--attempts", "1")
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    hook.statuses = [404]
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    [fired] = cli("alerts", "list", "--json")
    later = datetime.fromisoformat(fired["deliveries"][0]["at"]) + timedelta(hours=1)
    with Workspace.open(Settings.from_env()) as ws:
        alerts = Alerts(ws, clock=lambda: later, sleep=lambda s: None)
        assert alerts.redeliver() == {}  # the same address refused it
        alerts.set_destination("Sales", hook.url + "-fixed", attempts=1)
        assert [(a.url.endswith("-fixed"), a.ok) for a in alerts.redeliver()[fired["id"]]] == [(True, True)]
