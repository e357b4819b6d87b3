"""An alert opens what it counted: its n in each window is as many rows, the same through the service, the
CLI, the JSON API, the page and its exports (issue 13, drill-down from alerts).

The shop log of ``test_ingest_fires``: 28 baseline days of 10 customers (8 go on) and 7 recent days of 10
(4 go on), so the conversion alert fires with n 280 → 70 and hits 224 → 28.
"""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest

from safar.config import Settings
from safar.context import Context

pytestmark = pytest.mark.parametrize("database", ["sqlite"], indirect=True)


def _people(prefix: str, days: range, goes_on: int) -> tuple[list[str], list[str]]:
    """The customers the log makes (prefix, day, index) and those of them who go on."""
    every = [f"{prefix}{d}-{i}" for d in days for i in range(10)]
    return every, [c for c in every if int(c.split("-")[1]) < goes_on]


@pytest.fixture
def fired(cli: Any, shop: int, log: Any) -> int:
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    [alert] = cli("alerts", "list", "--json")
    assert (alert["recent"]["n"], alert["baseline"]["n"]) == (70, 280)
    return int(alert["id"])


def test_each_window_opens_as_many_rows_as_its_n(fired: int) -> None:
    from safar.services.alert_rows import alert_rows

    recent, went_on = _people("r", range(28, 35), 4)
    baseline, kept_on = _people("b", range(0, 28), 8)
    with Context.open(Settings.from_env(), lang="en") as ctx:
        found = {
            (window, which): alert_rows(ctx, fired, window=window, which=which, per_page=None)
            for window in ("recent", "baseline")
            for which in ("all", "hits", "misses")
        }
    listed = {key: sorted(r.customer_id for r in result.rows) for key, result in found.items()}
    assert listed == {
        ("recent", "all"): sorted(recent),
        ("recent", "hits"): sorted(went_on),
        ("recent", "misses"): sorted(set(recent) - set(went_on)),
        ("baseline", "all"): sorted(baseline),
        ("baseline", "hits"): sorted(kept_on),
        ("baseline", "misses"): sorted(set(baseline) - set(kept_on)),
    }
    one = found[("recent", "all")]
    assert (one.n, one.hits, one.total, one.hit_label, one.miss_label) == (
        70,
        28,
        70,
        "went on",
        "did not go on",
    )
    assert one.description == "Cart: the recent window, from 2024-01-29 00:00 to 2024-02-05 00:00"
    assert [r.hit for r in one.rows] == [int(r.customer_id.split("-")[1]) < 4 for r in one.rows]
    assert one.rows[0].time == "2024-01-29 09:00" and one.rows[0].customer_id == "r28-0"


def test_the_cli_the_api_the_page_and_the_exports_show_the_same_rows(fired: int, cli: Any, site: Any) -> None:
    from safar.services.alert_rows import alert_rows

    with Context.open(Settings.from_env(), lang="en") as ctx:
        expected = alert_rows(ctx, fired, window="recent", which="misses", per_page=10).model_dump(
            mode="json"
        )
    said = cli("alerts", "rows", str(fired), "--which", "misses", "--per-page", "10", "--json")
    assert said == expected
    client = site.client("vic")  # a viewer may read what an alert counted
    api = client.get(f"/api/v1/workspaces/default/alerts/{fired}/rows?which=misses&per_page=10&lang=en")
    assert api.status_code == 200 and api.json() == expected
    feed = client.get("/w/default/alerts?lang=fa").text
    links = re.findall(
        r'href="(/w/default/alerts/\d+/rows\?window=\w+)" data-testid="alert-rows-\w+"[^>]*>([^<]+)<', feed
    )
    assert links == [
        (f"/w/default/alerts/{fired}/rows?window=baseline", "۲۸۰"),
        (f"/w/default/alerts/{fired}/rows?window=recent", "۷۰"),
    ]
    page = client.get(f"/w/default/alerts/{fired}/rows?window=recent&which=misses&lang=fa").text
    assert re.search(r'data-testid="alert-rows-total">([^<]+)<', page).group(1) == "اکنون ۴۲ ردیف"
    assert len(re.findall(r'data-testid="alert-row-item"', page)) == 42
    assert "ادامه ندادند" in page and 'rel="next"' not in page
    sheet = client.get(f"/w/default/alerts/{fired}/rows.xlsx?window=recent&which=misses&lang=fa")
    book = openpyxl.load_workbook(io.BytesIO(sheet.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0] == ("شناسه مشتری", "زمان", "شمرده‌شده به‌عنوان", "زمان (UTC)")
    assert len(rows) == 43 and {r[2] for r in rows[1:]} == {"ادامه ندادند"}
    assert rows[1][0] == "r28-4" and rows[1][3] == "2024-01-29 09:04:00"
    csv_text = client.get(f"/w/default/alerts/{fired}/rows.csv?window=baseline&lang=en").content.decode(
        "utf-8-sig"
    )
    assert len(csv_text.splitlines()) == 281


def test_a_removed_rule_or_a_bad_choice_is_a_clear_error(fired: int, cli: Any, site: Any) -> None:
    client = site.client("ana")
    bad = client.get(f"/api/v1/workspaces/default/alerts/{fired}/rows?window=later")
    assert bad.status_code == 422
    missing = client.get("/api/v1/workspaces/default/alerts/99/rows")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "alerts.alert_not_found"
    cli("alerts", "rule", "remove", "1", "--json")
    gone = cli("alerts", "rows", str(fired), expect=2)
    assert "was removed" in gone.stderr
