"""Figures in the CLI's tables as a person reads them: durations in seconds, minutes, hours or days (never
raw seconds), shares as percentages (never fractions), and tables that fit the terminal or say to use
``--json`` (whose output keeps the raw numbers).

A field is read by its name in the analytics' results: a name with ``seconds`` in it, or a statistic of
a time distribution (``mean``, ``p25``, ``median``, ``p75``, ``p90``: :class:`safar.analytics._common.
Distribution` holds durations only), is a duration; a name ending in ``share`` or starting with
``rate_``, and ``conversion_to_next_stage``, is a share 0…1.

>>> figure_kind("response_seconds.median"), figure_kind("response_seconds.n"), figure_kind("p90")
('duration', None, 'duration')
>>> figure_kind("unanswered_share"), figure_kind("rate_from_start"), figure_kind("customers")
('share', 'share', None)
>>> format_figure("median_seconds_to_next", 7200.0, "en"), format_figure("dropoff_share", 0.163, "en")
('2 h', '16.3%')
>>> format_figure("customers", 1200, "en") is None
True

Every other table of the CLI goes through :func:`show_table` (columns that fold a long word rather than
cut it, then :func:`print_table`), and a line of prose through :func:`say`, which wraps it at the
terminal's width.
"""

from __future__ import annotations

import re
from typing import Literal

from rich.console import Console
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table

from safar.cli.output import console
from safar.i18n import current_lang, format_percent, translate
from safar.i18n.units import format_duration

TIME_STATS = frozenset({"mean", "p25", "median", "p75", "p90"})
_SHARE = re.compile(r"(?:^|_)share$|^rate_|^conversion_to_next_stage$")


def figure_kind(key: str) -> Literal["duration", "share"] | None:
    """What a result field (``a.b`` for nested ones) holds, by its name: a duration, a share, or neither."""
    parts = key.split(".")
    last = parts[-1]
    if last == "n":
        return None
    if any("seconds" in part for part in parts) or last in TIME_STATS:
        return "duration"
    if _SHARE.search(last):
        return "share"
    return None


def format_figure(key: str, value: object, lang: str) -> str | None:
    """``value`` of field ``key`` as a duration or a percentage (one decimal); ``None`` when it is neither."""
    kind = figure_kind(key)
    if kind is None or isinstance(value, bool) or not isinstance(value, int | float | type(None)):
        return None
    if kind == "duration":
        return format_duration(value, lang)
    return format_percent(None if value is None else value * 100, lang, 1)


def print_table(console: Console, table: Table, lang: str) -> None:
    """Print ``table``; when even its narrowest layout is wider than the terminal, say so and point to
    ``--json``, which has every figure whatever the width."""
    _fit(console, table)
    console.print(table)
    # Measured without the terminal's limit (Measurement.get clamps to it): the width its longest words need.
    narrowest = Measurement.get(console, console.options.update_width(1_000_000), table).minimum
    if narrowest > console.width:
        console.print(
            translate("cli.too_wide", lang, width=console.width),
            markup=False,
            highlight=False,
            style="dim",
            soft_wrap=False,
        )


def _fit(console: Console, table: Table) -> None:
    """Give each column at least its longest word when the table can fit so, the room left shared in
    proportion to what each column would take more (rich alone narrows the widest columns first, which
    splits a long name in the middle while a column of short words keeps its room)."""
    columns = [c for c in table.columns if c.width is None]
    if not columns or len(columns) != len(table.columns):
        return
    options = console.options.update_width(1_000_000)
    _, right, _, left = Padding.unpack(table.padding)
    padding = [
        (left if table.pad_edge or i > 0 else 0) + (right if table.pad_edge or i < len(columns) - 1 else 0)
        for i in range(len(columns))
    ]
    edges = (2 if table.box and table.show_edge else 0) + (len(columns) - 1 if table.box else 0)
    room = console.width - edges - sum(padding)
    measures = [
        [Measurement.get(console, options, cell) for cell in (column.header, *column.cells)]
        for column in columns
    ]
    least = [max(m.minimum for m in cells) for cells in measures]
    most = [max(m.maximum for m in cells) for cells in measures]
    if sum(most) <= room or sum(least) > room:
        return  # it fits as it is, or it cannot fit whatever the layout (print_table says so)
    spare, wants = room - sum(least), [hi - lo for lo, hi in zip(least, most, strict=True)]
    widths = [lo + spare * want // sum(wants) for lo, want in zip(least, wants, strict=True)]
    for i in sorted(range(len(widths)), key=lambda i: wants[i], reverse=True)[: room - sum(widths)]:
        widths[i] += 1
    for column, width in zip(columns, widths, strict=True):
        column.width = width


def show_table(table: Table, on: Console | None = None) -> None:
    """Print one of the CLI's tables in the user's language: every column folds a word too long for it
    onto the next line (never cut with "…"), and a table that cannot fit says to use ``--json``."""
    for column in table.columns:
        column.overflow = "fold"
    print_table(on or console, table, current_lang())


def say(text: str, on: Console | None = None) -> None:
    """A line of prose wrapped at the terminal's width (the CLI's console does not wrap by itself)."""
    (on or console).print(text, markup=False, highlight=False, soft_wrap=False)
