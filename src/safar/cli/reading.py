"""The options every importer takes to read its file (`--tz`, `--calendar`, `--time-format`, `--encoding`,
`--sheet`), and the line that says how a file was read (:mod:`safar.events.dates`)."""

from __future__ import annotations

from typing import Annotated

import typer

from safar.i18n import current_lang, translate

TzOpt = Annotated[
    str | None,
    typer.Option(
        "--tz",
        help="Time zone of times written without an offset (default: SAFAR_TZ, else Asia/Tehran "
        "in Persian, UTC in English).",
    ),
]
CalendarOpt = Annotated[
    str,
    typer.Option(
        "--calendar",
        help="jalali, gregorian or auto (a column whose years are all 1300–1500 is Jalali; a mixed one is refused).",
    ),
]
TimeFormatOpt = Annotated[
    str | None,
    typer.Option(
        "--time-format",
        help="strftime layout of the times when they are neither ISO 8601 nor Jalali, "
        "e.g. '%a %b %d %H:%M:%S %z %Y' (Twitter/X).",
    ),
]
EncodingOpt = Annotated[
    str | None,
    typer.Option(
        "--encoding",
        help="Text encoding of a CSV/TSV file (sniffed by default: UTF-8, UTF-16, cp1256, iso-8859-6).",
    ),
]
SheetOpt = Annotated[
    str | None, typer.Option("--sheet", help="Sheet of an Excel workbook to read (default: the first).")
]


def say_reading(reading: dict[str, str], *, quiet: bool) -> None:
    """Print how the file was read (to stderr when stdout carries JSON)."""
    if reading:
        lang = current_lang()
        line = translate(
            "input.reading", lang, **{k: reading.get(k, "-") for k in ("encoding", "calendar", "tz")}
        )
        if reading.get("time_format"):
            line += f", --time-format {reading['time_format']}"
        typer.echo(line, err=quiet)
