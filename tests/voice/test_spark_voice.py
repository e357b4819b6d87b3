"""Survey responses and comments on a Spark warehouse (local mode) give what they give on DuckDB.

One code path: the same validation, quarantine and deduplication run in DuckDB (the warehouse's own
connection, or a scratch database for Spark), and the readers are Ibis. Each test loads the same
files into a DuckDB home and a Spark home and compares whole results (floats to 1e-9 relative: the
engines add in different orders). One Spark session serves the module; it is stopped at the end.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safar import demo
from safar.cli import app
from safar.config import Settings
from safar.events.quarantine import rejected_rows
from safar.maps.templates import load_template
from safar.surveys import Surveys, quick_survey
from safar.voice.comments import map_comments
from safar.voice.feedback import ingest_feedback
from safar.voice.report import voice_report
from safar.voice.responses import import_responses, response_counts, responses_frame
from safar.voice.touchpoints import touchpoint_voice
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

pytestmark = [
    pytest.mark.spark,
    # Not Safar's code: PySpark 4.x calls pandas APIs that pandas 3 deprecates.
    pytest.mark.filterwarnings("ignore::pandas.errors.Pandas4Warning"),
]

BACKENDS = ("duckdb", "spark")
COMMENTS = (
    "touchpoint,text,when\n"
    "call_contact_centre,خیلی منتظر ماندم و کسی جواب نداد، افتضاح بود,2026-05-01T10:00:00\n"
    "call_contact_centre,پشتیبانی بد بود و تماس قطع شد,2026-05-02T11:00:00\n"
    "Pays through the online payment gateway,پرداخت آنلاین خیلی راحت و سریع بود، عالی,2026-05-03T12:00:00\n"
    "online_payment,,2026-05-04T12:00:00\n"
    "no_such_step,عالی,2026-05-05T12:00:00\n"
    "renew_online,The renewal was quick and easy,yesterday\n"
    "renew_online,The renewal was quick and easy,2026-05-06T12:00:00+03:30\n"
)


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory, spark_available: None) -> Iterator[dict[str, Settings]]:
    """A DuckDB home and a Spark home, each with the English insurance map (map 1)."""
    from safar.warehouse import spark

    base = tmp_path_factory.mktemp("voice-spark")
    tables = base / "spark tables"  # a space: the folder reaches Spark SQL and DuckDB quoted
    envs = {
        "duckdb": {"SAFAR_HOME": str(base / "duck"), "SAFAR_LANG": "en"},
        "spark": {
            "SAFAR_HOME": str(base / "spark"),
            "SAFAR_LANG": "en",
            "SAFAR_WAREHOUSE_URL": f"spark:local[2]?path={tables}",
        },
    }
    settings = {name: Settings.from_env(env) for name, env in envs.items()}
    for one in settings.values():
        with Workspace.open(one) as ws:
            assert ws.create_map(load_template("insurance", "en")).id == 1
    yield settings
    spark.stop()


def same(a: Any, b: Any) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))
    return bool(a == b)


def undated(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{**r, "ingested_at": None} for r in rows]


def survey_file(folder: Path) -> Path:
    """120 of the demo's seeded respondents with a segment column, then rows that must be refused."""
    journey = load_template("insurance", "en")
    rows = demo.synthetic_responses(journey, respondents=120, seed=5)
    for i, row in enumerate(rows):
        row["region"] = ("north", "south", "east")[i % 3]
    rows += [
        {**rows[0]},  # the same response id again: a duplicate
        {"response_id": "bad-nps", "customer_id": "C1", "time": "2026-06-01T10:00:00Z", "nps": "11"},
        {"response_id": "bad-time", "customer_id": "C2", "time": "last week", "nps": "7"},
        {"response_id": "empty", "customer_id": "C3", "time": "2026-06-01T10:00:00Z"},
    ]
    return demo.write_csv(rows, folder / "answers.csv")


def import_file(wh: Any, info: Any, journey: Any, path: Path) -> dict[str, Any]:
    report = import_responses(
        wh,
        path,
        survey_id=info.id,
        map_id=1,
        survey=info.survey,
        journey=journey,
        response_col="response_id",
        customer_col="customer_id",
        time_col="time",
        source_name=path.name,
    )
    return report.to_dict()


