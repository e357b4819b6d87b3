"""A first look at an event file before it is imported (پیش‌نمایش): its first rows as they will be read, the
column each role would take, and how its text and times would be read, for a person to confirm or change.

Everything here reads the file as :func:`safar.events.ingest.ingest_file` will: the same encoding sniffing
and delimiter guess for text files, the same sheet reading for Excel, the same tokenizer for XES, the same
column names (:func:`safar.events.columns.propose_columns`) and the same time reading
(:func:`safar.events.dates.read_times`). Only the first rows are read, so a preview of a large file is quick.

>>> import pathlib, tempfile
>>> path = pathlib.Path(tempfile.mkdtemp()) / "crm.csv"
>>> _ = path.write_text("کد مشتری,رویداد,تاریخ\\nc1,ثبت,1402/05/14 10:30\\n", encoding="utf-8")
>>> seen = preview_file(path, tz="Asia/Tehran")
>>> seen.roles["customer"], seen.calendar, seen.times[0]
('کد مشتری', 'jalali', datetime.datetime(2023, 8, 5, 7, 0))
"""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyarrow.parquet as pq

from safar.errors import InputError
from safar.events import xes
from safar.events.columns import KEPT_ROLES, propose_columns
from safar.events.dates import TimeReading, read_times
from safar.events.ingest import FORMATS, detect_format
from safar.events.sheets import read_sheet, sheet_names
from safar.events.sniff import (
    SAMPLE_BYTES,
    check_encoding,
    check_width,
    label,
    open_bytes,
    read_sample,
    sniff_delimiter,
    sniff_encoding,
    split_rows,
)

ROWS = 10
# What a person confirms; the rest follow the names. ``reply_to`` and ``inbound`` are never proposed (pairing threads
# changes whose events the messages are: only a person chooses it).
ROLES = ("customer", "activity", "time", "channel", "id", "reply_to", "inbound")
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@dataclass(frozen=True)
class FilePreview:
    """The first rows of a file and how they would be read."""

    format: str
    columns: list[str]
    rows: list[list[str]]
    roles: dict[str, str | None]  # role → the column it would take (None: not found)
    encoding: str | None = None  # the label, for text files
    delimiter: str | None = None
    sheets: list[str] = field(default_factory=list)  # an Excel workbook's
    sheet: str | None = None
    calendar: str | None = None  # how the time column's dates read ("jalali"/"gregorian"), when they do
    times: list[dt.datetime | None] = field(default_factory=list)  # each shown row's time, naive UTC
    time_problem: str | None = None  # why the time column cannot be read as it is (a catalogue message key)
    time_values: dict[str, object] = field(default_factory=dict)  # the values of that message

    @property
    def fixed(self) -> bool:
        """Whether the roles are fixed by the format (XES names its own) rather than chosen."""
        return self.format == "xes"

    @property
    def attributes(self) -> list[str]:
        """The columns no role takes: kept with each event as its attributes."""
        taken = {c for role, c in self.roles.items() if c and role not in KEPT_ROLES}  # those stay too
        return [c for c in self.columns if c not in taken]


