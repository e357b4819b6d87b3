"""Stream an XES event log (IEEE 1849, plain or gzip) into the stage.

lxml's ``iterparse`` hands over each finished ``<trace>``; its events are read and
the element is freed, so memory stays flat. A trace's ``concept:name`` is the
customer, its other attributes go to the ``customers`` table; an event's
``concept:name``, ``time:timestamp``, ``lifecycle:transition`` and
``org:resource`` fill the event columns, the rest its attributes. Nested
attributes (lists, containers) are kept by their top-level key only.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from typing import IO, Any

import pyarrow as pa
from lxml import etree

from safar.errors import InputError
from safar.events.stage import Stage

ROLES = {
    "customer": "case:concept:name",
    "activity": "concept:name",
    "time": "time:timestamp",
    "lifecycle": "lifecycle:transition",
    "resource": "org:resource",
}
_CORE = frozenset(("concept:name", "time:timestamp", "lifecycle:transition", "org:resource"))
_BATCH = 50_000
_MAP = pa.map_(pa.string(), pa.string())


def _open(path: str) -> tuple[IO[bytes], IO[bytes]]:
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return raw, gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw, raw


def _local(tag: Any) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _traces(stream: IO[bytes]) -> Iterator[tuple[dict[str, str], list[dict[str, str]]]]:
    context = etree.iterparse(stream, events=("end",), tag=("{*}trace",), huge_tree=True)
    for _, trace in context:
        attrs: dict[str, str] = {}
        events: list[dict[str, str]] = []
        for child in trace:
            name = _local(child.tag)
            if name == "event":
                events.append({a.get("key"): a.get("value", "") for a in child if a.get("key") is not None})
            elif name and name not in ("global", "classifier", "extension"):
                key = child.get("key")
                if key is not None:
                    attrs[key] = child.get("value", "")
        trace.clear()
        while trace.getprevious() is not None:
            del trace.getparent()[0]
        yield attrs, events


def load_xes(stage: Stage, path: str) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """Stage every event; returns the roles and (trace name, trace attributes) for the customers table."""
    stage.roles = dict(ROLES)
    raw, stream = _open(path)
    customers: list[tuple[str, dict[str, str]]] = []
    cols: dict[str, list[Any]] = {k: [] for k in ("_row", *ROLES.values(), "_attrs", "_raw")}
    row = 0
    try:
        for attrs, events in _traces(stream):
            case = attrs.get("concept:name")
            if case is not None:
                customers.append((case, {k: v for k, v in attrs.items() if k != "concept:name"}))
            for event in events:
                row += 1
                cols["_row"].append(row)
                cols["case:concept:name"].append(case)
                cols["concept:name"].append(event.get("concept:name"))
                cols["time:timestamp"].append(event.get("time:timestamp"))
                cols["lifecycle:transition"].append(event.get("lifecycle:transition"))
                cols["org:resource"].append(event.get("org:resource"))
                cols["_attrs"].append([(k, v) for k, v in event.items() if k not in _CORE])
                cols["_raw"].append(json.dumps({"trace": case, "event": event}, ensure_ascii=False))
            if len(cols["_row"]) >= _BATCH:
                _flush(stage, cols)
                stage.tick(raw.tell())
        _flush(stage, cols)
        stage.tick(raw.tell())
    except (etree.XMLSyntaxError, OSError, EOFError) as exc:
        raise InputError("events.unreadable", path=path, format="XES", detail=str(exc)[:300]) from None
    finally:
        raw.close()
    return stage.roles, customers


def _flush(stage: Stage, cols: dict[str, list[Any]]) -> None:
    if not cols["_row"]:
        return
    table = pa.table(
        {
            name: pa.array(values, _MAP if name == "_attrs" else pa.int64() if name == "_row" else pa.string())
            for name, values in cols.items()
        }
    )
    stage.add_batch(table)
    for values in cols.values():
        values.clear()
