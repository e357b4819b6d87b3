"""The screens moved into services give the same result on the page, its /api/v1 twin and the CLI's --json.

One small workspace is built once for the module: the insurance map bound to 120 synthetic customers, 60 survey
respondents, four comments and an open alert. For each screen the service's result is the expected payload; the
API answers it whole, the CLI prints it whole, and the page shows its figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from safar.config import Settings
from safar.context import Context

PASSWORD = "correct horse battery"
DATASET = "screens"
COMMENTS = [
    ("report_claim", "The claim took forever and nobody called back", "2026-06-01T10:00:00"),
    ("report_claim", "Great and quick help with my claim", "2026-06-03T10:00:00"),
    ("online_payment", "Payment page failed twice and it was terrible", "2026-06-02T10:00:00"),
    ("online_payment", "Paid online in a minute and it was excellent", ""),
]


@dataclass
class Screens:
    home: Path
    map_id: int
    client: TestClient
    env: dict[str, str]

    def ctx(self) -> Context:
        return Context.open(Settings.from_env(self.env), lang="en")

    def cli(self, *args: str) -> Any:
        from safar.cli import app

        result = CliRunner().invoke(app, [*args, "--json"], env=self.env)
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Screens]:
    from safar.accounts import Accounts
    from safar.alerts import Alerts
    from safar.demo import bind_to_dataset, synthetic_events, synthetic_responses, write_csv
    from safar.services.ingestion import import_survey_responses, ingest_comments, ingest_events
    from safar.surveys import Surveys, quick_survey
    from safar.web.app import create_app
    from safar.workspace import Workspace

    folder = tmp_path_factory.mktemp("screens")
    env = {"SAFAR_HOME": str(folder / "home"), "SAFAR_LANG": "en", "SAFAR_USER": "tester"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        for name in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ", "SAFAR_WAREHOUSE_URL"):
            patch.delenv(name, raising=False)
        settings = Settings.from_env()
        app = create_app(settings)
        services = app.state.services
        Accounts.create_user(services.accounts, "ana", PASSWORD, display_name="Ana", admin=True)
        ws = Workspace.attach(services.engine, settings, "default")
        stored = ws.new_from_template("insurance", "en")
        events = write_csv(synthetic_events(stored.document, customers=120), folder / "events.csv")
        ingest_events(ws, events, dataset=DATASET, channel_col="channel", tz="UTC")
        ws.save_map(stored.id, bind_to_dataset(stored.document, DATASET), base_revision=stored.revision)
        journey = ws.get_map(stored.id).document
        specs = ["nps", "csat:wait_for_agent", "csat:online_payment"]
        survey = Surveys(ws).create(stored.id, quick_survey(journey, specs))
        answers = write_csv(synthetic_responses(journey, respondents=60), folder / "answers.csv")
        import_survey_responses(
            ws, survey.id, answers, response_col="response_id", customer_col="customer_id", time_col="time"
        )
        lines = ["touchpoint,text,when", *(",".join(row) for row in COMMENTS)]
        (folder / "comments.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
        ingest_comments(
            ws,
            folder / "comments.csv",
            map_id=stored.id,
            dataset="said",
            touchpoint_col="touchpoint",
            time_col="when",
        )
        alerts = Alerts(ws)
        alerts.add_rule(stored.id, kind="conversion_drops", touchpoint="fill_application", params={})
        client = TestClient(app, follow_redirects=False)
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
        assert token
        login = {"csrf": token.group(1), "username": "ana", "password": PASSWORD, "next": "/"}
        assert client.post("/login", data=login).status_code == 303
        client.cookies.set("lang", "en")
        yield Screens(folder / "home", stored.id, client, env)
        services.engine.dispose()


def test_maps_list(screens: Screens) -> None:
    from safar.services.maps import maps_list

    with screens.ctx() as ctx:
        expected = maps_list(ctx).model_dump(mode="json")
    assert [(m["id"], m["surveys"], m["responses"]) for m in expected["maps"]] == [(screens.map_id, 1, 60)]
    assert expected["responses_counted"] is True
    api = screens.client.get("/api/v1/workspaces/default/activity")
    assert api.status_code == 200
    assert api.json() == expected
    assert screens.cli("map", "activity") == expected
    page = screens.client.get("/w/default").text
    assert "1 (60 responses)" in page


def test_comments(screens: Screens) -> None:
    from safar.services.comments import comments

    with screens.ctx() as ctx:
        expected = comments(ctx, screens.map_id, touchpoint="report_claim").model_dump(mode="json")
    texts = [c["text"] for c in expected["comments"]]
    assert texts == [COMMENTS[1][1], COMMENTS[0][1]]  # newest first
    assert expected | {"comments": []} == {
        "map": screens.map_id,
        "touchpoint": "report_claim",
        "label": None,
        "limit": 50,
        "comments": [],
    }
    base = f"/api/v1/workspaces/default/maps/{screens.map_id}"
    assert screens.client.get(f"{base}/comments", params={"touchpoint": "report_claim"}).json() == expected
    assert (
        screens.cli("feedback", "list", "--map", str(screens.map_id), "--touchpoint", "report_claim")
        == expected
    )
    page = screens.client.get(
        f"/w/default/maps/{screens.map_id}/voice", params={"touchpoint": "report_claim"}
    )
    shown = re.findall(r'data-testid="comment"><p dir="auto" lang="[^"]*">([^<]*)</p>', page.text)
    assert shown == texts
    everything = screens.client.get(f"{base}/comments").json()
    assert [c["ts"] for c in everything["comments"]][-1] is None  # the comment without a time comes last
    wrong = screens.client.get(f"{base}/comments", params={"touchpoint": "nowhere"})
    assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "edit.unknown_touchpoint"


def test_moments_of_truth(screens: Screens) -> None:
    from safar.services.moments import moments

    with screens.ctx() as ctx:
        expected = moments(ctx, screens.map_id, bootstrap=20).model_dump(mode="json")
    assert expected["dataset"] == DATASET
    assert expected["outcome"]["target"] == "renew_online"
    assert (len(expected["moments"]), len(expected["evidence"])) == (
        19,
        20,
    )  # every touchpoint but the outcome
    assert set(expected["moments"][0]) >= {"with", "without", "odds_ratio", "touchpoint", "experience"}
    got = screens.cli("insights", "moments", str(screens.map_id), "--bootstrap", "20")
    assert got == expected
    api = screens.client.get(
        f"/api/v1/workspaces/default/maps/{screens.map_id}/moments", params={"bootstrap": 20}
    )
    assert api.status_code == 200
    assert api.json() == expected  # the page, the API and the CLI share services.moments' MomentsView
    # kept like the page's: asked again, the same numbers are read, computed at the same time
    again = screens.client.get(
        f"/api/v1/workspaces/default/maps/{screens.map_id}/moments", params={"bootstrap": 20}
    )
    assert again.json() == expected
    assert again.headers["X-Safar-Computed-At"] == api.headers["X-Safar-Computed-At"]


def test_analyze(screens: Screens) -> None:
    from safar.services import analyze

    with screens.ctx() as ctx:
        funnel = analyze.funnel(ctx, DATASET, ["see_advertisement", "fill_application"]).model_dump(
            mode="json"
        )
        stops = analyze.dropoff(ctx, DATASET, level="stage", map_id=screens.map_id).model_dump(mode="json")
    assert [s["step"] for s in funnel["steps"]] == ["see_advertisement", "fill_application"]
    assert (
        screens.cli(
            "analyze", "funnel", "--dataset", DATASET, "--steps", "see_advertisement,fill_application"
        )
        == funnel
    )
    got = screens.cli(
        "analyze", "dropoff", "--dataset", DATASET, "--level", "stage", "--map", str(screens.map_id)
    )
    assert got == stops


def test_key_drivers_of_a_survey_file(screens: Screens, tmp_path: Path) -> None:
    """The workspace's insights page, POST …/insights/drivers and safar insights drivers --file: one result."""
    from safar.services.drivers import file_drivers

    rows = ["wait,staff,app,overall"] + [
        f"{(i * 7) % 5 + 1},{(i * 3) % 5 + 1},{(i * 11) % 5 + 1},{min(5, ((i * 3) % 5 + 1 + (i * 7) % 5 + 1) // 2 + i % 2)}"
        for i in range(80)
    ]
    path = tmp_path / "survey.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with screens.ctx() as ctx:
        expected = file_drivers(ctx, path, outcome="overall", bootstrap=20).model_dump(mode="json")
    assert expected["source"] == "survey.csv" and expected["n"] == 80
    assert [d["name"] for d in expected["matrix"]["drivers"]] == [d["name"] for d in expected["drivers"]]
    got = screens.cli("insights", "drivers", "--file", str(path), "--outcome", "overall", "--bootstrap", "20")
    assert got == expected
    token = screens.client.get("/w/default/insights").text
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', token)
    assert csrf
    api = screens.client.post(
        "/api/v1/workspaces/default/insights/drivers",
        params={"outcome": "overall", "filename": "survey.csv"},
        content=path.read_bytes(),
        headers={"X-CSRF-Token": csrf.group(1), "Content-Type": "text/csv"},
    )
    assert api.status_code == 200, api.text
    # the API and the page bootstrap as many times as the page does (the default), so only the intervals differ
    with screens.ctx() as ctx:
        default = file_drivers(ctx, path, outcome="overall").model_dump(mode="json")
    assert api.json() == default
    page = screens.client.post(
        "/w/default/insights",
        data={"csrf": csrf.group(1), "outcome": "overall", "na": "", "exclude": ""},
        files={"file": ("survey.csv", path.read_bytes())},
    )
    shown = re.findall(
        r'<tr data-testid="driver-row"><td>\d+</td><td dir="ltr">(\w+)</td><td>([\d.]+)', page.text
    )
    assert shown == [(d["name"], f"{d['importance']:.4f}") for d in default["drivers"]]
    bad = screens.client.post(
        "/api/v1/workspaces/default/insights/drivers",
        params={"outcome": "overall", "na": "x"},
        content=path.read_bytes(),
        headers={"X-CSRF-Token": csrf.group(1)},
    )
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "insights.bad_na"


