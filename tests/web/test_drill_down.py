"""The customers behind the remaining counts: the KPI page's customer counts, conversions and drop-offs,
the canvas's conversion, and the journeys page at the touchpoint level (stages by name). Each linked
count equals the total of the list it opens; a share equals its list's total over the count it is of.

The map is the four-customer shop of test_customers (ana completes; two stop at the site; cem at the ad).
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from tests.web.test_customers import shop

from safar.model import Metric
from safar.model.journey import Measure

METRICS = [  # (where: None for the map, a touchpoint id; the metric)
    (None, Metric(name="Customers", measure=Measure(kind="customers"))),
    (None, Metric(name="Conversion", unit="%", measure=Measure(kind="conversion"))),
    (None, Metric(name="Drop-off", unit="%", measure=Measure(kind="dropoff"))),
    (None, Metric(name="Considered", unit="%", measure=Measure(kind="conversion", stage="consider"))),
    ("site_visit", Metric(name="Site drop-off", unit="%", measure=Measure(kind="dropoff"))),
    ("site_visit", Metric(name="Time to next", unit="h", measure=Measure(kind="median_time_to_next"))),
]


def _with_metrics(site: Any, folder: Path) -> int:
    ws, map_id = shop(site, folder)
    stored = ws.get_map(map_id)
    journey = stored.document.model_copy(deep=True)
    journey.metrics = [m for where, m in METRICS if where is None]
    for tp in journey.touchpoints():
        tp.metrics = [m for where, m in METRICS if where == tp.id]
    ws.save_map(map_id, journey, base_revision=stored.revision)
    return map_id


def _total(client: Any, map_id: int, href: str) -> int:
    query = html.unescape(href).split("?", 1)[1]
    answer = client.get(f"/api/v1/workspaces/default/maps/{map_id}/customers?{query}&per_page=1")
    assert answer.status_code == 200, (query, answer.text)
    return int(answer.json()["total"])


def test_every_kpi_count_and_share_opens_its_customers(sqlite_site: Any, tmp_path: Path) -> None:
    map_id = _with_metrics(sqlite_site, tmp_path)
    client = sqlite_site.client("vic")
    report = client.get(f"/api/v1/workspaces/default/maps/{map_id}/kpis?lang=en").json()
    by_name = {m["metric"]: m for m in report["metrics"]}
    assert {k: (m["value"], m["n"]) for k, m in by_name.items() if m["unit"] == "%"} == {
        "Conversion": (25.0, 4),
        "Drop-off": (75.0, 4),
        "Considered": (round(100 / 3, 4), 3),
        "Site drop-off": (round(200 / 3, 4), 3),
    }
    assert by_name["Time to next"]["n_customers"] is None  # its n counts events with a next one
    page = client.get(f"/w/default/maps/{map_id}/kpis?lang=en").text
    rows = re.findall(r'<tr data-testid="kpi" data-key="([^"]+)">(.*?)</tr>', page, re.S)
    seen = 0
    for key, row in rows:
        metric = next(m for m in report["metrics"] if m["key"] == html.unescape(key))
        n_link = re.search(r'<a href="([^"]+)"[^>]*data-testid="kpi-n-customers">(\d+)</a>', row)
        value_link = re.search(r'<a href="([^"]+)"[^>]*data-testid="kpi-value-customers">', row)
        if metric["measure"]["kind"] == "median_time_to_next":
            assert n_link is None and value_link is None, key
            continue
        assert n_link is not None, key
        n = _total(client, map_id, n_link.group(1))
        assert n == int(n_link.group(2)) == metric["n"], key
        if metric["unit"] == "%":
            assert value_link is not None, key
            assert round(100 * _total(client, map_id, value_link.group(1)) / n, 4) == metric["value"], key
        seen += 1
    assert seen == 5
    stage = by_name["Considered"]["value_customers"]
    assert (stage["kind"], stage["level"], stage["step"]) == ("converted", "stage", "consider")


def test_the_kpi_links_read_in_persian(sqlite_site: Any, tmp_path: Path) -> None:
    map_id = _with_metrics(sqlite_site, tmp_path)
    client = sqlite_site.client("vic")
    page = client.get(f"/w/default/maps/{map_id}/kpis?lang=fa").text
    assert (
        'data-testid="kpi-n-customers">۴</a>' in page and 'data-testid="kpi-value-customers">۲۵٪</a>' in page
    )
    listed = client.get(f"/w/default/maps/{map_id}/customers?kind=converted&level=touchpoint&lang=fa").text
    assert "مشتریانی که به آخرین مرحلهٔ دارای داده رسیدند" in listed
    assert 'data-testid="customers-total">۱ مشتری<' in listed


def test_any_of_several_touchpoints_and_the_whole_map(sqlite_site: Any, tmp_path: Path) -> None:
    _, map_id = shop(sqlite_site, tmp_path)
    api = sqlite_site.client("vic").get
    url = f"/api/v1/workspaces/default/maps/{map_id}/customers?lang=en"
    both = api(f"{url}&kind=reached&steps=site_visit&steps=phone_call").json()
    assert both["total"] == 3 and both["filter"]["level"] == "touchpoint"
    assert both["description"] == (
        "Customers who reached one of the touchpoints «\u2068Visits the site\u2069», "
        "«\u2068Calls us\u2069» (dataset «shop»)"
    )
    assert api(f"{url}&kind=dropped&steps=site_visit&steps=ad_seen").json()["total"] == 3
    assert api(f"{url}&kind=reached&level=touchpoint").json()["total"] == 4


def test_canvas_conversion_and_touchpoint_journeys_by_name(sqlite_site: Any, tmp_path: Path) -> None:
    _, map_id = shop(sqlite_site, tmp_path)
    client = sqlite_site.client("vic")
    canvas = client.get(f"/w/default/maps/{map_id}?lang=en").text
    links = re.findall(r'<a href="([^"]+)"[^>]*data-testid="conversion-link">([\d.]+)%</a>', canvas)
    assert len(links) == 3  # every touchpoint before the last stage with data
    reached = {
        re.search(r"step=(\w+)", html.unescape(h)).group(1): int(n)  # type: ignore[union-attr]
        for h, n in re.findall(r'<a href="([^"]+kind=reached)"[^>]*><strong>(\d+)</strong></a>', canvas)
    }
    for href, shown in links:
        step = re.search(r"step=(\w+)", html.unescape(href)).group(1)  # type: ignore[union-attr]
        share = 100 * _total(client, map_id, href) / reached[step]
        assert abs(share - float(shown)) <= 0.5, (step, shown)  # shown to the whole percent
    journeys = client.get(f"/w/default/maps/{map_id}/journeys?level=touchpoint&lang=en").text
    funnel = journeys.split('data-testid="funnel"', 1)[1].split("</section>", 1)[0]
    assert [n for n in ("Aware", "Consider", "Buy") if n in funnel] == ["Aware", "Consider", "Buy"]
    assert not re.search(r">(aware|consider|buy)<", funnel)


def test_an_opportunitys_reach_opens_its_customers(sqlite_site: Any, tmp_path: Path) -> None:
    _, map_id = shop(sqlite_site, tmp_path)
    client = sqlite_site.client("vic")
    ranked = client.get(f"/api/v1/workspaces/default/maps/{map_id}/opportunities?lang=en").json()
    reach = {o["touchpoint"]: o for o in ranked["opportunities"] if o["reach_customers"]}
    assert {tp: o["components"]["reach"]["raw"] for tp, o in reach.items()} == {
        "ad_seen": 4.0,
        "site_visit": 3.0,
        "phone_call": 1.0,
        "order_paid": 1.0,
    }
    page = client.get(f"/w/default/maps/{map_id}/insights?lang=en").text
    links = re.findall(r'<a href="([^"]+)"[^>]*data-testid="reach-customers">(\d+)</a>', page)
    assert len(links) == 4
    for href, shown in links[:2]:  # a sample: each opens as many customers as it counts
        assert _total(client, map_id, href) == int(shown)
