"""Binding touchpoints to events by clicking (issue 16, item 2): a map with no data offers it; the dataset's
activities by frequency with their share; a click binds one to a touchpoint (or moves it from another), a
click unbinds it; each is a revision; the counts are those every analysis uses; viewers only look."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from safar.context import Context
from safar.maps.templates import load_template
from safar.services.analyze import binding
from safar.services.binding import binding_screen
from safar.services.ingestion import ingest_events
from safar.workspace import Workspace

LOG = (
    "customer,activity,time,channel\n"
    "c1,claim_call,2026-01-05T10:00:00,phone\n"
    "c1,assessment,2026-01-06T10:00:00,office\n"
    "c1,payout,2026-01-09T10:00:00,web\n"
    "c2,claim_call,2026-01-07T10:00:00,phone\n"
    "c2,assessment,2026-01-08T10:00:00,office\n"
    "c3,claim_call,2026-01-08T10:00:00,web\n"
)


def _setup(site: Any, tmp_path: Path) -> tuple[Workspace, int]:
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.create_map(load_template("insurance", "en"))
    path = tmp_path / "claims.csv"
    path.write_text(LOG, encoding="utf-8")
    ingest_events(ws, path, dataset="claims", tz="UTC")
    return ws, stored.id


def _click(client: Any, page: str, op: str, activity: str, touchpoint: str, channel: str = "") -> None:
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    revision = re.search(r'name="base_revision" value="(\d+)"', page).group(1)  # type: ignore[union-attr]
    url = re.search(r'<form method="post" action="([^"]+/binding)"', page).group(1)  # type: ignore[union-attr]
    fields = {"csrf": csrf, "base_revision": revision, "op": op, "touchpoint": touchpoint}
    fields |= {"f_dataset": "claims", "f_activities": activity, "f_channel": channel}
    done = client.post(url, data=fields)
    assert done.status_code == 303, done.text
    assert done.headers["location"].startswith(url + "?dataset=claims")


def _table(page: str, testid: str) -> list[list[str]]:
    body = re.search(rf'data-testid="{testid}">(.*?)</table>', page, re.S).group(1)  # type: ignore[union-attr]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body.split("</thead>")[1], re.S)
    cells = [re.findall(r"<td>(.*?)</td>", r, re.S) for r in rows]
    return [[" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in row[:4]] for row in cells]


def test_an_editor_binds_the_activities_by_clicking_and_the_map_counts_them(
    sqlite_site: Any, tmp_path: Path
) -> None:
    ws, map_id = _setup(sqlite_site, tmp_path)
    client = sqlite_site.client("ana")
    base = f"/w/default/maps/{map_id}"
    canvas = client.get(f"{base}?lang=en").text
    assert f'href="{base}/binding" data-testid="bind-link"' in canvas  # no data yet: the way to it, no CLI
    page = client.get(f"{base}/binding?lang=en").text
    assert " ".join(
        re.sub(
            r"<[^>]+>", " ", re.search(r'data-testid="binding-coverage">(.*?)</p>', page, re.S).group(1)
        ).split()
    ) == (  # type: ignore[union-attr]
        "0 of the 6 events of claims (0%) belong to a touchpoint. · 3 activities belong to none"
    )
    assert _table(page, "binding-activities") == [
        ["claim_call", "3", "50.0%", "none"],
        ["assessment", "2", "33.3%", "none"],
        ["payout", "1", "16.7%", "none"],
    ]
    _click(client, page, "bind", "claim_call", "report_claim")
    page = client.get(f"{base}/binding?dataset=claims&lang=en").text
    _click(client, page, "bind", "assessment", "call_contact_centre")  # a slip …
    page = client.get(f"{base}/binding?lang=en").text
    _click(client, page, "bind", "assessment", "damage_assessment")  # … moved where it belongs
    page = client.get(f"{base}/binding?lang=en").text
    _click(client, page, "bind", "payout", "claim_settlement", channel="web")
    page = client.get(f"{base}/binding?lang=en").text
    assert _table(page, "binding-activities") == [
        ["claim_call", "3", "50.0%", "Reports an accident to the claims line"],
        ["assessment", "2", "33.3%", "Damage assessment by an assessor"],
        ["payout", "1", "16.7%", "Receives the claim payment"],
    ]
    with Context(ws, "en") as ctx:
        screen = binding_screen(ctx, map_id)
        assert (screen.events, screen.bound, screen.unbound_activities) == (6, 6, 0)
        # The counts are the binding every analysis uses: the summary of the same map agrees.
        summary = binding(ctx, "claims", map_id).model_dump()
    counts = {t.id: (t.events, t.customers) for t in screen.touchpoints if t.events}
    assert counts == {"report_claim": (3, 3), "damage_assessment": (2, 2), "claim_settlement": (1, 1)}
    assert {
        t["touchpoint"]: (t["events"], t["customers"]) for t in summary["touchpoints"] if t["events"]
    } == counts
    document = ws.get_map(map_id).document
    rules = {
        t.id: [r.model_dump(exclude_defaults=True) for r in t.bind] for t in document.touchpoints() if t.bind
    }
    assert rules == {
        "report_claim": [{"activity_in": ["claim_call"], "dataset": "claims"}],
        "damage_assessment": [{"activity_in": ["assessment"], "dataset": "claims"}],
        "claim_settlement": [{"activity_in": ["payout"], "dataset": "claims", "channel": "web"}],
    }
    assert document.datasets() == ["claims"]  # the map now reads the dataset it was bound to
    assert ws.get_map(map_id).revision == 5  # four clicks, four revisions
    canvas = client.get(f"{base}?lang=en").text
    assert "Data: claims · 3 customers" in canvas
    # Unbinding is a click too.
    _click(client, page, "unbind", "payout", "claim_settlement")
    with Context(ws, "en") as ctx:
        assert binding_screen(ctx, map_id).bound == 5
    api = client.get(f"/api/v1/workspaces/default/maps/{map_id}/binding?dataset=claims").json()
    with Context(ws, "en") as ctx:
        assert api == binding_screen(ctx, map_id, "claims").model_dump(mode="json")


def test_viewers_see_the_binding_but_cannot_change_it(sqlite_site: Any, tmp_path: Path) -> None:
    _, map_id = _setup(sqlite_site, tmp_path)
    viewer = sqlite_site.client("vic")
    page = viewer.get(f"/w/default/maps/{map_id}/binding?lang=fa").text
    assert 'data-testid="bind-form"' not in page and "claim_call" in page
    assert "۰ رویداد از ۶ رویداد claims (۰٪) به نقطه تماسی تعلق دارد." in page
    refused = viewer.post(f"/w/default/maps/{map_id}/binding", data={"op": "bind"})
    assert refused.status_code in (400, 403)