def test_survey_insights_of_a_map(screens: Screens) -> None:
    """safar insights drivers|quadrants --map print the services' results; the map's insights page shows them."""
    from safar.services.drivers import map_drivers, map_gaps, map_quadrants

    with screens.ctx() as ctx:
        drivers = map_drivers(ctx, screens.map_id, bootstrap=20).model_dump(mode="json")
        matrix = map_quadrants(ctx, screens.map_id).model_dump(mode="json")
        assert map_gaps(ctx, screens.map_id) is None  # the survey asks no expectation/perception pair
    assert drivers["outcome"] == "nps"
    assert {d["name"] for d in drivers["drivers"]} == {"wait_for_agent", "online_payment"}
    assert {d["name"] for d in matrix["drivers"]} == {"wait_for_agent", "online_payment"}
    mid = str(screens.map_id)
    assert screens.cli("insights", "drivers", "--map", mid, "--bootstrap", "20") == drivers
    assert screens.cli("insights", "quadrants", "--map", mid) == matrix
    page = screens.client.get(f"/w/default/maps/{screens.map_id}/insights").text
    assert 'data-testid="survey-matrix"' in page
    assert page.count('<circle class="driver"') == len(matrix["drivers"])


def test_every_analysis_has_its_api_twin(screens: Screens) -> None:
    """GET …/analyze/{kind} takes the command's options as query parameters and answers what --json prints."""
    mid = str(screens.map_id)
    steps = "see_advertisement,fill_application"
    cases = [
        ("funnel", {"steps": steps, "window": "30d"}, ["--steps", steps, "--window", "30d"]),
        (
            "paths",
            {"level": "stage", "map": mid, "top": "3"},
            ["--level", "stage", "--map", mid, "--top", "3"],
        ),
        ("dropoff", {"level": "touchpoint", "map": mid}, ["--level", "touchpoint", "--map", mid]),
        (
            "timing",
            {"from": "2000-01-01", "to": "2100-01-01"},
            ["--from", "2000-01-01", "--to", "2100-01-01"],
        ),
        ("loops", {"level": "stage", "map": mid}, ["--level", "stage", "--map", mid]),
        (
            "channels",
            {"request": "see_advertisement", "response": "fill_application", "sla": "2d"},
            ["--request", "see_advertisement", "--response", "fill_application", "--sla", "2d"],
        ),
        ("conformance", {"map": mid}, ["--map", mid]),
        ("summary", {"map": mid}, ["--map", mid]),
    ]
    base = "/api/v1/workspaces/default/analyze"
    for kind, params, args in cases:
        api = screens.client.get(f"{base}/{kind}", params={"dataset": DATASET, **params})
        assert api.status_code == 200, (kind, api.text)
        assert api.json() == screens.cli("analyze", kind, "--dataset", DATASET, *args), kind
    bound = screens.client.get(f"{base}/bind", params={"dataset": DATASET, "map": mid, "top": "2"})
    assert bound.json() == screens.cli("map", "bind", mid, "--dataset", DATASET, "--top", "2")
    from safar.services import analyze

    with screens.ctx() as ctx:  # the segment and channel of the scope reach the service as the CLI's do
        scoped = analyze.funnel(
            ctx, DATASET, steps.split(","), scope=analyze.Scope(channel="web")
        ).model_dump(mode="json")
    got = screens.client.get(f"{base}/funnel", params={"dataset": DATASET, "steps": steps, "channel": "web"})
    assert got.json() == scoped
    other = screens.client.get(f"{base}/funnel", params={"dataset": "someone_elses", "steps": steps})
    assert other.status_code == 404 and other.json()["error"]["code"] == "dataset.not_in_workspace"
    wrong = screens.client.get(f"{base}/timing", params={"dataset": DATASET, "from": "yesterday-ish"})
    assert wrong.status_code == 400


