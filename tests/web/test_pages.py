"""The web app through an in-process HTTP client: pages, edits, roles, safety, exports."""

from __future__ import annotations

import io
import re
from typing import Any

import yaml
from fastapi.testclient import TestClient


def new_map(
    site: Any, client: TestClient, template: str = "insurance", lang: str = "fa", title: str = ""
) -> str:
    page = client.get("/w/default")
    response = client.post(
        "/w/default/maps/new",
        data={"csrf": site.csrf(page.text), "template": template, "lang": lang, "title": title},
    )
    assert response.status_code == 303, response.text
    return str(response.headers["location"])


def edit(site: Any, client: TestClient, url: str, **fields: str) -> Any:
    page = client.get(url)
    revision = page.text.split('name="base_revision" value="')[1].split('"')[0]
    return client.post(
        f"{url}/edit", data={"csrf": site.csrf(page.text), "base_revision": revision, **fields}
    )


def test_login_is_required_and_wrong_passwords_are_refused(site: Any) -> None:
    client = site.client()
    assert client.get("/w/default").headers["location"] == "/login?next=/w/default"
    assert client.get("/w/default/maps/1/journeys?level=touchpoint").headers["location"] == (
        "/login?next=/w/default/maps/1/journeys%3Flevel%3Dtouchpoint"
    )
    page = client.get("/login")
    assert 'dir="rtl"' in page.text and "ورود" in page.text
    bad = client.post("/login", data={"csrf": site.csrf(page.text), "username": "ana", "password": "nope"})
    assert bad.status_code == 401 and "نام کاربری یا گذرواژه نادرست است" in bad.text
    no_csrf = client.post("/login", data={"username": "ana", "password": "correct horse battery"})
    assert no_csrf.status_code == 403


