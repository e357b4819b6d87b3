"""One scope, one number: the canvas, the KPI page, the voice report, the JSON API and the CLI agree.

The demo map is built once (its synthetic events, survey answers and measured key metrics). For the same
map, dataset and period, each figure a CX manager checks — the map's NPS and CSAT, a touchpoint's CSAT and
NPS, conversion and drop-off at a touchpoint and over the whole map — is read from what each surface
actually gives: the HTML pages as rendered (parsed, in the digits shown), the API's JSON and the CLI's
``--json`` output. Each is compared with a plain computation on the raw demo data (the generator's own
rows, counted with pandas), and the API and the CLI are compared whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from safar.config import Settings

PASSWORD = "correct horse battery"
PERSIAN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٫٬−", "0123456789.,-")
ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069\u200e\u200f\u061c"))
NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?")
CSAT_COLUMNS = ("csat_wait_for_agent", "csat_online_payment", "csat_damage_assessment")  # the demo's


@dataclass
class Demo:
    home: Path
    map_id: int
    client: TestClient
    events: pd.DataFrame  # the generator's rows, with each touchpoint's stage index
    answers: list[dict[str, Any]]  # the generator's survey rows
    stages: dict[str, int]  # touchpoint id -> stage index


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from safar.accounts import Accounts
    from safar.demo import create_demo_map, synthetic_events, synthetic_responses
    from safar.maps.templates import load_template
    from safar.web.app import create_app
    from safar.workspace import Workspace

    home = tmp_path_factory.mktemp("cross-surface") / "home"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SAFAR_HOME", str(home))
        env.setenv("SAFAR_LANG", "en")
        env.setenv("SAFAR_USER", "tester")
        for name in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ", "SAFAR_WAREHOUSE_URL"):
            env.delenv(name, raising=False)
        settings = Settings.from_env()
        app = create_app(settings)
        services = app.state.services
        Accounts.create_user(services.accounts, "ana", PASSWORD, display_name="Ana", admin=True)
        ws = Workspace.attach(services.engine, settings, "default")
        map_id = create_demo_map(ws, settings, "en")
        # The raw data, made again by the demo's seeded generators from the template the map was made from.
        template = load_template("insurance", "en")
        stages = {tp.id: i for i, s in enumerate(template.stages) for tp in s.touchpoints}
        events = pd.DataFrame(synthetic_events(template))
        events["stage"] = events["activity"].map(stages)
        answers = synthetic_responses(ws.get_map(map_id).document)
        client = TestClient(app, follow_redirects=False)
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
        assert token
        login = {"csrf": token.group(1), "username": "ana", "password": PASSWORD, "next": "/"}
        assert client.post("/login", data=login).status_code == 303
        yield Demo(home, map_id, client, events, answers, stages)
        services.engine.dispose()


# --- the plain computation on the raw demo data -----------------------------------------------------


def plain_nps(values: list[int]) -> tuple[float, int]:
    return 100 * (sum(v >= 9 for v in values) - sum(v <= 6 for v in values)) / len(values), len(values)


def plain_csat(values: list[int]) -> tuple[float, int]:
    return 100 * sum(v >= 4 for v in values) / len(values), len(values)  # top-2-box of 1–5


def column(demo: Demo, *names: str) -> list[int]:
    return [int(row[n]) for row in demo.answers for n in names if row.get(n) not in (None, "")]


def journeys_of(demo: Demo) -> pd.DataFrame:
    """Per customer, in order: their stages and touchpoints (ties in time kept in file order, as ``seq``)."""
    ordered = demo.events.assign(ts=pd.to_datetime(demo.events["timestamp"]))
    return ordered.sort_values(["customer_id", "ts"], kind="stable")


def plain_touchpoint(demo: Demo, tp: str) -> dict[str, float]:
    """Conversion (a later stage follows an event here) and drop-off (the last event is here, and the stage
    after it has data) in percent of the customers with an event here."""
    with_data = set(demo.events["stage"])
    here, converted, dropped = 0, 0, 0
    for _, rows in journeys_of(demo).groupby("customer_id", sort=False):
        acts, stages = list(rows["activity"]), list(rows["stage"])
        if tp not in acts:
            continue
        here += 1
        first = acts.index(tp)
        converted += any(s > demo.stages[tp] for s in stages[first + 1 :])
        dropped += acts[-1] == tp and stages[-1] + 1 in with_data
    return {"conversion": 100 * converted / here, "dropoff": 100 * dropped / here, "n": here}


def plain_map(demo: Demo) -> dict[str, float]:
    """Over every customer: reaching the last stage with data, and dropping off anywhere."""
    with_data = set(demo.events["stage"])
    top = max(with_data)
    per = journeys_of(demo).groupby("customer_id", sort=False)["stage"]
    reached = per.max() >= top
    last = per.last()
    dropped = last.map(lambda s: s + 1 in with_data)
    return {"conversion": 100 * reached.mean(), "dropoff": 100 * dropped.mean(), "n": len(last)}


# --- reading each surface ----------------------------------------------------------------------------


def numbers(text: str) -> list[float]:
    """The numbers a person reads in ``text``, Persian digits and bidi marks included."""
    plain = re.sub(r"<[^>]+>", " ", text).translate(PERSIAN).translate(ISOLATES)
    return [float(n.replace(",", "")) for n in NUMBER.findall(plain)]


def cli(demo: Demo, *args: str) -> Any:
    from safar.cli import app

    env = {"SAFAR_HOME": str(demo.home), "SAFAR_LANG": "en", "SAFAR_WORKSPACE": "default"}
    result = CliRunner().invoke(app, [*args, "--json"], env=env)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def api(demo: Demo, path: str) -> Any:
    response = demo.client.get(f"/api/v1/workspaces/default/maps/{demo.map_id}/{path}")
    assert response.status_code == 200, response.text
    return response.json()


def page(demo: Demo, path: str, lang: str = "en") -> str:
    sep = "&" if "?" in path else "?"
    response = demo.client.get(f"/w/default/maps/{demo.map_id}{path}{sep}lang={lang}")
    assert response.status_code == 200, response.text[:500]
    return response.text


def canvas_cells(html: str) -> dict[tuple[int, str], str]:
    """(grid row, touchpoint id) -> the cell's HTML, from the canvas's grid (columns named by their cards)."""
    columns = dict(
        re.findall(r'grid-row: 2; grid-column: (\d+)"[^>]*>\s*<article[^>]*data-touchpoint="([^"]+)"', html)
    )
    parts = re.split(r'(?=<div class="cell )', html)
    cells = {}
    for part in parts:
        found = re.match(r'<div class="cell [^"]*"[^>]*style="grid-row: (\d+); grid-column: (\d+)', part)
        if found and found.group(2) in columns:
            cells[(int(found.group(1)), columns[found.group(2)])] = part.split("</div>")[0]
    return cells


def kpi_row(html: str, key: str) -> tuple[float, int]:
    """(value shown, n shown) of the KPI page's row of ``key``."""
    row = html.split(f'data-testid="kpi" data-key="{key}"', 1)[1].split("</tr>", 1)[0]
    shown = re.search(r'data-testid="kpi-value">\s*<strong>(.*?)</strong>', row, re.S)
    assert shown, (key, row[:400])
    after = row.split('data-testid="kpi-value">', 1)[1].split("</td>", 1)[1]
    n = re.search(r"<td>(.*?)</td>", after, re.S)
    assert n
    return numbers(shown.group(1))[0], int(numbers(n.group(1))[0])


