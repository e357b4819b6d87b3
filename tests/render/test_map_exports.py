"""A map's exports with its data (safar.services.map_exports, safar.render.pdf/scene/raster): the PDF opened
(page size and count, the cover, the canvas's figures as text, Persian digits and Jalali dates), the poster,
the PNG and its time, read from the demo insurance map in Persian and English, built once for the module."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest

from safar.config import Settings
from safar.context import Context
from safar.i18n import format_datetime, format_number, translate
from safar.render.overlay import behaviour, voice
from safar.render.pdf import PAPERS, sheets
from safar.services.alerts import open_alerts
from safar.services.map_exports import export_map
from safar.services.overlay import Canvas, canvas
from safar.services.results import current

A4 = (841.89, 595.28)  # landscape, in points
A3 = (1190.55, 841.89)
NOW = datetime(2026, 3, 21, 8, 30, tzinfo=UTC)


@dataclass
class Home:
    settings: Settings
    map_id: int
    lang: str

    def ctx(self) -> Context:
        return Context.open(self.settings, lang=self.lang)

    def figures(self) -> Canvas:
        with self.ctx() as ctx:
            return current(ctx, canvas, self.map_id)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], Home]]:
    """``lang`` -> the demo map in that language with its events, survey answers and comments (built once)."""
    from safar.demo import create_demo_map
    from safar.store.engine import make_engine, migrate
    from safar.workspace import Workspace

    made: dict[str, Home] = {}

    def get(lang: str) -> Home:
        if lang not in made:
            home = tmp_path_factory.mktemp(f"export-{lang}") / "home"
            settings = Settings.from_env({"SAFAR_HOME": str(home), "SAFAR_USER": "tester"})
            engine = make_engine(settings.database_url)
            try:
                migrate(engine)
                map_id = create_demo_map(Workspace.attach(engine, settings, "default"), settings, lang)
            finally:
                engine.dispose()
            made[lang] = Home(settings, map_id, lang)
        return made[lang]

    yield get


def pdf_pages(content: bytes) -> list[tuple[tuple[float, float], str]]:
    """Each page's size in points and its text, whitespace made single spaces."""
    import pypdfium2

    document = pypdfium2.PdfDocument(content)
    try:
        out = []
        for page in document:
            text = page.get_textpage().get_text_range()
            out.append((tuple(round(v, 2) for v in page.get_size()), " ".join(text.split())))
        return out
    finally:
        document.close()


def export(home: Home, fmt: str, paper: str = "a4") -> bytes:
    with home.ctx() as ctx:
        return export_map(ctx, home.map_id, fmt, paper=paper, now=NOW).content


def test_the_english_pdf_is_a4_landscape_with_a_cover_and_the_canvas_figures(
    demo: Callable[[str], Home],
) -> None:
    home = demo("en")
    figures = home.figures()
    with home.ctx() as ctx:
        journey = ctx.workspace.get_map(home.map_id).document
        alerts = open_alerts(ctx.workspace, home.map_id, journey, "en")
    pages = pdf_pages(export(home, "pdf", "a4"))
    assert {size for size, _ in pages} == {A4}
    assert len(pages) >= 1 + len(sheets(journey, PAPERS["a4"][2]))  # the cover, then at least a page a sheet
    first = next(i for i, (_, text) in enumerate(pages) if text.startswith("Stage "))
    cover = " ".join(text for _, text in pages[:first])  # the cover (its personas and key metrics may run on)
    for part in (journey.title, "current state", "English", "Revision 2", "insurance-demo", "2026-03-21"):
        assert part in cover, part
    assert f"Customers in the data {format_number(figures.customers, 'en')}" in cover
    # every page of the map starts with its stage and touchpoint headers, repeated when its lanes run on
    assert all(text.startswith("Stage ") and "Touchpoints" in text for _, text in pages[first:])
    body = " ".join(text for _, text in pages[first:])
    shown = 0
    for tp in journey.touchpoints():
        figures_of = behaviour(figures, tp.id, "en")
        assert figures_of, tp.id  # every demo touchpoint has data
        for value in figures_of.values():
            assert value in body, (tp.id, value)
        for line in voice(figures, tp.id, "en"):
            assert line in body, (tp.id, line)
            shown += 1
        assert tp.name in body
    assert shown > 0  # the demo survey's NPS and CSAT, and its comments
    assert alerts  # the demo's check fires on the waiting line
    assert all(" ".join(message.split()) in body for messages in alerts.values() for message in messages)
    assert "nan" not in body.lower().split() and "None" not in body
    for lane in (
        "Emotion curve",
        "Emotion (assumed)",
        "Emotion (measured from comments)",
        "Pain points",
        "Questions and thoughts",
        "Customer voice",
        "Go on to a later stage",
        "Front stage",
        "Back stage",
        "Metrics",
        "Moment of truth",
        "Open alerts",
    ):
        assert lane in body, lane


