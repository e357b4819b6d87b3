"""Guess a CSV file's text encoding and delimiter from its first bytes.

UTF-8 (with or without BOM) is preferred; a sample with invalid UTF-8, no valid
multi-byte UTF-8 text, and Persian/Arabic words when read as cp1256 is taken as
cp1256 (Persian/Arabic Windows). A UTF-8 file
with a few broken rows stays UTF-8 so that only those rows are quarantined.

>>> sniff_encoding("سفر,1\\n".encode("cp1256"))
'cp1256'
>>> sniff_encoding("سفر,1\\n".encode("utf-8"))
'utf-8'
>>> sniff_delimiter("a;b;c\\n1;2;3\\n")
';'
"""

from __future__ import annotations

import codecs
import csv
import re

from safar.errors import InputError

DELIMITERS = ",;\t|"
_ARABIC_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc]{2,}")
SAMPLE_BYTES = 1 << 18


def check_encoding(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise InputError("events.bad_encoding", encoding=name) from None


def sniff_encoding(sample: bytes) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8"
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
    if bad and not good_multibyte and _ARABIC_WORD.search(sample.decode("cp1256", errors="replace")):
        return "cp1256"
    return "utf-8"


def sniff_delimiter(text: str) -> str:
    """The candidate that splits the header into most fields, the following lines into as many."""
    lines = text.splitlines()[:50]
    if len(lines) > 2:
        lines = lines[:-1]  # the sample may end inside a line

    def score(delimiter: str) -> tuple[int, int]:
        rows = list(csv.reader(lines, delimiter=delimiter))
        width = len(rows[0]) if rows else 0
        agree = sum(len(row) == width for row in rows[1:]) if width > 1 else -1
        return agree, width

    return max(DELIMITERS, key=score)


def read_sample(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(SAMPLE_BYTES)
