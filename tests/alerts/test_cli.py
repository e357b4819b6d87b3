"""`safar alerts rules|rule|destination|destinations|check|list|ack|watch`: results, and one-line errors."""

from __future__ import annotations

import pytest


def test_rules_and_destinations_round_trip(cli, shop) -> None:
    rule = cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--channel",
        "website",
        "--kind",
        "conversion_drops",
        "--to",
        "support",
        "--min-n",
        "50",
        "--alpha",
        "0.05",
        "--min-effect",
        "0.1",
        "--window",
        "14d",
        "--baseline",
        "8w",
        "--within",
        "12h",
        "--guard",
        "both",
        "--cooldown",
        "6h",
        "--owner",
        "Growth",
        "--json",
    )
    assert {k: v for k, v in rule.items() if k != "created_at"} == {
        "id": 1,
        "map_id": shop,
        "target": {"kind": "channel", "id": "website"},
        "kind": "conversion_drops",
        "params": {
            "window": 1209600,
            "baseline": 4838400,
            "min_n": 50,
            "alpha": 0.05,
            "min_effect": 0.1,
            "guard": "both",
            "metric": "csat",
            "within": 43200,
            "to": "support",
        },
        "owner": "Growth",
        "cooldown": 21600,
        "enabled": True,
        "created_by": "tester",
    }
    named = rule | {"target": rule["target"] | {"name": "Website", "lang": "en"}}  # the listing names it
    assert cli("alerts", "rules", "--map", str(shop), "--json") == [named]
    assert cli("alerts", "rules", "--map", "99", "--json") == []
    assert cli(
        "alerts", "destination", "set", "Growth", "https://hooks.example/x", "--attempts", "2", "--json"
    ) == {
        "department": "Growth",
        "url": "https://hooks.example/x",
        "attempts": 2,
        "backoff_ms": 1000,
    }
    cli(
        "alerts",
        "destination",
        "set",
        "Growth",
        "https://hooks.example/y",
        "--backoff",
        "2s",
    )
    assert cli("alerts", "destinations", "--json") == [
        {"department": "Growth", "url": "https://hooks.example/y", "attempts": 4, "backoff_ms": 2000}
    ]
    assert cli("alerts", "destination", "remove", "Growth", "--json") == {"removed": "Growth"}
    assert cli("alerts", "rule", "remove", "1", "--json") == {"removed": 1}
    assert cli("alerts", "rules", "--json") == []


def test_text_output_in_persian(cli, shop, monkeypatch: pytest.MonkeyPatch, terminal_width) -> None:
    monkeypatch.setenv("SAFAR_LANG", "fa")
    terminal_width(200)
    assert cli(
        "alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "unanswered_rises"
    ).stdout == ("قاعده هشدار ۱ افزوده شد.\n")
    listing = cli("alerts", "rules").stdout
    assert "افزایش سهم بی‌پاسخ" in listing and "نقطه تماس: Cart" in listing  # by its name
    assert "داده‌ای نیست" in cli("alerts", "check").stdout
    assert cli("alerts", "watch", "--count", "1", "--every", "1", "--json")[0]["status"] == "no_data"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("rule", "add", "1", "--kind", "conversion_drops"),
            "Name exactly one target: --touchpoint, --stage or --channel (given: 0).",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "cart", "--stage", "buy", "--kind", "conversion_drops"),
            "Name exactly one target: --touchpoint, --stage or --channel (given: 2).",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "cart", "--kind", "louder"),
            "Unknown alert rule kind 'louder'. Use one of: satisfaction_falls, conversion_drops, unanswered_rises, "
            "negative_sentiment_rises, wait_exceeds.",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "nowhere", "--kind", "conversion_drops"),
            "The map has no touchpoint 'nowhere'. Known: cart, pay, support.",
        ),
        (
            ("rule", "add", "1", "--stage", "cart", "--kind", "conversion_drops"),
            "The map has no stage 'cart'. Known: browse, buy, after.",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "cart", "--kind", "conversion_drops", "--window", "soon"),
            "Alert setting 'window' cannot be 'soon'. Allowed: ≥ 1m: 90s, 45m, 12h, 7d, 2w.",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "cart", "--kind", "conversion_drops", "--alpha", "0.7"),
            "Alert setting 'alpha' cannot be '0.7'. Allowed: 0 < α < 0.5.",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "cart", "--kind", "satisfaction_falls", "--to", "pay"),
            "--to 'pay' applies only to conversion_drops rules, not to satisfaction_falls.",
        ),
        (
            ("rule", "add", "1", "--touchpoint", "cart", "--kind", "conversion_drops", "--to", "cart2"),
            "The map has no touchpoint 'cart2'. Known: cart, pay, support.",
        ),
        (
            (
                "rule",
                "add",
                "1",
                "--touchpoint",
                "cart",
                "--kind",
                "conversion_drops",
                "--dataset",
                "elsewhere",
            ),
            "Workspace 'default' has no dataset 'elsewhere'. Its datasets: . "
            "Ingest events with `safar events ingest FILE --dataset NAME`.",
        ),
        (
            ("rule", "add", "7", "--touchpoint", "cart", "--kind", "conversion_drops"),
            "No journey map with id 7 in this workspace. Run `safar map list` to see the maps.",
        ),
        (
            ("rule", "remove", "5"),
            "No alert rule with id 5 in this workspace. Run `safar alerts rules` to see them.",
        ),
        (
            ("destination", "set", "Sales", "ftp://x"),
            "'ftp://x' is not a webhook URL. Give an http:// or https:// address.",
        ),
        (
            ("destination", "set", "Sales", "http://x", "--attempts", "0"),
            "Alert setting 'attempts' cannot be '0'. Allowed: 1 … 10.",
        ),
        (
            ("destination", "remove", "Nobody"),
            "No webhook is set for department 'Nobody'. Run `safar alerts destinations` to see them.",
        ),
        (("ack", "3"), "No alert with id 3 in this workspace. Run `safar alerts list` to see them."),
        (
            ("check", "--rule", "3"),
            "No alert rule with id 3 in this workspace. Run `safar alerts rules` to see them.",
        ),
    ],
)
def test_errors_are_one_line_and_exit_2(cli, shop, args: tuple[str, ...], message: str) -> None:
    result = cli("alerts", *args, expect=2)
    assert (result.stdout, result.stderr) == ("", message + "\n")
    as_json = cli("alerts", *args, "--json", expect=2)
    assert as_json.stderr == message + "\n" and '"code": "' in as_json.stdout


def test_acknowledging_an_alert(cli, hook, shop, log) -> None:
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    listed = cli("alerts", "list", "--json")
    assert [(a["id"], a["delivery"]) for a in listed] == [(1, "none")]
    assert cli("alerts", "list").stdout.count("webhook") == 1  # "no webhook", wrapped to fit 80 columns
    acked = cli("alerts", "ack", "1", "--json")
    assert (acked["id"], acked["acknowledged_by"], acked["delivery"], acked["deliveries"]) == (
        1,
        "tester",
        "none",
        [],
    )
    assert cli("alerts", "ack", "1").stdout == "Alert 1 acknowledged.\n"


def test_every_alerts_command_has_json() -> None:
    import inspect

    from safar.cli import alerts

    commands = [
        c.callback
        for group in (alerts.app, alerts.rule_app, alerts.destination_app)
        for c in group.registered_commands
    ]
    assert len(commands) == 11
    assert [c.__name__ for c in commands if "as_json" not in inspect.signature(c).parameters] == []
