"""Documentation that cannot drift: the published schema and every setting."""

from __future__ import annotations

import json
import re
from pathlib import Path

from safar.model import JourneyMap

ROOT = Path(__file__).resolve().parents[2]


def test_the_published_json_schema_is_current() -> None:
    published = json.loads((ROOT / "docs" / "map.schema.json").read_text(encoding="utf-8"))
    assert published == JourneyMap.model_json_schema(), "run: safar map schema > docs/map.schema.json"


def test_every_environment_setting_is_documented_in_the_readme() -> None:
    used = set()
    for path in (ROOT / "src" / "safar").rglob("*.py"):
        used |= set(re.findall(r"\bSAFAR_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert sorted(name for name in used if name not in readme) == []


def test_the_example_in_the_format_guide_is_a_valid_map() -> None:
    from safar.maps.validate import parse_map_bytes

    guide = (ROOT / "docs" / "map-format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", guide, re.S)
    assert example is not None
    journey = parse_map_bytes(example.group(1).encode(), source="map-format.md")
    assert [t.id for t in journey.touchpoints()] == ["call-centre"]
    assert journey.stages[0].touchpoints[0].moment_of_truth is not None
