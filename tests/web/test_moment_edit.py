"""A moment of truth and its evidence edited on the touchpoint's page (issue 18, item 2): each piece of evidence
with its source, who said it or which study, when (Jalali or Gregorian), strength and how many agreed; shown
back in the page's calendar, counted on the canvas, named in the history, printed in the PDF; bad input told
row by row in the page's language; the API's twin; a plain source name still read and written as it was."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml
from fastapi.testclient import TestClient
from tests.web.test_pages import new_map, site_map

from safar.model import Evidence, MomentOfTruth

TOUCHPOINT = "ask_agent_plans"  # a moment of truth in the insurance template, on two plain sources


def as_sent(page: str, testid: str) -> dict[str, str]:
    """What a browser sends for the form marked ``testid`` as the page shows it: inputs (a checkbox only when
    ticked), each select's chosen option, textareas."""
    import html

    form = page.split(f'data-testid="{testid}"')[1].split("</form>")[0]
    sent: dict[str, str] = {}
    for tag in re.findall(r"<input [^>]*>", form):
        name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
        if name and ('type="checkbox"' not in tag or " checked" in tag):
            sent[name.group(1)] = html.unescape(value.group(1)) if value else ""
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', form, re.S):
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        sent[name] = chosen.group(1) if chosen else ""
    for name, text in re.findall(r'<textarea name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        sent[name] = html.unescape(text)
    return sent


def moment(client: TestClient, url: str, **fields: str) -> Any:
    page = client.get(f"{url}/touchpoints/{TOUCHPOINT}").text
    sent = as_sent(page, "moment-form") | fields
    return client.post(f"{url}/touchpoints/{TOUCHPOINT}/moment", data=sent)


def claim(client: TestClient, url: str) -> Any:
    stages = site_map(client, url)["document"]["stages"]
    return next(t for s in stages for t in s["touchpoints"] if t["id"] == TOUCHPOINT).get("moment_of_truth")


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_an_editor_records_the_evidence_of_a_moment_of_truth(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    assert claim(ana, url)["evidence"] == ["frontline_staff", "satisfaction_data"]  # the template's, plain
    page = ana.get(f"{url}/touchpoints/{TOUCHPOINT}").text
    assert 'checked data-testid="moment-is"' in page and page.count('data-testid="moment-row"') == 4

    saved = moment(
        ana,
        url,
        is_moment="1",
        note="تماس نخست تعیین‌کننده است",
        source_0="frontline_staff",
        who_0="جلسهٔ سرپرستان مرکز تماس",
        on_0="۱۴۰۵/۰۲/۰۱",
        strength_0="strong",
        agreed_0="۱۲",
        note_0="همه موافق بودند",
        source_1="market_research",
        who_1="Customer survey 2026",
        on_1="2026-05-10",
        source_2="",
        who_2="a row without a source is left out",
    )
    assert saved.status_code == 303 and saved.headers["location"].endswith(
        f"/touchpoints/{TOUCHPOINT}#moment"
    )
    assert claim(ana, url) == {
        "evidence": [
            {
                "source": "frontline_staff",
                "who": "جلسهٔ سرپرستان مرکز تماس",
                "on": "2026-04-21",
                "strength": "strong",
                "agreed": 12,
                "note": "همه موافق بودند",
            },
            {"source": "market_research", "who": "Customer survey 2026", "on": "2026-05-10"},
        ],
        "note": "تماس نخست تعیین‌کننده است",
    }
    page = ana.get(f"{url}/touchpoints/{TOUCHPOINT}").text
    assert 'value="۱۴۰۵/۰۲/۰۱"' in page and 'value="۱۴۰۵/۰۲/۲۰"' in page and 'value="۱۲"' in page
    assert page.count('data-testid="moment-row"') == 4  # the two rows and two empty ones
    canvas = text_of(ana.get(url).text)
    assert "★ لحظه حقیقت · شواهد: ۲" in canvas
    history = text_of(ana.get(f"{url}/history").text)
    assert "شواهد" in history and "moment_of_truth" not in history and "evidence" not in history
    pdf = ana.get(f"{url}/export.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")

    # a later save that changes one row keeps the others as they were
    again = moment(ana, url, strength_1="moderate")
    assert again.status_code == 303
    assert claim(ana, url)["evidence"][1] == {
        "source": "market_research",
        "who": "Customer survey 2026",
        "on": "2026-05-10",
        "strength": "moderate",
    }
    # no longer a moment of truth: one badge fewer on the canvas
    badges = ana.get(url).text.count('data-testid="mot-badge"')
    assert moment(ana, url, is_moment="").status_code == 303
    assert claim(ana, url) is None
    assert ana.get(url).text.count('data-testid="mot-badge"') == badges - 1


def test_bad_evidence_is_told_by_row_and_changes_nothing(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    revision = site_map(ana, url)["revision"]
    page = ana.get(f"{url}/touchpoints/{TOUCHPOINT}").text
    empty = {f"source_{i}": "" for i in range(4)}
    none = moment(ana, url, is_moment="1", **empty)
    assert none.status_code == 400 and "لحظه حقیقت شواهد لازم دارد" in text_of(none.text)
    words = moment(ana, url, is_moment="1", agreed_1="دوازده")
    assert words.status_code == 400 and "ردیف ۲ شواهد: «دوازده» عدد درستی از افراد نیست" in text_of(
        words.text
    )
    when = moment(ana, url, is_moment="1", on_0="۱۴۰۵/۱۳/۰۱")
    assert when.status_code == 400 and "ردیف ۱ شواهد" in text_of(when.text) and "۱۴۰۵/۱۳/۰۱" in when.text
    assert site_map(ana, url)["revision"] == revision
    assert 'data-testid="moment-form"' in page
    viewer = site.client("vic")
    refused = viewer.post(
        f"{url}/touchpoints/{TOUCHPOINT}/moment",
        data={"csrf": site.csrf(viewer.get(url).text), "base_revision": str(revision), "is_moment": ""},
    )
    assert refused.status_code == 403 and claim(ana, url) is not None


def test_the_api_records_structured_evidence(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    api = "/api/v1/workspaces/default/maps/" + url.split("/")[-1]
    headers = {"x-csrf-token": site.csrf(ana.get("/login").text)}
    body = {
        "op": "update_touchpoint",
        "touchpoint": TOUCHPOINT,
        "base_revision": site_map(ana, url)["revision"],
        "fields": {
            "moment_of_truth": {
                "evidence": [{"source": "management", "who": "CX board", "on": "2026-03-01", "agreed": 5}],
                "note": "Decided at the board",
            }
        },
    }
    made = ana.post(f"{api}/edits", json=body, headers=headers)
    assert made.status_code == 200, made.text
    assert claim(ana, url) == {
        "evidence": [{"source": "management", "who": "CX board", "on": "2026-03-01", "agreed": 5}],
        "note": "Decided at the board",
    }
    wrong = ana.post(
        f"{api}/edits",
        json=body
        | {"base_revision": body["base_revision"] + 1, "fields": {"moment_of_truth": {"evidence": []}}},
        headers=headers,
    )
    assert wrong.status_code == 422 and "evidence" in wrong.text


def test_a_plain_source_name_is_read_and_written_as_it_was() -> None:
    read = MomentOfTruth.model_validate(
        {"evidence": ["management", {"source": "market_research", "agreed": 3}]}
    )
    assert read.evidence == [Evidence(source="management"), Evidence(source="market_research", agreed=3)]
    assert read.sources == ["management", "market_research"]
    written = yaml.safe_load(yaml.safe_dump(read.model_dump(mode="json", exclude_defaults=True)))
    assert written == {"evidence": ["management", {"source": "market_research", "agreed": 3}]}
    assert Evidence(source="management", on=date(2026, 1, 1)).model_dump(mode="json")["on"] == "2026-01-01"
