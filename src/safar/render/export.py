"""Exports of a map as SVG, PDF and PNG.

The PDF is laid out by WeasyPrint (Pango and HarfBuzz shape Persian and lay it out right to
left); the PNG is the PDF's page rendered by PDFium. Fonts come from the Vazirmatn npm package
when it is installed, else from the system (DejaVu Sans has Persian letters).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from safar.errors import InputError
from safar.i18n import to_persian_digits, translate
from safar.model import Channel, JourneyMap
from safar.render.layout import columns as layout_columns
from safar.render.svg import map_svg

_FONTS = (
    Path(__file__).resolve().parents[1] / "web" / "assets" / "node_modules" / "vazirmatn" / "fonts" / "ttf"
)
_env = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")), autoescape=select_autoescape(["html"])
)
FORMATS = {"svg": "image/svg+xml", "pdf": "application/pdf", "png": "image/png"}


def export_map(
    journey: JourneyMap, fmt: str, channels: Mapping[str, Channel], lang: str
) -> tuple[bytes, str]:
    """The map in ``fmt`` (svg, pdf or png) and its media type."""
    if fmt not in FORMATS:
        raise InputError("export.format", format=fmt, allowed=sorted(FORMATS))
    if fmt == "svg":
        return map_svg(journey, channels, lang).encode(), FORMATS[fmt]
    pdf = map_pdf(journey, channels, lang)
    if fmt == "pdf":
        return pdf, FORMATS[fmt]
    return pdf_to_png(pdf), FORMATS[fmt]


def map_html(journey: JourneyMap, channels: Mapping[str, Channel], lang: str) -> str:
    columns = layout_columns(journey)
    return _env.get_template("print.html").render(
        journey=journey,
        columns=columns,
        channels=channels,
        lang=lang,
        rtl=journey.lang == "fa",
        fonts=_FONTS.as_uri() if _FONTS.is_dir() else None,
        page_width_mm=90 + 52 * max(1, len(columns)),
        t=lambda code, **kw: translate(code, lang, **kw),
        num=lambda v: to_persian_digits(str(v)) if lang == "fa" else str(v),
    )


def map_pdf(journey: JourneyMap, channels: Mapping[str, Channel], lang: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=map_html(journey, channels, lang)).write_pdf())


def pdf_to_png(pdf: bytes, scale: float = 1.5) -> bytes:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=scale).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
