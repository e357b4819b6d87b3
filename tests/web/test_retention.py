"""The map's retention page on the demo: the cohort table in Jalali months (Persian) and Gregorian ones
(English), each cell opening as many customers as it counts, churn per cohort, the risk model's check and the
customers most at risk, exported as a file a spreadsheet opens; the API twin gives the same numbers; a viewer
reads it and an outsider does not see it."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int, Path]]:
    """The demo, built once for the module: its tests read it."""
    from tests.web.conftest import module_demo

    yield from module_demo(tmp_path_factory, "retention")


@pytest.fixture
def demo(built: tuple[Any, int, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, int]:
    site, map_id, home = built
    monkeypatch.setenv("SAFAR_HOME", str(home))  # the CLI reads the same installation
    return site, map_id


def test_the_retention_page_counts_as_its_api_and_each_cell_opens_its_customers(
    demo: tuple[Any, int],
) -> None:
    site, map_id = demo
    ana = site.client("ana")
    base = f"/w/default/maps/{map_id}/retention"
    api = ana.get(f"/api/v1/workspaces/default/maps/{map_id}/retention").json()
    page = ana.get(f"{base}?lang=fa")
    assert page.status_code == 200
    cohorts = api["retention"]["cohorts"]
    assert [c["cohort"] for c in cohorts][:2] == ["فروردین ۱۴۰۵", "اردیبهشت ۱۴۰۵"]
    assert page.text.count('data-testid="cohort-row"') == len(cohorts)
    assert all(f'<th scope="row">{c["cohort"]}</th>' in page.text for c in cohorts)
    first = cohorts[0]
    cell = ana.get(f"{base}/customers?cohort={first['start']}&k=1&lang=fa")
    listed = ana.get(
        f"/api/v1/workspaces/default/maps/{map_id}/retention/customers?cohort={first['start']}&k=1"
    )
    assert listed.json()["total"] == first["retained"][1] > 0
    assert cell.text.count("/w/default/customers/") == len(listed.json()["customers"])
    exported = ana.get(f"{base}/customers.csv?cohort={first['start']}&k=1&lang=fa")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert rows[0] == ["مشتری"] and len(rows) - 1 == first["retained"][1]

    churn = api["churn"]
    assert churn["customers"] == api["retention"]["customers"] and 0 < churn["churned"] < churn["customers"]
    assert "رویگردان شده‌اند" in page.text and 'data-testid="churn-cohorts"' in page.text
    risk = churn["risk"]
    assert risk["available"] and risk["validation"]["auc"] > 0.5
    assert page.text.count('data-testid="at-risk-row"') == len(risk["customers"]) > 0
    names = {e["name"] for e in risk["effects"]}
    assert "روزهای گذشته از آخرین رویداد" in names
    assert any(n.startswith("مراجعه به ") for n in names)  # a touchpoint named as the map names it
    risky = ana.get(f"{base}/at-risk.csv?lang=fa")
    table = list(csv.reader(io.StringIO(risky.content.decode("utf-8-sig"))))
    assert table[0] == ["مشتری", "ریسک", "آخرین رویداد", "رویدادها", "چرا"]
    assert [r[0] for r in table[1:]] == [c["customer_id"] for c in risk["customers"]]

    health = api["health"]
    assert (
        health["customers"] == churn["customers"]
        and sum(b["customers"] for b in health["bands"]) == health["customers"]
    )
    assert page.text.count("/w/default/customers/") >= len(health["lowest"]) + len(risk["customers"])
    assert "مشتریان با بدترین سلامت" in page.text
    direct = ana.get(f"/api/v1/workspaces/default/datasets/{api['dataset']}/health?lowest=5").json()
    assert direct["mean"] == health["mean"] and len(direct["lowest"]) == 5
    bands = [b["customers"] for b in health["bands"]]
    links = re.findall(r'href="([^"]*/retention/health\?band=(\d)[^"]*)"', page.text)
    assert [int(k) for _, k in links] == [k for k, n in enumerate(bands) if n]
    for link, k in links:  # each band's count opens that many customers, on the page and in the file
        opened = ana.get(link.replace("&amp;", "&") + "&lang=fa").text
        shown = int(bands[int(k)])
        assert opened.count("/w/default/customers/") == min(shown, 1000)
        assert (
            f"مشتریان با سلامت {health['bands'][int(k)]['low']}".translate(
                str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
            )
            in opened
        )
        sheet = ana.get(f"{base}/health.csv?band={k}&inactive=90d&lang=fa").content.decode("utf-8-sig")
        table = list(csv.reader(io.StringIO(sheet)))
        assert table[0][:3] == ["مشتری", "سلامت", "تغییر"] and len(table) - 1 == shown
    by_segment = ana.get(
        f"/api/v1/workspaces/default/datasets/{api['dataset']}/health?segment_attr=segment"
    ).json()["segments"]
    one = next(s for s in by_segment if s["value"])
    k = max(range(5), key=lambda i: one["customers"][i])
    listed = ana.get(
        f"/api/v1/workspaces/default/datasets/{api['dataset']}/health?segment_attr=segment"
        f"&value={one['value']}&band={k}&lowest=1000"
    ).json()
    assert listed["listed"] == one["customers"][k] == len(listed["lowest"]) > 0
    low, high = health["bands"][k]["low"], health["bands"][k]["high"]
    assert all(low <= p["score"] < high or p["score"] == high == 100 for p in listed["lowest"])

    english = ana.get(f"{base}?lang=en&period=quarter&inactive=180d").text
    assert "Cohort retention" in english and re.search(r"<th scope=\"row\">2026 Q\d</th>", english)
    assert "had no event for 180 days" in english


def test_a_touchpoint_starts_the_cohorts_and_viewers_read_the_page(demo: tuple[Any, int]) -> None:
    site, map_id = demo
    ana = site.client("ana")
    base = f"/api/v1/workspaces/default/maps/{map_id}/retention"
    every = ana.get(base).json()["retention"]
    claims = ana.get(f"{base}?start=report_claim").json()["retention"]
    assert claims["start_step"] == "report_claim" and 0 < claims["customers"] < every["customers"]
    wrong = ana.get(f"{base}?start=nowhere")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "retention.unknown_start")
    assert site.client("vic").get(f"/w/default/maps/{map_id}/retention?lang=en").status_code == 200
    assert site.client("otto").get(f"/w/default/maps/{map_id}/retention").status_code == 404
    dataset = every["dataset"]
    direct = ana.get(f"/api/v1/workspaces/default/datasets/{dataset}/retention").json()
    assert [c["retained"] for c in direct["cohorts"]] == [c["retained"] for c in every["cohorts"]]
    churned = ana.get(f"/api/v1/workspaces/default/datasets/{dataset}/churn?inactive=90d").json()
    assert churned["churned"] == ana.get(base).json()["churn"]["churned"]
