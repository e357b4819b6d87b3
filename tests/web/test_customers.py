"""The customers behind a count: every count on the canvas and the journeys page opens a list of exactly
as many customers; the list reads in Persian and English, exports to CSV and XLSX with formulas
neutralised, and has a JSON twin that says the same."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from typing import Any

import openpyxl

from safar import demo
from safar.context import Context
from safar.events import ingest_file
from safar.maps.templates import load_template
from safar.model import BindingRule, JourneyMap, Stage, Touchpoint
from safar.services.customers import CustomerFilter, map_customers
from safar.workspace import Workspace

DATASET = "shop"
# Customer ids and segments a spreadsheet would run as formulas: the exports must neutralise them.
HYPERLINK = '=HYPERLINK("http://x","y")'
JOURNEYS = {
    "ana": ("gold", ["ad", "site", "call", "order"]),
    HYPERLINK: ("+1", ["ad", "site"]),
    "bob": ("@ref", ["ad", "site"]),
    "cem": ("-x", ["ad"]),
}


def _tp(id: str, name: str, activity: str) -> Touchpoint:
    return Touchpoint(
        id=id, name=name, channel="website", bind=[BindingRule(activity=activity, dataset=DATASET)]
    )


def shop(site: Any, folder: Path) -> tuple[Workspace, int]:
    """A small English map bound to four customers' events (see JOURNEYS)."""
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    journey = JourneyMap(
        title="Shop",
        lang="en",
        stages=[
            Stage(id="aware", name="Aware", touchpoints=[_tp("ad_seen", "Sees the ad", "ad")]),
            Stage(
                id="consider",
                name="Consider",
                touchpoints=[
                    _tp("site_visit", "Visits the site", "site"),
                    _tp("phone_call", "Calls us", "call"),
                ],
            ),
            Stage(id="buy", name="Buy", touchpoints=[_tp("order_paid", "Pays the order", "order")]),
        ],
    )
    stored = ws.create_map(journey)
    ws.claim_dataset(DATASET)
    rows = [
        {
            "customer_id": customer,
            "activity": activity,
            "timestamp": f"2024-03-20T{8 + i:02d}:00:00Z",
            "channel": "website",
            "segment": segment,
        }
        for customer, (segment, activities) in JOURNEYS.items()
        for i, activity in enumerate(activities)
    ]
    ingest_file(svc.settings, demo.write_csv(rows, folder / "shop.csv"), dataset=DATASET)
    return ws, stored.id


def test_the_customers_who_stopped_as_json(sqlite_site: Any, tmp_path: Path) -> None:
    site = sqlite_site
    ws, map_id = shop(site, tmp_path)
    query = "kind=dropped&level=touchpoint&step=site_visit&lang=en"
    answer = site.client("vic").get(f"/api/v1/workspaces/default/maps/{map_id}/customers?{query}")
    assert answer.status_code == 200, answer.text
    customer = {
        "last_touchpoint": "site_visit",
        "last_touchpoint_name": "Visits the site",
        "last_stage": "consider",
    }
    customer |= {
        "last_stage_name": "Consider",
        "last_activity": "site",
        "last_event_at": "2024-03-20T09:00:00Z",  # UTC, as its schema (date-time) says
    }
    assert answer.json() == {
        "map_id": map_id,
        "dataset": DATASET,
        "filter": {
            "kind": "dropped",
            "level": "touchpoint",
            "step": "site_visit",
            "steps": [],
            "index": None,
            "dataset": DATASET,
            "period": None,
            "start": None,
            "calendar": None,
            "tz": None,
            "since": None,
            "until": None,
            "channel": None,
            "segment": None,
            "persona": None,
            "breakdown": None,
            "group": None,
            "began_from": None,
            "began_until": None,
            "direction": None,
            "rule": None,
            "within": None,
            "order": None,
            "window": None,
        },
        "description": "Customers who stopped after «\u2068Visits the site\u2069»: their last step, without "
        "completing the journey (not counting those whose next stage has no data) (dataset «shop»)",
        "total": 2,
        "page": 1,
        "per_page": 50,
        "pages": 1,
        "customers": [
            {"customer_id": HYPERLINK, "segment": "+1", "events": 2} | customer,
            {"customer_id": "bob", "segment": "@ref", "events": 2} | customer,
        ],
    }
    chosen = CustomerFilter(kind="dropped", level="touchpoint", step="site_visit")
    assert answer.json() == map_customers(Context(ws, "en"), map_id, chosen).model_dump(mode="json")


