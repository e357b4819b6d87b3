"""A map's insights page and API: opportunities with decisions (editors only), moments and verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def _map_with_events(site: Any, tmp_path: Path) -> str:
    from safar import demo
    from safar.events import ingest_file
    from safar.workspace import Workspace

    ana = site.client("ana")
    page = ana.get("/w/default")
    created = ana.post(
        "/w/default/maps/new", data={"csrf": site.csrf(page.text), "template": "insurance", "lang": "en"}
    )
    assert created.status_code == 303
    services = site.app.state.services
    ws = Workspace(services.engine, 1, "default", services.settings)
    stored = ws.get_map(1)
    ws.claim_dataset(demo.DATASET)
    rows = demo.synthetic_events(stored.document, customers=150, seed=4)
    ingest_file(services.settings, demo.write_csv(rows, tmp_path / "events.csv"), dataset=demo.DATASET)
    ws.save_map(1, demo.bind_to_dataset(stored.document), base_revision=1)
    return "/w/default/maps/1"


def test_editors_decide_annotate_and_add_viewers_only_read(site: Any, tmp_path: Path) -> None:
    url = _map_with_events(site, tmp_path)
    ana, vic = site.client("ana"), site.client("vic")
    hub = ana.get("/w/default/insights?lang=en").text
    assert f'href="{url}/insights"' in hub
    page = ana.get(f"{url}/insights?lang=en")
    assert page.status_code == 200
    assert page.text.count('data-testid="opportunity-row"') == 20
    assert (
        page.text.count('data-testid="moment-row"') == 19
    )  # every touchpoint but the outcome (renew_online)
    assert 'data-testid="verdict-' in page.text and "The map&#39;s evidence beside the data" in page.text
    csrf = site.csrf(page.text)
    decided = ana.post(
        f"{url}/opportunities/decide", data={"csrf": csrf, "ref": "visit_office", "status": "accepted"}
    )
    assert decided.status_code == 303 and decided.headers["location"].endswith("/insights#opportunities")
    assert (
        ana.post(
            f"{url}/opportunities/note", data={"csrf": csrf, "ref": "visit_office", "text": "Longer hours"}
        ).status_code
        == 303
    )
    added = ana.post(
        f"{url}/opportunities/add",
        data={"csrf": csrf, "text": "Video calls", "touchpoint": "visit_office", "owner": ""},
    )
    assert added.status_code == 303
    after = ana.get(f"{url}/insights?lang=en").text
    assert "✎ Longer hours" in after and "<strong>Video calls</strong>" in after

    viewer_page = vic.get(f"{url}/insights?lang=fa")
    assert viewer_page.status_code == 200 and "پذیرفته" in viewer_page.text
    assert 'action="/w/default/maps/1/opportunities/decide"' not in viewer_page.text
    refused = vic.post(
        f"{url}/opportunities/decide",
        data={"csrf": site.csrf(viewer_page.text), "ref": "a", "status": "accepted"},
    )
    assert refused.status_code == 403
    assert (
        ana.post(
            f"{url}/opportunities/decide", data={"ref": "visit_office", "status": "rejected"}
        ).status_code
        == 403
    )
    bad = ana.post(f"{url}/opportunities/decide", data={"csrf": csrf, "ref": "nope", "status": "accepted"})
    assert bad.status_code == 404

    api = ana.get("/api/v1/workspaces/default/maps/1/opportunities?reach=2")
    assert api.status_code == 200
    body = api.json()
    assert body["weights"]["reach"] == 2.0 and body["dataset"] == "insurance-demo"
    mine = {o["ref"]: o for o in body["opportunities"]}
    assert mine["visit_office"]["status"] == "accepted" and mine["visit_office"]["owner"] == "Sales"
    assert mine["custom-1"]["owner"] == "Sales" and mine["custom-1"]["text"] == "Video calls"
    headers = {"x-csrf-token": csrf}
    put = ana.put(
        "/api/v1/workspaces/default/maps/1/opportunities/visit_office/status",
        json={"status": "rejected"},
        headers=headers,
    )
    assert put.status_code == 200
    assert (
        vic.put(
            "/api/v1/workspaces/default/maps/1/opportunities/visit_office/status",
            json={"status": "open"},
            headers={"x-csrf-token": site.csrf(viewer_page.text)},
        ).status_code
        == 403
    )
    moments = ana.get("/api/v1/workspaces/default/maps/1/moments?bootstrap=0&population=all").json()
    assert moments["outcome"] == {
        "target": "renew_online",
        "kind": "touchpoint",
        "churn": False,
        "cutoff": None,
    }
    assert len(moments["evidence"]) == 20 and moments["customers"] == 150


def test_a_map_without_data_says_so(site: Any) -> None:
    ana = site.client("ana")
    page = ana.get("/w/default")
    ana.post("/w/default/maps/new", data={"csrf": site.csrf(page.text), "template": "saas", "lang": "en"})
    insights = ana.get("/w/default/maps/1/insights?lang=en")
    assert insights.status_code == 200
    assert "Map 1 has no events" in insights.text
    assert "no data" in insights.text  # components without data are shown as missing, never zero
