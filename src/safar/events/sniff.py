"""Guess a text file's encoding and delimiter from its first bytes, the same way for every importer.

A byte-order mark decides first: UTF-8 with BOM, UTF-16 (Excel's "Unicode text", little- or
big-endian). Without one, UTF-8 is preferred; a sample with invalid UTF-8, no valid
multi-byte UTF-8 text, and Persian/Arabic words when read as an Arabic-script code page is
taken as that code page: cp1256 (Persian/Arabic Windows) or ISO-8859-6, whichever reads
more of the sample as Arabic-script letters (ISO-8859-6 has no پ چ ژ گ and leaves cp1256's
bytes for them as control characters). A UTF-8 file with a few broken rows stays UTF-8 so
that only those rows are quarantined.

>>> sniff_encoding("سفر,1\\n".encode("cp1256"))
'cp1256'
>>> sniff_encoding("سفر,1\\n".encode("utf-8"))
'utf-8'
>>> sniff_encoding("سفر,1\\n".encode("utf-16"))
'utf-16'
>>> sniff_encoding("علي,1\\n".encode("iso-8859-6"))
'iso8859-6'
>>> sniff_delimiter("a;b;c\\n1;2;3\\n")
';'
"""

from __future__ import annotations

import codecs
import csv
import gzip
import re
from collections.abc import Iterable
from typing import IO

from safar.errors import InputError

DELIMITERS = ",;\t|"
_ARABIC_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{2,}")
_ARABIC_LETTER = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]")
SAMPLE_BYTES = 1 << 18


def check_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):  # ValueError: a name with a NUL in it
        raise InputError("events.bad_encoding", encoding=name) from None


def sniff_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    lines = sample.splitlines()
    if len(lines) > 1 and not sample.endswith((b"\n", b"\r")):
        lines = lines[:-1]  # the sample may cut the last line inside a character
    good_multibyte = bad = 0
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
        else:
            good_multibyte += not line.isascii()
    if bad and not good_multibyte:
        readings = {name: sample.decode(name, errors="replace") for name in ("cp1256", "iso8859-6")}
        scores = {name: len(_ARABIC_LETTER.findall(text)) for name, text in readings.items()}
        best = max(scores, key=lambda name: (scores[name], name == "cp1256"))
        if _ARABIC_WORD.search(readings[best]):
            return best
    return "utf-8"


def decode_text(raw: bytes, encoding: str | None, *, path: str) -> tuple[str, str]:
    """The text of a whole file and the encoding it was read in (``encoding`` given, else sniffed).

    A byte the encoding cannot read is an ``InputError`` naming the line and what to pass; a BOM is dropped.
    """
    name = check_encoding(encoding) if encoding else sniff_encoding(raw[:SAMPLE_BYTES])
    codec = {"utf-8": "utf-8-sig", "utf-16": "utf-16"}.get(name, name)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "input.bad_text", path=path, encoding=label(name), line=line, byte=exc.start
        ) from None
    return text.lstrip("\ufeff"), label(name)


