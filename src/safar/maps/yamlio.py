"""YAML and JSON text in and out, strict about what a person can get wrong.

Duplicate keys are an error (PyYAML would keep the last one silently), and so
are YAML tags and aliases: a map document is plain data.

>>> load_text("a: 1\\nb: [x, y]\\n", "yaml", "m.yaml")
{'a': 1, 'b': ['x', 'y']}
>>> dump_text({"title": "سفر"}, "json")
'{\\n  "title": "سفر"\\n}\\n'
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from safar.errors import InputError

# A map is about six levels deep (map, stages, touchpoints, a field, its list); text nested far deeper is
# not a map, and would run the parsers out of stack (a 500 instead of an answer).
MAX_DEPTH = 64


class _TooDeep(Exception):
    """The YAML text nests deeper than :data:`MAX_DEPTH`."""


class _StrictLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise _TooDeep
            return self._compose(parent, index)
        finally:
            self.depth -= 1

    def _compose(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                "while reading the document",
                None,
                "aliases (*name) are not allowed in a map",
                event.start_mark,
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        seen: dict[Any, Any] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.MarkedYAMLError(
                    "while reading a mapping", node.start_mark, f"duplicate key {key!r}", key_node.start_mark
                )
            seen[key] = True
        return super().construct_mapping(node, deep=deep)


class _Dumper(yaml.SafeDumper):
    """Unicode line separators (NEL, U+2028, U+2029) are written escaped, in double quotes:
    PyYAML folds them when they stand in a single-quoted scalar, which would change the text."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in "\x85\u2028\u2029"):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_Dumper.add_representer(str, _represent_str)


def load_text(text: str, fmt: str, source: str) -> Any:
    """Parse ``text`` as ``fmt`` (``yaml`` or ``json``); errors name the line and column."""
    if fmt == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                "file.bad_json", source=source, line=exc.lineno, column=exc.colno, problem=exc.msg
            ) from exc
        except RecursionError:
            raise InputError("file.too_deep", source=source, limit=MAX_DEPTH) from None
        if depth_of(data) > MAX_DEPTH:
            raise InputError("file.too_deep", source=source, limit=MAX_DEPTH)
        return data
    try:
        return yaml.load(text, Loader=_StrictLoader)
    except _TooDeep:
        raise InputError("file.too_deep", source=source, limit=MAX_DEPTH) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputError(
            "file.bad_yaml",
            source=source,
            line=(mark.line + 1) if mark else 0,
            column=(mark.column + 1) if mark else 0,
            problem=exc.problem or str(exc),
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError("file.bad_yaml", source=source, line=0, column=0, problem=str(exc)) from exc


def depth_of(data: Any) -> int:
    """How deep lists and mappings nest in ``data`` (a scalar is 0), walked without recursion.

    >>> depth_of({"a": [1, {"b": []}]}), depth_of("x")
    (4, 0)
    """
    deepest, todo = 0, [(data, 1)]
    while todo:
        item, level = todo.pop()
        children = item.values() if isinstance(item, dict) else item if isinstance(item, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        todo.extend((child, level + 1) for child in children)
    return deepest


def dump_text(data: Any, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def format_of(name: str, default: str = "yaml") -> str:
    lower = name.lower()
    if lower.endswith(".json"):
        return "json"
    if lower.endswith((".yaml", ".yml")):
        return "yaml"
    return default
