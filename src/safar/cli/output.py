"""What the CLI prints: JSON for programs, rich text for people, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from contextvars import ContextVar
from typing import Any

from rich.console import Console

from safar.errors import SafarError, ValidationError
from safar.i18n import current_lang, translate
from safar.i18n.catalogue import MESSAGES

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


def describe_problem(problem: dict[str, Any], lang: str) -> str:
    code = problem.get("code", "")
    if lang == "en" and problem.get("message"):
        text = problem["message"]
    elif f"problem.{code}" in MESSAGES:
        text = translate(f"problem.{code}", lang)
    else:
        text = problem.get("message") or code
    parts = [f"{problem.get('path') or '(document)'}: {text}"]
    if "value" in problem and code != "missing":
        parts.append(f"{translate('ui.value', lang)}: {problem['value']!r}")
    if problem.get("allowed") is not None:
        allowed = problem["allowed"]
        shown = ", ".join(map(str, allowed)) if isinstance(allowed, list) else str(allowed)
        parts.append(f"{translate('ui.allowed', lang)}: {shown}")
    return " — ".join(parts)


def describe_change(change: dict[str, Any], lang: str) -> str:
    kind = change["kind"]
    target = translate(f"target.{change['target']}", lang)
    ident = change.get("id") or ""
    target = f"{target} {ident}" if ident else target
    if kind in ("added", "removed"):
        label = change.get("after") if kind == "added" else change.get("before")
        name = label.get("name") if isinstance(label, dict) else ""
        return translate(f"diff.{kind}", lang, target=target, name=name or "")
    return translate(
        f"diff.{kind}",
        lang,
        target=target,
        field=change.get("field") or "",
        before=_value(change.get("before")),
        after=_value(change.get("after")),
    )


def _value(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 120 else text[:117] + "…"
