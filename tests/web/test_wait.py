"""The expected-wait page, its JSON twin and the notice a website or phone line reads (issue 19, item 4),
on the synthetic call-centre log: read in Persian and English, the API equal to the service, the notice
as text and as an HTML fragment, with a read-only API key."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from tests.services.test_contact import ingest_calls
from tests.web.conftest import Site
from tests.web.test_contact import OWN_WORDS
from tests.web.test_reading import problems

from safar.config import Settings
from safar.context import Context
from safar.services.wait import WaitQuery, wait_estimate
from safar.workspace import Workspace

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]
QUERY = {"dataset": "calls", "enter": "queued", "answer": "answered", "abandon": "abandoned", "window": "30d"}
PATH = "/w/default/contact-centre/wait"
API = "/api/v1/workspaces/default/contact-centre"


@pytest.fixture
def calls(tmp_path: Path) -> str:
    return ingest_calls(tmp_path)


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_viewer_reads_the_estimate_cleanly(sqlite_site: Site, calls: str, lang: str) -> None:
    response = sqlite_site.client("vic").get(f"{PATH}?{urlencode({**QUERY, 'lang': lang})}")
    assert response.status_code == 200
    html = response.text
    assert problems(PATH, lang, html, None, set(), OWN_WORDS) == []
    rows = re.findall(r'data-testid="wait-queue">(.*?)</tr>', html, re.S)
    assert len(rows) == 2 and html.count('data-testid="wait-check"') == 4
    if lang == "fa":  # sales: 18.75 s; support: 27.6 s, one contact waiting for 20 days
        assert "<bdi>۱۹ ثانیه</bdi>" in rows[0] and "<bdi>۲۸ ثانیه</bdi>" in rows[1]
        assert "<bdi>۲۰ روز</bdi>" in rows[1] and "زمان انتظار تقریبی: کمتر از یک دقیقه" in rows[1]
        assert "۱۴۰۳/۰۳/۰۶" in html  # as of 26 May 2024, in Tehran time
    else:
        assert "<bdi>19 s</bdi>" in rows[0] and "Expected wait: less than a minute" in rows[1]
    # the address the notice is read from, for the first queue
    assert f"{API}/wait-notice?" in html and "queue=sales" in html


def test_the_api_is_the_service_and_the_notice_is_text_or_html(sqlite_site: Site, calls: str) -> None:
    client = sqlite_site.client("vic")
    got = client.get(f"{API}/wait?{urlencode({**QUERY, 'lang': 'fa'})}")
    assert got.status_code == 200, got.text
    with Context(Workspace.open(Settings.from_env()), "fa") as ctx:
        assert got.json() == wait_estimate(ctx, WaitQuery.model_validate(QUERY)).model_dump(mode="json")
    text = client.get(f"{API}/wait-notice?{urlencode({**QUERY, 'queue': 'support', 'lang': 'fa'})}")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert text.text == "زمان انتظار تقریبی: کمتر از یک دقیقه"
    fragment = client.get(
        f"{API}/wait-notice?{urlencode({**QUERY, 'queue': 'support', 'format': 'html', 'lang': 'en'})}"
    )
    assert fragment.text == '<p class="safar-wait" lang="en" dir="ltr">Expected wait: less than a minute</p>'
    both = client.get(f"{API}/wait-notice?{urlencode(QUERY)}")
    assert both.status_code == 400 and both.json()["error"]["code"] == "wait.one_queue"
    assert sqlite_site.client("otto").get(f"{API}/wait-notice?{urlencode(QUERY)}").status_code == 404


def test_a_read_only_api_key_of_the_workspace_reads_the_notice(sqlite_site: Site, calls: str) -> None:
    from starlette.testclient import TestClient

    from safar.accounts import TokenScope

    token = sqlite_site.accounts.create_token("vic", "website", scope=TokenScope.READ, workspace="default")
    website = TestClient(sqlite_site.app, headers={"Authorization": f"Bearer {token}"})  # type: ignore[arg-type]
    got = website.get(f"{API}/wait-notice?{urlencode({**QUERY, 'queue': 'sales', 'lang': 'en'})}")
    # sales, 30 days back as of the data's newest event: 18.75 s
    assert got.status_code == 200 and got.text == "Expected wait: less than a minute"
    assert sqlite_site.client().get(f"{API}/wait-notice?{urlencode(QUERY)}").status_code == 401


def test_the_last_estimate_is_remembered(sqlite_site: Site, calls: str) -> None:
    client = sqlite_site.client("vic")
    assert client.get(PATH).status_code == 200
    assert 'data-testid="wait-table"' in client.get(f"{PATH}?{urlencode(QUERY)}").text
    again = client.get(PATH)
    assert again.status_code == 303 and again.headers["location"] == f"{PATH}?{urlencode(QUERY)}"
