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
"""

from __future__ import annotations

import re
from typing import Literal

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from safar.i18n import format_percent, translate
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
    console.print(table)
    # Measured without the terminal's limit (Measurement.get clamps to it): the width its longest words need.
    narrowest = Measurement.get(console, console.options.update_width(1_000_000), table).minimum
    if narrowest > console.width:
        console.print(
            translate("cli.too_wide", lang, width=console.width), markup=False, highlight=False, style="dim"
        )