def preview_file(
    path: str | Path,
    *,
    format: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    given: dict[str, str | None] | None = None,
    tz: str = "UTC",
    calendar: str = "auto",
    time_format: str | None = None,
    rows: int = ROWS,
) -> FilePreview:
    """The first ``rows`` rows of ``path`` and the roles, encoding and times they would be read with.

    ``given`` names columns a person chose (``""``: none for an optional role); the others are proposed.
    """
    source = Path(path)
    fmt = format or detect_format(source)
    if fmt not in FORMATS:
        raise InputError("events.unknown_format", path=str(source), formats=list(FORMATS))
    extra: dict[str, object] = {}
    if fmt == "csv":
        columns, found, extra = _text_rows(source, encoding, rows)
    elif fmt == "xlsx":
        names = sheet_names(source)
        frame = read_sheet(source, sheet, rows=rows)
        columns = list(frame.columns)
        found = [[str(v) for v in row] for row in frame.itertuples(index=False)]
        extra = {"sheets": names, "sheet": sheet or names[0]}
    elif fmt == "jsonl":
        columns, found = _json_rows(source, rows)
    elif fmt == "parquet":
        columns, found = _parquet_rows(source, rows)
    else:
        columns, found = xes.head(str(source), rows)
    if not columns:
        raise InputError("events.empty_file", path=str(source))
    roles = dict(xes.ROLES) if fmt == "xes" else _roles(columns, given or {})
    roles = {role: (name if name in columns else None) for role, name in roles.items()}
    preview = FilePreview(fmt, columns, found, roles, **extra)  # type: ignore[arg-type]
    return _with_times(preview, source, TimeReading(tz=tz, calendar=calendar, time_format=time_format))


def _roles(columns: list[str], given: dict[str, str | None]) -> dict[str, str | None]:
    proposed = propose_columns(columns)
    for role, name in given.items():
        if name is not None:
            proposed[role] = name or None
    return proposed


def _text_rows(
    source: Path, encoding: str | None, rows: int
) -> tuple[list[str], list[list[str]], dict[str, object]]:
    sample = read_sample(str(source))
    name = check_encoding(encoding) if encoding else sniff_encoding(sample)
    codec = {"utf-8": "utf-8-sig", "utf8": "utf-8-sig"}.get(name, name)
    text = sample.decode(codec, errors="replace").lstrip("\ufeff")
    if not text.strip():
        raise InputError("events.empty_file", path=str(source))
    delimiter = sniff_delimiter(text)
    lines = text.splitlines(keepends=True)
    if len(sample) >= SAMPLE_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the sample ends inside a line
    parsed = split_rows(io.StringIO("".join(lines[: rows + 1])), delimiter, str(source))
    header, body = (check_width(parsed[0], str(source)), parsed[1:]) if parsed else ([], [])
    return header, body[:rows], {"encoding": label(name), "delimiter": delimiter}


def _json_rows(source: Path, rows: int) -> tuple[list[str], list[list[str]]]:
    objects: list[dict[str, object]] = []
    raw, handle = open_bytes(str(source))  # gunzipped when it is gzip
    with raw, handle:
        for line in handle:
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError:
                continue  # quarantined by the import as row.bad_json; the preview shows the rows that read
            if isinstance(value, dict):
                objects.append(value)
            if len(objects) >= rows:
                break
    columns: list[str] = []
    for obj in objects:
        columns.extend(k for k in obj if k not in columns)
    return columns, [[_text(obj.get(c)) for c in columns] for obj in objects]


def _parquet_rows(source: Path, rows: int) -> tuple[list[str], list[list[str]]]:
    try:
        handle = pq.ParquetFile(source)
    except Exception as exc:  # pyarrow raises several kinds for a broken file
        raise InputError(
            "events.unreadable", path=str(source), format="Parquet", detail=str(exc)[:300]
        ) from None
    columns = list(handle.schema_arrow.names)
    batch = next(handle.iter_batches(batch_size=rows), None)
    data = batch.to_pylist() if batch is not None else []
    return columns, [[_text(row.get(c)) for c in columns] for row in data[:rows]]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _with_times(preview: FilePreview, source: Path, reading: TimeReading) -> FilePreview:
    column = preview.roles.get("time")
    if column is None or not preview.rows:
        return preview
    index = preview.columns.index(column)
    values = [row[index] if index < len(row) else "" for row in preview.rows]
    try:
        read = read_times(values, reading.checked(), path=source.name, field=column)
    except InputError as err:
        return _replace(preview, time_problem=err.code, time_values=dict(err.details))
    return _replace(preview, calendar=read.calendar, times=read.times)


def _replace(preview: FilePreview, **changes: object) -> FilePreview:
    return replace(preview, **changes)  # type: ignore[arg-type]
