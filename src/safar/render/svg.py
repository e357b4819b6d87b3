"""A journey map as a standalone SVG: stages, touchpoints and the assumed emotion curve.

All user text is escaped; Persian maps are laid out right to left.

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> m = JourneyMap(title="<script>alert(1)</script>", lang="en", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="t", name="T & Co", channel="sms")])])
>>> svg = map_svg(m, {}, "en")
>>> "<script>" in svg, "&lt;script&gt;" in svg, "T &amp; Co" in svg
(False, True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from xml.sax.saxutils import escape, quoteattr

from safar.i18n import translate
from safar.model import Channel, JourneyMap
from safar.render.layout import columns as layout_columns

COL, LABEL, TOP = 200, 150, 70
ROW_STAGE, ROW_TP, ROW_CURVE = 56, 92, 130
FONT = "Vazirmatn, 'DejaVu Sans', sans-serif"


def map_svg(journey: JourneyMap, channels: Mapping[str, Channel], lang: str) -> str:
    rtl = journey.lang == "fa"  # the map's own language sets its direction; labels follow the reader's
    columns = layout_columns(journey)
    width = LABEL + max(1, len(columns)) * COL + 20
    height = TOP + ROW_STAGE + ROW_TP + ROW_CURVE + 30

    def x(col: int) -> float:
        """Left edge of column ``col``, mirrored for right-to-left maps."""
        left = LABEL + col * COL
        return width - left - COL if rtl else left

    def text(
        tx: float, ty: float, value: str, size: int = 13, weight: str = "normal", anchor: str = "start"
    ) -> str:
        if rtl:
            anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
        return (
            f'<text x="{tx:.0f}" y="{ty:.0f}" font-size="{size}" font-weight="{weight}" text-anchor="{anchor}"'
            f"{' direction=' + quoteattr('rtl') if rtl else ''}>{escape(_clip(value, 40))}</text>"
        )

    pad = 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="{FONT}" fill="#1d2433">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        text(width - 20 if rtl else 20, 40, journey.title, 22, "bold"),
    ]
    label_x = width - LABEL + pad if rtl else pad
    label_edge = width - pad if rtl else pad
    for row_y, code in (
        (TOP, "attr.stage"),
        (TOP + ROW_STAGE, "web.touchpoints"),
        (TOP + ROW_STAGE + ROW_TP, "web.emotion_curve"),
    ):
        parts.append(text(label_edge, row_y + 28, translate(code, lang), 12, "bold"))
    del label_x
    col = 0
    for stage in journey.stages:
        span = max(1, len(stage.touchpoints))
        left = min(x(col), x(col + span - 1))
        parts.append(
            f'<rect x="{left + 2}" y="{TOP}" width="{span * COL - 4}" height="{ROW_STAGE - 6}" rx="8" fill="#e7edfc"/>'
        )
        parts.append(text(left + (span * COL - pad if rtl else pad), TOP + 31, stage.name, 14, "bold"))
        col += span
    for i, (_stage, tp) in enumerate(columns):
        if tp is None:
            continue
        left = x(i)
        y = TOP + ROW_STAGE
        stroke = "#f5a524" if tp.moment_of_truth else "#d9dee8"
        parts.append(
            f'<rect x="{left + 4}" y="{y + 4}" width="{COL - 8}" height="{ROW_TP - 12}" rx="8" fill="#fff" stroke="{stroke}" stroke-width="2"/>'
        )
        channel = channels.get(tp.channel)
        parts.append(
            text(left + (COL - 14 if rtl else 14), y + 28, channel.name(lang) if channel else tp.channel, 11)
        )
        parts.append(text(left + (COL - 14 if rtl else 14), y + 52, tp.name, 13, "bold"))
        if tp.moment_of_truth:
            parts.append(
                text(
                    left + (COL - 14 if rtl else 14),
                    y + 72,
                    "★ " + translate("attr.moment_of_truth", lang),
                    10,
                )
            )
    curve_top = TOP + ROW_STAGE + ROW_TP
    points = [
        (x(i) + COL / 2, curve_top + 12 + (2 - tp.emotion.score) / 4 * (ROW_CURVE - 24))
        for i, (_s, tp) in enumerate(columns)
        if tp is not None and tp.emotion is not None
    ]
    mid = curve_top + ROW_CURVE / 2
    parts.append(
        f'<line x1="{LABEL if not rtl else 0}" x2="{width - (LABEL if rtl else 0)}" y1="{mid}" y2="{mid}" stroke="#c7cedd" stroke-dasharray="4 4"/>'
    )
    if points:
        path = " ".join(f"{px:.0f},{py:.0f}" for px, py in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#2d5bd7" stroke-width="2.5"/>')
        parts += [f'<circle cx="{px:.0f}" cy="{py:.0f}" r="6" fill="#2d5bd7"/>' for px, py in points]
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _clip(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
