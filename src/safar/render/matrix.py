"""The importance × performance matrix as SVG: one point per driver, the quadrant lines, escaped labels.

>>> from safar.insights.quadrants import QuadrantEntry
>>> svg = matrix_svg([QuadrantEntry("<wifi>", 0.05, 2.8, "fix_first")], 0.03, 3.2, {"fix_first": "fix"})
>>> svg.count("<circle"), "&lt;wifi&gt;" in svg
(1, True)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol
from xml.sax.saxutils import escape

from safar.i18n import translate

if TYPE_CHECKING:
    from safar.services.drivers import QuadrantsOut

W, H, PAD = 640, 420, 48
COLOURS = {
    "fix_first": "#c4320a",
    "keep_up": "#12805c",
    "low_priority": "#8d97ad",
    "possible_overkill": "#2d5bd7",
}


class Point(Protocol):
    """One driver's place: a ``QuadrantEntry`` or the services' ``QuadrantEntryOut``."""

    @property
    def name(self) -> str: ...
    @property
    def importance(self) -> float: ...
    @property
    def performance(self) -> float: ...
    @property
    def quadrant(self) -> str: ...


def matrix_view(matrix: QuadrantsOut, lang: str, names: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The SVG of a service's importance × performance ``matrix`` and each quadrant's drivers, shown by
    ``names`` (a touchpoint's name for its id; a file's column stays as it is), quadrants in ``lang``."""
    shown = names or {}
    entries = [e.model_copy(update={"name": shown.get(e.name, e.name)}) for e in matrix.drivers]
    labels = {q: translate(f"insights.label.{q}", lang) for q in matrix.quadrants}
    return {
        "svg": matrix_svg(entries, matrix.importance_threshold, matrix.performance_threshold, labels),
        "quadrants": {q: [shown.get(n, n) for n in members] for q, members in matrix.quadrants.items()},
    }


def matrix_svg(
    entries: Sequence[Point],
    importance_cut: float,
    performance_cut: float,
    quadrant_names: Mapping[str, str],
) -> str:
    if not entries:
        return ""
    perf = [e.performance for e in entries] + [performance_cut]
    imp = [e.importance for e in entries] + [importance_cut, 0.0]
    p_lo, p_hi = min(perf), max(perf)
    i_hi = max(imp)
    p_span = (p_hi - p_lo) or 1.0

    def x(value: float) -> float:
        return PAD + (value - p_lo) / p_span * (W - 2 * PAD)

    def y(value: float) -> float:
        return H - PAD - value / (i_hi or 1.0) * (H - 2 * PAD)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{W}" height="{H}" '
        'font-family="Vazirmatn, \'DejaVu Sans\', sans-serif" role="img">',
        f'<rect x="{PAD}" y="{PAD}" width="{W - 2 * PAD}" height="{H - 2 * PAD}" fill="#fff" stroke="#d9dee8"/>',
        f'<line x1="{x(performance_cut):.1f}" x2="{x(performance_cut):.1f}" y1="{PAD}" y2="{H - PAD}" '
        'stroke="#8d97ad" stroke-dasharray="5 4"/>',
        f'<line x1="{PAD}" x2="{W - PAD}" y1="{y(importance_cut):.1f}" y2="{y(importance_cut):.1f}" '
        'stroke="#8d97ad" stroke-dasharray="5 4"/>',
    ]
    corners = {
        "fix_first": (PAD + 6, PAD + 16, "start"),
        "keep_up": (W - PAD - 6, PAD + 16, "end"),
        "low_priority": (PAD + 6, H - PAD - 8, "start"),
        "possible_overkill": (W - PAD - 6, H - PAD - 8, "end"),
    }
    for key, (cx, cy, anchor) in corners.items():
        parts.append(
            f'<text x="{cx}" y="{cy}" font-size="12" fill="{COLOURS[key]}" text-anchor="{anchor}" '
            f'font-weight="bold">{escape(quadrant_names.get(key, key))}</text>'
        )
    for e in entries:
        px, py = x(e.performance), y(e.importance)
        parts.append(
            f'<circle class="driver" cx="{px:.1f}" cy="{py:.1f}" r="6" fill="{COLOURS.get(e.quadrant, "#1d2433")}">'
            f"<title>{escape(e.name)}: {e.importance:.4f} × {e.performance:.2f}</title></circle>"
        )
        parts.append(f'<text x="{px + 8:.1f}" y="{py + 4:.1f}" font-size="11">{escape(e.name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
