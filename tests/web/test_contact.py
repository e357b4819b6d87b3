"""The contact-centre page and its JSON twin (issue 19): the synthetic call-centre log of
tests/services/test_contact.py read by a viewer in Persian and English, the API equal to the service, the
empty state of a workspace without data, and errors shown beside the form."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from tests.services.test_contact import OVERALL, ingest_calls
from tests.web.conftest import Site
from tests.web.test_reading import problems

from safar.config import Settings
from safar.context import Context
from safar.services.contact import ContactQuery, contact_report
from safar.workspace import Workspace

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]
QUERY = {
    "dataset": "calls",
    "enter": "queued",
    "answer": "answered",
    "abandon": "abandoned",
    "end": "ended",
    "by": "queue",
}
# What the people of this log named: the dataset, its activities, queues and agents, shown as they are.
OWN_WORDS = frozenset(
    {
        "default",
        "calls",
        "queued",
        "answered",
        "abandoned",
        "ended",
        "sales",
        "support",
        "ali",
        "sara",
        "note",
        "transferred",
        "reopened",
    }
)


@pytest.fixture
def calls(tmp_path: Path) -> str:
    return ingest_calls(tmp_path)


def _page(site: Site, lang: str, **extra: str) -> str:
    response = site.client("vic").get(
        f"/w/default/contact-centre?{urlencode({**QUERY, **extra, 'lang': lang})}"
    )
    assert response.status_code == 200, response.text[:500]
    return response.text


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_a_viewer_reads_the_report_cleanly(sqlite_site: Site, calls: str, lang: str) -> None:
    html = _page(sqlite_site, lang)
    assert f'<html lang="{lang}" dir="{"rtl" if lang == "fa" else "ltr"}">' in html
    assert 'data-testid="contact-overall"' in html and html.count('data-testid="contact-group"') == 2
    assert problems("/w/default/contact-centre", lang, html, None, set(), OWN_WORDS) == []
    overall = re.search(r'data-testid="contact-overall">(.*?)</tr>', html, re.S)
    assert overall
    if lang == "fa":  # 12 offered, 9 answered, service level 50%, abandonment 10%
        for shown in ("۱۲", "۹", "۵۰٫۰٪", "۱۰٫۰٪"):
            assert shown in overall.group(1)
        assert "انتظار تماس‌های پاسخ‌داده‌شده" in html and "پاسخ یا رهاشدن پیش از ورود به صف" in html
    else:
        for shown in ("12", "9", "50.0%", "10.0%"):
            assert shown in overall.group(1)
        assert (
            "Wait of answered contacts" in html and "answered or abandoned before entering the queue" in html
        )
    # each measure's header opens its glossary entry
    for term in ("service_level", "abandonment", "speed_of_answer", "handle_time", "repeat_contacts"):
        assert f'href="/glossary#{term}"' in html
    # the form keeps what was typed
    assert 'value="queued"' in html and '<option value="queue" selected>' in html


def test_periods_are_jalali_months_in_persian(sqlite_site: Site, calls: str) -> None:
    html = _page(sqlite_site, "fa", by="", period="month")
    assert "اردیبهشت ۱۴۰۳" in html and "خرداد ۱۴۰۳" in html
    # the backlog at each Jalali month's end: 11 entered in Ordibehesht, 10 left, c11 still open; c12 in Khordad
    backlog = re.findall(
        r'data-testid="contact-backlog-period"><th scope="row">([^<]+)</th>((?:<td>[^<]+</td>)+)', html
    )
    assert [(name, re.findall(r"<td>([^<]+)</td>", cells)) for name, cells in backlog] == [
        ("اردیبهشت ۱۴۰۳", ["۱۱", "۱۰", "۱"]),
        ("خرداد ۱۴۰۳", ["۱", "۱", "۱"]),
    ]
    assert problems("/w/default/contact-centre", "fa", html, None, set(), OWN_WORDS) == []


def test_the_api_is_the_service(sqlite_site: Site, calls: str) -> None:
    client = sqlite_site.client("vic")
    for lang in ("fa", "en"):
        got = client.get(f"/api/v1/workspaces/default/contact-centre?{urlencode({**QUERY, 'lang': lang})}")
        assert got.status_code == 200, got.text
        with Context(Workspace.open(Settings.from_env()), lang) as ctx:
            expected = contact_report(ctx, ContactQuery.model_validate(QUERY)).model_dump(mode="json")
        assert got.json() == expected
        assert got.json()["overall"]["offered"] == OVERALL["offered"]


def test_bad_input_is_explained_beside_the_form_and_as_json(sqlite_site: Site, calls: str) -> None:
    html = _page(sqlite_site, "en", sla="soon")
    assert 'data-testid="contact-error"' in html and "Cannot read the duration “soon”" in html
    assert 'value="soon"' in html
    got = sqlite_site.client("vic").get(
        f"/api/v1/workspaces/default/contact-centre?{urlencode({**QUERY, 'enter': '', 'lang': 'en'})}"
    )
    assert got.status_code == 400
    assert got.json()["error"]["code"] == "contact.no_role"


def test_another_workspace_sees_nothing(sqlite_site: Site, calls: str) -> None:
    otto = sqlite_site.client("otto")
    assert otto.get("/w/default/contact-centre").status_code == 404
    assert otto.get(f"/api/v1/workspaces/default/contact-centre?{urlencode(QUERY)}").status_code == 404


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_without_data_the_page_says_what_to_bring(sqlite_site: Site, lang: str) -> None:
    response = sqlite_site.client("vic").get(f"/w/default/contact-centre?lang={lang}")
    assert response.status_code == 200
    assert 'data-testid="contact-empty"' in response.text
    assert problems("/w/default/contact-centre", lang, response.text, None, set(), OWN_WORDS) == []


def test_the_datasets_page_and_the_maps_page_link_to_it(sqlite_site: Site, calls: str) -> None:
    html = sqlite_site.client("vic").get("/w/default/datasets?lang=en").text
    assert 'href="/w/default/contact-centre"' in html
    maps = sqlite_site.client("vic").get("/w/default?lang=fa").text
    assert '<a href="/w/default/contact-centre" data-testid="maps-contact-centre-link">مرکز تماس</a>' in maps
    chosen = _page(sqlite_site, "en", dataset="calls", enter="", answer="")
    assert 'data-testid="contact-choose"' in chosen


def test_the_form_lists_the_datasets_activities(sqlite_site: Site, calls: str) -> None:
    html = sqlite_site.client("vic").get("/w/default/contact-centre?lang=fa").text
    hint = re.search(r'data-testid="contact-activities">(.*?)</p>', html, re.S)
    assert hint, html
    names = re.findall(r'<bdi dir="auto" translate="no">([^<]+)</bdi> \(([^)]+)\)', hint.group(1))
    # 13 contacts entered (c13 out of order too), 10 answers, 8 ends, 2 abandons, a note, a reopen, a transfer
    assert names == [
        ("queued", "۱۳"),
        ("answered", "۱۰"),
        ("ended", "۸"),
        ("abandoned", "۲"),
        ("note", "۱"),
        ("reopened", "۱"),
        ("transferred", "۱"),
    ]
    assert problems("/w/default/contact-centre", "fa", html, None, set(), OWN_WORDS) == []


def test_the_last_report_is_remembered_per_workspace(sqlite_site: Site, calls: str) -> None:
    client = sqlite_site.client("vic")
    shown = client.get(f"/w/default/contact-centre?{urlencode({**QUERY, 'lang': 'en'})}")
    assert shown.status_code == 200 and 'data-testid="contact-table"' in shown.text
    again = client.get("/w/default/contact-centre?lang=en")
    assert again.status_code == 303
    assert again.headers["location"] == f"/w/default/contact-centre?{urlencode(QUERY)}&lang=en"
    assert 'data-testid="contact-table"' in client.get(again.headers["location"]).text
    # a query that shows no report is not remembered
    fresh = sqlite_site.client("vic")
    fresh.get("/w/default/contact-centre?dataset=calls&enter=queued&answer=answered&sla=soon")
    assert fresh.get("/w/default/contact-centre").status_code == 200


def test_the_handle_time_split_shows_only_with_its_roles(sqlite_site: Site, calls: str) -> None:
    assert 'data-testid="contact-split"' not in _page(sqlite_site, "fa")
    # the log has no hold: c07's transfer named as after-contact work instead, so one contact has some
    html = _page(sqlite_site, "fa", hold="hold", wrap="transferred")
    assert 'data-testid="contact-split"' in html and "کار پس از تماس" in html
    assert html.count('data-testid="contact-split-row"') == 3  # all contacts, sales, support
    assert problems("/w/default/contact-centre", "fa", html, None, set(), OWN_WORDS | {"hold"}) == []
