"""Digits and letters: the Python functions and the SQL macros the events importer runs agree."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safar.events.digits import number_text, read_number
from safar.events.letters import normalize_id, normalize_letters
from safar.events.sniff import sniff_encoding
from safar.events.transform import MACROS

ALPHABET = "abC1 \u200cيىكیکسلامَُِّْٰـ۰۱۲۹٠١٩٫٬.,-+\t"


@pytest.fixture(scope="module")
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    for macro in MACROS:
        con.execute(macro)
    return con


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=12))
def test_sql_and_python_agree(con: duckdb.DuckDBPyConnection, text: str) -> None:
    letters, ids, number = con.execute(
        "SELECT safar_letters($1), safar_id($1), safar_number($1)", [text]
    ).fetchone()  # type: ignore[misc]
    assert letters == normalize_letters(text)
    assert ids == normalize_id(text)
    expected = text if text.isascii() else (number_text(text) or text)
    assert number == expected


def test_ids_amounts_and_letters() -> None:
    assert normalize_id("C۰۰۱") == normalize_id("C001") == "C001"
    assert normalize_id("C٠٠١") == "C001"
    assert normalize_letters("پشتيباني") == "پشتیبانی"
    assert normalize_letters("مُحَمَّد") == "محمد"
    assert normalize_letters("می\u200c\u200cخواهم ") == "می\u200cخواهم "
    assert read_number("۱۲۵٬۰۰۰") == 125000
    assert read_number("٣٢٫٥") == 32.5
    assert number_text("1,5") is None  # a comma is never guessed as decimal or thousands
    assert number_text("۱۲٬۳۴") is None  # thousands come in threes
    with pytest.raises(ValueError):
        read_number("ده")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("کد مشتري,زمان\nC1,1402/05/14\n".replace("ی", "ي").encode("cp1256"), "cp1256"),
        ("كد,زمان\nعلي,1402/05/14\n".encode("iso8859-6"), "iso8859-6"),
        ("کد مشتری\tزمان\n".encode("utf-16"), "utf-16"),
        ("کد مشتری\tزمان\n".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
        ("کد مشتری,زمان\n".encode("utf-8-sig"), "utf-8"),
        ("کد مشتری,زمان\n".encode(), "utf-8"),
    ],
)
def test_encodings_are_sniffed(data: bytes, expected: str) -> None:
    assert sniff_encoding(data) == expected
