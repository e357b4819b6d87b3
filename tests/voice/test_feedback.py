"""Comments linked to touchpoints: every row accounted for, sentiment per touchpoint, measured emotion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safar.cli import app
from safar.config import Settings
from safar.errors import ConfigError, InputError
from safar.voice.feedback import ingest_feedback
from safar.voice.sentiment import score
from safar.voice.touchpoints import touchpoint_voice
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

COMMENTS = (
    "touchpoint,text,when\n"
    "call_contact_centre,خیلی منتظر ماندم و کسی جواب نداد، افتضاح بود,2026-05-01T10:00:00\n"
    "call_contact_centre,پشتیبانی بد بود و تماس قطع شد,2026-05-02T11:00:00\n"
    "پرداخت از درگاه پرداخت اینترنتی,پرداخت آنلاین خیلی راحت و سریع بود، عالی,2026-05-03T12:00:00\n"
    "online_payment,,2026-05-04T12:00:00\n"
    "no_such_step,عالی,2026-05-05T12:00:00\n"
    "renew_online,The renewal was quick and easy,yesterday\n"
    "renew_online,The renewal was quick and easy,2026-05-06T12:00:00+03:30\n"
    "online_payment," + "خیلی " * 5000 + ",2026-05-07T12:00:00\n"  # 25,000 characters: not a comment
)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Settings, Workspace, int, Path]:
    settings = Settings.from_env()
    ws = Workspace.open(settings)
    map_id = ws.new_from_template("insurance", "fa").id
    path = tmp_path / "comments.csv"
    path.write_text(COMMENTS, encoding="utf-8")
    return settings, ws, map_id, path


def test_every_row_is_loaded_or_rejected_with_its_reason(
    setup: tuple[Settings, Workspace, int, Path],
) -> None:
    settings, ws, map_id, path = setup
    journey = ws.get_map(map_id).document
    with open_warehouse(settings) as wh:
        report = ingest_feedback(
            wh,
            path,
            dataset="c",
            map_id=map_id,
            journey=journey,
            text_col="text",
            touchpoint_col="touchpoint",
            time_col="when",
            tz="Asia/Tehran",
        )
        assert report.to_dict() == {
            "read": 8,
            "loaded": 4,
            "duplicates": 0,
            "rejected": 4,
            "quarantine": "rejected",
        }
        rejected = wh.raw.execute(
            "SELECT row_number, field, reason FROM rejected ORDER BY row_number"
        ).fetchall()
        assert rejected == [
            (4, "text", "feedback.empty_text"),
            (5, "touchpoint", "feedback.unknown_touchpoint"),
            (6, "when", "feedback.bad_time"),
            (8, "text", "feedback.text_too_long"),
        ]
        stored = wh.raw.execute(
            "SELECT row_number, touchpoint_id, CAST(ts AS VARCHAR), lang FROM comments ORDER BY row_number"
        ).fetchall()
        assert stored == [
            (1, "call_contact_centre", "2026-05-01 06:30:00", "fa"),  # Tehran is UTC+3:30
            (2, "call_contact_centre", "2026-05-02 07:30:00", "fa"),
            (3, "online_payment", "2026-05-03 08:30:00", "fa"),  # matched by the touchpoint's name
            (7, "renew_online", "2026-05-06 08:30:00", "en"),
        ]
        again = ingest_feedback(
            wh,
            path,
            dataset="c",
            map_id=map_id,
            journey=journey,
            text_col="text",
            touchpoint_col="touchpoint",
            time_col="when",
            tz="Asia/Tehran",
        )
        assert (again.loaded, again.duplicates, again.rejected) == (0, 4, 4)


def test_measured_emotion_is_twice_the_mean_sentiment(setup: tuple[Settings, Workspace, int, Path]) -> None:
    settings, ws, map_id, path = setup
    journey = ws.get_map(map_id).document
    with open_warehouse(settings) as wh:
        ingest_feedback(
            wh,
            path,
            dataset="c",
            map_id=map_id,
            journey=journey,
            text_col="text",
            touchpoint_col="touchpoint",
        )
        voice = touchpoint_voice(wh, map_id, journey)
    calls = score(["خیلی منتظر ماندم و کسی جواب نداد، افتضاح بود", "پشتیبانی بد بود و تماس قطع شد"])
    expected = round(2 * sum(s.score for s in calls) / 2, 2)
    entry = voice["call_contact_centre"]
    assumed = next(
        t.emotion.score for t in journey.touchpoints() if t.id == "call_contact_centre" and t.emotion
    )
    assert (entry.comments, entry.measured_emotion, entry.assumed_emotion) == (2, expected, assumed)
    assert entry.negative_share == sum(s.label == "negative" for s in calls) / 2
    assert entry.flagged == (abs(expected - assumed) >= 1)
    assert set(voice) == {"call_contact_centre", "online_payment", "renew_online"}


def test_a_missing_column_names_the_columns_there(setup: tuple[Settings, Workspace, int, Path]) -> None:
    settings, ws, map_id, path = setup
    with open_warehouse(settings) as wh, pytest.raises(InputError) as caught:
        ingest_feedback(
            wh, path, dataset="c", map_id=map_id, journey=ws.get_map(map_id).document, text_col="comment"
        )
    assert caught.value.details["columns"] == ["touchpoint", "text", "when"]


def test_the_cli_reports_json_and_claims_the_dataset(setup: tuple[Settings, Workspace, int, Path]) -> None:
    _, ws, map_id, path = setup
    result = CliRunner().invoke(
        app,
        [
            "feedback",
            "ingest",
            str(path),
            "--map",
            str(map_id),
            "--dataset",
            "c",
            "--touchpoint-col",
            "touchpoint",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "read": 8,
        "loaded": 5,
        "duplicates": 0,
        "rejected": 3,
        "quarantine": "rejected",
        "columns": {"text": "text", "touchpoint": "touchpoint"},  # "when" is no time column's usual name
        "reading": {"encoding": "UTF-8", "calendar": "-", "tz": "UTC"},
    }
    assert ws.datasets() == ["c"]
    bad = CliRunner().invoke(app, ["feedback", "ingest", str(path), "--map", "99", "--dataset", "c"])
    assert bad.exit_code == 2 and "99" in bad.stderr


def test_a_warehouse_neither_duckdb_nor_spark_refuses_answers_and_comments_before_reading(
    setup: tuple[Settings, Workspace, int, Path], tmp_path: Path
) -> None:
    from safar.surveys import Surveys, quick_survey
    from safar.voice.responses import import_responses

    _, ws, map_id, _ = setup
    journey = ws.get_map(map_id).document
    info = Surveys(ws).create(map_id, quick_survey(journey, ["nps"]))
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    settings = Settings.from_env({"SAFAR_HOME": str(tmp_path / "home"), "SAFAR_WAREHOUSE_URL": url})
    missing = tmp_path / "no such file.csv"  # the backend is refused before the file is read
    with open_warehouse(settings) as wh:
        with pytest.raises(ConfigError) as comments:
            ingest_feedback(wh, missing, dataset="c", map_id=map_id, journey=journey, text_col="text")
        with pytest.raises(ConfigError) as answers:
            import_responses(
                wh, missing, survey_id=info.id, map_id=map_id, survey=info.survey, journey=journey
            )
    for err in (comments.value, answers.value):
        assert (err.code, err.details) == ("warehouse.unsupported", {"url": url, "backend": "sqlite"})
    assert comments.value.message_for("en") == (
        f"Safar writes events, survey responses and comments into a DuckDB or a Spark warehouse only; the "
        f"warehouse at {url} is a sqlite backend. Unset SAFAR_WAREHOUSE_URL to use the DuckDB warehouse in "
        "SAFAR_HOME, or set it to spark:MASTER?path=FOLDER (docs/spark.md)."
    )
