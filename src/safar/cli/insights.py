"""`safar insights drivers|quadrants|gaps|moments|opportunities|opportunity`: insights from the command line.

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

from safar.cli.figures import say, show_table
from safar.cli.output import SafarGroup, print_json, use_json
from safar.cli.reading import MOMENT_HELP
from safar.errors import InputError
from safar.i18n import current_lang, format_percent, to_persian_digits, translate

app = typer.Typer(
    cls=SafarGroup,
    help="Moments of truth from data: key drivers, importance × performance, gap analysis.",
    no_args_is_help=True,
)

File = Annotated[Path, typer.Option("--file", help="CSV file of survey ratings with a header row.")]
Outcome = Annotated[str, typer.Option("--outcome", help="Column of the overall outcome.")]
OutcomeOf = Annotated[
    str | None,
    typer.Option(
        "--outcome",
        help="Column of the overall outcome (with --map: a whole-journey question id; default: the most answered).",
    ),
]
OptionalFile = Annotated[
    Path | None, typer.Option("--file", help="CSV file of survey ratings with a header row.")
]
FromMap = Annotated[
    int | None,
    typer.Option("--map", help="Use the answers to this map's surveys (safar survey) instead of a file."),
]
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
Seed = Annotated[
    int | None,
    typer.Option(
        "--seed", help="Seed of the bootstrap resampling (default: a fixed seed, so results repeat)."
    ),
]
Confidence = Annotated[float, typer.Option("--confidence", help="Confidence level of the intervals.")]
Json = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@app.command("drivers")
def drivers_command(
    file: OptionalFile = None,
    map_id: FromMap = None,
    outcome: OutcomeOf = None,
    positive: Positive = None,
    na: Na = None,
    drivers: Drivers = None,
    exclude: Exclude = None,
    missing: Missing = "listwise",
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", help="Bootstrap resamples (0: no intervals).")
    ] = 200,
    seed: Seed = None,
    confidence: Confidence = 0.95,
    as_json: Json = False,
) -> None:
    """Relative importance (Johnson's relative weights) of each touchpoint rating for the outcome."""
    from safar.context import Context
    from safar.services import drivers as service

    use_json(as_json)
    _one_source(file, map_id)
    if map_id is None and not outcome:
        raise InputError("insights.outcome_needed")
    with Context.open() as ctx:
        if map_id is not None:
            result: Any = service.map_drivers(
                ctx, map_id, outcome=outcome, touchpoints=_names(drivers), bootstrap=bootstrap, seed=seed
            )
        else:
            assert file is not None and outcome
            result = service.file_drivers(
                ctx,
                file,
                outcome=outcome,
                positive=positive,
                na=_codes(na),
                drivers=_names(drivers),
                exclude=_names(exclude),
                missing=missing,
                bootstrap=bootstrap,
                seed=seed,
                confidence=confidence,
            )
    outcome = result.outcome
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    fa, names = current_lang() == "fa", _touchpoint_names(map_id)
    table = Table(title=_t("insights.label.title_drivers", outcome=outcome))
    for key in ("rank", "driver", "importance", "interval", "share", "direction", "performance"):
        table.add_column(_t(f"insights.label.{key}"))
    for rank, d in enumerate(result.drivers, 1):
        interval = "—"
        if d.importance_low is not None and d.importance_high is not None:
            interval = f"{_num(d.importance_low, fa)} – {_num(d.importance_high, fa)}"
        table.add_row(
            _num(rank, fa),
            names.get(d.name, d.name),
            _num(d.importance, fa),
            interval,
            format_percent(100 * d.share, "fa" if fa else "en"),
            _t(f"insights.label.{d.direction}"),
            _num(d.performance, fa, digits=2),
        )
    show_table(table)
    summary = _t(
        "insights.label.summary_drivers",
        r2=round(result.r2, 4),
        n=result.n,
        rows=result.n_rows,
        missing=_t(f"insights.label.{result.missing_rows}"),
        bootstrap=result.bootstrap_used,
        seed=result.seed if result.seed is not None else "—",
    )
    say(summary)


@app.command("quadrants")
def quadrants_command(
    file: OptionalFile = None,
    map_id: FromMap = None,
    outcome: OutcomeOf = None,
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
    from safar.context import Context
    from safar.services import drivers as service

    use_json(as_json)
    _one_source(file, map_id)
    if map_id is None and not outcome:
        raise InputError("insights.outcome_needed")
    with Context.open() as ctx:
        if map_id is not None:
            result = service.map_quadrants(
                ctx, map_id, outcome=outcome, touchpoints=_names(drivers), threshold=threshold
            )
        else:
            assert file is not None and outcome
            result = service.file_drivers(
                ctx,
                file,
                outcome=outcome,
                positive=positive,
                na=_codes(na),
                drivers=_names(drivers),
                exclude=_names(exclude),
                missing=missing,
                bootstrap=0,
                threshold=threshold,
            ).matrix
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    fa, names = current_lang() == "fa", _touchpoint_names(map_id)
    table = Table(title=_t("insights.label.title_quadrants"))
    for key in ("driver", "importance", "performance", "quadrant"):
        table.add_column(_t(f"insights.label.{key}"))
    for d in result.drivers:
        table.add_row(
            names.get(d.name, d.name),
            _num(d.importance, fa),
            _num(d.performance, fa, digits=2),
            _t(f"insights.label.{d.quadrant}"),
        )
    show_table(table)
    summary = _t(
        "insights.label.summary_quadrants",
        threshold=result.threshold,
        importance=round(result.importance_threshold, 4),
        performance=round(result.performance_threshold, 2),
    )
    say(summary)


@app.command("gaps")
def gaps_command(
    file: OptionalFile = None,
    map_id: FromMap = None,
    pairs: Annotated[
        str | None,
        typer.Option(
            "--pairs", help="With --file: TOUCHPOINT:EXPECTATION_COL:PERCEPTION_COL, comma-separated."
        ),
    ] = None,
    na: Na = None,
    confidence: Confidence = 0.95,
    as_json: Json = False,
) -> None:
    """Gap = perception − expectation per touchpoint with paired tests; most negative first."""
    from safar.context import Context
    from safar.services import drivers as service

    use_json(as_json)
    _one_source(file, map_id)
    if map_id is None and not pairs:
        raise InputError("insights.pairs_needed")
    with Context.open() as ctx:
        if map_id is not None:
            found = service.map_gaps(ctx, map_id, confidence=confidence)
            if found is None:
                raise InputError("insights.no_survey_gaps", map_id=map_id)
            result = found
        else:
            assert file is not None and pairs
            result = service.file_gaps(ctx, file, pairs, na=_codes(na), confidence=confidence)
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    fa, names = current_lang() == "fa", _touchpoint_names(map_id)
    table = Table(title=_t("insights.label.title_gaps"))
    keys = ("touchpoint", "expectation", "perception", "gap", "interval", "p_value", "p_wilcoxon", "dz", "n")
    for key in keys:
        table.add_column(_t(f"insights.label.{key}"))
    for g in result.gaps:
        interval = "—" if g.gap_low is None else f"{_num(g.gap_low, fa, 2)} – {_num(g.gap_high, fa, 2)}"
        table.add_row(
            names.get(g.touchpoint, g.touchpoint),
            _num(g.expectation, fa, 2),
            _num(g.perception, fa, 2),
            _num(g.gap, fa, 2),
            interval,
            _num(g.p_value, fa),
            _num(g.p_wilcoxon, fa),
            _num(g.dz, fa, 2),
            _num(g.n, fa),
        )
    show_table(table)


MapId = Annotated[int, typer.Argument(help="Id of the journey map (safar map list).")]
Dataset = Annotated[
    str | None, typer.Option("--dataset", help="Events dataset (default: the first the map's rules name).")
]


@app.command("moments")
def moments_command(
    map_id: MapId,
    dataset: Dataset = None,
    outcome: Annotated[
        str | None,
        typer.Option(
            "--outcome",
            help="Touchpoint id or activity that counts as conversion (default: the map's last touchpoint).",
        ),
    ] = None,
    churn: Annotated[
        bool,
        typer.Option(
            "--churn", help="The outcome is churn: never reaching --outcome, or no event after --cutoff."
        ),
    ] = False,
    cutoff: Annotated[
        str | None,
        typer.Option(
            "--cutoff",
            help=f"With --churn and no --outcome: churned = no event at or after this time ({MOMENT_HELP}).",
        ),
    ] = None,
    experience: Annotated[
        bool,
        typer.Option("--experience/--no-experience", help="Also compare customers with negative comments."),
    ] = True,
    population: Annotated[
        str,
        typer.Option(
            "--population",
            help="Compare with customers who reached the touchpoint's stage (stage) or with all (all).",
        ),
    ] = "stage",
    alpha: Annotated[float, typer.Option("--alpha", help="Significance level of the BH q-values.")] = 0.05,
    equivalence: Annotated[
        float,
        typer.Option("--equivalence", help="An odds ratio interval inside (1/E, E) rules an effect out."),
    ] = 1.5,
    bootstrap: Annotated[
        int, typer.Option("--bootstrap", help="Bootstrap resamples of the rating drivers.")
    ] = 200,
    as_json: Json = False,
) -> None:
    """Moments of truth from behaviour (odds ratios) and ratings, beside the map's own evidence."""
    use_json(as_json)
    from safar.context import Context
    from safar.services.moments import moments

    with Context.open() as ctx:
        result = moments(
            ctx,
            map_id,
            dataset=dataset,
            outcome=outcome,
            churn=churn,
            cutoff=cutoff,
            experience=experience,
            population=population,
            alpha=alpha,
            equivalence=equivalence,
            bootstrap=bootstrap,
        )
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    fa, names = current_lang() == "fa", _touchpoint_names(map_id)
    title = _t(
        "insights.label.title_moments",
        target=result.outcome.target or result.outcome.cutoff,
        customers=result.customers,
        outcome=result.outcome_customers,
    )
    table = Table(title=title)
    for key in (
        "touchpoint",
        "had",
        "rate_had",
        "rate_not",
        "odds_ratio",
        "interval",
        "p_fisher",
        "q_value",
        "effect",
    ):
        table.add_column(_t(f"insights.label.{key}"))
    for m in result.moments:
        interval = "—" if m.or_low is None else f"{_num(m.or_low, fa, 2)} – {_num(m.or_high, fa, 2)}"
        table.add_row(
            names.get(m.touchpoint, m.touchpoint),
            _num(m.with_.customers, fa),
            _pct(m.with_.rate, fa),
            _pct(m.without.rate, fa),
            _num(m.odds_ratio, fa, 2),
            interval,
            _num(m.p_value, fa),
            _num(m.q_value, fa),
            _t(f"insights.label.{m.effect}"),
        )
    show_table(table)
    verdicts = Table(title=_t("insights.label.title_evidence"))
    for key in ("touchpoint", "evidence", "data", "verdict"):
        verdicts.add_column(_t(f"insights.label.{key}"))
    for v in result.evidence:
        sources = ", ".join(_t(f"insights.label.{e}") for e in v.evidence) or "—"
        verdicts.add_row(
            names.get(v.touchpoint, v.touchpoint),
            sources,
            _t(f"insights.label.{v.data}"),
            _t(f"insights.label.{v.verdict}"),
        )
    show_table(verdicts)


@app.command("opportunities")
def opportunities_command(
    map_id: MapId,
    dataset: Dataset = None,
    weight: Annotated[
        list[str] | None,
        typer.Option(
            "--weight", help="NAME=VALUE for reach, dropoff, driver, gap, sentiment (default 1 each)."
        ),
    ] = None,
    as_json: Json = False,
) -> None:
    """Opportunities ranked by priority score, every component visible, with owners and decisions."""
    use_json(as_json)
    from safar.context import Context
    from safar.insights.scoring import COMPONENTS, parse_weights
    from safar.services.opportunities import map_opportunities_screen

    weights = parse_weights(weight or [])
    with Context.open() as ctx:
        result = map_opportunities_screen(ctx, map_id, dataset=dataset, weights=weights)
    if as_json:
        print_json(result.model_dump(mode="json"))
        return
    fa = current_lang() == "fa"
    table = Table(title=_t("insights.label.title_opportunities", map_id=map_id))
    for key in ("rank", "touchpoint", "owner", "priority", "score", "coverage", *COMPONENTS, "status"):
        table.add_column(_t(f"insights.label.{key}"))
    for rank, o in enumerate(result.opportunities, 1):
        parts = [_num(o.components[c].normalised, fa, 2) for c in COMPONENTS]
        name = o.touchpoint_name or o.touchpoint or "—" if o.kind == "touchpoint" else f"{o.ref}: {o.text}"
        table.add_row(
            _num(rank, fa),
            name,
            o.owner or "—",
            _num(o.priority, fa, 3),
            _num(o.score, fa, 3),
            _pct(o.coverage, fa),
            *parts,
            _t(f"insights.label.{o.status}"),
        )
    show_table(table)


opportunity = typer.Typer(
    cls=SafarGroup, help="Accept, reject, annotate or add opportunities.", no_args_is_help=True
)
app.add_typer(opportunity, name="opportunity")
Ref = Annotated[str, typer.Argument(help="Touchpoint id, or custom-N for an opportunity a user added.")]


def _decide(map_id: int, ref: str, status: str) -> None:
    from safar.config import Settings
    from safar.insights.opportunities import decide
    from safar.workspace import Workspace

    with Workspace.open() as ws:
        decide(ws, map_id, ref, status, author=Settings.from_env().author)
    Console().print(
        _t("insights.label.decided", ref=ref, status=_t(f"insights.label.{status}")), markup=False
    )


@opportunity.command("accept")
def accept_command(map_id: MapId, ref: Ref) -> None:
    """Accept an opportunity."""
    _decide(map_id, ref, "accepted")


@opportunity.command("reject")
def reject_command(map_id: MapId, ref: Ref) -> None:
    """Reject an opportunity."""
    _decide(map_id, ref, "rejected")


@opportunity.command("reopen")
def reopen_command(map_id: MapId, ref: Ref) -> None:
    """Set an opportunity back to open."""
    _decide(map_id, ref, "open")


@opportunity.command("note")
def note_command(map_id: MapId, ref: Ref, text: Annotated[str, typer.Argument(help="The note.")]) -> None:
    """Add a note to an opportunity."""
    from safar.config import Settings
    from safar.insights.opportunities import annotate
    from safar.workspace import Workspace

    with Workspace.open() as ws:
        annotate(ws, map_id, ref, text, author=Settings.from_env().author)
    Console().print(_t("insights.label.noted", ref=ref), markup=False)


@opportunity.command("add")
def add_command(
    map_id: MapId,
    text: Annotated[str, typer.Argument(help="The opportunity, in your words.")],
    touchpoint: Annotated[str | None, typer.Option("--touchpoint", help="Touchpoint it is about.")] = None,
    owner: Annotated[
        str | None, typer.Option("--owner", help="Owning department (default: the touchpoint's owner).")
    ] = None,
    as_json: Json = False,
) -> None:
    """Add your own opportunity; prints its ref (custom-N)."""
    use_json(as_json)
    from safar.config import Settings
    from safar.insights.opportunities import add_opportunity
    from safar.workspace import Workspace

    with Workspace.open() as ws:
        ref = add_opportunity(
            ws, map_id, text, touchpoint=touchpoint, owner=owner, author=Settings.from_env().author
        )
    if as_json:
        print_json({"ref": ref})
        return
    Console().print(_t("insights.label.added", ref=ref), markup=False)


def _touchpoint_names(map_id: int | None) -> dict[str, str]:
    """The map's touchpoints by id, so a table shows their names (a ratings file's columns stay as they are)."""
    if map_id is None:
        return {}
    from safar.workspace import Workspace

    with Workspace.open() as ws:
        return {tp.id: tp.name for tp in ws.get_map(map_id).document.touchpoints()}


def _pct(share: float | None, fa: bool) -> str:
    """A share 0…1 in percent, in the user's digits and sign."""
    return format_percent(None if share is None else 100 * share, "fa" if fa else "en", 1)


def _one_source(file: Path | None, map_id: int | None) -> None:
    """The ratings come from a file or from a map's surveys: exactly one of the two."""
    if (file is None) == (map_id is None):
        raise InputError("insights.file_or_map")


def _t(code: str, /, **params: Any) -> str:
    return translate(code, current_lang(), **params)


def _names(text: str | None) -> list[str] | None:
    from safar.services.drivers import parse_names

    return parse_names(text)


def _codes(text: str | None) -> list[float]:
    from safar.services.drivers import parse_codes

    return parse_codes(text)


def _num(value: float | int | None, fa: bool, digits: int = 4) -> str:
    """A number in the user's digits (Persian digits and «٫» as decimal point in Persian).

    >>> _num(4.1e-87, False), _num(-3e-9, False), _num(0.25, False), _num(4.1e-87, True) == "< ۰٫۰۰۰۱"
    ('< 0.0001', '> -0.0001', '0.2500', True)
    """
    if value is None:
        return "—"
    text = str(value) if isinstance(value, int) else f"{value:.{digits}f}"
    if not isinstance(value, int) and 0 < abs(value) < 10 ** (-digits):
        # As the pages write a tiny p-value ("< 0.0001"): no scientific notation, no Latin "e" in Persian.
        text = f"{'< ' if value > 0 else '> -'}{10**-digits:.{digits}f}"
    return to_persian_digits(text) if fa else text
