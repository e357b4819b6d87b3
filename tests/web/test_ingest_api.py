"""Data in through the JSON API with an API token: events into a dataset, survey responses, surveys."""

from __future__ import annotations

from typing import Any

from safar.maps.templates import load_template
from safar.workspace import Workspace

EVENTS = (
    "customer,time,activity,channel\n"
    "c1,2026-01-01T10:00:00,report_claim,call_centre\n"
    "c1,2026-01-01T11:00:00,damage_assessment,in_person\n"
    "c2,2026-01-02T10:00:00,report_claim,call_centre\n"
    "c3,not a time,report_claim,call_centre\n"
)


def bearer(site: Any, user: str) -> dict[str, str]:
    return {"Authorization": "Bearer " + site.accounts.create_token(user, "integration")}


def insurance(site: Any) -> int:
    svc = site.app.state.services
    return (
        Workspace.attach(svc.engine, svc.settings, "default").create_map(load_template("insurance", "en")).id
    )


def test_an_integration_sends_an_event_file_and_gets_the_accounting(site: Any) -> None:
    client = site.client()
    url = "/api/v1/workspaces/default/datasets/claims/events?format=csv&customer_col=customer&time_col=time"
    first = client.post(url + "&activity_col=activity", content=EVENTS.encode(), headers=bearer(site, "ana"))
    assert first.status_code == 200, first.text
    assert first.json() == {
        "dataset": "claims",
        "read": 4,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 1,
        "quarantine": "rejected",
        "alerts_fired": 0,
        "columns": {"customer": "customer", "activity": "activity", "time": "time", "channel": "channel"},
        "reading": {"encoding": "UTF-8", "calendar": "gregorian", "tz": "UTC"},
    }
    again = client.post(url + "&activity_col=activity", content=EVENTS.encode(), headers=bearer(site, "ana"))
    assert (again.json()["loaded"], again.json()["duplicates"]) == (0, 3)
    assert (
        client.post(url, content=b"", headers=bearer(site, "ana")).json()["error"]["code"] == "api.empty_body"
    )
    wrong = client.post(url + "&activity_col=step", content=EVENTS.encode(), headers=bearer(site, "ana"))
    assert wrong.status_code == 400 and wrong.json()["error"]["details"]["path"] == "claims (csv)"
    assert "/tmp" not in wrong.text and "claims (csv)" in wrong.json()["error"]["message"]
    assert client.post(url, content=EVENTS.encode(), headers=bearer(site, "vic")).status_code == 403
    assert client.post(url, content=EVENTS.encode()).status_code == 401
    assert client.post(url, content=EVENTS.encode(), headers=bearer(site, "otto")).status_code == 404


def test_an_integration_makes_a_survey_and_sends_responses(site: Any) -> None:
    map_id = insurance(site)
    client = site.client()
    auth = bearer(site, "ana")
    document = {
        "title": {"en": "After your claim", "fa": "پس از خسارت"},
        "questions": [
            {"id": "csat", "kind": "csat", "touchpoint": "report_claim", "text": {"en": "Satisfied?"}},
            {"id": "speed", "kind": "gap", "touchpoint": "report_claim", "text": {"en": "Speed"}},
        ],
    }
    made = client.post(
        f"/api/v1/workspaces/default/maps/{map_id}/surveys", json={"survey": document}, headers=auth
    )
    assert made.status_code == 201 and made.json()["link"].startswith("/s/")
    survey_id = made.json()["id"]
    url = f"/api/v1/workspaces/default/surveys/{survey_id}/responses"
    ok = client.post(
        url, json={"answers": {"csat": 4, "speed": 3, "speed_expected": 6}, "customer_id": "c1"}, headers=auth
    )
    assert ok.status_code == 201 and ok.json()["answers"] == 2 and ok.json()["response_id"].startswith("api:")
    bad = client.post(url, json={"answers": {"csat": 9}}, headers=auth)
    assert bad.status_code == 422
    assert [e["reason"] for e in bad.json()["error"]["details"]["errors"]] == ["survey.off_scale"]
    unknown = client.post(url, json={"answers": {"stars": 5}}, headers=auth)
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "survey.unknown_question"
    voice = client.get(f"/api/v1/workspaces/default/maps/{map_id}/voice", headers=auth).json()
    claim = next(t for t in voice["touchpoints"] if t["touchpoint"] == "report_claim")
    assert (voice["responses"], claim["metrics"]["csat"]["n"]) == (1, 1)
    wrong = dict(document, questions=[dict(document["questions"][0], touchpoint="nowhere")])
    refused = client.post(
        f"/api/v1/workspaces/default/maps/{map_id}/surveys", json={"survey": wrong}, headers=auth
    )
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "survey.unknown_refs"
