"""Files no event log looks like — thousands of columns, a field of megabytes (an unclosed quote, say) — are
refused with what is wrong, where and what to do, nothing loaded; never a crash or a page of megabytes."""

from __future__ import annotations

from typing import Any

import pytest

from safar.config import Settings
from safar.errors import InputError
from safar.events import ingest_file
from safar.events.preview import preview_file
from safar.events.readers import BLOCK
from safar.events.sniff import FIELD_LIMIT, MAX_COLUMNS

HEADER = "customer,activity,time"


def _refused(call: Any) -> InputError:
    with pytest.raises(InputError) as refused:
        call()
    return refused.value


def test_a_file_of_more_columns_than_an_event_log_has_is_refused(
    settings: Settings, write: Any, look: Any
) -> None:
    names = ["customer", "activity", "time", *(f"c{i}" for i in range(MAX_COLUMNS))]
    path = write(
        "wide.csv",
        ",".join(names) + "\n" + ",".join(["c1", "visit", "2024-01-01 10:00"] + ["x"] * MAX_COLUMNS),
    )
    for call in (lambda: preview_file(path), lambda: ingest_file(settings, path, dataset="wide")):
        err = _refused(call)
        assert (err.code, err.details["columns"], err.details["limit"]) == (
            "events.too_many_columns",
            MAX_COLUMNS + 3,
            MAX_COLUMNS,
        )
        assert "Nothing was loaded" in err.message_for("en") and "ستون" in err.message_for("fa")
    # at the limit, the file is read (its preview: ingesting a column costs ~33 ms today, 33 s for 1,000)
    at_limit = write(
        "ok.csv",
        ",".join(names[:MAX_COLUMNS])
        + "\n"
        + ",".join(["c1", "visit", "2024-01-01 10:00"] + ["x"] * (MAX_COLUMNS - 3))
        + "\n",
    )
    assert len(preview_file(at_limit).columns) == MAX_COLUMNS
    assert look.events("wide") == []


def test_a_field_longer_than_any_value_names_its_line(write: Any) -> None:
    path = write(
        "long.csv",
        f"{HEADER}\nc1,visit,2024-01-01 10:00\nc2,{'a' * (FIELD_LIMIT + 1)},2024-01-01 11:00\nc3,visit,2024-01-01 12:00\n",
    )
    err = _refused(lambda: preview_file(path))
    assert (err.code, err.details["line"], err.details["limit_kb"]) == (
        "events.field_too_long",
        3,
        FIELD_LIMIT // 1024,
    )
    assert "quote" in err.message_for("en")


def test_a_row_longer_than_a_block_is_refused_and_nothing_is_loaded(
    settings: Settings, write: Any, look: Any
) -> None:
    """An unclosed quote swallows the rest of the file into one field: Arrow cannot read it in blocks."""
    rows = "".join(f"c{i},visit,2024-01-01 10:00\n" for i in range(10))
    path = write(
        "quote.csv", f'{HEADER}\n{rows}c99,"never closed,2024-01-01 10:00\n' + "x" * (2 * BLOCK + 1024) + "\n"
    )
    err = _refused(lambda: ingest_file(settings, path, dataset="quote"))
    assert (err.code, err.details["limit_kb"]) == ("events.row_too_long", BLOCK // 1024)
    assert "Nothing was loaded" in err.message_for("en") and "گیومه" in err.message_for("fa")
    assert look.events("quote") == []
