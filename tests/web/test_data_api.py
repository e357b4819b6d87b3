"""The JSON API gives what the data pages show: the overlay, the journeys view, the personas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from safar import demo
from safar.events import ingest_file
from safar.journeys import journeys_view
from safar.maps.templates import load_template
from safar.overlay import map_overlay
from safar.workspace import Workspace


def bound_map(site: Any, folder: Path) -> tuple[Workspace, int]:
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.create_map(load_template("insurance", "en"))
    ws.claim_dataset(demo.DATASET)
    rows = demo.synthetic_events(stored.document, customers=120, seed=3)
    ingest_file(svc.settings, demo.write_csv(rows, folder / "events.csv"), dataset=demo.DATASET)
    ws.save_map(stored.id, demo.bind_to_dataset(stored.document), base_revision=stored.revision)
    return ws, stored.id


def test_overlay_journeys_and_personas_as_json(site: Any, tmp_path: Path) -> None:
    ws, map_id = bound_map(site, tmp_path)
    journey = ws.get_map(map_id).document
    viewer = site.client("vic")
    overlay = viewer.get(f"/api/v1/workspaces/default/maps/{map_id}/overlay").json()
    expected = map_overlay(ws, journey)
    assert expected is not None
    assert overlay == {
        "dataset": expected.dataset,
        "customers": expected.customers,
        "unbound_events": expected.unbound_events,
        "touchpoints": expected.touchpoints,
    }
    assert overlay["customers"] == 120
    flows = viewer.get(f"/api/v1/workspaces/default/maps/{map_id}/journeys?level=touchpoint").json()
    view = journeys_view(ws, journey, None, level="touchpoint")
    assert view is not None
    assert (flows["funnel"], flows["variants"], flows["n_variants"]) == (
        view.funnel,
        view.variants,
        view.n_variants,
    )
    assert flows["funnel"][0]["customers"] == 120
    people = viewer.get("/api/v1/workspaces/default/personas").json()
    assert [p["persona"]["id"] for p in people] == [p.id for p in journey.personas]
    assert all(p["maps"] == [map_id] for p in people)
    assert site.client("otto").get(f"/api/v1/workspaces/default/maps/{map_id}/overlay").status_code == 404


def test_a_map_without_data_has_an_empty_overlay(site: Any) -> None:
    svc = site.app.state.services
    map_id = Workspace.attach(svc.engine, svc.settings, "default").create_map(load_template("saas", "en")).id
    client = site.client("ana")
    assert client.get(f"/api/v1/workspaces/default/maps/{map_id}/overlay").json() == {
        "dataset": None,
        "customers": 0,
        "unbound_events": 0,
        "touchpoints": {},
    }
    assert client.get(f"/api/v1/workspaces/default/maps/{map_id}/journeys").json()["funnel"] == []
