"""The JSON API gives what the data pages show: the overlay, the journeys view, the personas."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from safar import demo
from safar.context import Context
from safar.events import ingest_file
from safar.maps.templates import load_template
from safar.services.journeys import journeys
from safar.services.overlay import canvas
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
    assert overlay == canvas(Context(ws, "en"), map_id).model_dump(mode="json")
    assert overlay["dataset"] == demo.DATASET and set(overlay["touchpoints"]) == {
        t.id for t in journey.touchpoints()
    }
    assert overlay["customers"] == 120
    flows = viewer.get(f"/api/v1/workspaces/default/maps/{map_id}/journeys?level=touchpoint&lang=en").json()
    assert flows == journeys(Context(ws, "en"), map_id, level="touchpoint").model_dump(mode="json")
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
        "map": map_id,
        "revision": 1,
        "datasets": [],
        "dataset": None,
        "customers": 0,
        "unbound_events": 0,
        "touchpoints": {},
        "voice": {},
        "headline": {"nps": None, "csat": None, "ces": None, "conversion": None, "dropoff": None},
        "period": None,
        "audience": None,
    }
    assert client.get(f"/api/v1/workspaces/default/maps/{map_id}/journeys").json()["funnel"] == []