def test_editor_creates_edits_reorders_and_reverts_a_map(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    assert url == "/w/default/maps/1"
    canvas = ana.get(url).text
    assert (
        "Buying car insurance" in canvas and '<html lang="fa" dir="rtl">' in canvas
    )  # Persian UI by default
    assert '<div class="canvas" dir="ltr" lang="en"' in canvas  # an English map reads left to right
    assert edit(site, ana, url, op="add_stage", f_name="Loyalty").status_code == 303
    assert (
        edit(
            site, ana, url, op="add_touchpoint", stage="loyalty", f_name="Birthday SMS", f_channel="sms"
        ).status_code
        == 303
    )
    assert edit(site, ana, url, op="move_stage", stage="loyalty", position="0").status_code == 303
    stored = site_map(ana, url)
    assert stored["document"]["stages"][0]["id"] == "loyalty"
    assert stored["document"]["stages"][0]["touchpoints"] == [
        {"id": "birthday-sms", "name": "Birthday SMS", "channel": "sms"}
    ]
    response = edit(
        site,
        ana,
        url,
        op="update_touchpoint",
        touchpoint="birthday-sms",
        f_name="Birthday SMS",
        f_pain_points="Too late\n\nSent twice",
        f_emotion_score="1",
        f_emotion_label="pleased",
    )
    assert response.status_code == 303
    touchpoint = site_map(ana, url)["document"]["stages"][0]["touchpoints"][0]
    assert touchpoint["pain_points"] == ["Too late", "Sent twice"]
    assert touchpoint["emotion"] == {"score": 1, "label": "pleased"}

    history = ana.get(f"{url}/history?a=1&b=5").text
    assert "مرحله «Loyalty»" in history  # the history names the stage, never its id
    revert = ana.post(
        f"{url}/revert", data={"csrf": site.csrf(history), "revision": "1", "base_revision": "5"}
    )
    assert revert.status_code == 303
    latest = site_map(ana, url)
    assert (latest["revision"], latest["document"]["stages"][0]["id"]) == (6, "awareness")


def site_map(client: TestClient, url: str) -> dict[str, Any]:
    ws, map_id = url.split("/")[2], url.split("/")[-1]
    response = client.get(f"/api/v1/workspaces/{ws}/maps/{map_id}")
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_stale_edit_is_refused_and_shows_what_changed(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "ecommerce", "en")
    page = ana.get(url).text
    token = site.csrf(page)
    assert edit(site, ana, url, op="update_map", f_title="Food delivery 2027").status_code == 303
    stale = ana.post(
        f"{url}/edit", data={"csrf": token, "base_revision": "1", "op": "add_stage", "f_name": "Late"}
    )
    assert stale.status_code == 409
    assert "Food delivery 2027" in stale.text
    assert site_map(ana, url)["revision"] == 2


def test_viewer_can_look_but_not_edit(site: Any) -> None:
    url = new_map(site, site.client("ana"))
    vic = site.client("vic")
    canvas = vic.get(url)
    assert canvas.status_code == 200 and "/edit" not in canvas.text
    refused = vic.post(
        f"{url}/edit",
        data={"csrf": site.csrf(canvas.text), "base_revision": "1", "op": "add_stage", "f_name": "x"},
    )
    assert refused.status_code == 403
    api = vic.post(
        "/api/v1/workspaces/default/maps",
        json={"template": "saas"},
        headers={"X-CSRF-Token": site.csrf(canvas.text)},
    )
    assert api.status_code == 403 and api.json()["error"]["code"] == "auth.forbidden"
    assert site_map(vic, url)["revision"] == 1


def test_other_workspaces_do_not_exist_for_outsiders(site: Any) -> None:
    url = new_map(site, site.client("ana"))
    otto = site.client("otto")
    assert otto.get("/").headers["location"] == "/w/other"
    assert otto.get(url).status_code == 404
    assert otto.get("/api/v1/workspaces/default/maps/1").json()["error"]["code"] == "workspace.not_found"
    assert otto.get("/w/other/maps/1").status_code == 404


def test_user_text_is_escaped_everywhere(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "saas", "en", title="<script>alert(1)</script>")
    edit(site, ana, url, op="add_stage", f_name='<img src=x onerror="alert(2)">')
    canvas = ana.get(url).text
    assert "<script>alert(1)</script>" not in canvas and "&lt;script&gt;alert(1)&lt;/script&gt;" in canvas
    assert "<img src=x" not in canvas
    svg = ana.get(f"{url}/export.svg").text
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    listing = ana.get("/w/default").text
    assert "<script>alert(1)</script>" not in listing


def test_exports(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    exported = ana.get(f"{url}/export.yaml")
    assert exported.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(exported.text)["lang"] == "fa"
    assert ana.get(f"{url}/export.json").json()["stages"][0]["id"] == "awareness"
    pdf = ana.get(f"{url}/export.pdf")
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")
    png = ana.get(f"{url}/export.png")
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG\r\n\x1a\n")
    from PIL import Image

    image = Image.open(io.BytesIO(png.content))
    assert image.width > 1000 and image.height > 500
    assert ana.get(f"{url}/export.docx").status_code == 400


def test_import_upload_with_limits_and_clear_errors(site: Any) -> None:
    ana = site.client("ana")
    page = ana.get("/w/default").text
    token = site.csrf(page)
    good = b"title: Imported\nlang: en\nstages: [{id: s, name: S}]\n"
    response = ana.post("/w/default/maps/import", data={"csrf": token}, files={"file": ("m.yaml", good)})
    assert response.status_code == 303
    bad = b"title: x\nstages: [{id: s, name: S, touchpoints: [{id: a, name: A, channel: fax}]}]\n"
    response = ana.post("/w/default/maps/import", data={"csrf": token}, files={"file": ("bad.yaml", bad)})
    assert response.status_code == 422
    assert "stages[0].touchpoints[0].channel" in response.text
    huge = b"#" * (5 * 1024 * 1024 + 10)
    response = ana.post("/w/default/maps/import", data={"csrf": token}, files={"file": ("huge.yaml", huge)})
    assert response.status_code == 400 and "۵ مگابایت" in response.text
    assert [m["title"] for m in ana.get("/api/v1/workspaces/default/maps").json()] == ["Imported"]


def test_language_switch_and_jalali_dates(site: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    assert "۱۴۰" in ana.get(url).text  # a Jalali year in Persian digits
    switched = ana.get(f"/lang/en?next={url}")
    assert switched.headers["location"] == url
    page = ana.get(url).text
    assert 'lang="en" dir="ltr"' in page and "History" in page
    assert ana.get("/lang/en?next=//evil.example").headers["location"] == "/"


def test_api_tokens_and_whole_json_payloads(site: Any) -> None:
    token = site.accounts.create_token("ana", "ci")
    api = site.client()
    headers = {"Authorization": f"Bearer {token}"}
    created = api.post(
        "/api/v1/workspaces/default/maps", json={"template": "saas", "lang": "en"}, headers=headers
    )
    assert created.status_code == 201
    body = created.json()
    assert (body["id"], body["revision"], body["head"], body["author"]) == (1, 1, 1, "ana")
    saved = api.post(
        "/api/v1/workspaces/default/maps/1/edits",
        json={"op": "update_map", "fields": {"title": "SaaS 2027"}, "base_revision": 1},
        headers=headers,
    )
    assert saved.json() == {
        "map_id": 1,
        "revision": 2,
        "created": True,
        "changes": [
            {
                "kind": "changed",
                "target": "map",
                "id": None,
                "field": "title",
                "before": "B2B SaaS — current-state customer journey",
                "after": "SaaS 2027",
                "stage": None,
            }
        ],
    }
    stale = api.put(
        "/api/v1/workspaces/default/maps/1",
        json={"document": body["document"], "base_revision": 1},
        headers=headers,
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "map.conflict"
    diff = api.get("/api/v1/workspaces/default/maps/1/diff?a=1&b=2", headers=headers).json()
    assert [c["field"] for c in diff["changes"]] == ["title"]
    assert (
        api.get("/api/v1/workspaces/default/maps", headers={"Authorization": "Bearer nope"}).status_code
        == 401
    )
    assert api.get("/api/v1/workspaces/default/maps").json()["error"]["code"] == "auth.required"


def bind_synthetic_events(site: Any, tmp_path: Any) -> tuple[Any, list[dict[str, Any]]]:
    """Map 1 (as first stored) bound to 120 synthetic customers' events of the demo dataset: the map and the rows."""
    from safar import demo
    from safar.events import ingest_file
    from safar.workspace import Workspace

    settings = site.app.state.services.settings
    ws = Workspace(site.app.state.services.engine, 1, "default", settings)
    stored = ws.get_map(1)
    ws.claim_dataset(demo.DATASET)
    rows = demo.synthetic_events(stored.document, customers=120, seed=3)
    ingest_file(settings, demo.write_csv(rows, tmp_path / "events.csv"), dataset=demo.DATASET)
    ws.save_map(1, demo.bind_to_dataset(stored.document), base_revision=1)
    return stored, rows


def test_the_canvas_shows_live_numbers_from_bound_events(site: Any, tmp_path: Any) -> None:
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    assert "No data on this map yet" in ana.get(f"{url}?lang=en").text
    stored, rows = bind_synthetic_events(site, tmp_path)

    page = ana.get(f"{url}?lang=en").text
    assert "Data: insurance-demo · 120 customers" in page
    first = stored.document.stages[0].touchpoints[0].id
    expected_customers = len({r["customer_id"] for r in rows if r["activity"] == first})
    expected_events = sum(1 for r in rows if r["activity"] == first)
    assert f'<strong>{expected_customers}</strong></a> <span class="muted">({expected_events})</span>' in page
    assert page.count('data-testid="dropoff"') == sum(1 for _ in stored.document.touchpoints())


def test_a_map_cannot_read_another_workspaces_dataset(site: Any, tmp_path: Any) -> None:
    from safar import demo
    from safar.events import ingest_file
    from safar.workspace import Workspace

    services = site.app.state.services
    mine = Workspace.attach(services.engine, services.settings, "default")
    stored = mine.new_from_template("insurance", "en")
    mine.claim_dataset("secret-events")
    rows = demo.synthetic_events(stored.document, customers=20, seed=1)
    ingest_file(services.settings, demo.write_csv(rows, tmp_path / "e.csv"), dataset="secret-events")

    otto = site.client("otto")
    page = otto.get("/w/other").text
    response = otto.post(
        "/w/other/maps/new", data={"csrf": site.csrf(page), "template": "insurance", "lang": "en"}
    )
    url = response.headers["location"]
    theirs = Workspace.attach(services.engine, services.settings, "other")
    map_id = int(url.rsplit("/", 1)[1])
    doc = theirs.get_map(map_id).document
    theirs.save_map(map_id, demo.bind_to_dataset(doc, "secret-events"), base_revision=1)
    canvas = otto.get(f"{url}?lang=en").text
    assert "Workspace &#39;other&#39; has no dataset &#39;secret-events&#39;" in canvas
    assert 'data-testid="dropoff"' not in canvas
    with __import__("pytest").raises(Exception) as caught:
        theirs.claim_dataset("secret-events")
    assert getattr(caught.value, "code", "") == "dataset.other_workspace"


def test_the_journeys_page_shows_the_stage_funnel_sankey_variants_and_dropoff(
    site: Any, tmp_path: Any
) -> None:
    from safar import analytics as an
    from safar import demo
    from safar.events import ingest_file
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    services = site.app.state.services
    ws = Workspace.attach(services.engine, services.settings, "default")
    ws.claim_dataset(demo.DATASET)
    stored = ws.get_map(1)
    rows = demo.synthetic_events(stored.document, customers=200, seed=11)
    ingest_file(services.settings, demo.write_csv(rows, tmp_path / "e.csv"), dataset=demo.DATASET)
    bound = demo.bind_to_dataset(stored.document)
    ws.save_map(1, bound, base_revision=1)

    with open_warehouse(services.settings) as wh:
        events = wh.events(demo.DATASET)
        funnel = an.funnel(events, [s.id for s in bound.stages], level="stage", journey_map=bound)
        paths = an.paths(events, level="touchpoint", sankey_depth=5, journey_map=bound)
    page = ana.get(f"{url}/journeys?lang=en&level=touchpoint")
    assert page.status_code == 200
    shown = [int(x) for x in re.findall(r'data-testid="funnel-customers"><a [^>]*>(\d+)<', page.text)]
    assert shown == [step.customers for step in funnel.steps]
    assert shown[0] == len({r["customer_id"] for r in rows})
    # the diagram draws the flows of the biggest steps at each depth, the rest merged, and the flows of those who left
    from safar.render.sankey import readable

    assert page.text.count('<path class="link"') == len(readable(paths.sankey_nodes, paths.sankey_links)[1])
    assert f"of {paths.n_variants} distinct" in page.text


def test_the_personas_page_gathers_the_personas_of_all_maps(site: Any) -> None:
    ana = site.client("ana")
    new_map(site, ana, "insurance", "en")
    new_map(site, ana, "insurance", "en", title="Second insurance map")
    page = ana.get("/w/default/personas?lang=en").text
    from safar.maps.templates import load_template

    for persona in load_template("insurance", "en").personas:
        assert page.count(f"<h2>{persona.name}") == 1
    assert page.count('href="/w/default/maps/2/personas"') == len(load_template("insurance", "en").personas)
    assert site.client("otto").get("/w/default/personas").status_code == 404


def test_the_insights_page_ranks_key_drivers_of_an_uploaded_survey(site: Any) -> None:
    import numpy as np

    from safar.insights import key_drivers, read_ratings

    rng = np.random.default_rng(4)
    n = 300
    wait, staff, app = (rng.integers(1, 6, n) for _ in range(3))
    overall = np.clip(np.round(0.7 * staff + 0.25 * wait + rng.normal(0, 0.6, n)), 1, 5).astype(int)
    wait[:20] = 0  # "not applicable"
    lines = ["wait,staff,app,overall"] + [
        f"{a},{b},{c},{d}" for a, b, c, d in zip(wait, staff, app, overall, strict=True)
    ]
    csv_bytes = ("\n".join(lines) + "\n").encode()

    vic = site.client("vic")  # a viewer may analyse: nothing is stored
    page = vic.get("/w/default/insights?lang=en").text
    response = vic.post(
        "/w/default/insights?lang=en",
        data={"csrf": site.csrf(page), "outcome": "overall", "na": "0"},
        files={"file": ("survey.csv", csv_bytes)},
    )
    assert response.status_code == 200, response.text
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.csv"
        path.write_bytes(csv_bytes)
        expected = key_drivers(read_ratings(path), outcome="overall", na=[0])
    rows = re.findall(
        r'<tr data-testid="driver-row"><td>\d+</td><td dir="ltr">(\w+)</td><td>([\d.]+)<details class="reading"',
        response.text,
    )
    assert rows == [(d.name, f"{d.importance:.4f}") for d in expected.drivers]
    assert rows[0][0] == "staff"
    assert f"n = {expected.n} / {n}" in response.text
    assert response.text.count('<circle class="driver"') == 3
    missing = vic.post(
        "/w/default/insights?lang=en",
        data={"csrf": site.csrf(page), "outcome": "nope"},
        files={"file": ("survey.csv", csv_bytes)},
    )
    assert missing.status_code in (400, 422) and "nope" in missing.text


def test_comments_draw_the_measured_emotion_beside_the_assumed_one(site: Any, tmp_path: Any) -> None:
    from safar.voice.feedback import ingest_feedback
    from safar.voice.touchpoints import touchpoint_voice
    from safar.warehouse import open_warehouse
    from safar.workspace import Workspace

    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "en")
    assert 'data-testid="measured-curve"' not in ana.get(url).text
    services = site.app.state.services
    ws = Workspace.attach(services.engine, services.settings, "default")
    ws.claim_dataset("comments")
    path = tmp_path / "c.csv"
    path.write_text(
        "tp,text\ncall_contact_centre,Waited forty minutes and nobody answered. Terrible.\n"
        "call_contact_centre,The agent was rude and unhelpful\nonline_payment,Paying online was quick and easy\n",
        encoding="utf-8",
    )
    journey = ws.get_map(1).document
    with open_warehouse(services.settings) as wh:
        ingest_feedback(
            wh, path, dataset="comments", map_id=1, journey=journey, text_col="text", touchpoint_col="tp"
        )
        voice = touchpoint_voice(wh, 1, journey)
    page = ana.get(f"{url}?lang=en").text
    # Two measured touchpoints, far apart: two points and no line across the touchpoints between them.
    assert page.count('class="measured-point"') == 2
    assert 'data-testid="measured-curve"' not in page
    assert page.count('data-testid="voice"') == len(voice) == 2
    assert "2 comments · " in page


def test_a_canvas_edit_says_its_revision_and_is_undone_from_there(site: Any) -> None:
    """Removing a touchpoint from the canvas: the canvas says which revision it made and offers to undo it;
    undoing brings the touchpoint back as a new revision, and the canvas is shown again."""
    ana = site.client("ana")
    url = new_map(site, ana, "insurance", "fa")
    before = site_map(ana, url)
    gone = edit(site, ana, url, op="remove_touchpoint", touchpoint="ask_agent_plans")
    revision = before["revision"] + 1
    assert gone.status_code == 303 and gone.headers["location"] == f"{url}?saved={revision}#ask_agent_plans"
    page = ana.get(gone.headers["location"]).text
    assert "در نسخهٔ ۲ ذخیره شد" in page and 'data-testid="undo"' in page
    form = page.split('data-testid="undo-form"')[1].split("</form>")[0]
    fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', form))
    assert fields["revision"] == str(before["revision"]) and fields["back"] == "canvas"
    undone = ana.post(f"{url}/revert", data=fields)
    assert undone.status_code == 303 and undone.headers["location"] == url
    after = site_map(ana, url)
    assert after["revision"] == revision + 1 and after["document"] == before["document"]
    stale = ana.get(gone.headers["location"]).text  # the banner of an older save offers no undo
    assert 'data-testid="undo"' not in stale
