"""A real log through the pages (issue 13's "done when"): the help desk log of ../shared/data, loaded from its
XES file into a workspace and bound to a ticket journey map, read on every page a CX manager opens (canvas,
journeys at both levels, KPIs, insights, the customers behind a count) in the map's language, Persian and
English. The pages pass the reading test's scan (no nan, raw ids, Latin digits in Persian, unisolated
signs …) and every count of customers they link, the paths diagram's included, opens as many customers.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from tests.conftest import SHARED_DATA
from tests.web.test_customers import _counted_links, _sankey_links
from tests.web.test_reading import problems

from safar.config import Settings
from safar.model import BindingRule, JourneyMap, Stage, Touchpoint
from safar.web.app import create_app

pytestmark = pytest.mark.slow
HELPDESK = "helpdesk/helpdesk.xes.gz"
PASSWORD = "correct horse battery"
# The ticket journey: (stage id, its names in Persian and English, its touchpoints: id, names, activities).
JOURNEY = [
    ("intake", "ثبت", "Intake", [
        ("insert", "ثبت تیکت", "Ticket inserted", ["Insert ticket"]),
        ("assign", "تعیین اهمیت", "Seriousness assigned", ["Assign seriousness"]),
    ]),
    ("work", "رسیدگی", "Work", [
        ("take", "پذیرش تیکت", "Ticket taken in charge", ["Take in charge ticket"]),
        ("wait", "انتظار", "Waiting", ["Wait"]),
        ("anomaly", "خطای نرم‌افزار", "Software anomaly",
         ["Require upgrade", "Create SW anomaly", "Resolve SW anomaly"]),
    ]),
    ("resolve", "حل", "Resolution", [("resolve", "حل تیکت", "Ticket resolved", ["Resolve ticket"])]),
    ("close", "بستن", "Closing", [("closed", "بسته شد", "Closed", ["Closed"])]),
]  # fmt: skip


def ticket_map(lang: str) -> JourneyMap:
    def tp(id: str, fa: str, en: str, activities: list[str]) -> Touchpoint:
        rule = BindingRule(activity_in=activities, dataset="helpdesk")
        return Touchpoint(id=id, name=fa if lang == "fa" else en, channel="website", bind=[rule])

    return JourneyMap(
        title="سفر تیکت پشتیبانی" if lang == "fa" else "Support ticket journey",
        lang=lang,
        stages=[
            Stage(id=id, name=fa if lang == "fa" else en, touchpoints=[tp(*t) for t in tps])
            for id, fa, en, tps in JOURNEY
        ],
    )


@dataclass
class Site:
    client: TestClient
    maps: dict[str, int]  # lang -> map id
    own_words: frozenset[str]
    ids: set[str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from safar.services.ingestion import ingest_events
    from safar.workspace import Workspace

    home = tmp_path_factory.mktemp("real-log") / "home"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SAFAR_HOME", str(home))
        env.setenv("SAFAR_LANG", "en")
        env.setenv("SAFAR_USER", "tester")  # the maps' author, a name people chose
        for name in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ"):
            env.delenv(name, raising=False)
        app = create_app(Settings.from_env())
        app.state.services.accounts.create_user("ana", PASSWORD, display_name="Ana", admin=True)
        ws = Workspace.attach(app.state.services.engine, app.state.services.settings, "default")
        ws.claim_dataset("helpdesk")
        ingest_events(ws, SHARED_DATA / HELPDESK, dataset="helpdesk")
        maps = {lang: ws.create_map(ticket_map(lang)).id for lang in ("fa", "en")}
        client = TestClient(app, follow_redirects=False)
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
        assert token
        login = {"csrf": token.group(1), "username": "ana", "password": PASSWORD, "next": "/"}
        assert client.post("/login", data=login).status_code == 303
        names = {n for _, fa, en, tps in JOURNEY for n in (fa, en, *(x for t in tps for x in t[1:3]))}
        own = frozenset(
            {"default", "ana", "Ana", "tester", "helpdesk", *names} | {ticket_map(x).title for x in maps}
        )
        ids = {id for id, *_ in JOURNEY} | {t[0] for *_, tps in JOURNEY for t in tps}
        yield Site(client, maps, own, ids)
        app.state.services.engine.dispose()


def _pages(site: Site, lang: str) -> tuple[list[str], dict[str, list[tuple[str, int]]]]:
    """What a reader should not see on the map's pages in ``lang``, and the counts they link, by kind."""
    base = f"/w/default/maps/{site.maps[lang]}"
    pages = [
        base,
        f"{base}/journeys",
        f"{base}/journeys?level=touchpoint",
        f"{base}/kpis",
        f"{base}/insights",
    ]
    found: list[str] = []
    by_kind: dict[str, list[tuple[str, int]]] = {}
    for url in pages:
        sep = "&" if "?" in url else "?"
        response = site.client.get(f"{url}{sep}lang={lang}")
        assert response.status_code == 200, (url, response.text[:300])
        found += problems(url, lang, response.text, lang, site.ids, site.own_words)
        links = _counted_links(response.text) + (_sankey_links(response.text) if "journeys" in url else [])
        for query, shown in links:
            kind = re.search(r"kind=(\w+)", query).group(1)  # type: ignore[union-attr]
            if (query, shown) not in by_kind.setdefault(kind, []):
                by_kind[kind].append((query, shown))
    return found, by_kind


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_pages_of_a_real_log_read_cleanly(site: Site, lang: str) -> None:
    """The map's pages and the customers behind one count of each kind they link."""
    found, by_kind = _pages(site, lang)
    assert {"reached", "dropped", "completed", "funnel", "variant", "position"} <= set(by_kind)
    base = f"/w/default/maps/{site.maps[lang]}"
    for kind, counts in by_kind.items():
        query = counts[len(counts) // 2][0]
        listed = site.client.get(f"{base}/customers?{query}&lang={lang}")
        assert listed.status_code == 200, query
        found += problems(f"{base}/customers?{kind}", lang, listed.text, lang, site.ids, site.own_words)
    assert not found, f"{len(found)} things a reader should not see:\n" + "\n".join(found)


def test_every_kind_of_count_on_a_real_log_opens_as_many_customers(site: Site) -> None:
    """The help desk's 4,580 tickets: each kind's first, middle and last count (canvas, funnel, drop-off,
    variants, the paths diagram's nodes and flows) lists as many customers as the page shows."""
    _, by_kind = _pages(site, "fa")
    api = f"/api/v1/workspaces/default/maps/{site.maps['fa']}/customers"
    for counts in by_kind.values():
        for query, shown in {counts[0], counts[len(counts) // 2], counts[-1]}:
            assert site.client.get(f"{api}?{query}&per_page=1").json()["total"] == shown, query
