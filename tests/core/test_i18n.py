"""Every message exists in Persian and English, with the same placeholders, and every error code is written."""

from __future__ import annotations

import ast
import string
from datetime import UTC, datetime
from pathlib import Path

import pytest

from safar.i18n import format_datetime, to_persian_digits, translate
from safar.i18n.catalogue import MESSAGES

SRC = Path(__file__).resolve().parents[2] / "src" / "safar"
ERRORS = {"SafarError", "InputError", "ValidationError", "NotFoundError", "ConflictError", "ConfigError"}


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_both_languages_with_the_same_placeholders(code: str) -> None:
    entry = MESSAGES[code]
    assert set(entry) == {"fa", "en"}
    assert placeholders(entry["fa"]) == placeholders(entry["en"])


def raised_codes() -> set[str]:
    codes = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ERRORS
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                codes.add(node.args[0].value)
    return codes


def test_every_error_code_raised_in_src_has_a_message() -> None:
    codes = raised_codes()
    assert "map.conflict" in codes
    assert sorted(code for code in codes if code not in MESSAGES) == []


def test_persian_digits_and_jalali_dates() -> None:
    assert to_persian_digits("نسخه 12 از 3.5%") == "نسخه ۱۲ از ۳٫۵٪"
    assert to_persian_digits("run `safar map show 12` now 3") == "run `safar map show 12` now ۳"
    moment = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)
    assert format_datetime(moment, "fa", "Asia/Tehran") == "۱۴۰۵/۰۹/۰۱ ۰۹:۳۰"
    assert format_datetime(moment, "en", "UTC") == "2026-11-22 06:00"


def test_user_text_keeps_its_digits_in_persian_messages() -> None:
    text = translate("file.bad_yaml", "fa", source="/data/map2.yaml", line=3, column=7, problem="x")
    assert text == "/data/map2.yaml خط ۳، ستون ۷: YAML معتبر نیست: x. چیزی ذخیره نشد."


def test_an_unknown_code_is_never_lost() -> None:
    assert translate("no.such.code", "fa", row=3) == "no.such.code: row=3"
