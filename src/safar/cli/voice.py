"""`safar sentiment [TEXT] [--file FILE] [--json]`: sentiment of customer comments from the command line.

A thin adapter over :func:`safar.voice.sentiment.score`. With ``--file`` (``-`` for standard input)
each line is one comment and each output line is one JSON object
``{"label": "positive|negative|neutral", "score": x, "lang": "fa|en"}``, in the same order (an empty
line gives a neutral object, so line numbers match). Long runs show a progress bar on stderr when
it is a terminal. A :class:`~safar.errors.SafarError` becomes one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from safar.cli.output import SafarGroup
from safar.errors import InputError
from safar.voice.labels import NEUTRAL_BELOW

if TYPE_CHECKING:
    from safar.voice.sentiment import Sentiment

app = typer.Typer(
    cls=SafarGroup, help="Sentiment of customer comments (Persian and English).", no_args_is_help=False
)

PROGRESS_FROM = 2000


@app.command("sentiment")
def sentiment_command(
    text: Annotated[str | None, typer.Argument(help="A comment to score.")] = None,
    file: Annotated[
        Path | None, typer.Option("--file", help="One comment per line ('-' for stdin); JSON lines out.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    lang: Annotated[str | None, typer.Option("--text-lang", help="fa or en (default: detected).")] = None,
    neutral: Annotated[
        float,
        typer.Option(
            "--neutral-below",
            help="Neutral unless the positive or negative side holds at least this share of the two sides' "
            "probability (0.5: only when neutral is likeliest).",
        ),
    ] = NEUTRAL_BELOW,
) -> None:
    """Score one comment, or every line of a file."""
    from safar.voice.sentiment import score

    if text is not None and file is not None:
        raise InputError("voice.both_inputs")
    if text is not None:
        result = score([text], lang=lang, neutral_below=neutral)[0]
        _print_one(result, as_json, text)
        return
    if file is None:
        raise InputError("voice.no_input")
    lines = _read_lines(file)
    results = _score_with_progress(lines, lang, neutral)
    out = sys.stdout
    for item in results:
        out.write(json.dumps(item.to_dict(), ensure_ascii=False) + "\n")
    out.flush()


def _print_one(result: Sentiment, as_json: bool, text: str) -> None:
    from safar.voice.explain import drivers

    why = drivers(text, result.label, result.lang)
    if as_json:
        typer.echo(json.dumps(result.to_dict() | {"drivers": [d.to_dict() for d in why]}, ensure_ascii=False))
    else:
        said = ", ".join(f"{d.phrase} ({d.weight:+.2f})" for d in why)
        typer.echo(f"{result.label}\t{result.score:+.4f}\t{result.lang}" + (f"\t{said}" if said else ""))


def _read_lines(path: Path) -> list[str]:
    if str(path) == "-":
        raw = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        if not path.is_file():
            raise InputError("voice.file_not_found", source=str(path))
        raw = path.read_bytes()
        source = str(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            "voice.file_not_utf8", source=source, line=raw[: exc.start].count(b"\n") + 1
        ) from None
    return text.splitlines()


def _score_with_progress(lines: list[str], lang: str | None, neutral: float) -> list[Sentiment]:
    from safar.voice.sentiment import score

    console = Console(stderr=True)
    if len(lines) < PROGRESS_FROM or not console.is_terminal:
        return score(lines, lang=lang, neutral_below=neutral)
    columns = (TextColumn("sentiment"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("sentiment", total=len(lines))
        return score(lines, lang=lang, neutral_below=neutral, on_progress=lambda n: progress.advance(task, n))