def _counted_links(page: str) -> list[tuple[str, int]]:
    """Every link to a customers list whose text is a number (Latin or Persian digits): (its query, the number)."""
    found = re.findall(
        r'<a href="([^"]*/customers\?[^"]*)"[^>]*>(?:<strong>)?([\d,٬]+)(?:</strong>)?</a>', page
    )
    return [(html.unescape(href).split("?", 1)[1], _whole(n)) for href, n in found]


def _whole(text: str) -> int:
    """A count as a page writes it: ``1,234`` or ``۱٬۲۳۴`` (Python reads Persian digits as digits)."""
    return int(text.replace(",", "").replace("٬", ""))


def _sankey_links(page: str) -> list[tuple[str, int]]:
    """Every flow and node of the paths diagram with its number: (the query it opens, the number)."""
    flows = re.findall(
        r'<a href="customers\?([^"]*)"><path class="link"[^>]*><title>[^<]*: ([\d,٬]+)</title></path></a>',
        page,
    )
    nodes = re.findall(
        r'<a href="customers\?([^"]*)"><rect class="node"[^>]*/>\s*<text[^>]*>(?:<tspan[^>]*>[^<]*</tspan>)*?'
        r"<tspan[^>]*>[^<]*\(([\d,٬]+)\)</tspan></text></a>",
        page,
    )
    assert flows and nodes
    return [(html.unescape(query), _whole(n)) for query, n in flows + nodes]


