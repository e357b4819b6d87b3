"""The routing-table page and its JSON twin (issue 19, item 3): the log of tests/services/test_routing.py
read by a viewer in Persian and English, the API equal to the service, errors beside the form, and the
contact-centre page's link carrying what was typed."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from tests.services.test_routing import ingest_routing
from tests.web.conftest import Site
from tests.web.test_reading import problems

from safar.config import Settings
from safar.context import Context
from safar.services.routing import RouteQuery, route_table
from safar.workspace import Workspace

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]
QUERY = {
    "dataset": "routed",
    "enter": "queued",
    "answer": "answered",
    "abandon": "abandoned",
    "end": "ended",
    "score_col": "csat",
}
OWN_WORDS = frozenset({"default", "routed", "queued", "answered", "abandoned", "ended", "ali", "sara", "bill",
                       "claim", "csat"})  # fmt: skip
PATH = "/w/default/contact-centre/routing"


@pytest.fixture
def routed(tmp_path: Path) -> str:
    return ingest_routing(tmp_path)


def _page(site: Site, lang: str, **extra: str) -> str:
    response = site.client("vic").get(f"{PATH}?{urlencode({**QUERY, **extra, 'lang': lang})}")
    assert response.status_code == 200, response.text[:500]
    return response.text


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_viewer_reads_the_routing_table_cleanly(sqlite_site: Site, routed: str, lang: str) -> None:
    html = _page(sqlite_site, lang)
    assert problems(PATH, lang, html, None, set(), OWN_WORDS) == []
    summary = re.search(r'data-testid="route-summary">(.*?)</p>', html, re.S)
    assert summary
    rows = re.findall(r'data-testid="route-reason">(.*?)</tr>', html, re.S)
    assert len(rows) == 2 and html.count('data-testid="route-evidence-row"') == 4
    if lang == "fa":
        assert summary.group(1).startswith("۸۰ تماس پاسخ‌داده از ۲ علت، مسیردهی برای حل در اولین تماس")
        assert "۶۲٫۵٪" in summary.group(1) and "۷۰٫۸٪" in summary.group(1)
        assert "۸٫۳+" in summary.group(1) or "+۸٫۳" in summary.group(1)
        # bill: 70.0% today, 83.3% recommended, all of it to ali
        assert "<bdi>۷۰٫۰٪</bdi>" in rows[0] and "<bdi>۸۳٫۳٪</bdi>" in rows[0]
        assert re.search(r'<bdi dir="auto" translate="no">ali</bdi> <bdi>۱۰۰٪</bdi>', rows[0])
        assert "بهترین در" in html and "حل، سرعت" in html
    else:
        assert summary.group(1).startswith(
            "80 answered contacts of 2 reasons, routed for first-contact resolution: 62.5% with today"
        )
        assert "<bdi>70.0%</bdi>" in rows[0] and "<bdi>83.3%</bdi>" in rows[0]
        assert re.search(r'<bdi dir="auto" translate="no">sara</bdi> <bdi>100%</bdi>', rows[1])
        assert "resolution, speed" in html and "Satisfaction, mean" in html
    # the form keeps what was typed; the method is written out
    assert 'value="csat"' in html and 'data-testid="route-method"' in html


def test_the_api_is_the_service(sqlite_site: Site, routed: str) -> None:
    client = sqlite_site.client("vic")
    got = client.get(
        f"/api/v1/workspaces/default/contact-centre/routing?{urlencode({**QUERY, 'goal': 'handle'})}"
    )
    assert got.status_code == 200, got.text
    with Context(Workspace.open(Settings.from_env()), "en") as ctx:
        expected = route_table(ctx, RouteQuery.model_validate({**QUERY, "goal": "handle"}))
    assert got.json() == expected.model_dump(mode="json")
    assert got.json()["today"] == pytest.approx(165.0)


def test_bad_input_is_explained_beside_the_form_and_as_json(sqlite_site: Site, routed: str) -> None:
    html = _page(sqlite_site, "en", goal="score", score_col="")
    assert 'data-testid="route-error"' in html and "--score-col" in html
    refused = sqlite_site.client("vic").get(
        f"/api/v1/workspaces/default/contact-centre/routing?{urlencode({**QUERY, 'min_contacts': '0'})}"
    )
    assert refused.status_code in (400, 422)
    otto = sqlite_site.client("otto")
    assert otto.get(PATH).status_code == 404


def test_the_contact_page_links_with_what_was_typed(sqlite_site: Site, routed: str) -> None:
    html = (
        sqlite_site.client("vic")
        .get(
            f"/w/default/contact-centre?{urlencode({**{k: v for k, v in QUERY.items() if k != 'score_col'}, 'by': 'agent', 'lang': 'en'})}"
        )
        .text
    )
    link = re.search(r'href="([^"]+)" data-testid="contact-routing-link"', html)
    assert link
    # the roles go along; the report's own grouping does not
    assert link.group(1).replace("&amp;", "&") == f"{PATH}?" + urlencode(
        {"dataset": "routed", "enter": "queued", "answer": "answered", "abandon": "abandoned", "end": "ended"}
    )
    chooser = sqlite_site.client("vic").get(f"{PATH}?lang=fa").text
    assert 'data-testid="route-choose"' in chooser
    assert problems(PATH, "fa", chooser, None, set(), OWN_WORDS) == []


def test_the_last_routing_table_is_remembered(sqlite_site: Site, routed: str) -> None:
    client = sqlite_site.client("vic")
    assert 'data-testid="route-table"' in _page(sqlite_site, "en")  # another client: nothing kept here
    assert client.get(f"{PATH}?lang=en").status_code == 200
    shown = client.get(f"{PATH}?{urlencode({**QUERY, 'lang': 'en'})}")
    assert 'data-testid="route-table"' in shown.text
    again = client.get(f"{PATH}?lang=en")
    assert again.status_code == 303 and again.headers["location"] == f"{PATH}?{urlencode(QUERY)}&lang=en"
    # the contact-centre page keeps its own
    assert client.get("/w/default/contact-centre?lang=en").status_code == 200
