"""Problems and changes as one line of text in the user's language (terminal, web, reports)."""

from __future__ import annotations

import json
from typing import Any

from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES

__all__ = ["describe_change", "describe_problem"]


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