def label(encoding: str) -> str:
    """How a summary names an encoding."""
    names = {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8",
        "utf8": "UTF-8",
        "utf-16": "UTF-16",
        "cp1256": "Windows-1256",
    }
    return names.get(encoding, "ISO-8859-6" if encoding == "iso8859-6" else encoding)


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the header into most fields, the following lines into as many."""
    lines = text.splitlines()[:50]
    if len(lines) > 2:
        lines = lines[:-1]  # the sample may end inside a line

    def score(delimiter: str) -> tuple[int, int]:
        try:
            rows = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:  # a field longer than FIELD_LIMIT: said by split_rows, where the rows are read
            return -1, 0
        width = len(rows[0]) if rows else 0
        agree = sum(len(row) == width for row in rows[1:]) if width > 1 else -1
        return agree, width

    return max(DELIMITERS, key=score)


# The longest field a sample is read with (Python's csv limit, 128 KB): no event's value is longer; a file
# with one has an unclosed quote more often than not.
FIELD_LIMIT = csv.field_size_limit()


def split_rows(lines: Iterable[str], delimiter: str, path: str) -> list[list[str]]:
    """``lines`` read as CSV rows; a field past :data:`FIELD_LIMIT` is ``events.field_too_long`` naming
    its line, not a crash."""
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        return list(reader)
    except csv.Error as exc:
        raise InputError(
            "events.field_too_long", path=path, line=reader.line_num, limit_kb=FIELD_LIMIT // 1024
        ) from exc


# The most columns an events file may have: CRM and contact-centre exports have tens to a few hundred; a
# file with thousands is not an event log (and its mapping page would be megabytes of choices).
MAX_COLUMNS = 1000


def check_width(header: list[str], path: str) -> list[str]:
    """``header``, or ``events.too_many_columns`` past :data:`MAX_COLUMNS`."""
    if len(header) > MAX_COLUMNS:
        raise InputError("events.too_many_columns", path=path, columns=len(header), limit=MAX_COLUMNS)
    return header


# What a gzipped file may unpack to: GZIP_RATIO times its size, and never less than GZIP_FLOOR. Real event
# logs unpack to 19-43 times their size (the XES logs of ../shared/data); a compression bomb to thousands.
GZIP_RATIO = 100
GZIP_FLOOR = 256 * 1024 * 1024


def open_bytes(path: str) -> tuple[IO[bytes], IO[bytes]]:
    """The file (for its position: how far a reader got) and its bytes, gunzipped when it is gzip, within
    the unpacking budget (:data:`GZIP_RATIO`, :data:`GZIP_FLOOR`): past it ``events.gzip_budget``."""
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0, 2)
        size = raw.tell()
        raw.seek(0)
        return raw, BudgetedGzip(raw, path, size, max(GZIP_FLOOR, GZIP_RATIO * size))  # type: ignore[return-value]
    raw.seek(0)
    return raw, raw


class BudgetedGzip(gzip.GzipFile):
    """A gzip stream that stops with ``events.gzip_budget`` once it has unpacked more than ``limit`` bytes,
    read a piece at a time (a read of everything is a loop of pieces, each checked)."""

    PIECE = 1 << 20

    def __init__(self, raw: IO[bytes], path: str, size: int, limit: int) -> None:
        super().__init__(fileobj=raw)
        self._path, self._size, self._limit = path, size, limit

    def _checked(self, data: bytes) -> bytes:
        if self.tell() > self._limit:
            raise InputError(
                "events.gzip_budget",
                path=self._path,
                limit_mb=self._limit // (1024 * 1024),
                size_mb=round(self._size / (1024 * 1024), 1),
                ratio=GZIP_RATIO,
            )
        return data

    def read(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            return self._checked(super().read(size))
        pieces = []
        while piece := self._checked(super().read(self.PIECE)):
            pieces.append(piece)
        return b"".join(pieces)

    def read1(self, size: int = -1) -> bytes:
        return self._checked(super().read1(size if size >= 0 else self.PIECE))

    def readline(self, size: int | None = -1) -> bytes:
        if size is not None and size >= 0:
            return self._checked(super().readline(size))
        pieces = []  # a whole line, however long, read a checked piece at a time
        while piece := self._checked(super().readline(self.PIECE)):
            pieces.append(piece)
            if piece.endswith(b"\n"):
                break
        return b"".join(pieces)

    def peek(self, n: int) -> bytes:
        return self._checked(super().peek(n))


def read_sample(path: str) -> bytes:
    """The file's first bytes (gunzipped when it is gzip)."""
    raw, stream = open_bytes(path)
    try:
        return stream.read(SAMPLE_BYTES)
    except (OSError, EOFError) as exc:  # a broken gzip stream
        raise InputError("events.unreadable", path=path, format="gzip", detail=str(exc)[:300]) from None
    finally:
        raw.close()
