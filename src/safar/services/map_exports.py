"""A map as a file: the one function behind ``safar map export`` and the web app's
``/w/{ws}/maps/{id}/export.{format}``.

YAML and JSON are the document itself (lossless: importing it gives the same map). SVG, PNG and PDF are the
map drawn with the canvas's numbers, read from the canvas's own kept result
(:func:`safar.services.results.current` of :func:`safar.services.overlay.canvas`), never computed again
here: an export shows what the canvas shows.

>>> check("pdf", "a3")
>>> check("docx", "a4")
Traceback (most recent call last):
...
safar.errors.InputError: Cannot export as 'docx'; choose one of: yaml, json, svg, pdf, png.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from safar.context import Context
from safar.errors import InputError, SafarError
from safar.render.export import DRAWN, PAPERS
from safar.render.overlay import About

FORMATS = {"yaml": "application/yaml", "json": "application/json", **DRAWN}
TEXT = ("yaml", "json", "svg")  # what may be written to a terminal

__all__ = ["FORMATS", "PAPERS", "TEXT", "MapFile", "check", "export_map"]


@dataclass(frozen=True)
class MapFile:
    """An exported map: its bytes, media type, a file name that says which map and revision, the revision."""

    content: bytes
    media_type: str
    filename: str
    revision: int


def check(fmt: str, paper: str = "a4") -> None:
    """Refuse a format or a paper Safar does not export (before any work is done)."""
    if fmt not in FORMATS:
        raise InputError("export.format", format=fmt, allowed=list(FORMATS))
    if paper not in PAPERS:
        raise InputError("export.paper", paper=paper, allowed=list(PAPERS))


def export_map(
    ctx: Context,
    map_id: int,
    fmt: str,
    *,
    revision: int | None = None,
    paper: str = "a4",
    dataset: str | None = None,
    now: datetime | None = None,
) -> MapFile:
    """Map ``map_id`` (at ``revision``, default the latest) as ``fmt``; a PDF on ``paper`` (a4, a3 or poster),
    the figures from ``dataset`` (default: the map's first). When the map's own data cannot be read, the
    drawing says why and shows the map without it; a ``dataset`` asked for by name must be readable."""
    from safar.maps.yamlio import dump_text

    check(fmt, paper)
    stored = ctx.workspace.get_map(map_id, revision)
    paper_part = f"-{paper}" if fmt == "pdf" and paper != "a4" else ""
    name = f"safar-map-{map_id}-r{stored.revision}{paper_part}.{fmt}"
    if fmt in ("yaml", "json"):
        text = dump_text(stored.document.to_document(), fmt)
        return MapFile(text.encode("utf-8"), FORMATS[fmt], name, stored.revision)
    from safar.render.export import draw_map
    from safar.services.alerts import open_alerts
    from safar.services.overlay import Canvas, canvas
    from safar.services.results import current

    figures: Canvas | None = None
    note = None
    try:
        figures = current(ctx, canvas, map_id, revision=revision, dataset=dataset)
    except SafarError as err:
        if dataset is not None:
            raise
        note = err.message_for(ctx.lang)
    has_data = figures is not None and figures.dataset is not None
    about = About(
        map_id,
        stored.revision,
        now or datetime.now(UTC),
        dataset=figures.dataset if figures is not None else None,
        customers=figures.customers if has_data and figures is not None else None,
        first=figures.period.first if figures is not None and figures.period else None,
        last=figures.period.last if figures is not None and figures.period else None,
        note=note,
    )
    content = draw_map(
        stored.document,
        fmt,
        ctx.workspace.channels(),
        ctx.lang,
        figures=figures,
        about=about,
        paper=paper,
        alerts=open_alerts(ctx.workspace, map_id, stored.document, ctx.lang),
    )
    return MapFile(content, FORMATS[fmt], name, stored.revision)
