"""Responses from files: every row accounted for, re-imports idempotent, Excel like CSV, and the voice report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from safar.errors import InputError, NotFoundError, ValidationError
from safar.events.quarantine import rejected_rows
from safar.model.survey import Survey
from safar.surveys import SurveyInfo, Surveys, parse_survey, quick_survey
from safar.voice.report import voice_report
from safar.voice.responses import export_responses, import_responses, responses_frame
from safar.warehouse import open_warehouse

HEADER = [
    "rid",
    "customer",
    "when",
    "nps",
    "csat_report_claim",
    "text_report_claim",
    "gap_report_claim",
    "gap_report_claim_expected",
    "region",
]
ROWS = [
    ["r1", "c1", "2026-10-01T10:00:00", "10", "5", "", "6", "6", "north"],
    ["r2", "c2", "2026-10-02T10:00:00+03:30", "2", "1", "", "2", "6", "south"],
    ["r3", "c3", "2026-10-03T10:00:00", "9", "9", "", "", "", "north"],
    ["r4", "c4", "yesterday", "8", "4", "", "", "", "north"],
    ["r5", "", "2026-11-01T10:00:00", "", "", "", "", "", "south"],
    ["r1", "c1", "2026-10-01T10:00:00", "10", "5", "", "6", "6", "north"],
]
SPECS = ["nps", "csat:report_claim", "text:report_claim", "gap:report_claim"]


def make_survey(setup: Any) -> SurveyInfo:
    journey = setup.workspace.get_map(setup.map_id).document
    return Surveys(setup.workspace).create(setup.map_id, quick_survey(journey, SPECS))


def do_import(setup: Any, info: SurveyInfo, path: Path) -> dict[str, Any]:
    journey = setup.workspace.get_map(setup.map_id).document
    with open_warehouse(setup.settings) as wh:
        return import_responses(
            wh,
            path,
            survey_id=info.id,
            map_id=info.map_id,
            survey=info.survey,
            journey=journey,
            response_col="rid",
            customer_col="customer",
            time_col="when",
            tz="Asia/Tehran",
        ).to_dict()


def test_every_row_is_loaded_duplicate_or_rejected_with_its_reason(setup: Any) -> None:
    info = make_survey(setup)
    path = setup.csv("answers.csv", HEADER, ROWS)
    first = do_import(setup, info, path)
    assert first == {
        "read": 6,
        "loaded": 2,
        "duplicates": 1,
        "rejected": 3,
        "answers": 6,
        "dataset": f"survey-{info.id}",
        "quarantine": "rejected",
    }
    again = do_import(setup, info, path)
    assert again | {"dataset": None} == {
        "read": 6,
        "loaded": 0,
        "duplicates": 3,
        "rejected": 3,
        "answers": 0,
        "dataset": None,
        "quarantine": "rejected",
    }
    with open_warehouse(setup.settings) as wh:
        rejected = [
            (r["row_number"], r["field"], r["reason"]) for r in rejected_rows(wh, f"survey-{info.id}", "en")
        ]
        frame = responses_frame(wh, info.survey, info.id)
    assert rejected == [
        (3, "csat_report_claim", "survey.off_scale"),
        (4, "when", "feedback.bad_time"),
        (5, "", "survey.empty_response"),
    ]
    assert frame[
        [
            "response_id",
            "time",
            "customer_id",
            "nps",
            "csat_report_claim",
            "gap_report_claim",
            "gap_report_claim_expected",
        ]
    ].to_dict("records") == [
        {
            "response_id": "file:r1",
            "time": "2026-10-01T06:30:00Z",
            "customer_id": "c1",
            "nps": 10,
            "csat_report_claim": 5,
            "gap_report_claim": 6,
            "gap_report_claim_expected": 6,
        },
        {
            "response_id": "file:r2",
            "time": "2026-10-02T06:30:00Z",
            "customer_id": "c2",
            "nps": 2,
            "csat_report_claim": 1,
            "gap_report_claim": 2,
            "gap_report_claim_expected": 6,
        },
    ]


def test_excel_is_read_like_csv_and_an_export_imports_back(setup: Any) -> None:
    info = make_survey(setup)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([int(v) if v.isdigit() else v for v in row])
    book.save(setup.folder / "answers.xlsx")
    assert do_import(setup, info, setup.folder / "answers.xlsx")["loaded"] == 2
    with open_warehouse(setup.settings) as wh:
        assert export_responses(wh, info.survey, info.id, setup.folder / "out.xlsx") == 2
    copy = make_survey(setup)
    journey = setup.workspace.get_map(setup.map_id).document
    with open_warehouse(setup.settings) as wh:
        report = import_responses(
            wh,
            setup.folder / "out.xlsx",
            survey_id=copy.id,
            map_id=copy.map_id,
            survey=copy.survey,
            journey=journey,
            response_col="response_id",
            time_col="time",
        ).to_dict()
    assert (report["loaded"], report["rejected"], report["answers"]) == (2, 0, 6)


def test_exports_neutralise_spreadsheet_formulas(setup: Any) -> None:
    info = make_survey(setup)
    path = setup.csv("a.csv", ["nps", "text_report_claim"], [["9", '=HYPERLINK("http://x")']])
    journey = setup.workspace.get_map(setup.map_id).document
    with open_warehouse(setup.settings) as wh:
        import_responses(wh, path, survey_id=info.id, map_id=info.map_id, survey=info.survey, journey=journey)
        export_responses(wh, info.survey, info.id, setup.folder / "out.csv")
    assert "'=HYPERLINK" in (setup.folder / "out.csv").read_text(encoding="utf-8")


def test_the_voice_report_measures_touchpoints_stages_and_the_journey(setup: Any) -> None:
    info = make_survey(setup)
    do_import(setup, info, setup.csv("answers.csv", HEADER, ROWS))
    journey = setup.workspace.get_map(setup.map_id).document
    with open_warehouse(setup.settings) as wh:
        report = voice_report(
            wh, setup.map_id, journey, [(info.id, info.survey)], by="segment:region", terms=0
        )
    claim = next(t for t in report["touchpoints"] if t["touchpoint"] == "report_claim")
    csat = claim["metrics"]["csat"]
    # CSAT answers 5 and 1: one of two in the top two boxes; mean 3 → emotion 0; perceptions 6 and 2 on 1–7 → 0.
    assert (csat["value"], csat["n"], csat["small_n"]) == (50.0, 2, True)
    assert (claim["answers"], claim["measured_emotion"], claim["measured_n"]) == (4, 0.0, 4)
    assert (claim["assumed_emotion"], claim["flagged"]) == (-2, True)
    assert claim["sources"] == {"survey": {"n": 4, "emotion": 0.0}, "comments": {"n": 0, "emotion": 0.0}}
    assert (report["responses"], report["answers"], report["journey"]["nps"]["value"]) == (2, 6, 0.0)
    claims = next(s for s in report["stages"] if s["stage"] == "claims")
    assert claims["metrics"]["csat"]["n"] == 2
    nps_by_region = {r["group"]: r["value"] for r in report["breakdown"]["rows"] if r["metric"] == "nps"}
    assert nps_by_region == {"north": 100.0, "south": -100.0}
    assert [(r["period"], r["n"]) for r in report["trend"]["csat"]] == [("2026-10-01", 2)]


def test_a_touchpoint_moved_to_another_stage_takes_its_answers_along(setup: Any) -> None:
    info = make_survey(setup)
    do_import(setup, info, setup.csv("answers.csv", HEADER, ROWS))
    journey = setup.workspace.get_map(setup.map_id).document
    claims = next(s for s in journey.stages if s.id == "claims")
    claim = next(t for t in claims.touchpoints if t.id == "report_claim")
    first = journey.stages[0]
    claims.touchpoints.remove(claim)
    first.touchpoints.append(claim)
    setup.workspace.save_map(setup.map_id, journey, message="report_claim moves")
    moved = setup.workspace.get_map(setup.map_id).document
    with open_warehouse(setup.settings) as wh:
        report = voice_report(wh, setup.map_id, moved, [(info.id, info.survey)], terms=0)
    stages = {s["stage"]: s["metrics"].get("csat", {}).get("n") for s in report["stages"]}
    assert (stages[first.id], stages["claims"]) == (2, None)


def test_surveys_name_only_what_the_map_has(setup: Any) -> None:
    document = {
        "title": {"en": "t"},
        "questions": [{"id": "q", "kind": "nps", "text": {"en": "?"}, "touchpoint": "nowhere"}],
    }
    with pytest.raises(ValidationError) as caught:
        Surveys(setup.workspace).create(setup.map_id, parse_survey(document))
    assert caught.value.code == "survey.unknown_refs"
    assert caught.value.details["errors"][0]["path"] == "questions.0.touchpoint"
    with pytest.raises(InputError, match="nowhere"):
        quick_survey(setup.workspace.get_map(setup.map_id).document, ["csat:nowhere"])
    with pytest.raises(NotFoundError):
        Surveys(setup.workspace).get(999)


def test_a_file_without_any_question_column_says_what_it_has(setup: Any) -> None:
    info = make_survey(setup)
    path = setup.csv("x.csv", ["a", "b"], [["1", "2"]])
    with open_warehouse(setup.settings) as wh, pytest.raises(InputError) as caught:
        import_responses(
            wh,
            path,
            survey_id=info.id,
            map_id=info.map_id,
            survey=info.survey,
            journey=setup.workspace.get_map(setup.map_id).document,
        )
    assert caught.value.code == "survey.no_question_columns"
    assert caught.value.details["columns"] == ["a", "b"]


def test_survey_documents_round_trip(setup: Any) -> None:
    info = make_survey(setup)
    again = Surveys(setup.workspace).get(info.id)
    assert Survey.model_validate(again.survey.to_document()) == info.survey