def metric_cell(html: str) -> tuple[float, int]:
    """(value, n) from the ``metric`` macro's output: value, optional interval, ``n=…``."""
    found = numbers(html.split('class="muted">(')[0])
    n = re.search(r"n=([^,،)<]*)", html.translate(PERSIAN).translate(ISOLATES))
    assert found and n, html
    return found[0], int(numbers(n.group(1))[0])


def near(shown: float, exact: float, places: int) -> bool:
    """``shown`` is ``exact`` as rounded to ``places`` decimals (half-way cases either way)."""
    return abs(shown - exact) <= 0.5 * 10**-places + 1e-9


# --- the tests ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def surfaces(demo: Demo) -> dict[str, Any]:
    """Every surface's output for the demo map (default dataset, monthly trend), each read once."""
    return {
        "api_overlay": api(demo, "overlay"),
        "api_kpis": api(demo, "kpis?period=month&lang=en"),
        "api_voice": api(demo, "voice?lang=en"),  # periods follow the reader: Gregorian in English
        "api_journeys": api(demo, "journeys?level=touchpoint&lang=en"),
        "cli_overlay": cli(demo, "map", "overlay", str(demo.map_id)),
        "cli_kpis": cli(demo, "map", "kpis", str(demo.map_id), "--period", "month"),
        "cli_voice": cli(demo, "voice", "report", str(demo.map_id)),
        "cli_journeys": cli(demo, "map", "journeys", str(demo.map_id), "--level", "touchpoint"),
        "canvas": page(demo, ""),
        "canvas_fa": page(demo, "", "fa"),
        "kpis": page(demo, "/kpis?period=month"),
        "voice": page(demo, "/voice"),
    }


