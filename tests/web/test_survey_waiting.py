"""While an ingest from the command line holds the warehouse, customers still answer surveys: the public page
thanks them at once (no 503, no wait), the API says 202, the survey's page says how many answers wait, and the
running server writes them as soon as the warehouse is free (safar.voice.pending, safar.web.scheduler)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.web.conftest import Site
from tests.web.test_surveys import make, public_csrf

from safar.config import Settings
from safar.web.app import create_app


def _answer(client: TestClient, path: str, lang: str, nps: str, text: str) -> Any:
    page = client.get(f"{path}?lang={lang}")
    started = time.perf_counter()
    sent = client.post(
        f"{path}?lang={lang}",
        data={"csrf": public_csrf(page.text), "nps_report_claim": nps, "text_report_claim": text, "nps": nps},
    )
    return sent, time.perf_counter() - started


def _said(html: str) -> str:
    main = re.search(r'data-testid="survey-link">(.*?)</section>', html, re.S)
    assert main is not None
    return " ".join(re.sub(r"<[^>]+>", " ", main.group(1)).split())


def test_answers_during_an_ingest_are_thanked_kept_and_written_by_the_server(
    site: Site, warehouse_holder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    map_id, info = make(site)
    editor = site.client("ana")
    token = {"Authorization": "Bearer " + site.accounts.create_token("ana", "integration")}
    settings = site.app.state.services.settings  # type: ignore[attr-defined]
    warehouse_holder.hold(settings.warehouse_path)

    sent, took = _answer(site.client(), info.path, "fa", "۲", "نیم ساعت پشت خط ماندم")
    assert sent.status_code == 200 and 'data-testid="survey-thanks"' in sent.text
    assert took < 2  # the warehouse's own wait is 3 s
    sent, _ = _answer(site.client(), info.path, "en", "9", "Quick and polite")
    assert sent.status_code == 200 and "Thank you" in sent.text
    api = editor.post(
        f"/api/v1/workspaces/default/surveys/{info.id}/responses",
        json={"answers": {"nps": 7}, "customer_id": "C9"},
        headers=token,
    )
    assert api.status_code == 202
    assert api.json() | {"response_id": "-"} == {"response_id": "-", "answers": 1, "waiting": True}

    page = editor.get(f"/w/default/surveys/{info.id}?lang=fa")
    assert page.status_code == 200
    assert _said(page.text) == (
        "پیوند برای مشتریان "
        f"http://testserver{info.path} "
        "شمار پاسخ‌ها پس از پایان بارگذاریِ در جریان دوباره نشان داده می‌شود؛ ۰ پیوند شخصی ساخته شده و ۰ پاسخ گرفته است. "
        "۳ پاسخ هنگامی رسید که انبار داده سرگرم بارگذاری بود: همین که آزاد شود به پاسخ‌ها افزوده می‌شود. "
        "باز: پاسخ می‌پذیرد بستن نظرسنجی دریافت پاسخ‌ها (CSV) · دریافت پاسخ‌ها (اکسل)"
    )
    listed = editor.get("/api/v1/workspaces/default/surveys").json()
    assert [(s["id"], s["waiting"]) for s in listed] == [(info.id, 3)]

    warehouse_holder.release()
    monkeypatch.setenv("SAFAR_ANSWERS_EVERY", "1")
    server = create_app(Settings.from_env())
    with TestClient(server):  # the server's schedule runs, as under uvicorn
        deadline = time.monotonic() + 30
        while (
            editor.get("/api/v1/workspaces/default/surveys").json()[0]["waiting"]
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
    server.state.services.engine.dispose()

    page = editor.get(f"/w/default/surveys/{info.id}?lang=en")
    assert "3 response(s); 0 personal link(s) made, 0 answered." in _said(page.text)
    assert 'data-testid="waiting"' not in page.text
    voice = editor.get(f"/api/v1/workspaces/default/maps/{map_id}/voice").json()
    claim = next(t for t in voice["touchpoints"] if t["touchpoint"] == "report_claim")
    assert (voice["responses"], claim["metrics"]["nps"]["n"], claim["comments"]) == (3, 2, 2)


def test_a_page_that_must_wait_for_a_held_warehouse_says_so_without_the_server_s_path(
    sqlite_site: Site, warehouse_holder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = sqlite_site  # the warehouse's refusal, whatever the app database
    monkeypatch.setenv("SAFAR_WAREHOUSE_WAIT", "0.2")  # the pages' wait (3 s) is not what is tested
    map_id, _ = make(site)  # its numbers never computed: nothing kept to show meanwhile
    editor = site.client("ana")
    settings = site.app.state.services.settings  # type: ignore[attr-defined]
    assert editor.get("/w/default/datasets").status_code == 200  # the warehouse made
    warehouse_holder.hold(settings.warehouse_path)
    page = editor.get(f"/w/default/maps/{map_id}/voice?lang=en")
    answer = editor.get(f"/api/v1/workspaces/default/maps/{map_id}/overlay?lang=fa")
    assert page.status_code == 409 and answer.status_code == 409
    assert "The data is being written by an import just now; try again when it has finished." in page.text
    assert answer.json()["error"] | {"message": "-"} == {
        "code": "warehouse.busy",
        "message": "-",
        "details": {},
    }
    assert str(settings.home) not in page.text + answer.text and "PID" not in page.text


def test_a_server_started_by_the_command_line_keeps_the_pages_short_wait(
    tmp_path: Path, warehouse_holder: Any
) -> None:
    """`safar` lets a command wait two minutes for the warehouse; the server it starts keeps the pages' few
    seconds: a page with nothing kept answers `warehouse.busy` while an ingest holds the warehouse."""
    from tests.web.test_readme_commands import _free_port, _running, _serving, _user_env, _wait_for

    home, port = tmp_path / "home", _free_port()
    env = _user_env(home, port) | {"SAFAR_NEW_PASSWORD": "a long enough password"}
    safar = str(Path(sys.executable).parent / "safar")
    events = tmp_path / "events.csv"
    events.write_text("case,activity,timestamp\nc1,visit,2025-01-02\n", encoding="utf-8")
    for command in (
        ["user", "create", "maryam", "--admin"],
        ["map", "new", "--template", "insurance"],
        ["events", "ingest", str(events), "--dataset", "shop"],  # the warehouse made
    ):
        done = subprocess.run([safar, *command], env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    token = subprocess.run(
        [safar, "user", "token", "maryam", "--name", "probe"], env=env, capture_output=True, text=True
    ).stdout.strip()
    with _running([safar, "serve"], env, tmp_path / "serve.log") as (serve, _):
        _wait_for(serve, tmp_path / "serve.log", _serving(port), "safar serve did not serve")
        warehouse_holder.hold(home / "warehouse.duckdb")
        bearer = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        made = urllib.request.Request(  # a map made now: nothing kept for it (the server warmed map 1)
            f"http://127.0.0.1:{port}/api/v1/workspaces/default/maps",
            data=json.dumps({"template": "insurance"}).encode(),
            headers=bearer,
        )
        with urllib.request.urlopen(made, timeout=60) as answer:
            new_map = json.loads(answer.read())["id"]
        started = time.monotonic()
        asked = urllib.request.Request(
            f"http://127.0.0.1:{port}/api/v1/workspaces/default/maps/{new_map}/overlay", headers=bearer
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(asked, timeout=60)
        took = time.monotonic() - started
    said = json.loads(refused.value.read())
    assert (refused.value.code, said["error"]["code"]) == (409, "warehouse.busy")
    assert 2.5 < took < 10, took  # the pages' 3 s, not a command's 120 s
