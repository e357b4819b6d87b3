"""A journey map as a PNG: the same :class:`~safar.render.scene.Scene` as the SVG, drawn by Pillow.

Pillow shapes Persian with libraqm (HarfBuzz and FriBiDi) and anchors each line where the SVG does, so
the picture is the SVG's. Drawing the scene takes a fraction of a second where rendering a PDF page
did not (docs/map-format.md gives the figure).
"""

from __future__ import annotations

import base64
import io
import itertools
import math
from typing import Any

from safar.render import fonts
from safar.render.scene import Scene


def scene_png(scene: Scene, scale: float = 1.5) -> bytes:
    """The scene as PNG bytes, ``scale`` pixels per SVG pixel."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (math.ceil(scene.width * scale), math.ceil(scene.height * scale)), "#ffffff")
    draw = ImageDraw.Draw(image)

    def xy(*values: float) -> list[float]:
        return [v * scale for v in values]

    for box in scene.boxes:
        if box.fill != "none" or box.stroke != "none":
            draw.rounded_rectangle(
                xy(box.x, box.y, box.x + box.w, box.y + box.h),
                radius=box.radius * scale,
                fill=None if box.fill == "none" else box.fill,
                outline=None if box.stroke == "none" else box.stroke,
                width=max(1, round(1.5 * scale)),
            )
    for box in scene.boxes:
        if box.image:
            _paste(image, box.image, [round(v) for v in xy(box.x + 4, box.y + 4, box.w - 8, box.h - 8)])
    for x1, y1, x2, y2 in scene.rules:
        _dashed(
            draw, [(x1 * scale, y1 * scale), (x2 * scale, y2 * scale)], "#c7cedd", 1, 4 * scale, 4 * scale
        )
    for curve in scene.curves:
        points = [(x * scale, y * scale) for x, y in curve.points]
        line = max(1, round(2.5 * scale))
        if len(points) > 1:
            if curve.dashed:
                _dashed(draw, points, curve.color, line, 6 * scale, 4 * scale)
            else:
                draw.line(points, fill=curve.color, width=line, joint="curve")
        for x, y in points:
            r = (5 if curve.square else 6) * scale
            shape = draw.rectangle if curve.square else draw.ellipse
            shape([x - r, y - r, x + r, y + r], fill=curve.color)
    for box in scene.boxes:
        for text in box.texts:
            font = _font(text.size * scale, text.bold)
            draw.text(
                (text.x * scale, text.y * scale),
                text.value,
                font=font,
                fill=text.color,
                anchor="rs" if text.rtl else "ls",
                direction=fonts.direction(font, text.value),
            )
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=3)
    return out.getvalue()


def _paste(canvas: Any, uri: str, place: list[int]) -> None:
    """A data-URI picture fitted into ``place`` (x, y, width, height) and centred there."""
    from PIL import Image

    x, y, w, h = place
    with Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))) as opened:
        picture = opened.convert("RGB")
    picture.thumbnail((max(1, w), max(1, h)))
    canvas.paste(picture, (x + (w - picture.width) // 2, y + (h - picture.height) // 2))


def _font(size: float, bold: bool) -> Any:
    from PIL import ImageFont

    return fonts.font(size, bold) or ImageFont.load_default(size)


def _dashed(
    draw: Any, points: list[tuple[float, float]], color: str, width: int, on: float, off: float
) -> None:
    """A dashed polyline (Pillow draws only solid ones)."""
    for (x1, y1), (x2, y2) in itertools.pairwise(points):
        length = math.hypot(x2 - x1, y2 - y1)
        step, at = on + off, 0.0
        while at < length:
            end = min(at + on, length)
            a, b = at / length, end / length
            draw.line(
                [(x1 + (x2 - x1) * a, y1 + (y2 - y1) * a), (x1 + (x2 - x1) * b, y1 + (y2 - y1) * b)],
                fill=color,
                width=width,
            )
            at += step
