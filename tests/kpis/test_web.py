"""The key-metrics page in Persian and English, the snapshot button and its roles, and the JSON API."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def shop_site(
    site: Any, tmp_path: Path, shop: Any, kpi_metric: Any, events_loader: Any, journeys: Any
) -> Any:
    m = kpi_metric
    ws = site.workspace
    ws.create_map(
        shop(
            [m("end to end", "conversion", 30, unit="%"), m("awareness <b>", "customers")],
            home=[m("conversion", "conversion", 60, unit="%")],
        )
    )
    events_loader(ws, tmp_path, journeys)
    return site


def test_the_page_shows_values_against_targets_in_english(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    page = ana.get("/w/default/maps/1/kpis?lang=en")
    assert page.status_code == 200 and '<html lang="en" dir="ltr">' in page.text
    assert "Key metrics of map 1, revision 1" in page.text and "Data: shop" in page.text
    rows = re.findall(r'data-testid="kpi" data-key="([^"]+)"', page.text)
    assert rows == ["end to end", "awareness &lt;b&gt;", "home/conversion"]
    assert 'data-testid="kpi-value-customers">25%</a></strong>' in page.text and "✗ not met" in page.text
    assert 'data-testid="kpi-value-customers">66.7%</a></strong>' in page.text and "✓ met" in page.text
    assert page.text.count('<svg class="sparkline"') == 3  # January and February for each
    assert "awareness &lt;b&gt;" in page.text and "awareness <b>" not in page.text
    assert "No snapshots yet." in page.text and 'data-testid="snapshot-now"' in page.text


def test_the_page_in_persian(shop_site: Any) -> None:
    page = shop_site.client("ana").get("/w/default/maps/1/kpis?lang=fa")
    assert page.status_code == 200 and '<html lang="fa" dir="rtl">' in page.text
    assert "شاخص‌های کلیدی نقشه ۱، نسخه ۱" in page.text
    assert 'data-testid="kpi-value-customers">۲۵٪</a></strong>' in page.text and "محقق نشده" in page.text
    assert 'data-testid="kpi-value-customers">۶۶٫۷٪</a></strong>' in page.text and "برداشت اکنون" in page.text


def test_an_editor_snapshots_and_a_viewer_cannot(shop_site: Any) -> None:
    vic = shop_site.client("vic")
    page = vic.get("/w/default/maps/1/kpis?lang=en")
    assert page.status_code == 200 and 'data-testid="snapshot-now"' not in page.text
    refused = vic.post("/w/default/maps/1/kpis/snapshot", data={"csrf": shop_site_csrf(page.text)})
    assert refused.status_code == 403

    ana = shop_site.client("ana")
    page = ana.get("/w/default/maps/1/kpis?lang=en")
    assert ana.post("/w/default/maps/1/kpis/snapshot", data={}).status_code == 403  # no CSRF token
    done = ana.post("/w/default/maps/1/kpis/snapshot", data={"csrf": shop_site_csrf(page.text)})
    assert done.status_code == 303 and done.headers["location"] == "/w/default/maps/1/kpis#history"
    after = ana.get("/w/default/maps/1/kpis?lang=en").text
    assert "Revision 1" in after and "by ana" in after and "No snapshots yet." not in after
    assert re.findall(r'data-testid="change">([^<]*)<', after) == ["—", "—", "—"]


def shop_site_csrf(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match
    return match.group(1)


def test_the_canvas_links_to_the_page(shop_site: Any) -> None:
    canvas = shop_site.client("vic").get("/w/default/maps/1?lang=en").text
    assert 'href="/w/default/maps/1/kpis"' in canvas


def test_the_json_api(shop_site: Any) -> None:
    token = shop_site.accounts.create_token("ana", "kpis")
    headers = {"Authorization": f"Bearer {token}"}
    ana = shop_site.client("ana")
    base = "/api/v1/workspaces/default/maps/1/kpis"
    now = ana.get(base, headers=headers).json()
    assert now["snapshot"] is None and now["metrics"][0]["value"] == 25.0
    made = ana.post(base + "/snapshots", headers=headers)
    assert made.status_code == 201 and made.json()["revision"] == 1
    assert ana.post(base + "/snapshots").status_code == 403  # a browser session needs the CSRF header
    targets = ana.get(base + "/targets?period=month", headers=headers).json()
    assert [t["metric"] for t in targets["targets"]] == ["end to end", "conversion"]
    assert targets["targets"][0]["snapshots"][0]["value"] == 25.0
    history = ana.get(base + "/history", headers=headers).json()
    assert [len(r["snapshots"]) for r in history["revisions"]] == [1]
    at = ana.get(base + "?revision=1", headers=headers).json()
    assert at["snapshot"]["revision"] == 1 and at["metrics"][0]["change"] == 0.0
    vic_token = shop_site.accounts.create_token("vic", "kpis")
    refused = ana.post(base + "/snapshots", headers={"Authorization": f"Bearer {vic_token}"})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "auth.forbidden"
    missing = ana.get("/api/v1/workspaces/default/maps/9/kpis", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "map.not_found"