def test_the_api_and_the_cli_give_the_same_whole_results(surfaces: dict[str, Any]) -> None:
    assert surfaces["api_overlay"] == surfaces["cli_overlay"]
    assert surfaces["api_voice"] == surfaces["cli_voice"]
    journeys = {k: v for k, v in surfaces["api_journeys"].items() if k != "sankey"}
    assert journeys == surfaces["cli_journeys"]
    moment = {"measured_at": None}
    assert surfaces["api_kpis"] | moment == surfaces["cli_kpis"] | moment


def test_the_maps_nps_and_csat_agree_everywhere(demo: Demo, surfaces: dict[str, Any]) -> None:
    # One definition: the journey-level question when the survey asks one (NPS), else every answer (CSAT).
    expected = {"nps": plain_nps(column(demo, "nps")), "csat": plain_csat(column(demo, *CSAT_COLUMNS))}
    kpis = {m["metric"]: m for m in surfaces["api_kpis"]["metrics"] if m["touchpoint"] is None}
    names = {"nps": "Net Promoter Score (NPS)", "csat": "Customer satisfaction (CSAT, top-2-box)"}
    totals = surfaces["voice"].split('data-testid="voice-totals"')[1].split("</section>")[0]
    # Pooling the touchpoint's NPS question in would give another figure: the test tells them apart.
    pooled, _ = plain_nps(column(demo, "nps", "nps_report_claim"))
    assert abs(pooled - expected["nps"][0]) > 1
    for kind, (value, n) in expected.items():
        assert n > 400
        found = {
            "api overlay": surfaces["api_overlay"]["headline"][kind],
            "api voice": surfaces["api_voice"]["journey"][kind],
            "cli voice": surfaces["cli_voice"]["journey"][kind],
            "cli overlay": surfaces["cli_overlay"]["headline"][kind],
        }
        for where, figure in found.items():
            assert (figure["value"], figure["n"]) == (pytest.approx(value), n), where
        key = kpis[names[kind]]["key"]
        for where, data in (("api kpis", surfaces["api_kpis"]), ("cli kpis", surfaces["cli_kpis"])):
            metric = next(m for m in data["metrics"] if m["key"] == key)
            assert (metric["value"], metric["n"]) == (pytest.approx(value), n), where
        # The pages, as shown: one decimal on the canvas and the voice page, the KPI page's own rounding.
        for where, html in (("canvas", surfaces["canvas"]), ("canvas fa", surfaces["canvas_fa"])):
            chip = html.split(f'data-testid="headline-{kind}">', 1)[1].split("</span> ·", 1)[0]
            shown, shown_n = metric_cell(chip)
            assert near(shown, value, 1) and shown_n == n, (where, shown, value)
        voice = totals.split(f"<strong>{kind.upper()}</strong>", 1)[1]
        shown, shown_n = metric_cell(voice)
        assert near(shown, value, 1) and shown_n == n, ("voice page", shown, value)
        shown, shown_n = kpi_row(surfaces["kpis"], key)
        assert near(shown, value, 1) and shown_n == n, ("kpi page", shown, value)
    assert "۶۰۰" in surfaces["canvas_fa"].split('data-testid="headline-nps">', 1)[1].split("</span> ·")[0]


