"""The fonts of the exports and a real measure of text: how wide a line is, and a name wrapped to a width.

The map's drawings (SVG, PNG) are set in Vazirmatn, the font the web app serves (the npm package, see
CONTRIBUTING), and the SVG carries it inside itself, so it looks the same on every machine. Widths are
measured by Pillow with that font: with libraqm (HarfBuzz and FriBiDi, in Pillow's wheels) the text is
shaped as it will be drawn, so Persian letters are measured in their joined forms. Without Vazirmatn,
DejaVu Sans (Persian letters too, wider) is used and measured; without either, a width of 0.62 em per
character is assumed, wider than any letter of both fonts but the widest capitals.

>>> width("سفر مشتری", 13) > width("سفر", 13) > 0
True
>>> wrap("Compare quotes from several insurers online", 120, 13)
['Compare quotes', 'from several', 'insurers online']
>>> wrap("Compare quotes from several insurers online", 120, 13, lines=2)
['Compare quotes', 'from several…']
"""

from __future__ import annotations

import base64
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

VAZIRMATN = Path(__file__).resolve().parents[1] / "web" / "assets" / "node_modules" / "vazirmatn" / "fonts"
FAMILY = "SafarMap"  # the embedded font's own name: a differently made Vazirmatn on the system is not taken
STACK = f"{FAMILY}, Vazirmatn, 'DejaVu Sans', sans-serif"
FALLBACK_EM = 0.62
ELLIPSIS = "…"


@cache
def _font(size: float, bold: bool) -> Any:
    """The Pillow font for ``size`` px, or ``None`` when no TTF is found."""
    from PIL import ImageFont

    for path in _files(bold):
        try:
            return ImageFont.truetype(str(path), size=size, layout_engine=ImageFont.Layout.RAQM)
        except OSError:  # no such file: the next
            continue
    return None


def _files(bold: bool) -> list[Path | str]:
    weight = "Bold" if bold else "Regular"
    return [
        VAZIRMATN / "ttf" / f"Vazirmatn-{weight}.ttf",
        "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf",
    ]


def has_vazirmatn() -> bool:
    return (VAZIRMATN / "ttf" / "Vazirmatn-Regular.ttf").is_file()


def font(size: float, bold: bool = False) -> Any:
    """The font a drawing uses for ``size`` px (``None``: none installed, Pillow's own is drawn with)."""
    return _font(round(size * 4) / 4, bold)


@lru_cache(maxsize=8192)
def width(text: str, size: float, bold: bool = False) -> float:
    """How wide ``text`` is at ``size`` px, shaped as it will be drawn."""
    found = font(size, bold)
    if found is None:
        return FALLBACK_EM * size * len(text)
    return float(found.getlength(text, direction=direction(found, text)))


def direction(found: Any, text: str) -> str | None:
    """Pillow's direction for ``text``: right to left for Persian; ``None`` where only libraqm takes one."""
    from PIL import ImageFont

    if getattr(found, "layout_engine", None) != ImageFont.Layout.RAQM:
        return None
    return "rtl" if is_rtl(text) else "ltr"


def metrics(size: float, bold: bool = False) -> tuple[float, float]:
    """The font's ascent and descent at ``size`` px: the height a line of text takes, whatever its letters."""
    found = font(size, bold)
    if found is None:
        return 1.0 * size, 0.3 * size
    ascent, descent = found.getmetrics()
    return float(ascent), float(descent)


def wrap(text: str, room: float, size: float, bold: bool = False, lines: int = 3) -> list[str]:
    """``text`` broken at spaces into lines at most ``room`` px wide, at most ``lines`` of them; a word
    wider than a line is cut, and what does not fit in the last line ends in an ellipsis."""
    words = text.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        if len(out) == lines - 1:
            out.append(_clip(" ".join(words[i:]), room, size, bold))
            break
        line = words[i]
        i += 1
        while i < len(words) and width(f"{line} {words[i]}", size, bold) <= room:
            line += " " + words[i]
            i += 1
        out.append(_clip(line, room, size, bold))
    return out


def fit(text: str, room: float, size: float, bold: bool = False) -> str:
    """``text`` on one line of ``room`` px, cut with an ellipsis when it is wider."""
    return _clip(" ".join(text.split()), room, size, bold)


def _clip(text: str, room: float, size: float, bold: bool) -> str:
    """``text`` if it fits ``room``, else its longest run of whole words that fits with an ellipsis, else
    (one long word) its longest head that does."""
    if width(text, size, bold) <= room:
        return text
    words = text.split()
    for k in range(len(words) - 1, 0, -1):
        head = " ".join(words[:k]) + ELLIPSIS
        if width(head, size, bold) <= room:
            return head
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if width(text[:mid].rstrip() + ELLIPSIS, size, bold) <= room:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + ELLIPSIS


def is_rtl(text: str) -> bool:
    """Whether ``text`` has a Persian (Arabic-script or Hebrew) letter."""
    return any("\u0590" <= ch <= "\u08ff" or "\ufb1d" <= ch <= "\ufeff" for ch in text)


@cache
def font_faces() -> str:
    """CSS ``@font-face`` rules carrying Vazirmatn (regular and bold, WOFF2) inside the document; empty when
    the font is not installed."""
    if not has_vazirmatn():
        return ""
    rules = []
    for weight, name in ((400, "Regular"), (700, "Bold")):
        data = base64.b64encode((VAZIRMATN / "webfonts" / f"Vazirmatn-{name}.woff2").read_bytes()).decode()
        rules.append(
            f"@font-face{{font-family:{FAMILY};font-weight:{weight};"
            f"src:url(data:font/woff2;base64,{data}) format('woff2')}}"
        )
    return "".join(rules)