def test_the_persian_pdf_reads_in_persian_digits_and_jalali_dates(demo: Callable[[str], Home]) -> None:
    home = demo("fa")
    figures = home.figures()
    with home.ctx() as ctx:
        journey = ctx.workspace.get_map(home.map_id).document
    pages = pdf_pages(export(home, "pdf", "a3"))
    assert {size for size, _ in pages} == {A3}
    assert len(pages) >= 1 + len(sheets(journey, PAPERS["a3"][2]))
    text = " ".join(t for _, t in pages)
    assert not re.search(r"[0-9]", text), re.findall(r".{20}[0-9].{20}", text)[:3]  # Persian digits only
    assert format_datetime(NOW, "fa").split()[0] in text  # the export's Jalali day: ۱۴۰۵/۰۱/۰۱
    assert "٪" in text and "nan" not in text.lower()
    for tp in journey.touchpoints():
        assert tp.id not in text  # names, never ids
        row = figures.touchpoints[tp.id]
        assert format_number(row.customers, "fa") in text
    assert format_number(figures.customers, "fa") in pages[0][1]


def test_a4_has_more_pages_than_a3_and_the_poster_one(demo: Callable[[str], Home]) -> None:
    home = demo("en")
    a4, a3, poster = (pdf_pages(export(home, "pdf", paper)) for paper in ("a4", "a3", "poster"))
    assert len(a4) > len(a3) > len(poster) == 1
    (width, height), text = poster[0]
    assert width > 2000 and height < width  # the whole map across one page, cut to what it holds
    figures = home.figures()
    assert all(behaviour(figures, tp, "en")["customers"] in text for tp in figures.touchpoints)


def test_the_png_is_the_svgs_picture_in_under_two_seconds(demo: Callable[[str], Home]) -> None:
    from PIL import Image

    home = demo("fa")
    export(home, "png")  # the canvas's figures computed and kept, as after a visit to the canvas
    started = time.perf_counter()
    png = export(home, "png")
    seconds = time.perf_counter() - started
    assert seconds < 2.0, seconds
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG" and image.width > 4000 and image.height > 600
        # not a blank page: the cards, curves and text are drawn
        assert len(image.convert("L").getcolors(maxcolors=1 << 16) or []) > 50


def test_the_svg_carries_the_figures_and_no_raw_ids(demo: Callable[[str], Home]) -> None:
    home = demo("fa")
    figures = home.figures()
    svg = export(home, "svg").decode()
    assert svg.startswith("<svg")
    texts = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    assert texts and not any("nan" in t.lower() or re.search(r"[0-9]", t) for t in texts)
    for tp, row in figures.touchpoints.items():
        assert f">\u2067{format_number(row.customers, 'fa')} (" in svg  # the customers lane, right to left
        assert f">{tp}<" not in svg
    assert translate("web.customer_voice", "fa") in svg
