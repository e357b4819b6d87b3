"""The workspace's data in the web app (issue 16, the datasets page begun): each event dataset with its size,
span, the maps that read it, its latest import and its quarantine; the rejected rows page, its CSV and the
JSON twins, in Persian and English, for the workspace's members only."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from safar import demo
from safar.maps.templates import load_template
from safar.services.ingestion import ingest_events
from safar.workspace import Workspace

LOG = (
    "customer_id,activity,timestamp\n"
    "C1,report_claim,2026-01-05T10:00:00\n"
    "C1,damage_assessment,2026-01-06T10:00:00\n"
    "C2,report_claim,2026-01-07T10:00:00\n"
    "C3,report_claim,yesterday\n"
    "C4,,2026-01-08T10:00:00\n"
)


def _with_data(site: Any, tmp_path: Path) -> int:
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.create_map(load_template("insurance", "en"))
    ws.save_map(stored.id, demo.bind_to_dataset(stored.document), base_revision=stored.revision)
    path = tmp_path / "claims export.csv"
    path.write_text(LOG, encoding="utf-8")
    ingest_events(ws, path, dataset=demo.DATASET, tz="UTC")
    return stored.id


def _text(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(?:strong|p|table)>', html, re.S)
    assert found, testid
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_the_datasets_page_and_its_quarantine_in_persian_and_english(
    sqlite_site: Any, tmp_path: Path
) -> None:
    _with_data(sqlite_site, tmp_path)
    client = sqlite_site.client("vic")  # a viewer sees the data and what was rejected
    fa = client.get("/w/default/datasets?lang=fa").text
    row = _text(fa, "datasets")
    assert "insurance-demo" in row and "Insurance claim journey" not in row
    cells = re.findall(
        r"<td>(.*?)</td>", re.search(r'data-testid="dataset">(.*?)</tr>', fa, re.S).group(1), re.S
    )
    assert [re.sub(r"<[^>]+>", "", c).strip() for c in cells[1:4]] == [
        "۳",
        "۲",
        "۲",
    ]  # events, customers, activities
    assert "۵ خوانده، ۳ بارگذاری، ۰ از پیش بود، ۲ رد شد" in row and "claims export.csv" in row
    link = re.search(
        r'href="(/w/default/datasets/insurance-demo/rejected)" data-testid="quarantine-link">۲<', fa
    )
    assert link
    page = client.get(f"{link.group(1)}?lang=fa").text
    assert _text(page, "rejected-total") == "۲ سطر ردشده"
    rows = re.findall(r'data-testid="rejected-row">(.*?)</tr>', page, re.S)
    assert [re.findall(r"<td>([^<]*)</td>", r)[0] for r in rows] == ["۴", "۵"]  # the rows, in Persian digits
    english = client.get(f"{link.group(1)}.csv?lang=en").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(english)))
    assert lines[0] == ["File", "Row", "Field", "Reason", "The row as read"]
    assert [(r[1], r[2]) for r in lines[1:]] == [("4", "timestamp"), ("5", "activity")]
    assert all("claims export.csv" in r[0] for r in lines[1:])


def test_the_api_twins_and_who_may_see_them(sqlite_site: Any, tmp_path: Path) -> None:
    from safar.context import Context
    from safar.services.datasets import datasets_screen, rejected_screen

    map_id = _with_data(sqlite_site, tmp_path)
    client = sqlite_site.client("vic")
    listed = client.get("/api/v1/workspaces/default/datasets?lang=en").json()
    svc = sqlite_site.app.state.services
    with Context(Workspace.attach(svc.engine, svc.settings, "default"), "en") as ctx:
        assert listed == datasets_screen(ctx).model_dump(mode="json")
        assert client.get(f"/api/v1/workspaces/default/datasets/{demo.DATASET}/rejected?lang=en").json() == (
            rejected_screen(ctx, demo.DATASET).model_dump(mode="json")
        )
    [one] = listed["datasets"]
    assert (one["events"], one["customers"], one["quarantined"], one["imports"]) == (3, 2, 2, 1)
    assert one["maps"] == [load_template("insurance", "en").title] and map_id
    outsider = sqlite_site.client("otto")
    assert outsider.get("/w/default/datasets").status_code == 404
    assert outsider.get(f"/api/v1/workspaces/default/datasets/{demo.DATASET}/rejected").status_code == 404
    other = client.get("/api/v1/workspaces/default/datasets/not-ours/rejected")
    assert other.status_code == 404 and other.json()["error"]["code"] == "dataset.not_found"


def test_a_workspace_without_data_says_how_it_comes_in(sqlite_site: Any) -> None:
    page = sqlite_site.client("ana").get("/w/default/datasets?lang=en").text
    assert "No event data yet" in _text(page, "no-datasets")
