"""The options every importer takes to read its file (`--tz`, `--calendar`, `--time-format`, `--encoding`,
`--sheet`), the line that says how a file was read (:mod:`safar.events.dates`), and the help of the
options that read a time or cut periods on the way out (`--from`, `--to`, `--cutoff`, `--period`)."""

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
# What a typed time may be (safar.events.dates.read_moment) and how periods are cut (safar.events.periods).
MOMENT_HELP = (
    "ISO 8601 or Jalali, Latin or Persian digits (2023-08-05, 1402/05/14 10:30, ۱۴۰۲-۰۵-۱۴); "
    "without an offset, in SAFAR_TZ (else Asia/Tehran in Persian, UTC in English)"
)
PERIOD_HELP = (
    "day, week, month, quarter or year. In Persian: Jalali periods (weeks from Saturday, quarters are "
    "the seasons, years from Nowruz); in English: Gregorian ones (weeks from Monday); SAFAR_CALENDAR "
    "chooses otherwise. Days begin at midnight in SAFAR_TZ (else Asia/Tehran in Persian, UTC in English)."
)
PeriodOpt = Annotated[str, typer.Option("--period", help=PERIOD_HELP)]
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


def say_columns(columns: dict[str, str]) -> None:
    """Print which column of the file took which role (``customer ← کد مشتری``)."""
    if columns:
        lang = current_lang()
        chosen = [f"{translate(f'column_role.{role}', lang)} ← {column}" for role, column in columns.items()]
        typer.echo(translate("events.report_columns", lang, columns=chosen))
