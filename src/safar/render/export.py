"""A map drawn as SVG, PNG or PDF, with its data: the one renderer behind ``safar map export`` and the web
app's ``/w/{ws}/maps/{id}/export.{format}`` (both through :func:`safar.services.exports.export_map`).

The SVG and the PNG are one :class:`~safar.render.scene.Scene` (:mod:`safar.render.svg`,
:mod:`safar.render.raster`); the PDF is laid out for paper (:mod:`safar.render.pdf`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from safar.model import Channel, JourneyMap
from safar.render.overlay import About

if TYPE_CHECKING:
    from safar.services.overlay import Canvas

DRAWN = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}
PAPERS = ("a4", "a3", "poster")


def draw_map(
    journey: JourneyMap,
    fmt: str,
    channels: Mapping[str, Channel],
    lang: str,
    *,
    figures: Canvas | None,
    about: About,
    paper: str = "a4",
    alerts: Mapping[str, list[str]] | None = None,
) -> bytes:
    """The map in ``fmt`` (one of :data:`DRAWN`; the caller has checked it and ``paper``); ``alerts``: the
    map's open alerts per touchpoint, in every format."""
    from safar.render.scene import map_scene

    if fmt == "pdf":
        from safar.render.pdf import map_pdf

        return map_pdf(journey, channels, lang, figures, about, paper, alerts or {})
    scene = map_scene(journey, channels, lang, figures, about, alerts)
    if fmt == "svg":
        from safar.render.svg import scene_svg

        return scene_svg(scene).encode()
    from safar.render.raster import scene_png

    return scene_png(scene)
