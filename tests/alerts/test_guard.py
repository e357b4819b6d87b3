"""The statistical guard through `safar alerts check`: noise, small samples and small effects stay quiet;
the unanswered share and the p-chart guard; "now" is the data's latest time."""

from __future__ import annotations

from typing import Any

import pytest


def result(
    rule_id: int, status: str, *, base: tuple[int, int], recent: tuple[int, int], **test: Any
) -> dict[str, Any]:
    """The parts of a check result these tests state (windows and owners are checked elsewhere)."""
    return {"rule_id": rule_id, "status": status, "baseline": base, "recent": recent, **test}


def summary(found: list[dict[str, Any]], *keys: str) -> list[dict[str, Any]]:
    return [
        {
            "rule_id": r["rule_id"],
            "status": r["status"],
            "baseline": (r["baseline"]["n"], r["baseline"]["hits"]),
            "recent": (r["recent"]["n"], r["recent"]["hits"]),
            **{k: r[k] for k in keys},
        }
        for r in found
    ]


def test_noise_small_samples_and_small_effects_do_not_fire(cli, hook, shop, log) -> None:
    cli("alerts", "destination", "set", "*", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.7)), "--dataset", "shop", "--json")
    found = cli("alerts", "check", "--json")
    # 80% → 70% on 280 and 70 customers: a ten-point fall, but p ≈ 0.035 is not below α = 0.01.
    assert summary(found, "change", "significant") == [
        result(1, "quiet", base=(280, 224), recent=(70, 49), change=-0.1, significant=False)
    ]
    assert found[0]["p_value"] == pytest.approx(0.0354, abs=1e-4)
    # With α = 0.05 the same data fires, unless the minimum effect asks for more than ten points.
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--touchpoint",
        "cart",
        "--kind",
        "conversion_drops",
        "--alpha",
        "0.05",
        "--min-effect",
        "0.15",
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
        "--alpha",
        "0.05",
    )
    assert [(r["rule_id"], r["status"]) for r in cli("alerts", "check", "--json")] == [
        (1, "quiet"),
        (2, "quiet"),
        (3, "fired"),
    ]
    assert [a["rule_id"] for a in hook.received] == [3]


def test_a_collapse_on_too_few_customers_does_not_fire(cli, hook, shop, log) -> None:
    cli("alerts", "destination", "set", "*", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--touchpoint",
        "cart",
        "--kind",
        "conversion_drops",
        "--min-n",
        "10",
    )
    cli("events", "ingest", str(log(0.8, 0.0, recent_per_day=2)), "--dataset", "shop", "--json")
    found = cli("alerts", "check", "--json")
    assert summary(found) == [
        result(1, "too_few", base=(280, 224), recent=(14, 0)),
        result(2, "duplicate", base=(280, 224), recent=(14, 0)),
    ]
    assert found[0]["p_value"] is None and found[1]["p_value"] < 1e-9
    assert [a["rule_id"] for a in hook.received] == [2]


def test_unanswered_share_and_the_p_chart_guard(cli, hook, shop, log) -> None:
    cli("alerts", "destination", "set", "*", hook.url)
    cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--touchpoint",
        "cart",
        "--kind",
        "unanswered_rises",
        "--guard",
        "pchart",
    )
    cli("alerts", "rule", "add", str(shop), "--stage", "buy", "--kind", "unanswered_rises", "--guard", "both")
    cli("events", "ingest", str(log(0.8, 0.5)), "--dataset", "shop", "--json")
    found = cli("alerts", "check", "--json")
    # At the cart 20% → 50% of requests get no later response (no event at another touchpoint);
    # after paying nothing answers (the log ends there).
    assert summary(found, "control_limits", "outside_control_limits") == [
        result(
            1,
            "duplicate",
            base=(280, 56),
            recent=(70, 35),
            control_limits=[0.0566, 0.3434],
            outside_control_limits=True,
        ),
        result(
            2,
            "quiet",
            base=(224, 224),
            recent=(35, 35),
            control_limits=[1.0, 1.0],
            outside_control_limits=False,
        ),
    ]
    assert [(a["rule_id"], a["metric"], a["message"]["en"]) for a in hook.received] == [
        (
            1,
            "unanswered_share",
            "Unanswered requests at Cart rose from 20.0% to 50.0% (n 280 → 70, p = 0.0000).",
        ),
    ]


def test_an_events_rule_only_reads_its_own_dataset(cli, hook, shop, log, tmp_path) -> None:
    cli("alerts", "destination", "set", "*", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "other", "--json")
    assert hook.received == []
    assert cli("alerts", "check", "--dataset", "other", "--json") == []
    [found] = cli("alerts", "check", "--json")
    assert (found["status"], found["error"]["code"]) == ("error", "dataset.not_in_workspace")
