"""The survey commands as a user types them: attach questions, share links, import, export, report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safar.cli import app


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr + result.stdout
    return json.loads(result.stdout) if "--json" in args else result.stdout


def test_attach_nps_and_csat_to_touchpoints_import_answers_and_report(setup: Any, tmp_path: Path) -> None:
    made = run(
        "survey", "create", str(setup.map_id), "-q", "nps:report_claim", "-q", "csat:report_claim", "--json"
    )
    assert [q["id"] for q in made["survey"]["questions"]] == ["nps_report_claim", "csat_report_claim"]
    assert made["url"].startswith("http://127.0.0.1:8000/s/")
    links = run("survey", "link", str(made["id"]), "--customer", "c1", "--count", "1", "--json")
    assert [link["customer_id"] for link in links["links"]] == [None, "c1"]
    assert all("?t=" in link["url"] for link in links["links"])
    answers = setup.csv(
        "a.csv",
        ["id", "nps_report_claim", "csat_report_claim"],
        [["1", "9", "5"], ["2", "3", "2"], ["3", "10", "x"]],
    )
    imported = run("survey", "import", str(made["id"]), str(answers), "--response-col", "id", "--json")
    assert (imported["loaded"], imported["rejected"], imported["answers"]) == (2, 1, 4)
    listed = run("survey", "list", "--json")
    assert [(s["id"], s["responses"]) for s in listed["surveys"]] == [(made["id"], 2)]
    report = run("voice", "report", str(setup.map_id), "--json")
    claim = next(t for t in report["touchpoints"] if t["touchpoint"] == "report_claim")
    assert (claim["metrics"]["nps"]["value"], claim["metrics"]["csat"]["value"]) == (0.0, 50.0)
    out = tmp_path / "out.csv"
    assert run("survey", "export", str(made["id"]), "-o", str(out), "--json")["responses"] == 2
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith('"response_id","time"')
    assert run("survey", "close", str(made["id"]), "--json")["open"] is False
    text = run("voice", "report", str(setup.map_id))
    assert "2 survey response(s)" in text


def test_a_survey_document_from_a_file(setup: Any, tmp_path: Path) -> None:
    doc = tmp_path / "s.yaml"
    doc.write_text(
        "title: {fa: نظرسنجی, en: Survey}\nquestions:\n"
        "  - {id: speed, kind: gap, touchpoint: report_claim, text: {en: Speed}}\n"
        "  - {id: fair, kind: likert, stage: claims, scale: [1, 7], text: {fa: منصفانه؟}}\n",
        encoding="utf-8",
    )
    made = run("survey", "create", str(setup.map_id), "--file", str(doc), "--json")
    assert [q["kind"] for q in made["survey"]["questions"]] == ["gap", "likert"]
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "title: {en: x}\nquestions:\n  - {id: q, kind: stars, text: {en: '?'}}\n", encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["survey", "create", str(setup.map_id), "--file", str(bad)])
    assert result.exit_code == 2
    assert "questions[0].kind" in result.stderr or "questions.0.kind" in result.stderr


def test_mistakes_get_a_clear_message(setup: Any) -> None:
    result = CliRunner().invoke(app, ["survey", "create", str(setup.map_id), "-q", "stars:report_claim"])
    assert result.exit_code == 2 and "stars:report_claim" in result.stderr
    result = CliRunner().invoke(app, ["survey", "show", "42"])
    assert result.exit_code == 2 and "42" in result.stderr
    result = CliRunner().invoke(app, ["voice", "report", str(setup.map_id), "--by", "weather"])
    assert result.exit_code == 2 and "weather" in result.stderr


def test_drivers_and_gaps_read_a_maps_survey_answers(setup: Any, tmp_path: Path) -> None:
    from safar import demo

    specs = [arg for spec in demo.SURVEY_SPECS for arg in ("-q", spec)]
    made = run("survey", "create", str(setup.map_id), *specs, "--json")
    journey = setup.workspace.get_map(setup.map_id).document
    answers = demo.write_csv(demo.synthetic_responses(journey, respondents=300), tmp_path / "answers.csv")
    imported = run(
        "survey",
        "import",
        str(made["id"]),
        str(answers),
        "--response-col",
        "response_id",
        "--customer-col",
        "customer_id",
        "--time-col",
        "time",
        "--json",
    )
    assert (imported["loaded"], imported["rejected"]) == (300, 0)
    gaps = run("insights", "gaps", "--map", str(setup.map_id), "--json")["gaps"]
    # The synthetic respondents expect ≈5.9 and get ≈3.4 while waiting for an agent; payment meets expectations.
    assert [g["touchpoint"] for g in gaps] == ["wait_for_agent", "online_payment"]
    assert gaps[0]["gap"] < -2 and gaps[0]["p_value"] < 1e-10 and abs(gaps[1]["gap"]) < 0.5
    drivers = run("insights", "drivers", "--map", str(setup.map_id), "--bootstrap", "20", "--json")
    assert drivers["outcome"] == "nps" and 0 < drivers["r2"] < 1
    assert {d["name"] for d in drivers["drivers"]} == {
        "wait_for_agent",
        "fill_application",
        "online_payment",
        "report_claim",
        "damage_assessment",
    }
    matrix = run("insights", "quadrants", "--map", str(setup.map_id), "--json")
    by_name = {d["name"]: d for d in matrix["drivers"]}
    assert set(by_name) == {d["name"] for d in drivers["drivers"]}
    # performance is the answers on the map's −2..+2 scale: payment (CSAT ≈ 4.3 of 5) far above waiting (≈ 2.4)
    assert by_name["online_payment"]["performance"] > 1 > 0 > by_name["wait_for_agent"]["performance"]
    # …and the drivers table reports the same performance (not its z-scores, whose mean is about 0)
    assert {d["name"]: d["performance"] for d in drivers["drivers"]} == {
        name: pytest.approx(d["performance"]) for name, d in by_name.items()
    }
    result = CliRunner().invoke(app, ["insights", "gaps", "--map", str(setup.map_id), "--file", str(answers)])
    assert result.exit_code == 2 and "--map" in result.stderr
