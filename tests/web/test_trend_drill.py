"""A KPI trend's point opens its customers: those whose journey started in its period (Gregorian months in
English, Jalali months in Tehran time in Persian), exactly as many as its n, its share's customers its share
of them. On the demo map; tests/analytics/test_cohort.py checks every point on declared journeys and the
help desk log."""

from __future__ import annotations

import html
import re

from tests.web.test_respondents import Demo, insurance

__all__ = ["insurance"]


def _total(demo: Demo, href: str) -> int:
    query = html.unescape(href).split("?", 1)[1]
    url = f"/api/v1/workspaces/default/maps/{demo.map_id}/customers?{query}&per_page=1"
    answer = demo.client.get(url)
    assert answer.status_code == 200, (query, answer.text)
    return int(answer.json()["total"])


def _points(page: str) -> dict[str, list[tuple[str, str, str]]]:
    """Per metric (its key): each trend point's (n's address, n shown, the share's address or "")."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for chunk in page.split('<tr data-testid="kpi" data-key="')[1:]:
        key, row = chunk.split('"', 1)
        for point in re.findall(r'<tr data-testid="kpi-point">(.*?)</tr>', row, re.S):
            n = re.search(r'<a href="([^"]+)"[^>]*data-testid="kpi-point-n-customers">([^<]+)</a>', point)
            value = re.search(r'<a href="([^"]+)"[^>]*data-testid="kpi-point-value-customers">', point)
            if n:
                out.setdefault(html.unescape(key), []).append(
                    (n.group(1), n.group(2), value.group(1) if value else "")
                )
    return out


def test_each_trend_point_opens_the_customers_who_started_in_its_period(insurance: Demo) -> None:
    report = insurance.client.get(
        f"/api/v1/workspaces/default/maps/{insurance.map_id}/kpis?lang=en&period=month"
    ).json()
    page = insurance.client.get(f"/w/default/maps/{insurance.map_id}/kpis?lang=en&period=month").text
    points = _points(page)
    behaviour = [m for m in report["metrics"] if any(p.get("n_customers") for p in m["trend"])]
    assert len(points) == len(behaviour) >= 3
    for metric in behaviour:
        trend = [p for p in metric["trend"] if p.get("n_customers")]
        shown = points[metric["key"]]
        assert [n for _, n, _ in shown] == [str(p["n"]) for p in trend], metric["key"]
        for i in sorted(
            {0, len(trend) // 2, len(trend) - 1}
        ):  # a sample: every point is checked in analytics
            href, n, share = shown[i]
            assert _total(insurance, href) == trend[i]["n"] == int(n), (metric["key"], trend[i])
            if trend[i]["value_customers"] is not None and metric["unit"] == "%":
                assert round(100 * _total(insurance, share) / int(n), 4) == trend[i]["value"], metric["key"]
    point = behaviour[0]["trend"][0]["n_customers"]
    assert (point["period"], point["calendar"], point["tz"]) == ("month", "gregorian", "UTC")


def test_persian_readers_open_jalali_months(insurance: Demo) -> None:
    client, map_id = insurance.client, insurance.map_id
    report = client.get(f"/api/v1/workspaces/default/maps/{map_id}/kpis?lang=fa&period=month").json()
    metric = next(m for m in report["metrics"] if any(p.get("n_customers") for p in m["trend"]))
    point = next(p for p in metric["trend"] if p.get("n_customers"))
    chosen = point["n_customers"]
    assert (chosen["calendar"], chosen["tz"]) == ("jalali", "Asia/Tehran")
    page = client.get(f"/w/default/maps/{map_id}/kpis?lang=fa&period=month").text
    links = _points(page)[metric["key"]]
    assert links[0][1] == str(point["n"]).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    listed = client.get(html.unescape(links[0][0]) + "&lang=fa").text
    assert f"، که سفرشان در \u2068{point['label']}\u2069 آغاز شد" in listed
    assert f'data-testid="customers-total">{links[0][1]} مشتری<' in listed
    # The same link read in English keeps its Jalali cut (the calendar is in the address), named in English.
    english = client.get(f"/api/v1/workspaces/default/maps/{map_id}/customers?{html.unescape(links[0][0]).split('?', 1)[1]}&lang=en").json()  # fmt: skip
    assert english["total"] == point["n"] and "whose journey started in \u2068" in english["description"]


def test_a_period_needs_its_day_within_the_years_periods_are_cut_in(insurance: Demo) -> None:
    api = f"/api/v1/workspaces/default/maps/{insurance.map_id}/customers?kind=reached&lang=en"
    alone = insurance.client.get(f"{api}&period=month")
    assert alone.status_code == 400 and alone.json()["error"]["code"] == "customers.period_and_start"
    far = insurance.client.get(f"{api}&period=month&start=0001-01-01&calendar=jalali")
    assert far.status_code == 400 and far.json()["error"]["code"] == "customers.bad_start"
    zone = insurance.client.get(f"{api}&period=month&start=2026-03-01&tz=Mars/Olympus")
    assert zone.status_code == 400 and zone.json()["error"]["code"] == "events.bad_timezone"
