"""`safar analyze retention | churn` as an analyst types them: the JSON contract of the issue (cohorts named in
the reader's calendar, Jalali in Persian), the tables in each language, and the refusals in one line."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from test_retention import NOWRUZ
from typer.testing import CliRunner

from safar.cli import app
from safar.config import Settings

pytestmark = [pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning")]


@pytest.fixture
def home(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> int:
    from safar.maps.templates import load_template
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    monkeypatch.setenv("SAFAR_HOME", str(tmp_path))
    monkeypatch.setenv("SAFAR_LANG", "fa")
    monkeypatch.delenv("SAFAR_TZ", raising=False)
    monkeypatch.delenv("SAFAR_CALENDAR", raising=False)
    settings = Settings.from_env()
    with open_warehouse(settings) as wh:
        n = 0
        for customer, events in NOWRUZ.items():
            for event in events:
                attributes = json.dumps(event[3] if len(event) > 3 else {})
                wh.raw.execute(
                    "INSERT INTO events VALUES ('shop', ?, ?, ?, ?, ?, NULL, NULL, NULL, ?)",
                    [f"e{n}", customer, event[0], event[1], n, attributes],
                )
                n += 1
    with Workspace.open(settings) as ws:
        ws.claim_dataset("shop")
        return ws.create_map(load_template("insurance", "fa")).id


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_retention_json_is_the_contract_in_the_readers_calendar(
    home: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = run("analyze", "retention", "--dataset", "shop", "--json")
    assert [{k: c[k] for k in ("cohort", "start", "size", "retained")} for c in found["cohorts"]] == [
        {"cohort": "اسفند ۱۴۰۲", "start": "2024-02-20", "size": 2, "retained": [2, 1, 0, 1]},
        {"cohort": "فروردین ۱۴۰۳", "start": "2024-03-20", "size": 1, "retained": [1, 1, 0]},
    ]
    assert (found["calendar"], found["period"], found["partial"]) == ("jalali", "month", True)
    monkeypatch.setenv("SAFAR_LANG", "en")
    english = run("analyze", "retention", "--dataset", "shop", "--json", "--start-activity", "buy")
    assert [(c["cohort"], c["start"], c["retained"]) for c in english["cohorts"]] == [
        ("Apr 2024", "2024-04-01", [1, 0]),
        ("May 2024", "2024-05-01", [1]),
    ]
    table = run("analyze", "retention", "--dataset", "shop", "--period", "quarter")
    assert "Cohort retention" in table and "2024 Q1" in table and "100%" in table


def test_retention_and_churn_read_as_tables_in_persian(home: int) -> None:
    table = run("analyze", "retention", "--dataset", "shop")
    assert "اسفند ۱۴۰۲" in table and "۱۰۰٪" in table and "۵۰٪" in table
    churned = run("analyze", "churn", "--dataset", "shop", "--inactive", "30d")
    assert (
        "رویگردان: ۱ / ۳ (۳۳٪)" in churned
    )  # cy, last seen 19 March; bob's last (25 April) is 30 days exactly
    risky = run("analyze", "churn", "--dataset", "shop", "--inactive", "30d", "--risk", "--json")
    assert (risky["customers"], risky["churned"], risky["risk"]["available"]) == (3, 1, False)
    assert risky["risk"]["reason"].startswith("مشتریان برای مدل ریسک رویگردانی کم‌اند")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--period", "fortnight"], "fortnight"),
        (["--start-touchpoint", "nowhere", "--map", "1"], "nowhere"),
    ],
)
def test_a_wrong_option_is_one_line_in_the_readers_language(home: int, args: list[str], said: str) -> None:
    result = CliRunner().invoke(app, ["analyze", "retention", "--dataset", "shop", *args])
    assert result.exit_code == 2 and said in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_churn_by_an_explicit_event_needs_a_horizon_for_its_risk(home: int) -> None:
    result = CliRunner().invoke(
        app, ["analyze", "churn", "--dataset", "shop", "--churn-event", "buy", "--risk"]
    )
    assert result.exit_code == 2 and "--horizon" in result.stderr
    found = run("analyze", "churn", "--dataset", "shop", "--churn-event", "buy", "--horizon", "10d", "--json")
    assert (found["churn_event"], found["inactive_days"], found["churned"]) == ("buy", None, 2)
    assert found["as_of"] == dt.datetime(2024, 5, 25, 12).isoformat()


def test_health_reads_each_customer_and_takes_its_weights(home: int, monkeypatch: pytest.MonkeyPatch) -> None:
    found = run("analyze", "health", "--dataset", "shop", "--json")
    assert (found["customers"], found["window_days"], found["trend_days"]) == (3, 90, 30)
    assert [c["customer_id"] for c in found["lowest"]] == ["cy", "bob", "ana"]  # cy last seen in March
    recency = run("analyze", "health", "--dataset", "shop", "--weights", "frequency=0", "--json")
    assert recency["weights"]["frequency"] == 0.0 and all(
        "recency" in c["components"] for c in recency["lowest"]
    )
    table = run("analyze", "health", "--dataset", "shop")
    assert "میانگین سلامت" in table and "مشتریان با بدترین سلامت" in table
    wrong = CliRunner().invoke(app, ["analyze", "health", "--dataset", "shop", "--weights", "mood=2"])
    assert wrong.exit_code == 2 and "mood=2" in wrong.stderr


def test_health_per_account_and_a_bands_customers(home: int, monkeypatch: pytest.MonkeyPatch) -> None:
    found = run("analyze", "health", "--dataset", "shop", "--account-attr", "amount", "--json")
    # ana's first amount is 10, bob's 7; cy names none: each account is its one customer here
    by = {c["customer_id"]: c["score"] for c in found["lowest"]}
    assert [
        (a["account"], a["customers"], a["score"], a["weakest"]) for a in found["lowest_accounts"]
    ] == sorted([("10", 1, by["ana"], "ana"), ("7", 1, by["bob"], "bob")], key=lambda a: a[2])
    assert (found["accounts"], found["without_account"]) == (2, 1)
    table = run("analyze", "health", "--dataset", "shop", "--account-attr", "amount")
    assert "حساب‌ها با بدترین سلامت (از ۲)" in table and "کم‌سلامت‌ترین مشتری آن" in table
    worst = min(by.values())
    k = sum(1 for edge in (20, 40, 60, 80) if worst >= edge)
    band = run("analyze", "health", "--dataset", "shop", "--band", str(k), "--json")
    assert [c["customer_id"] for c in band["lowest"]] == [c for c, s in by.items() if s == worst]
    assert band["listed"] == found["bands"][k]["customers"]
