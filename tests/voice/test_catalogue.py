"""Every voice.* code raised in the voice code has a message in both languages with the same placeholders."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safar.i18n.catalogue_voice import VOICE_MESSAGES

SRC = Path(__file__).resolve().parents[2] / "src" / "safar"
# the survey definitions (safar.metrics.survey) raise voice.* codes too: a bad scale, top box or confidence
FILES = [*sorted((SRC / "voice").glob("*.py")), SRC / "cli" / "voice.py", SRC / "metrics" / "survey.py"]


@pytest.mark.parametrize("code", sorted(VOICE_MESSAGES))
def test_both_languages_same_placeholders(code: str, catalogue: Any) -> None:
    entry = VOICE_MESSAGES[code]
    assert set(entry) == {"fa", "en"}
    assert catalogue.placeholders(entry["fa"]) == catalogue.placeholders(entry["en"])


def test_every_raised_code_is_written_and_every_written_code_is_used(catalogue: Any) -> None:
    from safar.i18n.catalogue import MESSAGES

    raised = catalogue.raised_codes(FILES)
    codes = {c for c in raised if c.startswith(("voice.", "feedback."))}
    assert "voice.out_of_scale" in codes
    assert sorted(codes - set(VOICE_MESSAGES)) == []
    assert sorted(set(VOICE_MESSAGES) - codes) == []
    assert sorted(raised - set(MESSAGES)) == []  # codes shared with other features (file.*, warehouse.*)
