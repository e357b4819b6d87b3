"""Stream an XES event log (IEEE 1849, plain or gzip) into the stage.

The file is fed in blocks to expat (a streaming parser: no tree is built, memory
stays flat). A trace's ``concept:name`` is the customer, its other attributes go to
the ``customers`` table; an event's ``concept:name``, ``time:timestamp``,
``lifecycle:transition`` and ``org:resource`` fill the event columns, the rest its
attributes. The event's ``channel`` attribute, else the trace's, is the channel.
Nested attributes (lists, containers) are kept by their top-level key only.
"""

from __future__ import annotations

import gzip
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO
from xml.parsers import expat

import numpy as np
import pyarrow as pa

from safar.errors import InputError
from safar.events.stage import Stage

ROLES = {
    "customer": "case:concept:name",
    "activity": "concept:name",
    "time": "time:timestamp",
    "channel": "channel",
    "lifecycle": "lifecycle:transition",
    "resource": "org:resource",
}
_CORE = frozenset(("concept:name", "time:timestamp", "lifecycle:transition", "org:resource"))
_ATTRIBUTES = frozenset(("string", "date", "int", "float", "boolean", "id", "list", "container"))
_BATCH = 20_000
_BLOCK = 1 << 20


def _open(path: str) -> tuple[IO[bytes], IO[bytes]]:
    raw = open(path, "rb")  # noqa: SIM115 - returned to the caller, who closes it
    if raw.read(2) == b"\x1f\x8b":
        raw.seek(0)
        return raw, gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    raw.seek(0)
    return raw, raw


class _Collector:
    """expat callbacks that gather finished traces as (attributes, [event attributes])."""

    def __init__(self) -> None:
        self.traces: list[tuple[dict[str, str], list[dict[str, str]]]] = []
        self.nest = 0
        self.current: dict[str, str] | None = None
        self.trace: dict[str, str] | None = None
        self.events: list[dict[str, str]] = []

    def start(self, name: str, attrs: list[str]) -> None:
        # expat runs with ordered_attributes: attrs is [name, value, name, value, ...], cheaper than a dict.
        if self.nest:
            self.nest += 1
            return
        if name in _ATTRIBUTES:
            self.nest = 1
            current = self.current
            if current is not None:
                if len(attrs) == 4 and attrs[0] == "key" and attrs[2] == "value":
                    current[attrs[1]] = attrs[3]
                else:
                    found = dict(zip(attrs[::2], attrs[1::2], strict=False))
                    if "key" in found:
                        current[found["key"]] = found.get("value", "")
        elif name == "event":
            self.current = {}
        elif name == "trace":
            self.trace = self.current = {}
            self.events = []
        elif ":" in name:
            self.start(name.rpartition(":")[2], attrs)

    def end(self, name: str) -> None:
        if self.nest:
            self.nest -= 1
            return
        if name == "event":
            if self.trace is not None and self.current is not None:
                self.events.append(self.current)
            self.current = self.trace
        elif name == "trace":
            if self.trace is not None:
                self.traces.append((self.trace, self.events))
            self.trace = self.current = None
        elif ":" in name:
            self.end(name.rpartition(":")[2])


class _Columns:
    def __init__(self) -> None:
        self.clear()

    def clear(self) -> None:
        self.case: list[str | None] = []
        self.activity: list[str | None] = []
        self.time: list[str | None] = []
        self.channel: list[str | None] = []
        self.lifecycle: list[str | None] = []
        self.resource: list[str | None] = []
        self.offsets: list[int] = [0]
        self.keys: list[str] = []
        self.values: list[str] = []

    def table(self, first_row: int) -> pa.Table:
        offsets = pa.array(self.offsets, pa.int32())
        return pa.table(
            {
                "_row": pa.array(np.arange(first_row, first_row + len(self.case), dtype=np.int64)),
                "case:concept:name": pa.array(self.case, pa.string()),
                "concept:name": pa.array(self.activity, pa.string()),
                "time:timestamp": pa.array(self.time, pa.string()),
                "channel": pa.array(self.channel, pa.string()),
                "lifecycle:transition": pa.array(self.lifecycle, pa.string()),
                "org:resource": pa.array(self.resource, pa.string()),
                "_keys": pa.ListArray.from_arrays(offsets, pa.array(self.keys, pa.string())),
                "_values": pa.ListArray.from_arrays(offsets, pa.array(self.values, pa.string())),
            }
        )


def load_xes(stage: Stage, path: str) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """Stage every event; returns the roles and (trace name, trace attributes) for the customers table."""
    stage.roles = dict(ROLES)
    raw, stream = _open(path)
    collector = _Collector()
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    customers: list[tuple[str, dict[str, str]]] = []
    cols = _Columns()
    row = 0
    pending: Future[None] | None = None
    worker = ThreadPoolExecutor(max_workers=1)  # DuckDB stages one batch while expat parses the next
    try:
        while True:
            block = stream.read(_BLOCK)
            parser.Parse(block, not block)
            for attrs, events in collector.traces:
                case = attrs.get("concept:name")
                if case is not None:
                    customers.append((case, {k: v for k, v in attrs.items() if k != "concept:name"}))
                trace_channel = attrs.get("channel")
                for event in events:
                    pop = event.pop
                    cols.case.append(case)
                    cols.activity.append(pop("concept:name", None))
                    cols.time.append(pop("time:timestamp", None))
                    cols.lifecycle.append(pop("lifecycle:transition", None))
                    cols.resource.append(pop("org:resource", None))
                    cols.channel.append(event.get("channel", trace_channel))
                    cols.keys.extend(event)
                    cols.values.extend(event.values())
                    cols.offsets.append(len(cols.keys))
            collector.traces.clear()
            if len(cols.case) >= _BATCH or not block:
                if cols.case:
                    if pending is not None:
                        pending.result()
                    pending = worker.submit(stage.add_batch, cols.table(row + 1))
                    row += len(cols.case)
                    cols.clear()
                stage.tick(raw.tell())
            if not block:
                break
        if pending is not None:
            pending.result()
    except (expat.ExpatError, OSError, EOFError) as exc:
        raise InputError("events.unreadable", path=path, format="XES", detail=str(exc)[:300]) from None
    finally:
        worker.shutdown(wait=True)
        raw.close()
    return stage.roles, customers
