"""Every insights.* code raised has a message in both languages with the same placeholders, and every
error message written is raised somewhere (labels of the CLI tables are used by name)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safar.i18n.catalogue_insights import INSIGHTS_MESSAGES

SRC = Path(__file__).resolve().parents[2] / "src" / "safar"
FILES = [
    *sorted((SRC / "insights").glob("*.py")),
    SRC / "cli" / "insights.py",
    *sorted((SRC / "services").glob("*.py")),
]
ERRORS = {code for code in INSIGHTS_MESSAGES if not code.startswith("insights.label.")}


@pytest.mark.parametrize("code", sorted(INSIGHTS_MESSAGES))
def test_both_languages_same_placeholders(code: str, catalogue: Any) -> None:
    entry = INSIGHTS_MESSAGES[code]
    assert set(entry) == {"fa", "en"}
    assert catalogue.placeholders(entry["fa"]) == catalogue.placeholders(entry["en"])


def test_every_raised_code_is_written_and_every_written_code_is_used(catalogue: Any) -> None:
    codes = catalogue.raised_codes(FILES)
    assert sorted(c for c in codes - ERRORS if c.startswith("insights.")) == []
    assert sorted(ERRORS - codes) == []


def test_every_label_is_used_by_the_cli() -> None:
    # The CLI, or the insights pages of the web app (labels shared by both edges).
    users = [SRC / "cli" / "insights.py", SRC / "web" / "templates" / "map_insights.html"]
    users.append(SRC / "web" / "templates" / "insights.html")
    cli = "\n".join(path.read_text(encoding="utf-8") for path in users)
    dynamic = {"rank", "driver", "importance", "interval", "share", "direction", "performance", "quadrant"}
    dynamic |= {
        "touchpoint",
        "expectation",
        "perception",
        "gap",
        "p_value",
        "p_fisher",
        "p_wilcoxon",
        "dz",
        "n",
    }
    dynamic |= {"positive", "negative", "none", "fix_first", "keep_up", "low_priority", "possible_overkill"}
    dynamic |= {"listwise", "pairwise"}
    # moments and opportunities: effects, verdicts, evidence sources, components and statuses by value
    dynamic |= {"matters", "no_effect", "unknown", "agreed", "contradicted", "unclaimed", "not_a_moment"}
    dynamic |= {"management", "frontline_staff", "market_research", "retention_data", "satisfaction_data"}
    dynamic |= {"reach", "dropoff", "sentiment", "open", "accepted", "rejected", "accept", "reject", "reopen"}
    for code in INSIGHTS_MESSAGES:
        if code.startswith("insights.label."):
            name = code.removeprefix("insights.label.")
            assert code in cli or name in dynamic, code
