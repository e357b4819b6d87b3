"""Customer comments linked to a map's touchpoints, scored for sentiment, kept in the warehouse.

A comments file is a CSV or Excel sheet with a text column and, optionally, a touchpoint column (a touchpoint id
or its exact name on the map), a customer column and a time column, named or found by their usual names
(:data:`safar.events.columns.COMMENT_ROLES`: «متن»/«نظر», «نقطه تماس», «کد مشتری», «زمان», …). Every row is
accounted for:
loaded, a duplicate of one already loaded, or rejected with its row number, field and reason
(empty text, a touchpoint the map does not have, an unreadable time) into the ``rejected`` table.
The same code stores them on DuckDB and on Spark (:mod:`safar.voice.loading`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from safar.errors import InputError
from safar.events.columns import COMMENT_ROLES, pick_columns
from safar.events.dates import TimeReading, read_times
from safar.events.letters import normalize_id, normalize_letters
from safar.model import JourneyMap
from safar.model.text import normalize_text
from safar.voice.loading import Rejection, check_writable, open_load
from safar.voice.sentiment import score
from safar.voice.tables import read_table
from safar.warehouse import Warehouse

# The longest comment read, in characters (a long e-mail is a few thousand); a longer text is rejected with
# its row, never cut.
MAX_TEXT = 20_000


@dataclass(frozen=True)
class FeedbackReport:
    read: int
    loaded: int
    duplicates: int
    rejected: int
    reading: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    columns: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        counts = {k: v for k, v in self.__dict__.items() if k not in ("reading", "columns")}
        return {**counts, "quarantine": "rejected"}

    def described(self) -> dict[str, Any]:
        """The counts, and how the file was read: which column took which role, its encoding, calendar
        and time zone (what ``--json`` prints)."""
        return {**self.to_dict(), "columns": self.columns, "reading": self.reading}


@dataclass(frozen=True)
class _Row:
    number: int
    raw: dict[str, str]


def ingest_feedback(
    warehouse: Warehouse,
    path: str | Path,
    *,
    dataset: str,
    map_id: int,
    journey: JourneyMap,
    text_col: str | None = None,
    touchpoint_col: str | None = None,
    customer_col: str | None = None,
    time_col: str | None = None,
    channel_col: str | None = None,
    tz: str = "UTC",
    calendar: str = "auto",
    time_format: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    touchpoint: str | None = None,
    lang: str | None = None,
    source_name: str | None = None,
) -> FeedbackReport:
    """Read, check, score and store the comments of ``path`` for map ``map_id``.

    Times, digits, letters and the encoding are read as events are (:mod:`safar.events.dates`, ...).
    ``touchpoint`` (an id of the map) is every comment's, instead of a touchpoint column; ``lang`` (fa or
    en) is every comment's language for its sentiment, instead of the one its script says; the import is
    recorded under ``source_name`` (the name a file was sent with) when given.
    """
    check_writable(warehouse)
    started = datetime.now(UTC).replace(tzinfo=None)
    source = Path(path)
    if touchpoint is not None and touchpoint not in {t.id for t in journey.touchpoints()}:
        raise InputError("edit.unknown_touchpoint", touchpoint=touchpoint)
    if touchpoint is not None:
        touchpoint_col = ""  # every row's: no column is read for it
    reading = TimeReading(tz=zone_of(tz).key, calendar=calendar, time_format=time_format).checked()
    table = read_table(source, encoding=encoding, sheet=sheet)
    frame = table.frame
    columns = pick_columns(
        list(frame.columns),
        COMMENT_ROLES,
        given={
            role: name
            for role, name in (
                ("text", text_col),
                ("touchpoint", touchpoint_col),
                ("customer", customer_col),
                ("time", time_col),
                ("channel", channel_col),
            )
            if name != ""  # "": the file has no such column
        },
        source=source_name or str(source),
        required={"text": "--text-col"},
        absent=[
            r
            for r, n in (
                ("touchpoint", touchpoint_col),
                ("customer", customer_col),
                ("time", time_col),
                ("channel", channel_col),
            )
            if n == ""
        ],
    )
    text_col = columns["text"]
    touchpoint_col, customer_col, time_col, channel_col = (
        columns.get(r) for r in ("touchpoint", "customer", "time", "channel")
    )
    times = (
        read_times([str(v) for v in frame[time_col].tolist()], reading, path=str(source), field=time_col)
        if time_col
        else None
    )
    touchpoints = {t.id: t.id for t in journey.touchpoints()} | {
        normalize_letters(t.name): t.id for t in journey.touchpoints()
    }
    good: list[dict[str, Any]] = []
    bad: list[Rejection] = []
    seen: dict[str, int] = {}
    for i, record in enumerate(frame.to_dict("records")):
        row = _Row(i + 1, {k: str(v) for k, v in record.items()})
        text = normalize_text(row.raw[text_col]).strip()  # the words as written: marks kept
        if not text:
            bad.append((row.number, text_col, "feedback.empty_text", "", row.raw))
            continue
        if len(text) > MAX_TEXT:  # not a comment: scoring it would take the memory of thousands
            bad.append((row.number, text_col, "feedback.text_too_long", "", row.raw))
            continue
        about = touchpoint  # every row's, when one was given
        if touchpoint_col and row.raw[touchpoint_col].strip():
            value = normalize_letters(row.raw[touchpoint_col].strip())
            about = touchpoints.get(value)
            if about is None:
                bad.append((row.number, touchpoint_col, "feedback.unknown_touchpoint", value, row.raw))
                continue
        when = None
        if time_col and times is not None:
            when = times.times[i]
            reason = times.reasons[i]
            if reason is not None:
                code = "feedback.ambiguous_time" if reason == "row.ambiguous_time" else "feedback.bad_time"
                bad.append((row.number, time_col, code, row.raw[time_col], row.raw))
                continue
        digest = hashlib.md5(json.dumps(row.raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
        seen[digest] = seen.get(digest, 0) + 1
        comment_id = digest if seen[digest] == 1 else f"{digest}#{seen[digest] - 1}"
        good.append(
            {
                "dataset": dataset,
                "comment_id": comment_id,
                "map_id": map_id,
                "touchpoint_id": about,
                "customer_id": normalize_id(row.raw[customer_col].strip()) or None if customer_col else None,
                "ts": when,
                "text": text,
                "row_number": row.number,
                "channel": (normalize_letters(row.raw[channel_col].strip()) or None) if channel_col else None,
            }
        )
    with open_load(warehouse) as load:
        already = load.known_comments(dataset, [g["comment_id"] for g in good])
        fresh = [g for g in good if g["comment_id"] not in already]
        for g, sentiment in zip(fresh, score([g["text"] for g in fresh], lang=lang), strict=True):
            g.update(lang=sentiment.lang, label=sentiment.label, score=sentiment.score)
        used = {
            "encoding": table.encoding,
            "calendar": times.calendar if times else "-",
            "tz": reading.tz,
        }
        report = FeedbackReport(len(frame), len(fresh), len(good) - len(fresh), len(bad), used, columns)
        load.add_comments(fresh)
        load.record(
            dataset, source_name or str(source), bad, (report.read, report.loaded, report.duplicates), started
        )
    return report


def zone_of(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # "America" is a folder: IsADirectoryError
        raise InputError("feedback.bad_tz", tz=tz) from exc
