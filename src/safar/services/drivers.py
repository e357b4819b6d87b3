"""Key drivers, importance × performance and gaps: of a survey file, or of a map's survey answers.

:func:`file_drivers` is the one function behind the workspace's insights page (an uploaded survey file),
its JSON twin ``POST /api/v1/workspaces/{ws}/insights/drivers`` and ``safar insights drivers --file``;
:func:`map_drivers`, :func:`map_quadrants` and :func:`map_gaps` are behind ``safar insights
drivers|quadrants|gaps --map`` and the survey part of a map's insights page (definitions:
:mod:`safar.insights.drivers`, :mod:`safar.insights.quadrants`, :mod:`safar.insights.gaps`,
:mod:`safar.insights.responses`).

>>> parse_codes("0، 9"), parse_names(" a, ,b ")
([0.0, 9.0], ['a', 'b'])
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from safar.errors import InputError, SafarError

if TYPE_CHECKING:
    from safar.context import Context

__all__ = [
    "DriverOut",
    "DriversOut",
    "FileDriversOut",
    "GapOut",
    "GapsOut",
    "QuadrantEntryOut",
    "QuadrantsOut",
    "file_drivers",
    "file_gaps",
    "map_drivers",
    "map_gaps",
    "map_quadrants",
    "parse_codes",
    "parse_names",
    "upload_drivers",
]


class DriverOut(BaseModel):
    """One driver: its share of R² with an interval, its direction and its performance."""

    name: str
    importance: float
    importance_low: float | None
    importance_high: float | None
    share: float
    direction: str
    correlation: float
    beta: float
    performance: float | None
    n_rated: int


class DriversOut(BaseModel):
    """Drivers by importance (largest first); the importances sum to ``r2``."""

    drivers: list[DriverOut]
    r2: float
    n: int
    n_rows: int
    outcome: str
    positive: str | None
    na: list[float]
    bootstrap: int
    bootstrap_used: int
    seed: int | None
    confidence: float
    small_n: bool
    method: str
    direction_from: str
    missing_rows: str


class QuadrantEntryOut(BaseModel):
    name: str
    importance: float
    performance: float
    quadrant: str


class QuadrantsOut(BaseModel):
    """Importance × performance: each driver's quadrant and the thresholds that split the axes."""

    drivers: list[QuadrantEntryOut]
    quadrants: dict[str, list[str]]
    threshold: str
    importance_threshold: float
    performance_threshold: float
    r2: float | None
    n: int | None


class FileDriversOut(DriversOut):
    """The key drivers of a survey file (``source``) and their importance × performance ``matrix``."""

    source: str
    matrix: QuadrantsOut


class GapOut(BaseModel):
    touchpoint: str
    expectation_col: str
    perception_col: str
    n: int
    expectation: float
    perception: float
    gap: float
    gap_low: float | None
    gap_high: float | None
    sd: float
    dz: float | None
    t: float | None
    p_value: float | None
    p_wilcoxon: float | None
    wilcoxon_method: str | None


class GapsOut(BaseModel):
    """Gap = perception − expectation per touchpoint with paired tests, most negative first."""

    gaps: list[GapOut]
    confidence: float
    na: list[float]
    test: str


def parse_names(text: str | None) -> list[str] | None:
    """Comma-separated names (Latin or Persian commas); ``None`` when none were given."""
    if text is None:
        return None
    return [name.strip() for name in text.replace("،", ",").split(",") if name.strip()]


def parse_codes(text: str | None) -> list[float]:
    """Comma-separated not-applicable codes as numbers (``insights.bad_na`` for one that is not)."""
    codes = []
    for item in parse_names(text) or []:
        try:
            codes.append(float(item))
        except ValueError:
            raise InputError("insights.bad_na", value=item) from None
    return codes


def file_drivers(
    ctx: Context,
    path: Path,
    *,
    outcome: str,
    source: str | None = None,
    positive: str | None = None,
    na: list[float] | None = None,
    drivers: list[str] | None = None,
    exclude: list[str] | None = None,
    missing: str = "listwise",
    bootstrap: int | None = None,
    seed: int | None = None,
    confidence: float | None = None,
    threshold: str = "mean",
) -> FileDriversOut:
    """Relative importance of each rating column of the CSV at ``path`` for ``outcome``, and the matrix."""
    from safar.insights import drivers as kd
    from safar.insights.quadrants import quadrants
    from safar.insights.ratings import read_ratings

    if not outcome:
        raise InputError("insights.no_outcome")
    result = kd.key_drivers(
        read_ratings(path),
        outcome=outcome,
        drivers=drivers,
        exclude=exclude or [],
        positive=positive or None,
        na=na or [],
        bootstrap=kd.BOOTSTRAP if bootstrap is None else bootstrap,
        seed=kd.SEED if seed is None else seed,
        confidence=kd.CONFIDENCE if confidence is None else confidence,
        missing=missing,
    )
    matrix = quadrants(result, threshold=threshold).to_dict()
    return FileDriversOut.model_validate(result.to_dict() | {"source": source or path.name, "matrix": matrix})


