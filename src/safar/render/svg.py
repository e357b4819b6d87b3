"""A journey map as a standalone SVG: the :class:`~safar.render.scene.Scene` written as SVG, with its font.

All user text is escaped. Each box is a ``<g class="box">`` holding its rectangle and its lines, so a
reader (and the tests, in Chromium) can check that no line leaves its box. The SVG's own direction is
left to right whatever page embeds it, so ``text-anchor="end"`` always means the right end; a Persian
line is a right-to-left isolate (U+2067 … U+2069) anchored at its box's right edge, which every renderer
lays out alike (``direction="rtl"`` with an anchor is read differently by browsers and by WeasyPrint).

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> m = JourneyMap(title="<script>alert(1)</script>", lang="en", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="t", name="T & Co", channel="sms")])])
>>> svg = map_svg(m, {}, "en")
>>> "<script>" in svg, "&lt;script&gt;" in svg, "T &amp; Co" in svg
(False, True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from safar.model import Channel, JourneyMap
from safar.render import fonts
from safar.render.overlay import About
from safar.render.scene import Scene, map_scene

if TYPE_CHECKING:
    from safar.services.overlay import Canvas

RLI, PDI = "\u2067", "\u2069"


def map_svg(
    journey: JourneyMap,
    channels: Mapping[str, Channel],
    lang: str,
    figures: Canvas | None = None,
    about: About | None = None,
) -> str:
    """The map (and, with ``figures``, its data) as SVG text."""
    return scene_svg(map_scene(journey, channels, lang, figures, about))


def scene_svg(scene: Scene) -> str:
    w, h = round(scene.width), round(scene.height)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" '
        f'font-family="{fonts.STACK}" direction="ltr" role="img" aria-label={quoteattr(scene.title)}>',
        f"<title>{escape(scene.title)}</title>",
    ]
    faces = fonts.font_faces()
    if faces:
        parts.append(f"<style>{faces}</style>")
    parts.append(f'<rect width="{w}" height="{h}" fill="#ffffff"/>')
    for box in scene.boxes:
        parts.append(f'<g class="box" data-kind="{box.kind}">')
        stroke = f' stroke="{box.stroke}" stroke-width="1.5"' if box.stroke != "none" else ""
        parts.append(
            f'<rect x="{box.x:.1f}" y="{box.y:.1f}" width="{box.w:.1f}" height="{box.h:.1f}" '
            f'rx="{box.radius:g}" fill="{box.fill}"{stroke}/>'
        )
        if box.image:
            parts.append(
                f'<image x="{box.x + 4:.1f}" y="{box.y + 4:.1f}" width="{box.w - 8:.1f}" height="{box.h - 8:.1f}" '
                f'preserveAspectRatio="xMidYMid meet" href={quoteattr(box.image)}/>'
            )
        for text in box.texts:
            value = f"{RLI}{text.value}{PDI}" if text.rtl else text.value
            parts.append(
                f'<text x="{text.x:.1f}" y="{text.y:.1f}" font-size="{text.size:g}" '
                f'font-weight="{"bold" if text.bold else "normal"}" fill="{text.color}" '
                f'text-anchor="{"end" if text.rtl else "start"}">{escape(value)}</text>'
            )
        parts.append("</g>")
    for x1, y1, x2, y2 in scene.rules:
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#c7cedd" stroke-dasharray="4 4"/>'
        )
    for curve in scene.curves:
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in curve.points)
        dash = ' stroke-dasharray="6 4"' if curve.dashed else ""
        if len(curve.points) > 1:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{curve.color}" stroke-width="2.5"{dash}/>'
            )
        for x, y in curve.points:
            if curve.square:
                parts.append(
                    f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{curve.color}"/>'
                )
            else:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{curve.color}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
