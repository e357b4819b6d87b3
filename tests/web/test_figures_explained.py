"""Every figure explained (issue 13, item 4): the pages of the demo carry the reading of their figures one
click away, the glossary explains every statistical word they show, and both read cleanly in Persian and
English (the same scanner as ``test_reading``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from tests.web.test_reading import Demo, problems, read

from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES
from safar.i18n.glossary import ANCHORS, TERMS, term_for

LANGS = ("fa", "en")


@dataclass
class Pages:
    client: TestClient
    html: dict[tuple[str, str], str]  # (page, lang) -> HTML
    own_words: frozenset[str]


pytestmark = pytest.mark.xdist_group("demo-site")


@pytest.fixture(scope="module")
def pages(demo_site: Demo) -> Pages:
    """Each language's pages of the demo map in that language, as a team working in it reads them: the
    pages test_reading rendered, and the few it does not (the voice trend, the glossary) fetched here."""
    html: dict[tuple[str, str], str] = {}
    for map_id, map_lang in demo_site.map_langs.items():
        base = f"/w/default/maps/{map_id}"
        if (
            f"{base}/journeys",
            map_lang,
        ) not in demo_site.pages:  # a future-state map: read on its canvas only
            continue
        urls = {
            "canvas": base,
            "journeys": f"{base}/journeys",
            "voice": f"{base}/voice",
            "voice_trend": f"{base}/voice?by=period",
            "insights": f"{base}/insights",
            "kpis": f"{base}/kpis",
            "alerts": "/w/default/alerts",
            "glossary": "/glossary",
        }
        for page, url in urls.items():
            found = demo_site.pages.get((url, map_lang))
            if found is None:
                sep = "&" if "?" in url else "?"
                response = demo_site.client.get(f"{url}{sep}lang={map_lang}")
                assert response.status_code == 200, (url, map_lang, response.text[:300])
                found = response.text
            html[(page, map_lang)] = found
    assert {lang for _, lang in html} == set(LANGS)
    return Pages(demo_site.client, html, frozenset(demo_site.own_words))


class Disclosures(HTMLParser):
    """Each reading disclosure of a page: its glossary term, its summary's name and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "details" and values.get("data-testid") == "reading":
            self.found.append({"term": values["data-term"], "text": "", "label": "", "link": ""})
            self.depth = 1
        elif self.depth and tag == "details":
            self.depth += 1
        elif self.depth and tag == "summary":
            self.found[-1]["label"] = values.get("aria-label", "")
            self.found[-1]["title"] = values.get("title", "")
        elif self.depth and tag == "a":
            self.found[-1]["link"] = values.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag == "details":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1]["text"] += data


def disclosures(html: str) -> list[dict[str, str]]:
    parser = Disclosures()
    parser.feed(html)
    return parser.found


