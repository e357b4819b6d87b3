"""Turn a file or parsed data into a :class:`JourneyMap`, reporting every problem at once.

Each problem says where (``stages[2].touchpoints[0].channel``), the bad value
and what is allowed. Nothing is written anywhere: callers save only a map that
passed.

>>> doc = {"title": "t", "stages": [{"id": "s", "name": "S", "touchpoints": [
...     {"id": "a", "name": "A", "channel": "fax"}, {"id": "a", "name": "B", "channel": "sms"}]}]}
>>> try:
...     validate_document(doc, source="m.yaml")
... except ValidationError as err:
...     [(p["path"], p["code"]) for p in err.details["errors"]]
[('stages[0].touchpoints[0].channel', 'unknown_channel'), ('stages[0].touchpoints[1].id', 'duplicate_id')]
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pydantic

from safar.errors import InputError, ValidationError
from safar.maps.yamlio import MAX_DEPTH, depth_of, format_of, load_text
from safar.model import BUILTIN_CHANNELS, Channel, JourneyMap

MAX_MAP_BYTES = int(os.environ.get("SAFAR_MAX_MAP_BYTES", 5 * 1024 * 1024))


def read_map_file(path: str | Path, channels: Mapping[str, Channel] | None = None) -> JourneyMap:
    """Read, parse and validate a YAML or JSON map file."""
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise InputError("file.not_found", source=source) from exc
    if path.is_dir():
        raise InputError("file.is_directory", source=source)
    if size > MAX_MAP_BYTES:
        raise InputError(
            "file.too_large",
            source=source,
            size_mb=round(size / 2**20, 1),
            limit_mb=round(MAX_MAP_BYTES / 2**20, 1),
        )
    return parse_map_bytes(path.read_bytes(), source=source, fmt=format_of(path.name), channels=channels)


def parse_map_bytes(
    raw: bytes, *, source: str, fmt: str = "yaml", channels: Mapping[str, Channel] | None = None
) -> JourneyMap:
    if len(raw) > MAX_MAP_BYTES:
        raise InputError(
            "file.too_large",
            source=source,
            size_mb=round(len(raw) / 2**20, 1),
            limit_mb=round(MAX_MAP_BYTES / 2**20, 1),
        )
    if b"\x00" in raw:
        raise InputError("file.binary", source=source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError("file.not_utf8", source=source, line=line, byte=exc.start) from exc
    data = load_text(text, fmt, source)
    return validate_document(data, source=source, channels=channels)


def validate_document(
    data: Any, *, source: str = "<document>", channels: Mapping[str, Channel] | None = None
) -> JourneyMap:
    """Validate parsed data; raise :class:`ValidationError` listing every problem."""
    if not isinstance(data, dict):
        raise ValidationError(
            "map.invalid",
            source=source,
            count=1,
            errors=[_problem("", "not_a_mapping", type(data).__name__, "a mapping with title, stages, …")],
        )
    unreadable = list(_unreadable_text(data))
    if unreadable:  # before the model, which would recurse through whatever depth it is given
        raise ValidationError("map.invalid", source=source, count=len(unreadable), errors=unreadable)
    problems: list[dict[str, Any]] = []
    model: JourneyMap | None = None
    try:
        model = JourneyMap.model_validate(data)
    except pydantic.ValidationError as exc:
        problems.extend(pydantic_problems(exc.errors(include_url=False)))
    problems.extend(_semantic_problems(data, channels if channels is not None else BUILTIN_CHANNELS))
    problems.sort(key=lambda p: _path_key(p["path"]))
    if problems or model is None:
        raise ValidationError("map.invalid", source=source, count=len(problems), errors=problems)
    return model


def _unreadable_text(data: Any) -> Iterable[dict[str, Any]]:
    """What no map may hold, wherever it stands: nesting deeper than :data:`MAX_DEPTH` (one problem) or a
    text with a NUL character (one per text; PostgreSQL cannot store it)."""
    if depth_of(data) > MAX_DEPTH:
        yield _problem("", "too_deep", f"> {MAX_DEPTH}", f"at most {MAX_DEPTH} levels of nesting")
        return
    todo: list[tuple[Any, list[str | int]]] = [(data, [])]
    while todo:
        item, loc = todo.pop()
        if isinstance(item, dict):
            todo.extend((v, [*loc, str(k)]) for k, v in reversed(item.items()))
            yield from (
                _problem(format_path([*loc, str(k)]), "nul_character", k) for k in item if "\x00" in str(k)
            )
        elif isinstance(item, list):
            todo.extend((v, [*loc, i]) for i, v in reversed(list(enumerate(item))))
        elif isinstance(item, str) and "\x00" in item:
            yield _problem(format_path(loc), "nul_character", item.replace("\x00", "\\u0000"))


def _problem(path: str, code: str, value: Any, allowed: Any = None, message: str = "") -> dict[str, Any]:
    entry: dict[str, Any] = {"path": path, "code": code, "value": _short(value)}
    if allowed is not None:
        entry["allowed"] = allowed
    if message:
        entry["message"] = message
    return entry


def _short(value: Any) -> Any:
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "…"
    if isinstance(value, dict | list):
        text = repr(value)
        return text if len(text) <= 80 else text[:77] + "…"
    return value


def format_path(loc: Iterable[Any]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _path_key(path: str) -> list[tuple[int, int, str]]:
    """Sort key: paths in document order, list positions numerically."""
    return [(0, int(p), "") if p.isdecimal() else (1, 0, p) for p in re.split(r"[\[\].]+", path) if p]


def pydantic_problems(errors: Iterable[Any]) -> Iterable[dict[str, Any]]:
    for err in errors:
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        ctx = err.get("ctx") or {}
        allowed = ctx.get("expected") or ctx.get("pattern")
        if err["type"] == "extra_forbidden":
            allowed = "see `safar map schema`"
        message = err["msg"]
        if err["type"] == "value_error":
            message = message.removeprefix("Value error, ")
        value = None if err["type"] == "missing" else err.get("input")
        yield _problem(format_path(loc), err["type"], value, allowed, message)


def _semantic_problems(data: dict[str, Any], catalogue: Mapping[str, Channel]) -> Iterable[dict[str, Any]]:
    """Rules that cut across fields: unique ids and known channels."""
    known = set(catalogue)
    own_ids = _ids(data.get("channels"), "channels", kind="channel")
    yield from own_ids.problems
    known |= own_ids.seen
    yield from _ids(data.get("personas"), "personas", kind="persona").problems
    raw_stages = data.get("stages")
    stages: list[Any] = raw_stages if isinstance(raw_stages, list) else []
    yield from _ids(stages, "stages", kind="stage").problems
    touchpoint_ids: set[str] = set()
    for si, stage in enumerate(stages):
        tps = stage.get("touchpoints") if isinstance(stage, dict) else None
        if not isinstance(tps, list):
            continue
        for ti, tp in enumerate(tps):
            if not isinstance(tp, dict):
                continue
            here = f"stages[{si}].touchpoints[{ti}]"
            channel = tp.get("channel")
            if isinstance(channel, str) and channel and channel not in known:
                yield _problem(
                    f"{here}.channel",
                    "unknown_channel",
                    channel,
                    sorted(known),
                    "not in the channel catalogue; add it under `channels:` or with `safar channel add`",
                )
            tid = tp.get("id")
            if isinstance(tid, str):
                if tid in touchpoint_ids:
                    yield _problem(
                        f"{here}.id",
                        "duplicate_id",
                        tid,
                        None,
                        "touchpoint ids must be unique in the whole map",
                    )
                touchpoint_ids.add(tid)
    stage_ids = {s.get("id") for s in stages if isinstance(s, dict)}
    yield from _measure_problems(data, touchpoint_ids, stage_ids)
    yield from _lane_problems(data.get("lanes"), touchpoint_ids, known)


def _lane_problems(lanes: Any, touchpoints: set[str], channels: set[str]) -> Iterable[dict[str, Any]]:
    """A custom lane's id is its own, its cells belong to touchpoints of this map and a channels lane names
    channels of the catalogue."""
    yield from _ids(lanes, "lanes", kind="lane").problems
    for li, lane in enumerate(lanes if isinstance(lanes, list) else []):
        cells = lane.get("cells") if isinstance(lane, dict) else None
        for key, value in (cells if isinstance(cells, dict) else {}).items():
            if isinstance(key, str) and key not in touchpoints:
                yield _problem(
                    f"lanes[{li}].cells.{key}",
                    "unknown_touchpoint",
                    key,
                    sorted(touchpoints),
                    "not a touchpoint of this map",
                )
            if lane.get("kind") == "channels" and isinstance(value, list):
                for name in value:
                    if isinstance(name, str) and name.strip() and name.strip() not in channels:
                        yield _problem(
                            f"lanes[{li}].cells.{key}",
                            "unknown_channel",
                            name,
                            sorted(channels),
                            "not in the channel catalogue; add it under `channels:` or with `safar channel add`",
                        )


def _measure_problems(
    data: dict[str, Any], touchpoints: set[str], stages: set[Any]
) -> Iterable[dict[str, Any]]:
    """A metric's ``measure`` may only name touchpoints and stages of this map."""
    places: list[tuple[str, Any]] = [("metrics", data.get("metrics"))]
    stages_data = data.get("stages")
    for si, stage in enumerate(stages_data if isinstance(stages_data, list) else []):
        tps = stage.get("touchpoints") if isinstance(stage, dict) else None
        for ti, tp in enumerate(tps if isinstance(tps, list) else []):
            if isinstance(tp, dict):
                places.append((f"stages[{si}].touchpoints[{ti}].metrics", tp.get("metrics")))
    for where, metrics in places:
        for mi, metric in enumerate(metrics if isinstance(metrics, list) else []):
            measure = metric.get("measure") if isinstance(metric, dict) else None
            if not isinstance(measure, dict):
                continue
            for key, known in (("touchpoint", touchpoints), ("stage", stages)):
                ref = measure.get(key)
                if isinstance(ref, str) and ref not in known:
                    yield _problem(
                        f"{where}[{mi}].measure.{key}",
                        f"unknown_{key}",
                        ref,
                        sorted(k for k in known if isinstance(k, str)),
                        f"not a {key} of this map",
                    )


class _IdCheck:
    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.problems: list[dict[str, Any]] = []


def _ids(items: Any, where: str, *, kind: str) -> _IdCheck:
    check = _IdCheck()
    if not isinstance(items, list):
        return check
    for i, item in enumerate(items):
        ident = item.get("id") if isinstance(item, dict) else None
        if not isinstance(ident, str):
            continue
        if ident in check.seen:
            check.problems.append(
                _problem(
                    f"{where}[{i}].id", "duplicate_id", ident, None, f"{kind} ids must be unique in the map"
                )
            )
        check.seen.add(ident)
    return check