def test_readings_on_the_canvas_and_journeys_say_their_period(screens: Screens) -> None:
    """The period of the canvas's and the journeys' readings: the first and last event time of the bound data,
    in the reader's calendar (Jalali with Persian digits in Persian)."""
    import datetime as dt

    from safar.i18n import format_datetime
    from safar.services.journeys import journeys
    from safar.services.overlay import canvas

    with screens.ctx() as ctx:
        shown = canvas(ctx, screens.map_id)
        view = journeys(ctx, screens.map_id)
        with ctx.warehouse() as warehouse:
            times = warehouse.events(DATASET).ts.to_pyarrow().to_pylist()
    assert shown.unbound_events == 0 and shown.period is not None
    span = (min(times).replace(tzinfo=dt.UTC), max(times).replace(tzinfo=dt.UTC))
    assert shown.period.span() == span and view.period == shown.period
    base = f"/w/default/maps/{screens.map_id}"
    for lang in ("en", "fa"):
        first, last = (format_datetime(moment, lang) for moment in span)
        for url in (base, f"{base}/journeys"):
            page = screens.client.get(url, params={"lang": lang}).text
            readings = re.findall(r'<span class="reading-body" role="note">([^<]*)', page)
            dated = [r for r in readings if first in r and last in r]
            assert dated, (url, lang, readings[:3])
    assert "۱۴" in format_datetime(span[0], "fa")  # a Jalali year
