"""Persian pages count by Jalali months, English ones by Gregorian months (issue 14, item 3).

The shop's journeys start on 10 January 2024 (20 Dey 1402), 19 February (30 Bahman) and 20 February
(1 Esfand); its survey answers are dated 11 January and 19 February. So a Persian reader sees Dey, Bahman
and Esfand 1402 where an English one sees January and February 2024.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def shop_site(
    site: Any,
    tmp_path: Path,
    shop: Any,
    kpi_metric: Any,
    events_loader: Any,
    voice_loader: Any,
    journeys: Any,
) -> Any:
    ws = site.workspace
    ws.create_map(shop([kpi_metric("awareness", "customers"), kpi_metric("nps", "nps")]))
    events_loader(ws, tmp_path, journeys)
    voice_loader(ws.settings, 1, comments=())  # the voice page's terms of one repeated word divide by zero
    return site


def trends(html: str) -> list[str]:
    """The periods and values each sparkline of the KPI page names."""
    return re.findall(r'<svg class="sparkline"[^>]*aria-label="([^"]*)"', html)


def voice_periods(html: str) -> list[str]:
    table = re.search(r'data-testid="voice-trend">(.*?)</section>', html, re.S)
    assert table, "no trend on the voice page"
    return re.findall(r"<tr><td>([A-Z]+)</td><td>([^<]*)</td>", table.group(1))


def test_the_persian_pages_count_by_jalali_months(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    kpis = ana.get("/w/default/maps/1/kpis?lang=fa")
    assert kpis.status_code == 200
    assert trends(kpis.text) == [
        "دی ۱۴۰۲: ۲ · بهمن ۱۴۰۲: ۱ · اسفند ۱۴۰۲: ۱",
        "دی ۱۴۰۲: ۱۰۰ · بهمن ۱۴۰۲: \u2068-۵۰\u2069",
    ]
    assert "<strong>ماه</strong>" in kpis.text and '<a href="?period=quarter">فصل</a>' in kpis.text
    voice = ana.get("/w/default/maps/1/voice?lang=fa")
    assert voice.status_code == 200
    assert voice_periods(voice.text) == [
        ("NPS", "دی ۱۴۰۲"),
        ("NPS", "بهمن ۱۴۰۲"),
        ("CSAT", "دی ۱۴۰۲"),
        ("CSAT", "بهمن ۱۴۰۲"),
        ("CES", "دی ۱۴۰۲"),
    ]


def test_the_english_pages_count_by_gregorian_months(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    kpis = ana.get("/w/default/maps/1/kpis?lang=en")
    assert trends(kpis.text) == ["Jan 2024: 2 · Feb 2024: 2", "Jan 2024: 100 · Feb 2024: -50"]
    assert "<strong>month</strong>" in kpis.text and '<a href="?period=quarter">quarter</a>' in kpis.text
    voice = ana.get("/w/default/maps/1/voice?lang=en")
    assert voice_periods(voice.text) == [
        ("NPS", "Jan 2024"),
        ("NPS", "Feb 2024"),
        ("CSAT", "Jan 2024"),
        ("CSAT", "Feb 2024"),
        ("CES", "Jan 2024"),
    ]


def test_persian_seasons_and_saturday_weeks(shop_site: Any) -> None:
    ana = shop_site.client("ana")

    def awareness(period: str) -> list[tuple[str, str, float]]:
        found = ana.get(f"/api/v1/workspaces/default/maps/1/kpis?lang=fa&period={period}").json()
        return [(p["period"], p["label"], p["value"]) for p in found["metrics"][0]["trend"]]

    assert awareness("quarter") == [("2023-12-22", "زمستان ۱۴۰۲", 4.0)]
    # 10 January 2024 is a Wednesday: its week starts on Saturday 6 January, 16 Dey; 19 and 20 February
    # (Monday, Tuesday) are in the week of Saturday 17 February, 28 Bahman
    assert awareness("week") == [
        ("2024-01-06", "هفتهٔ ۱۶ دی ۱۴۰۲", 2.0),
        ("2024-02-17", "هفتهٔ ۲۸ بهمن ۱۴۰۲", 2.0),
    ]
    assert awareness("year") == [("2023-03-21", "۱۴۰۲", 4.0)]
    weeks = ana.get("/w/default/maps/1/kpis?lang=fa&period=week")
    assert trends(weeks.text)[0] == "هفتهٔ ۱۶ دی ۱۴۰۲: ۲ · هفتهٔ ۲۸ بهمن ۱۴۰۲: ۲"


def test_the_api_gives_the_period_s_first_day_and_its_name(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    fa = ana.get("/api/v1/workspaces/default/maps/1/kpis?lang=fa").json()
    en = ana.get("/api/v1/workspaces/default/maps/1/kpis?lang=en").json()
    assert (fa["calendar"], en["calendar"]) == ("jalali", "gregorian")

    def named(
        points: list[dict[str, Any]],
    ) -> list[dict[str, Any]]:  # each point's drill-down: test_trend_drill
        return [{k: p[k] for k in ("period", "value", "n", "label")} for p in points]

    assert fa["metrics"][0]["trend"][0]["n_customers"]["start"] == "2023-12-22"
    assert named(fa["metrics"][0]["trend"]) == [
        {"period": "2023-12-22", "value": 2.0, "n": 2, "label": "دی ۱۴۰۲"},
        {"period": "2024-01-21", "value": 1.0, "n": 1, "label": "بهمن ۱۴۰۲"},
        {"period": "2024-02-20", "value": 1.0, "n": 1, "label": "اسفند ۱۴۰۲"},
    ]
    assert named(en["metrics"][0]["trend"]) == [
        {"period": "2024-01-01", "value": 2.0, "n": 2, "label": "Jan 2024"},
        {"period": "2024-02-01", "value": 2.0, "n": 2, "label": "Feb 2024"},
    ]