@pytest.mark.parametrize(
    ("tp", "kind", "question"),
    [("wait_for_agent", "csat", "csat_wait_for_agent"), ("report_claim", "nps", "nps_report_claim")],
)
def test_a_touchpoints_survey_figure_agrees_everywhere(
    demo: Demo, surfaces: dict[str, Any], tp: str, kind: str, question: str
) -> None:
    value, n = (plain_nps if kind == "nps" else plain_csat)(column(demo, question))
    rows = {r["touchpoint"]: r for r in surfaces["api_voice"]["touchpoints"]}
    found = {
        "api overlay": surfaces["api_overlay"]["voice"][tp]["metrics"][kind],
        "cli overlay": surfaces["cli_overlay"]["voice"][tp]["metrics"][kind],
        "api voice": rows[tp]["metrics"][kind],
    }
    for where, figure in found.items():
        assert (figure["value"], figure["n"]) == (pytest.approx(value), n), where
    measured = [
        m
        for m in surfaces["api_kpis"]["metrics"]
        if m["touchpoint"] == tp and m["measure"] and m["measure"]["kind"] == kind
    ]
    assert measured, f"the demo measures {kind} at {tp}"
    for metric in measured:
        assert (metric["value"], metric["n"]) == (pytest.approx(value), n), metric["key"]
        assert kpi_row(surfaces["kpis"], metric["key"])[1] == n
        assert near(kpi_row(surfaces["kpis"], metric["key"])[0], value, 1)
    # The canvas's chip (whole numbers for NPS and CSAT) and the voice page's row (one decimal).
    cell = next(
        c for (row, t), c in canvas_cells(surfaces["canvas"]).items() if t == tp and "voice-cell" in c
    )
    chip = cell.split(f'data-testid="chip-{kind}">', 1)[1].split("</span></span>", 1)[0]
    shown, shown_n = numbers(chip)[0], int(numbers(chip.split("n=", 1)[1])[0])
    assert near(shown, value, 0) and shown_n == n, ("canvas", shown, value)
    row = surfaces["voice"].split(f'data-testid="voice-row-{tp}">', 1)[1].split("</tr>", 1)[0]
    cells = re.findall(r"<td>(.*?)</td>", row, re.S)
    shown, shown_n = metric_cell(cells[{"nps": 1, "csat": 2}[kind]])  # after the name
    assert near(shown, value, 1) and shown_n == n, ("voice page", shown, value)


@pytest.mark.parametrize(("tp", "kind"), [("fill_application", "conversion"), ("wait_for_agent", "dropoff")])
def test_a_touchpoints_conversion_and_dropoff_agree_everywhere(
    demo: Demo, surfaces: dict[str, Any], tp: str, kind: str
) -> None:
    plain = plain_touchpoint(demo, tp)
    value, n = plain[kind], plain["n"]
    field = {"conversion": "conversion_to_next_stage", "dropoff": "dropoff_share"}[kind]
    for where in ("api_overlay", "cli_overlay"):
        row = surfaces[where]["touchpoints"][tp]
        assert (100 * row[field], row["customers"]) == (pytest.approx(value), n), where
    measured = [
        m
        for m in surfaces["api_kpis"]["metrics"]
        if m["touchpoint"] == tp and m["measure"] and m["measure"]["kind"] == kind
    ]
    assert measured, f"the demo measures {kind} at {tp}"
    for metric in measured:
        assert (metric["value"], metric["n"]) == (pytest.approx(value), n), metric["key"]
        cli_metric = next(m for m in surfaces["cli_kpis"]["metrics"] if m["key"] == metric["key"])
        assert (cli_metric["value"], cli_metric["n"]) == (metric["value"], metric["n"])
        shown, shown_n = kpi_row(surfaces["kpis"], metric["key"])
        assert near(shown, value, 1) and shown_n == n, ("kpi page", shown, value)
    # The canvas's lane, as a whole percentage: conversion in row 4, drop-off (its heat) in row 5.
    cells = canvas_cells(surfaces["canvas"])
    if kind == "conversion":
        shown = numbers(cells[(4, tp)].split(">", 1)[1])[0]
    else:
        shown = numbers(cells[(5, tp)].split('class="heat">', 1)[1].split("</span>", 1)[0])[0]
    assert near(shown, value, 0), ("canvas", shown, value)
    if kind == "dropoff":  # "where customers stop" counts the same customers
        stops = {s["step"]: s["customers"] for s in surfaces["api_journeys"]["dropoff"]}
        assert stops[tp] == surfaces["api_overlay"]["touchpoints"][tp]["dropoff"] == round(value * n / 100)


def test_the_maps_conversion_and_dropoff_agree_everywhere(demo: Demo, surfaces: dict[str, Any]) -> None:
    plain = plain_map(demo)
    for kind in ("conversion", "dropoff"):
        for where in ("api_overlay", "cli_overlay"):
            figure = surfaces[where]["headline"][kind]
            assert (figure["value"], figure["n"]) == (pytest.approx(plain[kind]), plain["n"]), where
        for where in ("canvas", "canvas_fa"):
            chip = (
                surfaces[where].split(f'data-testid="headline-{kind}">', 1)[1].split("</span></span>", 1)[0]
            )
            shown = numbers(chip.split(":", 1)[1])
            assert near(shown[0], plain[kind], 0) and shown[1] == plain["n"], (where, shown, plain[kind])
    assert surfaces["api_journeys"]["customers"] == plain["n"]
