"""The measured emotion curve has points only where there is data: no line across a touchpoint without."""

from __future__ import annotations

from safar.model import JourneyMap, Stage, Touchpoint
from safar.web.canvas import COLUMN_WIDTH, canvas_view


def _map() -> JourneyMap:
    def tp(i: str) -> Touchpoint:
        return Touchpoint(id=i, name=i, channel="web")

    return JourneyMap(
        title="t",
        stages=[
            Stage(id="s1", name="S1", touchpoints=[tp("a"), tp("b"), tp("c")]),
            Stage(id="s2", name="S2", touchpoints=[]),
            Stage(id="s3", name="S3", touchpoints=[tp("d"), tp("e"), tp("f")]),
        ],
    )


def test_the_measured_line_breaks_where_a_touchpoint_has_no_data() -> None:
    view = canvas_view(_map(), {}, {"a": 1.0, "b": -1.0, "d": 0.0, "f": 2.0})
    assert [p.name for p in view.measured] == ["a", "b", "d", "f"]
    x = [round((i + 0.5) * COLUMN_WIDTH) for i in range(7)]
    # a-b joined; c has no data, the empty stage s2 neither: d stands alone, e is missing, f alone.
    assert view.measured_paths == [f"{x[0]},{view.measured[0].y:.0f} {x[1]},{view.measured[1].y:.0f}"]


def test_no_line_without_two_neighbours() -> None:
    assert canvas_view(_map(), {}, {"a": 1.0, "c": 1.0}).measured_paths == []
    assert canvas_view(_map(), {}, {}).measured_paths == []
