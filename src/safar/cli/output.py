"""What the CLI prints: JSON for programs, rich text for people, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from contextvars import ContextVar
from typing import Any

import typer
from rich.console import Console
from typer.core import TyperGroup

from safar.errors import SafarError, ValidationError
from safar.i18n import current_lang, translate
from safar.render.text import describe_change, describe_problem

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)
_json_mode: ContextVar[bool] = ContextVar("json_mode", default=False)


def t(code: str, /, **params: Any) -> str:
    return translate(code, current_lang(), **params)


def use_json(flag: bool) -> bool:
    _json_mode.set(flag)
    return flag


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def report(err: SafarError) -> None:
    """The CLI's one translation of an error: a line on stderr, the problems under it, JSON if asked."""
    lang = current_lang()
    if _json_mode.get():
        print_json({"error": err.to_dict(lang)})
    errors.print(err.message_for(lang), markup=False, highlight=False)
    if isinstance(err, ValidationError):
        for problem in err.details.get("errors", []):
            errors.print("  " + describe_problem(problem, lang), markup=False, highlight=False)
    for change in err.details.get("changes", []) or []:
        errors.print("  " + describe_change(change, lang), markup=False, highlight=False)


class SafarGroup(TyperGroup):
    """A command group that turns a :class:`SafarError` into :func:`report` and its exit status: the CLI's one edge."""

    def invoke(self, ctx: Any) -> Any:
        if ctx.parent is None:
            _json_mode.set(False)  # each command line starts plain; a command with --json opts in
        try:
            return super().invoke(ctx)
        except SafarError as err:
            report(err)
            raise typer.Exit(err.exit_code) from None
