"""docs/insights.md names every error code, every public function and the commands behind its figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from safar.i18n.catalogue_insights import INSIGHTS_MESSAGES

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "insights.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(c for c in INSIGHTS_MESSAGES if not c.startswith("insights.label.")))
def test_every_error_code_is_documented(code: str) -> None:
    assert f"`{code}`" in DOCS


@pytest.mark.parametrize(
    "name",
    [
        "key_drivers",
        "quadrants",
        "importance_performance",
        "gap_analysis",
        "parse_pairs",
        "read_ratings",
        "safar insights drivers",
        "safar insights quadrants",
        "safar insights gaps",
        "عوامل کلیدی",
        "اهمیت × عملکرد",
        "تحلیل شکاف",
        "--outcome satisfaction --positive satisfied --na 0",
        "behaviour_moments",
        "evidence_verdicts",
        "map_opportunities",
        "rating_drivers",
        "safar insights moments",
        "safar insights opportunities",
        "safar insights opportunity accept",
        "لحظه‌های حقیقت از رفتار",
        "فرصت‌های بهبود",
    ],
)
def test_public_names_and_commands_are_documented(name: str) -> None:
    assert name in DOCS
