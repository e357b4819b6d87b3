"""Issue 14's "done when": one Iranian export loads through events, comments and survey import alike.

The export is what an Iranian CRM gives a CX team: Persian headers and no column options, Jalali times across
Nowruz 1403 and its leap day 1403/12/30, Persian digits in ids and scores, Arabic ي/ك (Windows-1256 has no
Persian ye), a province column to segment by. It is written as Windows-1256 CSV, as UTF-8 CSV and as .xlsx;
each importer finds its columns by their Persian names, stores the same instants and customers, keeps the
province as a segment a Persian keyboard matches, and the Persian voice report counts by Jalali months.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from safar.config import Settings
from safar.context import Context
from safar.workspace import Workspace

HEADER = ["کد مشتری", "تاریخ", "فعالیت", "کانال", "استان", "nps", "نظر"]
ROWS = [
    ["C۰۰۱", "۱۴۰۲/۱۲/۲۸ ۰۹:۱۵", "ثبت خسارت", "تلفن", "تهران", "۹", "خيلي سريع جواب دادند"],
    ["C002", "1402/12/29 23:30", "پرداخت", "وب", "كرج", "6", "صفحه پرداخت كند بود"],
    ["C۰۰۳", "1403/01/01 10:30", "ثبت خسارت", "حضوری", "تهران", "10", "عالي بود، ممنون"],
    ["C001", "1403/01/15 08:00", "پرداخت", "وب", "تهران", "8", "پرداخت آسان بود"],
    ["C۰۰۴", "1403/12/30 12:00", "ثبت خسارت", "تلفن", "كرج", "۳", "هيچ كس جواب نداد"],
]
# Tehran is +03:30 all year since 1402 (no more daylight saving): the same moments in UTC.
INSTANTS = [
    datetime(2024, 3, 18, 5, 45),
    datetime(2024, 3, 19, 20, 0),
    datetime(2024, 3, 20, 7, 0),
    datetime(2024, 4, 3, 4, 30),
    datetime(2025, 3, 20, 8, 30),
]
CUSTOMERS = ["C001", "C002", "C003", "C001", "C004"]
READ_AS = {"csv-1256": "Windows-1256", "csv-utf8": "UTF-8", "xlsx": "xlsx"}
WINDOWS = str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789")  # the code page has no Persian ye nor Persian digits


def _columns(kind: str, **roles: str) -> dict[str, str]:
    """Role → header as the file wrote it (the report names the file's own columns)."""
    return {role: name.translate(WINDOWS) if kind == "csv-1256" else name for role, name in roles.items()}


def _write(folder: Path, kind: str) -> Path:
    if kind == "xlsx":
        book = openpyxl.Workbook()
        sheet = book.active
        for row in [HEADER, *ROWS]:
            sheet.append(row)
        path = folder / "crm.xlsx"
        book.save(path)
        return path
    text = "\r\n".join(",".join(f'"{v}"' if "," in v or "،" in v else v for v in r) for r in [HEADER, *ROWS])
    path = folder / "crm.csv"
    if kind == "csv-1256":
        path.write_bytes((text + "\r\n").translate(WINDOWS).encode("cp1256"))
    else:
        path.write_text(text + "\r\n", encoding="utf-8")
    return path


@pytest.fixture
def fa_workspace(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SAFAR_LANG", "fa")
    for name in ("SAFAR_TZ", "SAFAR_CALENDAR", "SAFAR_DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with Workspace.open(Settings.from_env()) as ws:
        yield ws


@pytest.mark.parametrize("kind", sorted(READ_AS))
def test_one_export_loads_alike_through_events_comments_and_answers(fa_workspace, tmp_path, kind):
    from safar.analytics import Filters, apply_filters, parse_segment
    from safar.services.ingestion import import_survey_responses, ingest_comments, ingest_events
    from safar.services.voice import voice
    from safar.surveys import Surveys, quick_survey
    from safar.warehouse import open_warehouse

    ws = fa_workspace
    map_id = ws.new_from_template("insurance", "fa").id
    survey = Surveys(ws).create(map_id, quick_survey(ws.get_map(map_id).document, ["nps"]))
    path = _write(tmp_path, kind)

    # No column options at all: every importer finds its columns by their Persian names.
    events = ingest_events(ws, path, dataset="crm").report
    comments = ingest_comments(ws, path, map_id=map_id, dataset="crm-comments").report
    answers = import_survey_responses(ws, survey.id, path).report
    reading = {"encoding": READ_AS[kind], "calendar": "jalali", "tz": "Asia/Tehran"}
    assert events.described() == {
        "read": 5,
        "loaded": 5,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
        "columns": _columns(kind, customer="کد مشتری", activity="فعالیت", time="تاریخ", channel="کانال"),
        "reading": reading,
    }
    assert comments.described() == {
        "read": 5,
        "loaded": 5,
        "duplicates": 0,
        "rejected": 0,
        "quarantine": "rejected",
        "columns": _columns(kind, text="نظر", customer="کد مشتری", time="تاریخ", channel="کانال"),
        "reading": reading,
    }
    assert answers.described() == {
        "read": 5,
        "loaded": 5,
        "duplicates": 0,
        "rejected": 0,
        "answers": 5,
        "dataset": f"survey-{survey.id}",
        "quarantine": "rejected",
        "columns": _columns(kind, customer="کد مشتری", time="تاریخ", channel="کانال"),
        "reading": reading,
    }

    with open_warehouse(ws.settings) as wh:
        assert wh.raw is not None
        stored = {
            "events": wh.raw.execute(
                "SELECT customer_id, ts FROM events WHERE dataset = 'crm' ORDER BY seq"
            ).fetchall(),
            "comments": wh.raw.execute(
                "SELECT customer_id, ts FROM comments WHERE dataset = 'crm-comments' ORDER BY row_number"
            ).fetchall(),
            "answers": wh.raw.execute(
                "SELECT customer_id, ts FROM responses WHERE survey_id = ? ORDER BY ts", [survey.id]
            ).fetchall(),
        }
        attributes = [
            json.loads(a)
            for (a,) in wh.raw.execute(
                "SELECT attributes FROM events WHERE dataset = 'crm' ORDER BY seq"
            ).fetchall()
        ]
        segment = parse_segment("استان=کرج")  # typed on a Persian keyboard; the file wrote كرج
        in_karaj = apply_filters(wh.events("crm"), Filters(segment=(segment,)))
        karaj = sorted(in_karaj.customer_id.to_pyarrow().to_pylist())
        answered_in_karaj = wh.raw.execute(
            "SELECT customer_id FROM responses WHERE survey_id = ? AND json_extract_string(attributes, ?) = ? "
            "ORDER BY customer_id",
            [survey.id, "$.استان", "کرج"],
        ).fetchall()
    expected = list(zip(CUSTOMERS, INSTANTS, strict=True))
    assert stored == {"events": expected, "comments": expected, "answers": expected}
    assert [a["استان"] for a in attributes] == ["تهران", "کرج", "تهران", "تهران", "کرج"]
    assert karaj == ["C002", "C004"]
    assert answered_in_karaj == [("C002",), ("C004",)]

    # The Persian voice report counts the answers by Jalali month (the first two answers are both in Esfand 1402).
    report = voice(Context(ws, "fa"), map_id, period="month")
    assert report.calendar == "jalali"
    assert [(r["label"], r["n"]) for r in report.trend["nps"]] == [
        ("اسفند ۱۴۰۲", 2),
        ("فروردین ۱۴۰۳", 2),
        ("اسفند ۱۴۰۳", 1),
    ]
