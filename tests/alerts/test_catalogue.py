"""Every alerts.* message exists in both languages with the same placeholders; every error code raised is
written, every one written is raised and documented; every label is used by the CLI or the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from safar.alerts import RuleKind
from safar.i18n.catalogue_alerts import ALERTS_MESSAGES

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "safar"
FILES = [*sorted((SRC / "alerts").glob("*.py")), SRC / "cli" / "alerts.py", SRC / "web" / "alerts.py"]
FILES += [SRC / "web" / "scheduler.py", SRC / "services" / "alert_rows.py", SRC / "web" / "alert_rows.py"]
PARTS = (
    "alerts.label.",
    "alerts.kind.",
    "alerts.status.",
    "alerts.delivery.",
    "alerts.message.",
    "alerts.rows.",
)
ERRORS = {code for code in ALERTS_MESSAGES if not code.startswith(PARTS)}
DOCS = (ROOT / "docs" / "alerts.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", sorted(ALERTS_MESSAGES))
def test_both_languages_same_placeholders(code: str, catalogue: Any) -> None:
    entry = ALERTS_MESSAGES[code]
    assert set(entry) == {"fa", "en"}
    assert catalogue.placeholders(entry["fa"]) == catalogue.placeholders(entry["en"])


def test_every_raised_code_is_written_documented_and_used(catalogue: Any) -> None:
    codes = catalogue.raised_codes(FILES, "alerts.")
    assert sorted(codes - ERRORS) == []
    assert sorted(ERRORS - codes) == []
    assert [code for code in sorted(ERRORS) if f"`{code}`" not in DOCS] == []


def test_every_kind_status_and_label_is_shown_somewhere() -> None:
    assert {c.removeprefix("alerts.kind.") for c in ALERTS_MESSAGES if c.startswith("alerts.kind.")} == {
        k.value for k in RuleKind
    }
    statuses = {c.removeprefix("alerts.status.") for c in ALERTS_MESSAGES if c.startswith("alerts.status.")}
    assert statuses == {"fired", "quiet", "too_few", "cooling_down", "duplicate", "no_data", "error"}
    assert [s for s in sorted(statuses) if f"`{s}`" not in DOCS] == []
    used = "".join(p.read_text(encoding="utf-8") for p in (*FILES, SRC / "web" / "templates" / "alerts.html"))
    dynamic = {"touchpoint", "stage", "channel", "questions"}  # a target kind, named by the feed
    for code in ALERTS_MESSAGES:
        if code.startswith("alerts.label."):
            name = code.removeprefix("alerts.label.")
            assert code in used or f'"{name}"' in used or name in dynamic, code


@pytest.mark.parametrize(
    "name",
    [
        "safar alerts rule add",
        "safar alerts destination set",
        "safar alerts check",
        "safar alerts list",
        "safar alerts watch",
        "check_after_ingest",
        "two-proportion z-test",
        "p-chart",
        "top-2-box",
        "cool-down",
        "X-Safar-Event",
        "هشدار",
        *[k.value for k in RuleKind],
    ],
)
def test_the_guide_names_commands_and_definitions(name: str) -> None:
    assert name in DOCS
