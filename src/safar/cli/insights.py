"""`safar insights drivers|quadrants|gaps`: moments of truth from survey ratings, from the command line.

A thin adapter over :mod:`safar.insights`: read the CSV, call one function, print the result —
with ``--json`` only the JSON document on stdout, otherwise a table in the user's language
(Persian labels and digits when ``SAFAR_LANG=fa``). A :class:`~safar.errors.SafarError` is left to
the root command, which prints one line and exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from safar import insights
from safar.cli.output import SafarGroup, print_json, use_json
from safar.errors import InputError
from safar.i18n import current_lang, to_persian_digits, translate

app = typer.Typer(
    cls=SafarGroup,
    help="Moments of truth from data: key drivers, importance × performance, gap analysis.",
    no_args_is_help=True,
)

File = Annotated[Path, typer.Option("--file", help="CSV file of survey ratings with a header row.")]
Outcome = Annotated[str, typer.Option("--outcome", help="Column of the overall outcome.")]
Positive = Annotated[
    str | None, typer.Option("--positive", help="Outcome value counted as 1 (binary outcome); others are 0.")
]
Na = Annotated[
    str | None,
    typer.Option("--na", help="Not-applicable codes, comma-separated (e.g. 0): missing, never scores."),
]
Drivers = Annotated[
    str | None,
    typer.Option("--drivers", help="Driver columns, comma-separated (default: every numeric column)."),
]
Exclude = Annotated[str | None, typer.Option("--exclude", help="Columns to leave out, comma-separated.")]
Missing = Annotated[
    str,
    typer.Option(
        "--missing", help="Rows missing a rating: listwise (left out) or pairwise (per correlation)."
    ),
]
Seed = Annotated[int, typer.Option("--seed", help="Seed of the bootstrap resampling.")]
Confidence = Annotated[float, typer.Option("--confidence", help="Confidence level of the intervals.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@app.command("drivers")
def drivers_command(
    file: File,
    outcome: Outcome,
    positive: Positive = None,
    na: Na = None,
    drivers: Drivers = None,
    exclude: Exclude = None,
    missing: Missing = "listwise",
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", help="Bootstrap resamples (0: no intervals).")
    ] = 200,
    seed: Seed = insights.drivers.SEED,
    confidence: Confidence = 0.95,
    as_json: Json = False,
) -> None:
    """Relative importance (Johnson's relative weights) of each touchpoint rating for the outcome."""
    use_json(as_json)
    result = insights.key_drivers(
        insights.read_ratings(file),
        outcome=outcome,
        drivers=_names(drivers),
        exclude=_names(exclude) or [],
        positive=positive,
        na=_codes(na),
        bootstrap=bootstrap,
        seed=seed,
        confidence=confidence,
        missing=missing,
    )
    if as_json:
        print_json(result.to_dict())
        return
    fa = current_lang() == "fa"
    table = Table(title=_t("insights.label.title_drivers", outcome=outcome))
    for key in ("rank", "driver", "importance", "interval", "share", "direction", "performance"):
        table.add_column(_t(f"insights.label.{key}"))
    for rank, d in enumerate(result.drivers, 1):
        interval = "—"
        if d.importance_low is not None and d.importance_high is not None:
            interval = f"{_num(d.importance_low, fa)} – {_num(d.importance_high, fa)}"
        table.add_row(
            _num(rank, fa),
            d.name,
            _num(d.importance, fa),
            interval,
            _num(100 * d.share, fa, digits=1) + ("٪" if fa else "%"),
            _t(f"insights.label.{d.direction}"),
            _num(d.performance, fa, digits=2),
        )
    console = Console()
    console.print(table)
    summary = _t(
        "insights.label.summary_drivers",
        r2=round(result.r2, 4),
        n=result.n,
        rows=result.n_rows,
        missing=_t(f"insights.label.{result.missing_rows}"),
        bootstrap=result.bootstrap_used,
        seed=result.seed if result.seed is not None else "—",
    )
    console.print(summary, markup=False, highlight=False)


@app.command("quadrants")
def quadrants_command(
    file: File,
    outcome: Outcome,
    positive: Positive = None,
    na: Na = None,
    drivers: Drivers = None,
    exclude: Exclude = None,
    missing: Missing = "listwise",
    threshold: Annotated[
        str, typer.Option("--threshold", help="Split each axis at its mean or median.")
    ] = "mean",
    as_json: Json = False,
) -> None:
    """Importance × performance: each driver in fix first, keep up, low priority or possible overkill."""
    use_json(as_json)
    result = insights.quadrants(
        insights.key_drivers(
            insights.read_ratings(file),
            outcome=outcome,
            drivers=_names(drivers),
            exclude=_names(exclude) or [],
            positive=positive,
            na=_codes(na),
            bootstrap=0,
            missing=missing,
        ),
        threshold=threshold,
    )
    if as_json:
        print_json(result.to_dict())
        return
    fa = current_lang() == "fa"
    table = Table(title=_t("insights.label.title_quadrants"))
    for key in ("driver", "importance", "performance", "quadrant"):
        table.add_column(_t(f"insights.label.{key}"))
    for d in result.drivers:
        table.add_row(
            d.name,
            _num(d.importance, fa),
            _num(d.performance, fa, digits=2),
            _t(f"insights.label.{d.quadrant}"),
        )
    console = Console()
    console.print(table)
    summary = _t(
        "insights.label.summary_quadrants",
        threshold=result.threshold,
        importance=round(result.importance_threshold, 4),
        performance=round(result.performance_threshold, 2),
    )
    console.print(summary, markup=False, highlight=False)


@app.command("gaps")
def gaps_command(
    file: File,
    pairs: Annotated[
        str, typer.Option("--pairs", help="TOUCHPOINT:EXPECTATION_COL:PERCEPTION_COL, comma-separated.")
    ],
    na: Na = None,
    confidence: Confidence = 0.95,
    as_json: Json = False,
) -> None:
    """Gap = perception − expectation per touchpoint with paired tests; most negative first."""
    use_json(as_json)
    result = insights.gap_analysis(
        insights.read_ratings(file), insights.parse_pairs(pairs), na=_codes(na), confidence=confidence
    )
    if as_json:
        print_json(result.to_dict())
        return
    fa = current_lang() == "fa"
    table = Table(title=_t("insights.label.title_gaps"))
    keys = ("touchpoint", "expectation", "perception", "gap", "interval", "p_value", "p_wilcoxon", "dz", "n")
    for key in keys:
        table.add_column(_t(f"insights.label.{key}"))
    for g in result.gaps:
        interval = "—" if g.gap_low is None else f"{_num(g.gap_low, fa, 2)} – {_num(g.gap_high, fa, 2)}"
        table.add_row(
            g.touchpoint,
            _num(g.expectation, fa, 2),
            _num(g.perception, fa, 2),
            _num(g.gap, fa, 2),
            interval,
            _num(g.p_value, fa),
            _num(g.p_wilcoxon, fa),
            _num(g.dz, fa, 2),
            _num(g.n, fa),
        )
    Console().print(table)


def _t(code: str, /, **params: Any) -> str:
    return translate(code, current_lang(), **params)


def _names(text: str | None) -> list[str] | None:
    if text is None:
        return None
    return [name.strip() for name in text.split(",") if name.strip()]


def _codes(text: str | None) -> list[float]:
    codes = []
    for item in _names(text) or []:
        try:
            codes.append(float(item))
        except ValueError:
            raise InputError("insights.bad_na", value=item) from None
    return codes


def _num(value: float | int | None, fa: bool, digits: int = 4) -> str:
    """A number in the user's digits (Persian digits and «٫» as decimal point in Persian)."""
    if value is None:
        return "—"
    text = str(value) if isinstance(value, int) else f"{value:.{digits}f}"
    if not isinstance(value, int) and 0 < abs(value) < 10 ** (-digits):
        text = f"{value:.1e}"
    return to_persian_digits(text) if fa else text
