"""Problems and changes as one line of text in the user's language (terminal, web, reports)."""

from __future__ import annotations

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


def describe_change(change: dict[str, Any], lang: str, names: dict[str, str] | None = None) -> str:
    """One change as a reader reads it: parts by their names (``names``: id -> name, from the map), fields
    by their labels, positions counted from one, lists as counts; never an id, JSON or ``null``.

    >>> describe_change({"kind": "moved", "target": "touchpoint", "id": "wait", "field": "position",
    ...                  "before": 0, "after": 1}, "en", {"wait": "Waits for an agent"})
    '~ touchpoint «Waits for an agent» moved: position 1 → 2'
    >>> describe_change({"kind": "changed", "target": "touchpoint", "id": "wait", "field": "bind",
    ...                  "before": [], "after": [{"activity": "wait"}]}, "en", {"wait": "Waits"})
    '* touchpoint «Waits»: data binding changed from none to 1 item(s)'
    """
    names = names or {}
    kind = change["kind"]
    target = translate(f"target.{change['target']}", lang)
    ident = change.get("id") or ""
    target = f"{target} «{names.get(ident, ident)}»" if ident else target
    if kind in ("added", "removed"):
        label = change.get("after") if kind == "added" else change.get("before")
        name = label.get("name") if isinstance(label, dict) else ""
        return translate(f"diff.{kind}", lang, target=target, name=name or "")
    field = change.get("field") or ""
    before, after = change.get("before"), change.get("after")
    if field == "position" and isinstance(before, int) and isinstance(after, int):
        before, after = before + 1, after + 1  # people count from one
    elif field == "stage":
        before, after = names.get(str(before), before), names.get(str(after), after)
    elif field.endswith("data_segment"):  # conditions on the data, counted as the binding's rules are
        before, after = (_conditions(v, lang) for v in (before, after))
    elif field.endswith("photo"):  # a picture is said to be there, never shown as its data
        before, after = (translate("diff.picture", lang) if v else None for v in (before, after))
    label = field_label(field, lang)
    if field.startswith("cells."):  # a lane's cell, named by its touchpoint; a picture said to be there
        cell = field.split(".", 1)[1]
        label = translate("field.cell_of", lang, touchpoint=names.get(cell, cell))
        before, after = (
            translate("diff.picture", lang) if isinstance(v, str) and v.startswith("data:image") else v
            for v in (before, after)
        )
    return translate(
        f"diff.{kind}",
        lang,
        target=target,
        field=label,
        before=_value(before, lang),
        after=_value(after, lang),
    )


def field_label(field: str, lang: str) -> str:
    """A map field's label in ``lang`` (``scope.timeline`` -> its last part's label); unknown ones as they are."""
    key = field.rsplit(".", 1)[-1]
    for code in (f"field.{key}", f"attr.{key}"):
        if code in MESSAGES:
            return translate(code, lang)
    return field


def _value(value: Any, lang: str) -> Any:
    """A field's value as a reader reads it: numbers stay numbers (the catalogue localises them)."""
    if value is None or value == "" or value == [] or value == {}:
        return translate("diff.none", lang)
    if isinstance(value, bool):
        return translate("diff.yes" if value else "diff.no", lang)
    if isinstance(value, int | float):
        return value
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return _short(("، " if lang == "fa" else ", ").join(value))
        return translate("diff.items", lang, n=len(value))
    if isinstance(value, dict):
        return _short(
            str(value.get("name") or value.get("title") or translate("diff.items", lang, n=len(value)))
        )
    return _short(f"«{value}»")


def _conditions(value: Any, lang: str) -> Any:
    """A persona's ``data_segment`` as the history says it: how many conditions (none when empty)."""
    n = len([part for part in str(value or "").split(";") if part.strip()])
    return translate("diff.conditions", lang, n=n) if n else None


def _short(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "…"
