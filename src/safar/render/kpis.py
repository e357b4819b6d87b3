"""Key metrics for people: numbers in the user's digits and a small SVG sparkline of a trend.

>>> format_value(12.345, "%", "en"), format_value(12.5, "%", "fa"), format_value(85.0, "%", "en")
('12.3%', '۱۲٫۵٪', '85%')
>>> format_value(4.2, "days", "en"), format_value(None, "%", "en")
('4.2 days', '—')
>>> format_change(-2.0, "en"), format_change(None, "en")
('−2', '—')
>>> '<polyline' in sparkline([1.0, 3.0, 2.0]), sparkline([1.0])
(True, '')
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from safar.i18n import format_percent, to_persian_digits


def _digits(text: str, lang: str) -> str:
    return to_persian_digits(text) if lang == "fa" else text


def format_number(value: float | int | None, lang: str) -> str:
    """At most one decimal place for large values, three significant for small ones; ``—`` for none."""
    if value is None:
        return "—"
    number = float(value)
    if number.is_integer():
        text = f"{int(number):,}"
    elif abs(number) >= 10:
        text = f"{number:,.1f}"
    else:
        text = f"{number:.3g}"
    return _digits(text.replace(",", "٬" if lang == "fa" else ","), lang)


def format_value(value: float | int | None, unit: str, lang: str) -> str:
    """A metric's value with its unit; percentages through the one percent formatter (``٪`` in Persian)."""
    if unit == "%" and value is not None:
        return format_percent(float(value), lang, 0 if float(value).is_integer() else 1)
    shown = format_number(value, lang)
    return f"{shown} {unit}".strip() if value is not None and unit else shown


def format_change(change: float | None, lang: str) -> str:
    """A signed change (``+3``, ``−2``), or ``—``."""
    if change is None:
        return "—"
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    return sign + format_number(abs(change), lang)


def sparkline(values: Sequence[float], *, width: int = 120, height: int = 28, label: str = "") -> str:
    """An inline SVG polyline of ``values`` (empty with fewer than two points); ``label`` is escaped."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    step = (width - 4) / (len(values) - 1)
    points = " ".join(
        f"{2 + i * step:.1f},{height - 2 - (v - low) / span * (height - 4):.1f}" for i, v in enumerate(values)
    )
    last_x, last_y = points.rsplit(" ", 1)[-1].split(",")
    title = f"<title>{escape(label)}</title>" if label else ""
    return (
        f'<svg class="sparkline" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label, quote=True)}">{title}'
        f'<polyline fill="none" stroke="currentColor" stroke-width="1.5" points="{points}"/>'
        f'<circle cx="{last_x}" cy="{last_y}" r="2" fill="currentColor"/></svg>'
    )