def test_every_count_on_the_canvas_and_journeys_opens_as_many_customers(
    sqlite_site: Any, tmp_path: Path
) -> None:
    site = sqlite_site
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.create_map(load_template("insurance", "en"))
    ws.claim_dataset(demo.DATASET)
    rows = demo.synthetic_events(stored.document, customers=150, seed=5)
    ingest_file(svc.settings, demo.write_csv(rows, tmp_path / "events.csv"), dataset=demo.DATASET)
    ws.save_map(stored.id, demo.bind_to_dataset(stored.document), base_revision=stored.revision)
    client = site.client("vic")
    base = f"/w/default/maps/{stored.id}"
    links: list[tuple[str, int]] = []
    for page in (base, f"{base}/journeys", f"{base}/journeys?level=touchpoint"):
        sep = "&" if "?" in page else "?"
        text = client.get(f"{page}{sep}lang=en").text
        found = _counted_links(text)
        assert found, page
        links += found + (_sankey_links(text) if "journeys" in page else [])
    kinds = {re.search(r"kind=(\w+)", query).group(1) for query, _ in links}  # type: ignore[union-attr]
    assert kinds == {"reached", "dropped", "completed", "funnel", "variant", "position", "unobserved"} - (
        set() if any("unobserved" in q for q, _ in links) else {"unobserved"}
    )
    # Each kind's first, middle and last link (analytics/test_cohort.py checks every count on real logs).
    by_kind: dict[str, list[tuple[str, int]]] = {}
    for query, shown in dict(links).items():  # the same count shown twice is asked once
        by_kind.setdefault(re.search(r"kind=(\w+)", query).group(1), []).append((query, shown))  # type: ignore[union-attr]
    sample = {pick for found in by_kind.values() for pick in (found[0], found[len(found) // 2], found[-1])}
    for query, shown in sorted(sample):
        answer = client.get(f"/api/v1/workspaces/default/maps/{stored.id}/customers?{query}&per_page=1")
        assert answer.status_code == 200, (query, answer.text)
        assert answer.json()["total"] == shown, query
    everyone = client.get(f"/api/v1/workspaces/default/maps/{stored.id}/customers").json()
    assert everyone["total"] == 150 and everyone["pages"] == 3


def test_the_page_in_persian_and_english(sqlite_site: Any, tmp_path: Path) -> None:
    site = sqlite_site
    _, map_id = shop(site, tmp_path)
    client = site.client("vic")
    url = f"/w/default/maps/{map_id}/customers?kind=reached&step=site_visit"
    fa = client.get(f"{url}&lang=fa").text
    assert "مشتریانی که به نقطه تماس «\u2068Visits the site\u2069» رسیدند" in fa
    assert 'data-testid="customers-total">۳ مشتری<' in fa
    assert fa.count('data-testid="customer"') == 3
    assert '<bdi dir="ltr">bob</bdi>' in fa and "site_visit" not in re.sub(r'href="[^"]*"', "", fa)
    assert f'href="/w/default/maps/{map_id}/customers.csv?kind=reached&amp;level=touchpoint' in fa
    en = client.get(f"{url}&lang=en&per_page=2").text
    assert 'data-testid="customers-total">3 customers<' in en and "page 1 of 2" in en
    assert en.count('data-testid="customer"') == 2
    second = client.get(f"{url}&lang=en&per_page=2&page=2").text
    assert second.count('data-testid="customer"') == 1 and 'rel="prev"' in second


def test_exports_hold_the_whole_list_with_formulas_neutralised(sqlite_site: Any, tmp_path: Path) -> None:
    site = sqlite_site
    _, map_id = shop(site, tmp_path)
    client = site.client("vic")
    query = "kind=reached&level=stage&step=aware"
    answer = client.get(f"/w/default/maps/{map_id}/customers.csv?{query}&lang=en")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert table[0] == ["Customer", "Segment", "Last touchpoint", "Last stage", "Last activity", "Last event (UTC)", "Events"]  # fmt: skip
    assert table[1:] == [
        ["'" + HYPERLINK, "'+1", "Visits the site", "Consider", "site", "2024-03-20 09:00:00", "2"],
        ["ana", "gold", "Pays the order", "Buy", "order", "2024-03-20 11:00:00", "4"],
        ["bob", "'@ref", "Visits the site", "Consider", "site", "2024-03-20 09:00:00", "2"],
        ["cem", "'-x", "Sees the ad", "Aware", "ad", "2024-03-20 08:00:00", "1"],
    ]
    answer = client.get(f"/w/default/maps/{map_id}/customers.xlsx?{query}&lang=fa")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    sheet = book["مشتریان"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "مشتری" and len(cells) == 5
    assert cells[1][:2] == ["'" + HYPERLINK, "'+1"] and cells[1][6] == 2
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)  # no cell is a formula
    about = [[c.value for c in row] for row in book["کدام مشتریان"].iter_rows()]
    assert about[1] == ["تعداد", 4] and "«Aware»" in about[0][1]


def test_a_filter_naming_what_the_map_lacks_says_so(sqlite_site: Any, tmp_path: Path) -> None:
    site = sqlite_site
    _, map_id = shop(site, tmp_path)
    client = site.client("vic")
    api = f"/api/v1/workspaces/default/maps/{map_id}/customers"
    answer = client.get(f"{api}?kind=dropped&level=touchpoint&step=checkout&lang=en")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "customers.unknown_touchpoint"
    assert error["message"] == (
        "The map “Shop” has no touchpoint “checkout”. Choose one of its touchpoints: "
        "ad_seen, site_visit, phone_call, order_paid."
    )
    assert client.get(f"{api}?kind=funnel").json()["error"]["code"] == "customers.index_required"
    assert client.get(f"{api}?kind=everyone").status_code == 422
    page = client.get(f"/w/default/maps/{map_id}/customers?kind=reached&step=checkout&lang=fa")
    assert page.status_code == 400 and "«checkout»" in page.text
    assert client.get(f"/w/default/maps/{map_id}/customers.pdf").status_code == 404
    assert site.client("otto").get(f"{api}").status_code == 404