@pytest.fixture(scope="module")
def imported(homes: dict[str, Settings], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same responses file imported twice into each home, with the reports of both imports."""
    path = survey_file(tmp_path_factory.mktemp("answers"))
    out = {}
    for backend in BACKENDS:
        with Workspace.open(homes[backend]) as ws:
            journey = ws.get_map(1).document
            info = Surveys(ws).create(1, quick_survey(journey, demo.SURVEY_SPECS))
        with open_warehouse(homes[backend]) as wh:
            reports = [import_file(wh, info, journey, path) for _ in range(2)]
        out[backend] = {"info": info, "journey": journey, "reports": reports}
    return out


def test_imported_responses_are_accounted_for_on_spark_as_on_duckdb(
    homes: dict[str, Settings], imported: dict[str, Any]
) -> None:
    results = {}
    for backend in BACKENDS:
        info = imported[backend]["info"]
        with open_warehouse(homes[backend]) as wh:
            results[backend] = {
                "reports": imported[backend]["reports"],
                "rejected": undated(rejected_rows(wh, f"survey-{info.id}", "en")),
                "counts": response_counts(wh, [info.id, info.id + 1]),
                "frame": responses_frame(wh, info.survey, info.id).to_dict("records"),
            }
    spark, duck = results["spark"], results["duckdb"]
    assert same(spark, duck), {k: same(spark[k], duck[k]) for k in duck}
    first, again = spark["reports"]
    assert (first["read"], first["loaded"], first["duplicates"], first["rejected"]) == (124, 120, 1, 3)
    assert (again["loaded"], again["duplicates"], again["rejected"]) == (0, 121, 3)
    # the quarantine holds the latest import of the file once, with its reasons
    assert [(r["row_number"], r["field"], r["reason"]) for r in spark["rejected"]] == [
        (122, "nps", "survey.off_scale"),
        (123, "time", "feedback.bad_time"),
        (124, "", "survey.empty_response"),
    ]
    assert sorted(spark["counts"].values()) == [0, 120]
    assert len(spark["frame"]) == 120


def test_the_voice_report_of_imported_responses_is_the_same_on_spark(
    homes: dict[str, Settings], imported: dict[str, Any]
) -> None:
    reports = {}
    for backend in BACKENDS:
        info, journey = imported[backend]["info"], imported[backend]["journey"]
        with open_warehouse(homes[backend]) as wh:
            surveys = [(info.id, info.survey)]
            reports[backend] = voice_report(wh, 1, journey, surveys, by="segment:region", min_n=10)
    assert same(reports["spark"], reports["duckdb"])
    assert reports["spark"]["responses"] == 120 and reports["spark"]["comments"] > 0
    # the segment comes from the response attributes, a MAP column in Spark's Parquet
    assert {row["group"] for row in reports["spark"]["breakdown"]["rows"]} == {"north", "south", "east"}


def test_comments_ingest_on_spark_accounts_for_every_row_like_duckdb(
    homes: dict[str, Settings], tmp_path: Path
) -> None:
    path = tmp_path / "comments.csv"
    path.write_text(COMMENTS, encoding="utf-8")
    results = {}
    for backend in BACKENDS:
        settings = homes[backend]
        with Workspace.open(settings) as ws:
            journey = ws.get_map(1).document
        with open_warehouse(settings) as wh:
            reports = [
                ingest_feedback(
                    wh,
                    path,
                    dataset="talk",
                    map_id=1,
                    journey=journey,
                    text_col="text",
                    touchpoint_col="touchpoint",
                    time_col="when",
                    tz="Asia/Tehran",
                ).to_dict()
                for _ in range(2)
            ]
            voice = {k: v.to_dict() for k, v in touchpoint_voice(wh, 1, journey).items()}
            said = [c for c in map_comments(wh, 1, limit=500) if c["dataset"] == "talk"]
            results[backend] = (reports, undated(rejected_rows(wh, "talk", "en")), said, voice)
    assert same(results["spark"], results["duckdb"])
    reports, rejected, said, _ = results["spark"]
    assert reports == [
        {"read": 7, "loaded": 4, "duplicates": 0, "rejected": 3, "quarantine": "rejected"},
        {"read": 7, "loaded": 0, "duplicates": 4, "rejected": 3, "quarantine": "rejected"},
    ]
    assert [(r["row_number"], r["field"], r["reason"]) for r in rejected] == [
        (4, "text", "feedback.empty_text"),
        (5, "touchpoint", "feedback.unknown_touchpoint"),
        (6, "when", "feedback.bad_time"),
    ]
    assert [(c["touchpoint_id"], c["ts"], c["lang"]) for c in said] == [
        ("renew_online", "2026-05-06T08:30:00", "en"),
        ("online_payment", "2026-05-03T08:30:00", "fa"),  # matched by the touchpoint's name
        ("call_contact_centre", "2026-05-02T07:30:00", "fa"),  # Tehran is UTC+3:30
        ("call_contact_centre", "2026-05-01T06:30:00", "fa"),
    ]


def test_a_corrected_label_and_its_reset_read_the_same_on_spark(homes: dict[str, Settings]) -> None:
    """After the comments above: an editor's label is written to Spark's comment labels (the table rewritten
    whole under the folder's lock) and read by every comment reader as on DuckDB; a reset is too."""
    from safar.voice.corrections import adapt, correct, corrections, reset

    results = {}
    for backend in BACKENDS:
        settings = homes[backend]
        with Workspace.open(settings) as ws:
            journey = ws.get_map(1).document
        with open_warehouse(settings) as wh:
            talk = [c for c in map_comments(wh, 1, limit=500) if c["dataset"] == "talk"]
            first = talk[-1]  # «خیلی منتظر ماندم و کسی جواب نداد، افتضاح بود», read as negative
            done = correct(
                wh, map_id=1, dataset="talk", comment_id=first["comment_id"], label="neutral", by="ana"
            )
            adapt(wh, [1])
            said = sorted(
                (c["comment_id"], c["label"], c["label_by"]) for c in map_comments(wh, 1, limit=500)
            )
            voice = {k: v.to_dict() for k, v in touchpoint_voice(wh, 1, journey).items()}
            history = [(c.comment_id, c.was, c.label, c.by) for c in corrections(wh, [1])]
            reset(wh, [1], by="ana")
            after = sorted(
                (c["comment_id"], c["label"], c["label_by"]) for c in map_comments(wh, 1, limit=500)
            )
            results[backend] = (done.was, said, voice, history, after)
    assert same(results["spark"], results["duckdb"])
    was, said, _, history, after = results["spark"]
    corrected = [row for row in said if row[2] == "person"]
    assert was == "negative" and len(corrected) == 1 and corrected[0][1] == "neutral"
    assert len(history) == 1 and history[0][1:] == ("negative", "neutral", "ana")
    assert [row for row in after if row[2] != "model"] == corrected  # the editor's label stays after a reset


def test_an_answer_from_the_survey_page_is_stored_on_spark(homes: dict[str, Settings]) -> None:
    from datetime import UTC, datetime

    from safar.voice.answers import read_answers

    settings = homes["spark"]
    from safar.voice.pending import take_response

    with Workspace.open(settings) as ws:
        journey = ws.get_map(1).document
        info = Surveys(ws).create(1, quick_survey(journey, ["csat:wait_for_agent", "text:wait_for_agent"]))
        answers, problems = read_answers(
            info.survey, {"csat_wait_for_agent": "2", "text_wait_for_agent": "Nobody answered the phone"}
        )
        assert problems == []
        response_id = take_response(
            ws.engine,
            ws.workspace_id,
            settings,
            info.id,
            1,
            journey,
            answers,
            customer_id="C7",
            channel=None,
            lang="en",
            when=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
            source="web",
        ).response_id
    with open_warehouse(settings) as wh:
        frame = responses_frame(wh, info.survey, info.id).to_dict("records")
        said = [c for c in map_comments(wh, 1, limit=500) if c["dataset"] == f"survey-{info.id}"]
    assert frame == [
        {
            "response_id": response_id,
            "time": "2026-07-01T09:30:00Z",
            "customer_id": "C7",
            "channel": "ivr",  # the touchpoint's
            "lang": "en",
            "source": "web",
            "csat_wait_for_agent": 2,
            "text_wait_for_agent": "Nobody answered the phone",
        }
    ]
    assert [(c["touchpoint_id"], c["text"], c["lang"]) for c in said] == [
        ("wait_for_agent", "Nobody answered the phone", "en")
    ]


def test_the_demo_runs_to_the_end_on_spark(homes: dict[str, Settings], tmp_path: Path) -> None:
    """``safar demo --no-serve`` on a Spark warehouse: events, survey, alerts and the future map."""
    from safar.alerts import Alerts

    tables = tmp_path / "demo tables"
    env = {
        "SAFAR_HOME": str(tmp_path / "demo"),
        "SAFAR_LANG": "en",
        "SAFAR_WAREHOUSE_URL": f"spark:local[2]?path={tables}",
    }
    result = CliRunner().invoke(app, ["demo", "--no-serve", "--lang", "en"], env=env)
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:8000/w/default/maps/1" in result.output
    settings = Settings.from_env(env)
    with open_warehouse(settings) as wh:
        runs = wh.con.table("ingestions").select("dataset", "read", "loaded", "duplicates", "rejected")
        assert sorted(runs.to_pyarrow().to_pylist(), key=lambda r: r["dataset"]) == [
            {"dataset": demo.DATASET, "read": 26558, "loaded": 26558, "duplicates": 0, "rejected": 0},
            {"dataset": "survey-1", "read": 600, "loaded": 600, "duplicates": 0, "rejected": 0},
        ]
    with Workspace.open(settings) as ws:
        maps = [m.title for m in ws.list_maps()]
        fired = sorted((a.rule_id, a.kind, a.target_id) for a in Alerts(ws).feed())
    assert maps == [
        "Buying car insurance — current-state journey",
        "Future state: Buying car insurance — current-state journey",
    ]
    # the survey's answers reached the alert rules, as on DuckDB: the waiting line's satisfaction falls and the
    # claim comments' negative share rises
    assert fired == [
        (1, "satisfaction_falls", "wait_for_agent"),
        (2, "negative_sentiment_rises", "report_claim"),
    ]