def upload_drivers(ctx: Context, raw: bytes, filename: str, **options: Any) -> FileDriversOut:
    """:func:`file_drivers` of an uploaded file's bytes (kept only while they are read)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.csv"  # never the sender's name as a path
        path.write_bytes(raw)
        try:
            return file_drivers(ctx, path, source=filename, **options)
        except SafarError as err:  # named as sent: the server's temporary path is nobody's business
            raise err.renamed(str(path), filename or "upload.csv") from None


def file_gaps(
    ctx: Context, path: Path, pairs: str, *, na: list[float] | None = None, confidence: float = 0.95
) -> GapsOut:
    """Gap analysis of the CSV at ``path``: ``pairs`` is ``TOUCHPOINT:EXPECTATION_COL:PERCEPTION_COL,…``."""
    from safar.insights.gaps import gap_analysis, parse_pairs
    from safar.insights.ratings import read_ratings

    found = gap_analysis(read_ratings(path), parse_pairs(pairs), na=na or [], confidence=confidence)
    return GapsOut.model_validate(found.to_dict())


def _map_scales(ctx: Context, map_id: int) -> tuple[Any, Any]:
    from safar.surveys import Surveys
    from safar.voice.report import scales_of

    journey = ctx.workspace.get_map(map_id).document
    return journey, scales_of([(s.id, s.survey) for s in Surveys(ctx.workspace).list(map_id)])


def _no_answers(ctx: Context, map_id: int, code: str, **params: Any) -> None:
    if not ctx.has_warehouse():
        raise InputError(code, map_id=map_id, **params)


def map_drivers(
    ctx: Context,
    map_id: int,
    *,
    outcome: str | None = None,
    touchpoints: list[str] | None = None,
    bootstrap: int | None = None,
    seed: int | None = None,
) -> DriversOut:
    """The map's survey drivers of its whole-journey question ``outcome`` (default: the most answered), each
    driver's performance on the common −2..+2 scale; ``outcome`` in the result is the question used."""
    from dataclasses import replace

    from safar.insights import drivers as kd
    from safar.insights.responses import common_scale_performance, rating_drivers, with_common_performance

    journey, scales = _map_scales(ctx, map_id)
    _no_answers(ctx, map_id, "insights.no_survey_drivers", reason="no_outcome_question")
    with ctx.warehouse() as warehouse:
        found = rating_drivers(
            warehouse.con.table("responses"),
            map_id,
            touchpoints=touchpoints,
            outcome_question=outcome,
            bootstrap=kd.BOOTSTRAP if bootstrap is None else bootstrap,
            seed=kd.SEED if seed is None else seed,
        )
        if found.result is None:
            raise InputError("insights.no_survey_drivers", map_id=map_id, reason=found.reason or "")
        performance = common_scale_performance(warehouse, map_id, journey, scales)
    result = replace(with_common_performance(found.result, performance), outcome=found.question_id or "")
    return DriversOut.model_validate(result.to_dict())


def map_quadrants(
    ctx: Context,
    map_id: int,
    *,
    outcome: str | None = None,
    touchpoints: list[str] | None = None,
    threshold: str = "mean",
) -> QuadrantsOut:
    """Importance × performance of the touchpoints the map's surveys rate (performance on the −2..+2 scale)."""
    from safar.insights.responses import rating_drivers, survey_quadrants

    journey, scales = _map_scales(ctx, map_id)
    _no_answers(ctx, map_id, "insights.no_survey_drivers", reason="no_outcome_question")
    with ctx.warehouse() as warehouse:
        found = rating_drivers(
            warehouse.con.table("responses"),
            map_id,
            touchpoints=touchpoints,
            outcome_question=outcome,
            bootstrap=0,
        )
        if found.result is None:
            raise InputError("insights.no_survey_drivers", map_id=map_id, reason=found.reason or "")
        matrix = survey_quadrants(warehouse, map_id, journey, scales, found.result, threshold=threshold)
    return QuadrantsOut.model_validate(matrix.to_dict())


def map_gaps(ctx: Context, map_id: int, *, confidence: float = 0.95) -> GapsOut | None:
    """The paired gap analysis of the map's expectation and perception answers; ``None`` when it has none."""
    from safar.insights.responses import map_survey_gaps

    ctx.workspace.get_map(map_id)
    if not ctx.has_warehouse():
        return None
    with ctx.warehouse() as warehouse:
        found = map_survey_gaps(warehouse, map_id, confidence=confidence)
    return None if found is None else GapsOut.model_validate(found.to_dict())
