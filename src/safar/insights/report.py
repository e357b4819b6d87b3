"""Key drivers of an uploaded survey file, ready to show: the ranking and the importance × performance matrix."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safar.errors import InputError
from safar.i18n import translate
from safar.insights.drivers import key_drivers
from safar.insights.quadrants import QUADRANTS, quadrants
from safar.insights.ratings import read_ratings
from safar.render.matrix import matrix_svg


@dataclass(frozen=True)
class DriversView:
    source: str
    drivers: list[dict[str, Any]]
    r2: float
    n: int
    n_rows: int
    quadrants: dict[str, list[str]]
    matrix: str


def drivers_from_upload(
    raw: bytes, filename: str, *, lang: str, outcome: str, positive: str, na: str, exclude: str
) -> DriversView:
    """Key drivers and the importance × performance matrix of an uploaded survey file (CSV)."""

    if not outcome:
        raise InputError("insights.no_outcome")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / Path(filename).name
        path.write_bytes(raw)
        frame = read_ratings(path)
    codes = [float(v) for v in na.replace("،", ",").split(",") if v.strip()] if na else []
    result = key_drivers(
        frame,
        outcome=outcome,
        positive=positive or None,
        na=codes,
        exclude=[c.strip() for c in exclude.split(",") if c.strip()],
    )
    matrix = quadrants(result)
    names = {q: translate(f"insights.label.{q}", lang) for q in QUADRANTS}
    return DriversView(
        source=filename,
        drivers=[d.to_dict() for d in result.drivers],
        r2=result.r2,
        n=result.n,
        n_rows=result.n_rows,
        quadrants=matrix.to_dict()["quadrants"],
        matrix=matrix_svg(matrix.drivers, matrix.importance_threshold, matrix.performance_threshold, names),
    )
