"""The ``measure`` of a metric: optional, validated against the map's own touchpoints and stages."""

from __future__ import annotations

import json
import string
from pathlib import Path
from typing import Any

import pytest

from safar.errors import ValidationError
from safar.i18n.catalogue_kpis import KPIS_MESSAGES
from safar.maps.validate import validate_document
from safar.model import JourneyMap

ROOT = Path(__file__).resolve().parents[2]


def doc(**measure: Any) -> dict[str, Any]:
    return {
        "title": "t",
        "metrics": [{"name": "NPS", "target": 40, "measure": measure}],
        "stages": [
            {
                "id": "buy",
                "name": "Buy",
                "touchpoints": [
                    {"id": "cart", "name": "Cart", "channel": "website", "metrics": [{"name": "x"}]}
                ],
            }
        ],
    }


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        validate_document(data)
    return [(p["path"], p["code"]) for p in caught.value.details["errors"]]


def test_a_map_without_measures_is_unchanged_and_round_trips() -> None:
    data = doc(kind="nps")
    del data["metrics"][0]["measure"]
    journey = validate_document(data)
    assert journey.metrics[0].measure is None
    assert "measure" not in json.dumps(journey.to_document())


def test_a_measure_round_trips_leaving_defaults_out() -> None:
    journey = validate_document(doc(kind="conversion", stage="buy"))
    assert journey.to_document()["metrics"][0]["measure"] == {"kind": "conversion", "stage": "buy"}
    assert validate_document(journey.to_document()) == journey


def test_unknown_references_are_problems_with_their_path() -> None:
    data = doc(kind="nps", touchpoint="checkout")
    data["stages"][0]["touchpoints"][0]["metrics"] = [
        {"name": "y", "measure": {"kind": "csat", "stage": "pay"}}
    ]
    assert problems(data) == [
        ("metrics[0].measure.touchpoint", "unknown_touchpoint"),
        ("stages[0].touchpoints[0].metrics[0].measure.stage", "unknown_stage"),
    ]


def test_a_measure_is_at_a_touchpoint_or_a_stage_not_both_and_of_a_known_kind() -> None:
    assert problems(doc(kind="nps", touchpoint="cart", stage="buy")) == [
        ("metrics[0].measure", "value_error")
    ]
    assert problems(doc(kind="loyalty")) == [("metrics[0].measure.kind", "enum")]


def test_the_published_schema_describes_measures() -> None:
    published = json.loads((ROOT / "docs" / "map.schema.json").read_text(encoding="utf-8"))
    assert published == JourneyMap.model_json_schema()
    assert "Measure" in published["$defs"] and "measure" in published["$defs"]["Metric"]["properties"]


@pytest.mark.parametrize("code", sorted(KPIS_MESSAGES))
def test_every_message_has_both_languages_with_the_same_placeholders(code: str) -> None:
    entry = KPIS_MESSAGES[code]
    assert set(entry) == {"fa", "en"}

    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert names(entry["fa"]) == names(entry["en"])


def test_the_guide_documents_every_kind_and_reason() -> None:
    guide = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    for code in KPIS_MESSAGES:
        for prefix in ("kpis.kind.", "kpis.reason."):
            if code.startswith(prefix):
                assert f"`{code.removeprefix(prefix)}`" in guide, code
    assert "measure:" in (ROOT / "docs" / "map-format.md").read_text(encoding="utf-8")
