"""Survey answers from an Iranian export: Windows-1256 or UTF-16, Jalali times, Persian digits in ids and scores."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from safar.errors import InputError
from safar.services.ingestion import import_survey_responses
from safar.surveys import Surveys, quick_survey
from safar.warehouse import open_warehouse

HEADER = ["شناسه", "کد مشتری", "زمان", "nps"]
ROWS = [
    ["R۱", "C۰۰۱", "۱۴۰۲/۱۲/۲۹ ۲۳:۳۰", "۹"],
    ["R2", "C001", "1403/01/01 10:30", "10"],
    ["R3", "C۰۰۲", "1403/12/30 08:00", "۶"],
    ["R4", "C002", "1403/12/31 08:00", "7"],  # no such day, even in the leap year 1403
]


def _write(setup: Any, encoding: str, delimiter: str) -> Any:
    text = "\r\n".join(delimiter.join(r) for r in [HEADER, *ROWS]) + "\r\n"
    if encoding == "cp1256":  # the code page has no Persian ye nor Persian digits
        text = text.translate(str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789"))
    path = setup.folder / "answers.txt"
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "delimiter", "label"), [("cp1256", ",", "Windows-1256"), ("utf-16", "\t", "UTF-16")]
)
def test_answers_with_jalali_times_and_persian_digits(setup, encoding, delimiter, label):
    journey = setup.workspace.get_map(setup.map_id).document
    info = Surveys(setup.workspace).create(setup.map_id, quick_survey(journey, ["nps"]))
    path = _write(setup, encoding, delimiter)
    done = import_survey_responses(
        setup.workspace,
        info.id,
        path,
        response_col="شناسه",
        customer_col="کد مشتری",
        time_col="زمان",
        tz="Asia/Tehran",
    )
    assert done.report.to_dict() | {"dataset": None} == {
        "read": 4,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 1,
        "answers": 3,
        "dataset": None,
        "quarantine": "rejected",
    }
    assert done.report.reading == {"encoding": label, "calendar": "jalali", "tz": "Asia/Tehran"}
    with open_warehouse(setup.settings) as wh:
        assert wh.raw is not None
        rows = wh.raw.execute(
            "SELECT response_id, customer_id, ts, value FROM responses WHERE survey_id = ? ORDER BY ts",
            [info.id],
        ).fetchall()
        rejected = wh.raw.execute("SELECT row_number, field, reason FROM rejected").fetchall()
    assert rows == [
        ("file:R1", "C001", datetime(2024, 3, 19, 20, 0), 9.0),
        ("file:R2", "C001", datetime(2024, 3, 20, 7, 0), 10.0),
        ("file:R3", "C002", datetime(2025, 3, 20, 4, 30), 6.0),
    ]
    assert rejected == [(4, "زمان", "feedback.bad_time")]


def test_an_import_whose_every_row_is_rejected_is_an_error(setup):
    journey = setup.workspace.get_map(setup.map_id).document
    info = Surveys(setup.workspace).create(setup.map_id, quick_survey(journey, ["nps"]))
    path = setup.csv("bad.csv", ["when", "nps"], [["yesterday", "9"], ["tomorrow", "8"]])
    with pytest.raises(InputError) as caught:
        import_survey_responses(setup.workspace, info.id, path, time_col="when", tz="UTC")
    assert caught.value.code == "input.all_rejected"
    assert caught.value.details["rejected"] == 2
    assert caught.value.details["row"] == 1
    assert "yesterday" in caught.value.details["reason"]
