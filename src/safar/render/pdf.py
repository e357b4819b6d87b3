"""A journey map as a PDF to print: a cover page, then the map split across A4 or A3 landscape pages by
its stages, every lane with the data; or the whole map on one poster page.

WeasyPrint lays the pages out (Pango and HarfBuzz shape Persian and set it right to left). A stage that
does not fit a page goes on the next one; a stage wider than a page is split, its header repeated and
marked as continued, and a page whose lanes run long repeats its stage and touchpoint headers.

>>> from safar.model import JourneyMap, Stage, Touchpoint
>>> m = JourneyMap(title="t", stages=[Stage(id="a", name="A", touchpoints=[
...     Touchpoint(id=f"t{i}", name="T", channel="sms") for i in range(5)]), Stage(id="b", name="B")])
>>> [[(group.stage.id, len(group.columns), group.continued) for group in sheet] for sheet in sheets(m, 3)]
[[('a', 3, False)], [('a', 2, True), ('b', 1, False)]]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from safar.i18n import format_day, format_number, format_percent, format_target, translate
from safar.i18n.units import format_duration
from safar.model import Channel, JourneyMap, Stage, Touchpoint
from safar.render import fonts
from safar.render.overlay import (
    BEHAVIOUR,
    BLUEPRINT_LANES,
    TEXT_LANES,
    About,
    behaviour,
    figure_of,
    figure_text,
    measured,
    pct,
    voice,
)

if TYPE_CHECKING:
    from safar.services.overlay import Canvas

# Landscape paper in millimetres, and how many touchpoint columns a page holds.
PAPERS = {"a4": (297, 210, 6), "a3": (420, 297, 9)}
POSTER = "poster"
MARGIN, LABEL = 12, 30  # mm
POSTER_COLUMN = 42  # mm
POSTER_HEIGHT = 3000  # mm: laid out on a tall page, then cut to what it holds

_env = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(["html"])
)


@dataclass(frozen=True)
class Group:
    """The columns of one stage on one page (``continued``: the stage began on an earlier page)."""

    stage: Stage
    columns: list[Touchpoint | None]
    continued: bool = False


def sheets(journey: JourneyMap, per_page: int) -> list[list[Group]]:
    """The map's columns cut into pages of at most ``per_page``, at stage boundaries where a stage fits."""
    pages: list[list[Group]] = [[]]
    room = per_page
    for stage in journey.stages:
        cols: list[Touchpoint | None] = list(stage.touchpoints) or [None]
        if len(cols) > room and pages[-1]:
            pages.append([])
            room = per_page
        first = True
        while cols:
            if room == 0:
                pages.append([])
                room = per_page
            taken, cols = cols[:room], cols[room:]
            pages[-1].append(Group(stage, taken, continued=not first))
            room -= len(taken)
            first = False
    return [page for page in pages if page]


def map_pdf(
    journey: JourneyMap,
    channels: Mapping[str, Channel],
    lang: str,
    figures: Canvas | None,
    about: About,
    paper: str = "a4",
    alerts: Mapping[str, list[str]] | None = None,
) -> bytes:
    """The PDF: ``paper`` is ``a4`` or ``a3`` (landscape, paginated) or ``poster`` (one page)."""
    from weasyprint import HTML

    pdf = bytes(HTML(string=map_html(journey, channels, lang, figures, about, paper, alerts)).write_pdf())
    return _cut_to_content(pdf) if paper == POSTER else pdf


