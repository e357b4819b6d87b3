"""Whose journeys (the audience of the canvas and the journeys page): a manager chooses the customers who
started in a period, used a channel or carry a segment, in Persian or English, and every figure on the page,
its API twin, the CLI and the customers behind each count say the same, for those customers alone."""

from __future__ import annotations

import html
import re
from typing import Any

from safar.analytics import on_map, summary
from safar.analytics.kept import Audience, audience_members
from safar.context import Context
from safar.demo import create_demo_map
from safar.workspace import Workspace

# Journeys that started from 1 Ordibehesht 1405 (21 April 2026), of returning customers who used Instagram.
PERSIAN = {"since": "۱۴۰۵/۰۲/۰۱", "channel": "instagram", "segment": "segment=returning"}
ENGLISH = {"since": "2026-04-20T20:30:00Z", "channel": "instagram", "segment": "segment=returning"}


def demo(site: Any) -> tuple[Workspace, int]:
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    return ws, create_demo_map(ws, svc.settings, "fa")


def counts(page: str, testid: str) -> list[str]:
    return re.findall(rf'data-testid="{testid}"[^>]*>(?:<strong>)?([^<]+)', page)


def fa_number(text: str) -> int:
    return int(text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")).replace("٬", "").replace(",", ""))


def total_of(client: Any, href: str) -> int:
    """The number of customers the list behind a count holds (its JSON twin's total)."""
    query = html.unescape(href).split("?", 1)[1]
    map_id = re.search(r"/maps/(\d+)/customers", href).group(1)  # type: ignore[union-attr]
    answer = client.get(f"/api/v1/workspaces/default/maps/{map_id}/customers?{query}&per_page=1")
    assert answer.status_code == 200, answer.text
    return int(answer.json()["total"])


def test_the_canvas_counts_the_audience_alone_and_each_count_opens_its_customers(sqlite_site: Any) -> None:
    ws, map_id = demo(sqlite_site)
    client = sqlite_site.client("ana")
    whole = client.get(f"/w/default/maps/{map_id}").text
    page = client.get(f"/w/default/maps/{map_id}", params=PERSIAN).text
    assert 'data-testid="audience-applied"' in page and 'data-testid="audience-applied"' not in whole
    assert 'value="۱۴۰۵/۰۲/۰۱"' in page and 'value="instagram" selected' in page
    shown = [fa_number(n) for n in counts(page, "customers-link")]
    everyone = [fa_number(n) for n in counts(whole, "customers-link")]
    assert shown and len(shown) <= len(everyone) and sum(shown) < sum(everyone)
    # The same figures as the analytics over the data of those customers alone.
    audience = Audience(
        start=__import__("datetime").datetime(2026, 4, 20, 20, 30),
        channel="instagram",
        segment=(("segment", "returning"),),
    )
    with Context(ws, "fa") as ctx, ctx.warehouse() as warehouse:
        events = warehouse.events("insurance-demo")
        journey = ws.get_map(map_id).document
        members = audience_members(on_map(events, journey), audience)
        expected = summary(events.filter(events.customer_id.isin(members.customer_id)), journey)
    per = {t.touchpoint: t.customers for t in expected.touchpoints if t.customers}
    assert shown == [per[tp.id] for tp in journey.touchpoints() if tp.id in per][: len(shown)]
    # Each count opens as many customers, of the audience.
    links = re.findall(r'href="([^"]+)"[^>]*data-testid="(?:customers|conversion|dropoff)-link"', page)
    texts = re.findall(r'data-testid="(?:customers|conversion|dropoff)-link">(?:<strong>)?([^<]+)', page)
    checked = 0
    for href, text in zip(links, texts, strict=True):
        if "%" in text or "٪" in text:
            continue
        assert total_of(client, href) == fa_number(text), href
        checked += 1
    assert checked >= 5
    listed = client.get(html.unescape(links[0])).text
    assert "از مشتریان برگزیده در صفحه" in listed and "اینستاگرام" in listed


def test_the_journeys_page_api_and_cli_say_the_same_for_the_audience(sqlite_site: Any) -> None:
    from typer.testing import CliRunner

    from safar.cli import app

    _, map_id = demo(sqlite_site)
    client = sqlite_site.client("ana")
    page = client.get(f"/w/default/maps/{map_id}/journeys", params=PERSIAN).text
    cells = re.findall(r'data-testid="funnel-customers"><a href="([^"]+)"[^>]*>([^<]+)</a>', page)
    funnel = [fa_number(n) for _, n in cells]
    assert funnel[0] > funnel[-1] > 0
    api = client.get(f"/api/v1/workspaces/default/maps/{map_id}/journeys", params=ENGLISH).json()
    assert [s["customers"] for s in api["funnel"]] == funnel
    assert api["audience"] == {
        "start": "2026-04-20T20:30:00",
        "end": None,
        "channel": "instagram",
        "segment": "segment=returning",
        "persona": None,
    }
    for href, number in cells:  # each funnel count opens as many of the audience's customers
        assert "since=" in href and total_of(client, href) == fa_number(number)
    overlay = client.get(f"/api/v1/workspaces/default/maps/{map_id}/overlay", params=ENGLISH).json()
    assert overlay["customers"] == api["customers"]
    result = CliRunner().invoke(
        app, ["map", "journeys", str(map_id), "--json", *[f"--{k}={v}" for k, v in ENGLISH.items()]]
    )
    assert result.exit_code == 0, result.output
    assert __import__("json").loads(result.output)["funnel"] == api["funnel"]


def test_a_date_that_reads_as_none_is_said_beside_the_form_in_the_readers_language(sqlite_site: Any) -> None:
    _, map_id = demo(sqlite_site)
    client = sqlite_site.client("ana")
    for path in ("", "/journeys"):
        page = client.get(f"/w/default/maps/{map_id}{path}", params={"since": "next spring"})
        assert page.status_code == 200
        assert "«آغاز سفر از»" in page.text or "آغاز سفر از «next spring»" in page.text, page.text[-3000:]
        assert 'value="next spring"' in page.text  # kept in the form, to be corrected
    answer = client.get(f"/api/v1/workspaces/default/maps/{map_id}/overlay", params={"until": "soon"})
    assert answer.status_code == 400 and "until" in answer.text


def test_a_persona_with_a_data_segment_shows_its_own_figures_everywhere(sqlite_site: Any) -> None:
    """The demo's persona (the first-time car owner) says who it is in the data (``segment=new``): choosing it
    counts those customers alone, as the segment would, on the page, its API twin, the CLI and the lists."""
    from typer.testing import CliRunner

    from safar.cli import app

    _, map_id = demo(sqlite_site)
    client = sqlite_site.client("ana")
    base = f"/w/default/maps/{map_id}"
    whole = client.get(base).text
    assert 'data-testid="audience-persona"' in whole and 'data-testid="persona-journeys"' in whole
    page = client.get(base, params={"persona": "new_car_owner"}).text
    same = client.get(base, params={"segment": "segment=new"}).text
    assert 'value="new_car_owner" selected' in page and 'data-testid="audience-applied"' in page
    shown = counts(page, "customers-link")
    assert shown == counts(same, "customers-link") and shown != counts(whole, "customers-link")
    api = client.get(f"/api/v1/workspaces/default/maps/{map_id}/overlay", params={"persona": "new_car_owner"})
    assert api.status_code == 200, api.text
    assert api.json()["audience"]["persona"] == "new_car_owner"
    assert api.json()["audience"]["segment"] == "segment=new"
    by_segment = client.get(
        f"/api/v1/workspaces/default/maps/{map_id}/overlay", params={"segment": "segment=new"}
    )
    assert api.json()["touchpoints"] == by_segment.json()["touchpoints"]
    journeys = client.get(f"/w/default/maps/{map_id}/journeys", params={"persona": "new_car_owner"}).text
    cells = re.findall(r'data-testid="funnel-customers"><a href="([^"]+)"[^>]*>([^<]+)</a>', journeys)
    assert cells and all("persona=new_car_owner" in href for href, _ in cells)
    href, number = cells[0]
    assert total_of(client, href) == fa_number(number)
    listed = client.get(html.unescape(href)).text
    assert "از پرسونای" in listed and "رضا" in listed
    result = CliRunner().invoke(app, ["map", "overlay", str(map_id), "--json", "--persona", "new_car_owner"])
    assert result.exit_code == 0, result.output
    assert __import__("json").loads(result.output)["touchpoints"] == api.json()["touchpoints"]


def test_a_persona_the_map_lacks_or_that_is_not_in_the_data_is_said_plainly(sqlite_site: Any) -> None:
    ws, map_id = demo(sqlite_site)
    client = sqlite_site.client("ana")
    answer = client.get(f"/api/v1/workspaces/default/maps/{map_id}/journeys", params={"persona": "nobody"})
    assert answer.status_code == 400 and "nobody" in answer.text and "new_car_owner" in answer.text
    page = client.get(f"/w/default/maps/{map_id}/journeys", params={"persona": "nobody"}).text
    assert "این نقشه پرسونای «nobody» ندارد" in page
    stored = ws.get_map(map_id)
    journey = stored.document.model_copy(deep=True)
    journey.personas[0].data_segment = ""
    ws.save_map(map_id, journey, base_revision=stored.revision)
    page = client.get(f"/w/default/maps/{map_id}", params={"persona": "new_car_owner"}).text
    assert "در داده‌ها چه کسانی است" in page
    assert 'data-testid="audience-persona"' not in page  # no persona left to choose
