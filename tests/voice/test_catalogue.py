"""Every voice.* code raised in the voice code has a message in both languages with the same placeholders."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from safar.i18n.catalogue_voice import VOICE_MESSAGES

SRC = Path(__file__).resolve().parents[2] / "src" / "safar"
FILES = [*sorted((SRC / "voice").glob("*.py")), SRC / "cli" / "voice.py"]


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def raised_codes() -> set[str]:
    codes = set()
    for path in FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id.endswith("Error")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                codes.add(node.args[0].value)
    return codes


@pytest.mark.parametrize("code", sorted(VOICE_MESSAGES))
def test_both_languages_same_placeholders(code: str) -> None:
    entry = VOICE_MESSAGES[code]
    assert set(entry) == {"fa", "en"}
    assert placeholders(entry["fa"]) == placeholders(entry["en"])


def test_every_raised_code_is_written_and_every_written_code_is_used() -> None:
    from safar.i18n.catalogue import MESSAGES

    raised = raised_codes()
    codes = {c for c in raised if c.startswith(("voice.", "feedback."))}
    assert "voice.out_of_scale" in codes
    assert sorted(codes - set(VOICE_MESSAGES)) == []
    assert sorted(set(VOICE_MESSAGES) - codes) == []
    assert sorted(raised - set(MESSAGES)) == []  # codes shared with other features (file.*, warehouse.*)