def map_html(
    journey: JourneyMap,
    channels: Mapping[str, Channel],
    lang: str,
    figures: Canvas | None,
    about: About,
    paper: str = "a4",
    alerts: Mapping[str, list[str]] | None = None,
) -> str:
    tps = list(journey.touchpoints())
    n = sum(max(1, len(s.touchpoints)) for s in journey.stages) or 1
    if paper == POSTER:
        size = (2 * MARGIN + LABEL + n * POSTER_COLUMN, POSTER_HEIGHT)
        pages = sheets(journey, n)
    else:
        width, height, per_page = PAPERS[paper]
        size = (width, height)
        pages = sheets(journey, per_page)
    found = measured(figures)
    rtl = journey.lang == "fa"
    lanes = [
        (key, label) for key, label in TEXT_LANES + BLUEPRINT_LANES if any(getattr(tp, key) for tp in tps)
    ]
    return _env.get_template("print.html").render(
        journey=journey,
        channels=channels,
        lang=lang,
        rtl=rtl,
        fonts=(fonts.VAZIRMATN / "ttf").as_uri() if fonts.has_vazirmatn() else None,
        paper=paper,
        page_mm=size,
        margin_mm=MARGIN,
        label_mm=LABEL,
        pages=pages,
        about=about,
        figures=figures if figures is not None and figures.dataset is not None else None,
        voiced=figures is not None and any(voice(figures, tp.id, lang) for tp in tps),
        behaviour_lanes=BEHAVIOUR,
        text_lanes=lanes,
        has_metrics=any(tp.metrics for tp in tps),
        has_moments=any(tp.moment_of_truth for tp in tps),
        measured=found,
        alerts=alerts or {},
        per_page=per_page_of(paper, n),
        curve=lambda groups: _curve(groups, found, size[0] - 2 * MARGIN - LABEL, per_page_of(paper, n), rtl),
        behaviour=lambda tp: behaviour(figures, tp, lang),
        voice=lambda tp: voice(figures, tp, lang),
        lane_figure=lambda lane, tp: figure_text(lane.figure, figure_of(figures, lane.figure, tp), lang),
        t=lambda code, **kw: translate(code, lang, **kw),
        num=lambda v, spec="": format_number(v, lang, spec),
        target=lambda value, unit: format_target(value, unit, lang),
        day=lambda v: format_day(v, lang),
        percent=lambda v: format_percent(v, lang, 1),
        share=lambda v: pct(v, lang),
        duration=lambda v: format_duration(v, lang),
        channel=lambda c: channels[c].name(lang) if c in channels else c,
    )


def per_page_of(paper: str, n: int) -> int:
    return n if paper == POSTER else PAPERS[paper][2]


def _curve(
    groups: list[Group], found: Mapping[str, float], width_mm: float, per_page: int, rtl: bool
) -> dict[str, Any]:
    """The emotion curves of one page as points in millimetres: assumed (the map's) and measured; the
    columns of a right-to-left map run from the right."""
    col = width_mm / max(1, per_page)
    height = 24.0
    assumed: list[tuple[float, float]] = []
    runs: list[list[tuple[float, float]]] = [[]]
    i = 0
    for group in groups:
        for tp in group.columns:
            x = (i + 0.5) * col
            if tp is not None and tp.emotion is not None:
                assumed.append((x, 3 + (2 - tp.emotion.score) / 4 * (height - 6)))
            if tp is not None and tp.id in found:
                runs[-1].append((x, 3 + (2 - found[tp.id]) / 4 * (height - 6)))
            elif runs[-1]:
                runs.append([])
            i += 1
    used = i * col
    if rtl:
        assumed = [(used - x, y) for x, y in assumed]
        runs = [[(used - x, y) for x, y in run] for run in runs]
    return {
        "width": width_mm,
        "used": used,
        "height": height,
        "assumed": assumed,
        "measured": [run for run in runs if run],
    }


def _cut_to_content(pdf: bytes) -> bytes:
    """The poster's one tall page cut to the height its content takes (plus the margin)."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        left, bottom, right, top = page.get_mediabox()
        lowest = min((obj.get_bounds()[1] for obj in page.get_objects()), default=bottom)
        margin = MARGIN / 25.4 * 72
        page.set_mediabox(left, max(bottom, lowest - margin), right, top)
        page.set_cropbox(left, max(bottom, lowest - margin), right, top)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    finally:
        document.close()
