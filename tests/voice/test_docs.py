"""docs/voice.md names every error code, every public function and the commands that reproduce its figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from safar.i18n.catalogue_voice import VOICE_MESSAGES
from safar.voice.model import load_model

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "voice.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(VOICE_MESSAGES))
def test_every_error_code_is_documented(code: str) -> None:
    assert f"`{code}`" in DOCS


@pytest.mark.parametrize(
    "name",
    [
        "nps",
        "csat",
        "ces",
        "metric_by",
        "trend",
        "score",
        "top_terms",
        "normalize_fa",
        "python -m safar.voice.train",
    ],
)
def test_public_names_and_commands_are_documented(name: str) -> None:
    assert name in DOCS
    assert "bench/sentiment_bench.py" in DOCS


def test_documented_held_out_accuracy_is_the_shipped_models() -> None:
    held = load_model().meta["held_out"]
    assert f"accuracy **{held['accuracy']}**" in DOCS
    assert f"held_out: n=1575, accuracy={held['accuracy']}," in DOCS
