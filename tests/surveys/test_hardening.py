"""Inputs that once slipped through: non-finite numbers, answers from the future, one map's surveys
sharing response ids, odd time zones and times at the calendar's edge."""

from __future__ import annotations

from typing import Any

import pytest

from safar.errors import InputError
from safar.events.dates import TimeReading, read_times
from safar.surveys import Surveys, quick_survey
from safar.voice.feedback import zone_of
from safar.voice.report import voice_report
from safar.voice.responses import import_responses
from safar.warehouse import open_warehouse


def test_nan_and_infinity_are_not_ratings(setup: Any) -> None:
    info = Surveys(setup.workspace).create(
        setup.map_id, quick_survey(setup.workspace.get_map(setup.map_id).document, ["nps"])
    )
    path = setup.csv("a.csv", ["nps"], [["nan"], ["inf"], ["1e309"], ["9"]])
    with open_warehouse(setup.settings) as wh:
        report = import_responses(
            wh,
            path,
            survey_id=info.id,
            map_id=info.map_id,
            survey=info.survey,
            journey=setup.workspace.get_map(setup.map_id).document,
        )
    assert (report.loaded, report.rejected) == (1, 3)


def test_answers_from_the_future_are_quarantined(setup: Any) -> None:
    journey = setup.workspace.get_map(setup.map_id).document
    info = Surveys(setup.workspace).create(setup.map_id, quick_survey(journey, ["nps"]))
    path = setup.csv("a.csv", ["when", "nps"], [["2205-03-01T10:00:00", "9"], ["2026-01-01T10:00:00", "9"]])
    with open_warehouse(setup.settings) as wh:
        report = import_responses(
            wh,
            path,
            survey_id=info.id,
            map_id=info.map_id,
            survey=info.survey,
            journey=journey,
            time_col="when",
        )
    assert (report.loaded, report.rejected) == (1, 1)


def test_two_surveys_with_the_same_response_ids_are_different_respondents(setup: Any) -> None:
    journey = setup.workspace.get_map(setup.map_id).document
    rows = [[str(i), "9"] for i in range(1, 6)]
    with open_warehouse(setup.settings) as wh:
        for _ in range(2):
            info = Surveys(setup.workspace).create(setup.map_id, quick_survey(journey, ["nps"]))
            import_responses(
                wh,
                setup.csv("a.csv", ["id", "nps"], rows),
                survey_id=info.id,
                map_id=info.map_id,
                survey=info.survey,
                journey=journey,
                response_col="id",
            )
        report = voice_report(wh, setup.map_id, journey, terms=0)
    assert (report["responses"], report["answers"]) == (10, 10)


@pytest.mark.parametrize("zone", ["America", "X" * 300, "../etc"])
def test_odd_time_zones_are_refused_clearly(zone: str) -> None:
    with pytest.raises(InputError) as caught:
        zone_of(zone)
    assert caught.value.code == "feedback.bad_tz"


def test_times_at_the_calendars_edge_are_unreadable_not_crashes() -> None:
    edges = ["0001-01-01T00:00:00+05:00", "0001-01-01T00:00:00", "9999-12-31T23:00:00-05:00"]
    found = read_times(edges, TimeReading(tz="Asia/Tehran"), path="a.csv", field="when")
    assert found.times == [None, None, None]
    assert found.reasons == ["row.bad_time"] * 3