# Which readings each page shows on the demo: its figures and the glossary terms they explain.
EXPECTED = {
    "canvas": {"customers", "conversion", "dropoff", "time_to_next", "nps", "csat", "ces"},
    "journeys": {"funnel", "dropoff"},
    "voice": {"nps", "csat", "ces", "negative_share"},
    "voice_trend": {"nps", "csat", "ces"},
    "insights": {"priority", "r2", "relative_weights", "gap", "p_value", "dz", "odds_ratio", "q_value"},
    "kpis": {"nps", "csat", "ces", "conversion", "dropoff", "negative_share"},
    "alerts": {"ztest"},
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_figures_carry_their_reading(pages: Pages, page: str, lang: str) -> None:
    found = disclosures(pages.html[(page, lang)])
    terms = {d["term"] for d in found}
    assert EXPECTED[page] <= terms, (page, lang, sorted(terms))
    for d in found:
        assert d["term"] in ANCHORS
        assert d["label"] == translate("reading.button", lang)
        assert d["link"] == f"/glossary#{d['term']}"
        body = d["text"].strip()
        assert body.endswith(translate("reading.more", lang))
        assert d["title"] and d["title"] in body  # the same sentence on hover and on click


@pytest.mark.parametrize("lang", LANGS)
def test_readings_and_glossary_read_cleanly(pages: Pages, lang: str) -> None:
    """The readings' sentences and the glossary pass the scan of ``test_reading`` (digits, words, bidi, nan)."""
    found: list[str] = []
    for (page, page_lang), html in pages.html.items():
        if page_lang != lang:
            continue
        if page == "glossary":
            found += problems(page, lang, html, None, set(), pages.own_words)
            continue
        for d in disclosures(html):
            fragment = f'<p>{d["text"]}</p><p title="{d["title"]}"></p>'
            found += problems(page, lang, fragment, None, set(), pages.own_words)
    assert not found, "\n".join(found)


def test_the_reading_sits_next_to_the_figure(pages: Pages) -> None:
    """On the canvas the drop-off reading is in the drop-off cell, with that touchpoint's own numbers."""
    html = pages.html[("canvas", "en")]
    cells = re.findall(r'data-testid="dropoff">(.*?)</div>', html, re.S)
    with_reading = [c for c in cells if 'data-term="dropoff"' in c]
    assert with_reading
    for cell in with_reading:
        shown = re.search(r'class="heat">([^<]+)</span> <span class="muted">\((\d[\d,]*)\)', cell)
        if shown:
            share, count = shown.groups()
            text = disclosures(cell)[0]["text"]
            assert text.startswith(f"{share} of the ") and f"({count})" in text


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_page(pages: Pages, lang: str) -> None:
    html = pages.html[("glossary", lang)]
    for term in TERMS:
        assert f'id="{term.anchor}"' in html
        assert translate(term.name_key, lang).replace("'", "&#39;") in html
    assert '<a href="/glossary" data-testid="glossary-link">' in html
    assert 'lang="' + lang + '"' in html
    text = " ".join(p.text for p in read(html, lang))
    assert translate("glossary.intro", lang) in text


def test_every_term_has_both_languages() -> None:
    for term in TERMS:
        for key in (term.name_key, term.text_key):
            assert set(MESSAGES[key]) == {"fa", "en"}, key
    assert {k.split(".")[1] for k in MESSAGES if k.startswith("glossary.") and k.count(".") == 2} == set(
        ANCHORS
    )


# The statistical words a page may show. A new one on a page needs a glossary term whose aliases name it
# (safar.i18n.glossary.TERMS); the list is the scan's, not the glossary's, so a word is never missed by
# being left out of both.
JARGON = re.compile(
    r"R²|\bNPS\b|\bCSAT\b|\bCES\b|\bodds ratio\b|\bq \(BH\)|\bp \(t-test\)|\bp-value\b|\bdz\b|"
    r"\bJohnson\b|\bbootstrap\b|\bWilson\b|\bWald\b|\bWoolf\b|\bBenjamini\b|\bmedian\b|α|Δ|\bdrop-off\b|"
    r"\bconversion\b|\brelative weight\b|\bimportance\b|\bCohen\b|\bz-test\b|\bztest\b|\binterval\b|"
    r"\bconfidence\b|\bCronbach\b|\bfunnel\b|\bshare of R²|\bperformance\b|\bsentiment\b|\bpriority\b|"
    r"\bcoverage\b|\bmoments? of truth\b|\bgap\b|\bexpectation\b|\bperception\b|\bmeasured\b",
    re.IGNORECASE,
)


def test_every_statistical_word_on_a_page_is_in_the_glossary(pages: Pages) -> None:
    """A docs-drift test: each statistical word the English pages show has a glossary entry."""
    missing: dict[str, set[str]] = {}
    for (page, lang), html in pages.html.items():
        if lang != "en" or page == "glossary":
            continue
        for piece in read(html, lang):
            for word in JARGON.findall(piece.text):
                if term_for(word) is None:
                    missing.setdefault(word, set()).add(page)
    assert not missing, f"statistical words without a glossary entry: {missing}"


def test_every_label_that_names_a_statistic_is_in_the_glossary() -> None:
    """The same over the catalogue's column labels and headings, for pages the demo does not reach."""
    missing = set()
    for code, entry in MESSAGES.items():
        if not re.match(r"(web|insights\.label|kpis\.col|alerts\.label|survey\.col)\.", code):
            continue
        for word in JARGON.findall(entry["en"]):
            if term_for(word) is None:
                missing.add((code, word))
    assert not missing, sorted(missing)
