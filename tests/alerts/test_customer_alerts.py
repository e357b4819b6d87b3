"""A customer's page lists the alerts that counted them (issue 19 item 5, customer 360): the shop's
conversion drop (tests/alerts/test_ingest_fires.py) counted every arrival at the cart in its two windows."""

from __future__ import annotations

import pytest

from safar.context import Context
from safar.services.customer_history import CustomerQuery, customer_history

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]


def _alerts(customer: str, lang: str = "en") -> list[tuple[int, str, int, int, str]]:
    with Context.open(lang=lang) as ctx:
        found = customer_history(ctx, CustomerQuery(customer_id=customer)).alerts
    return [(a.alert_id, a.window, a.rows, a.hits, a.hit_label) for a in found]


def test_the_alerts_that_counted_a_customer_are_on_their_page(cli, shop, log, monkeypatch) -> None:
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    # in the recent window, the first four of each day's ten went on to pay; the rest did not
    assert _alerts("r30-0") == [(1, "recent", 1, 1, "went on")]
    assert _alerts("r30-9") == [(1, "recent", 1, 0, "went on")]
    assert _alerts("b3-2") == [(1, "baseline", 1, 1, "went on")]
    # the day after the windows (the data's "now") is in neither; the CLI and the page say the same
    assert _alerts("zz-037") == []
    shown = cli("customer", "show", "r30-9")
    assert "Alerts that counted them" in shown.stdout and "Conversion after Cart dropped" in shown.stdout
    monkeypatch.setenv("SAFAR_LANG", "fa")
    with Context.open(lang="fa") as ctx:
        (alert,) = customer_history(ctx, CustomerQuery(customer_id="r30-9")).alerts
    assert alert.text.startswith("نرخ تبدیل پس از Cart از ۸۰٫۰٪ به ۴۰٫۰٪ افت کرد")
    assert alert.hit_label == "ادامه دادند"


def test_the_page_shows_them(site, cli, shop, log) -> None:
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    page = site.client("vic").get("/w/default/customers/r30-9?lang=fa").text
    section = page[page.index('data-testid="customer-alerts"') :]
    assert "هشدارهایی که این مشتری در شمارششان بود" in page
    assert 'href="/w/default/alerts/1/rows?window=recent"' in section
    assert "سطرهای او در هشدار: ۱، از آن‌ها ادامه دادند: ۰" in section
    assert 'data-testid="customer-alerts"' not in site.client("vic").get("/w/default/customers/zz-037").text
