"""The canvas view of a map: stages as column groups, touchpoints as columns, lanes as rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from safar.model import Channel, JourneyMap, Lane, LaneKind, Stage, Touchpoint
from safar.render.overlay import figure_of, figure_text

if TYPE_CHECKING:
    from safar.services.overlay import Canvas

COLUMN_WIDTH = 232  # px, must match --col in app.css
CURVE_HEIGHT = 120


@dataclass(frozen=True)
class Column:
    stage: Stage
    touchpoint: Touchpoint | None  # None: an empty stage keeps one column so it can be seen and filled
    index_in_stage: int


@dataclass(frozen=True)
class StageSpan:
    stage: Stage
    start: int  # first column, 0-based
    span: int
    position: int


@dataclass(frozen=True)
class CurvePoint:
    x: float
    y: float
    score: int | float
    label: str
    name: str


@dataclass
class CanvasView:
    stages: list[StageSpan]
    columns: list[Column]
    curve: list[CurvePoint] = field(default_factory=list)
    measured: list[CurvePoint] = field(default_factory=list)
    width: int = 0
    height: int = CURVE_HEIGHT
    blueprint: bool = False

    @property
    def curve_path(self) -> str:
        return " ".join(f"{p.x:.0f},{p.y:.0f}" for p in self.curve)

    @property
    def measured_paths(self) -> list[str]:
        """The measured curve as one line per run of neighbouring columns with data: no line is drawn
        across a touchpoint (or an empty stage) that has none; a lone point stays a point."""
        runs: list[list[CurvePoint]] = []
        for p in self.measured:
            if runs and round((p.x - runs[-1][-1].x) / COLUMN_WIDTH) == 1:
                runs[-1].append(p)
            else:
                runs.append([p])
        return [" ".join(f"{p.x:.0f},{p.y:.0f}" for p in run) for run in runs if len(run) > 1]


@dataclass(frozen=True)
class FigureCell:
    """One touchpoint's bar in a figure lane: the value as written, and the bar's length (0…1 of the lane's
    largest value)."""

    text: str
    bar: float
    negative: bool = False


@dataclass(frozen=True)
class LaneRow:
    """A custom lane as the canvas draws it: a figure lane's bars by column (``None``: no data there)."""

    lane: Lane
    figures: list[FigureCell | None] = field(default_factory=list)


def lane_rows(journey: JourneyMap, columns: list[Column], figures: Canvas | None, lang: str) -> list[LaneRow]:
    """The map's own lanes, each figure lane with its bars from the canvas's numbers."""
    rows = []
    for lane in journey.lanes:
        if lane.kind is not LaneKind.FIGURE or lane.figure is None:
            rows.append(LaneRow(lane))
            continue
        figure = lane.figure
        values = [figure_of(figures, figure, c.touchpoint.id) if c.touchpoint else None for c in columns]
        largest = max((abs(v) for v in values if v is not None), default=0.0) or 1.0
        cells = [
            None if v is None else FigureCell(figure_text(figure, v, lang), abs(v) / largest, v < 0)
            for v in values
        ]
        rows.append(LaneRow(lane, cells))
    return rows


def canvas_view(
    journey: JourneyMap, channels: Mapping[str, Channel], measured: Mapping[str, float] | None = None
) -> CanvasView:
    """The canvas layout; ``measured`` maps touchpoint ids to the emotion measured from customers (−2..+2)."""
    columns: list[Column] = []
    spans: list[StageSpan] = []
    for position, stage in enumerate(journey.stages):
        start = len(columns)
        if stage.touchpoints:
            columns += [Column(stage, tp, i) for i, tp in enumerate(stage.touchpoints)]
        else:
            columns.append(Column(stage, None, 0))
        spans.append(StageSpan(stage, start, len(columns) - start, position))
    assumed = {
        t.id: (float(t.emotion.score), t.emotion.label)
        for t in journey.touchpoints()
        if t.emotion is not None
    }
    curve = _points(columns, assumed)
    measured_points = _points(columns, {tp: (value, "") for tp, value in (measured or {}).items()})
    blueprint = journey.type.value == "service_blueprint" or any(
        t.frontstage or t.backstage or t.support for t in journey.touchpoints()
    )
    return CanvasView(
        spans, columns, curve, measured_points, width=len(columns) * COLUMN_WIDTH, blueprint=blueprint
    )


def _points(columns: list[Column], values: Mapping[str, tuple[float, str]]) -> list[CurvePoint]:
    """One point per column whose touchpoint has a value, at the column's centre."""
    return [
        CurvePoint(
            x=(i + 0.5) * COLUMN_WIDTH,
            y=_y(values[col.touchpoint.id][0]),
            score=round(values[col.touchpoint.id][0]),
            label=values[col.touchpoint.id][1],
            name=col.touchpoint.name,
        )
        for i, col in enumerate(columns)
        if col.touchpoint is not None and col.touchpoint.id in values
    ]


def _y(score: float) -> float:
    """+2 at the top, −2 at the bottom, with a margin."""
    margin = 14
    return margin + (2 - score) / 4 * (CURVE_HEIGHT - 2 * margin)
