"""Stream an XES event log (IEEE 1849, plain or gzip) into the stage.

The file is read in blocks (no tree is built, memory stays flat) by a tokenizer
that leaves anything unusual to expat (:class:`_Tokenizer`). A trace's ``concept:name`` is the customer, its other attributes go to
the ``customers`` table; an event's ``concept:name``, ``time:timestamp``,
``lifecycle:transition`` and ``org:resource`` fill the event columns, the rest its
attributes. The event's ``channel`` attribute, else the trace's, is the channel.
Nested attributes (lists, containers) are kept by their top-level key only.
"""

from __future__ import annotations

import codecs
import gzip
import json
import re
from collections.abc import Callable
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
_BATCH = 10_000
# An event's attributes as the warehouse keeps them (safar.warehouse.schema): compact JSON text, written
# here by the C encoder while the events are gathered, so DuckDB stores it as it is.
to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
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
        self.attributes: list[str] = []  # each event's other attributes, as JSON text

    def table(self, first_row: int) -> pa.Table:
        return pa.table(
            {
                "_row": pa.array(np.arange(first_row, first_row + len(self.case), dtype=np.int64)),
                "case:concept:name": pa.array(self.case, pa.string()),
                "concept:name": pa.array(self.activity, pa.string()),
                "time:timestamp": pa.array(self.time, pa.string()),
                "channel": pa.array(self.channel, pa.string()),
                "lifecycle:transition": pa.array(self.lifecycle, pa.string()),
                "org:resource": pa.array(self.resource, pa.string()),
                "_json": pa.array(self.attributes, pa.string()),
            }
        )


class _Fallback(Exception):
    """The fast tokenizer met something it leaves to expat (see :class:`_Tokenizer`)."""


# One tag per match. Group 1-3: the attribute form nearly every XES line has, with nothing to
# unescape or normalise; 4-7: any other tag; comments and processing instructions match with no
# group; 8: anything else after "<" (CDATA, DOCTYPE, a broken tag), which the tokenizer leaves to expat.
_TOKEN = re.compile(
    r'<(?:(string|date|int|float|boolean|id)\s+key="([^"<&\t\n\r]*)"\s+value="([^"<&\t\n\r]*)"\s*/>'
    r"|(/?)([A-Za-z_][\w:.-]*)((?:\s+[A-Za-z_][\w:.-]*\s*=\s*(?:\"[^\"<]*\"|'[^'<]*'))*)\s*(/?)>"
    r"|!--.*?-->|\?.*?\?>|(.))",
    re.S,
)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')""")
_REF = re.compile(r"&(?:#([0-9]{1,7});|#x([0-9a-fA-F]{1,6});|(lt|gt|amp|quot|apos);)")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*encoding\s*=\s*["']([^"']*)["']""")


def _unescape(value: str) -> str:
    """An attribute value as expat reports it; _Fallback for what only expat should judge."""
    if "\t" in value or "\n" in value or "\r" in value:
        raise _Fallback  # attribute-value normalisation: leave it to expat
    if "&" not in value:
        return value
    refs = _REF.findall(value)
    if len(refs) != value.count("&"):
        raise _Fallback  # an entity expat would reject or one declared in a DOCTYPE

    def one(found: re.Match[str]) -> str:
        dec, hexa, name = found.groups()
        if name:
            return _NAMED[name]
        code = int(dec) if dec else int(hexa, 16)
        if not (
            code in (9, 10, 13)
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or 0x10000 <= code <= 0x10FFFF
        ):
            raise _Fallback
        return chr(code)

    return _REF.sub(one, value)


class _Tokenizer(_Collector):
    """The :class:`_Collector`'s traces from a regular-expression tokenizer instead of expat's callbacks.

    Expat calls Python twice per element, which was most of an XES import; here one C-level
    ``findall`` per block yields the tags and a tight loop keeps the collector's rules (same
    attributes, same nesting, namespace prefixes dropped). It checks that tags nest and close,
    unescapes entities strictly, and raises :class:`_Fallback` at anything it does not handle
    (CDATA, DOCTYPE, whitespace inside attribute values, a declared encoding other than UTF-8,
    a broken tag), and then the file is read again by expat, which also words the errors.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.rest = ""
        self.done = False  # the root element has closed
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.first = True

    def feed(self, block: bytes, final: bool) -> None:
        if self.first:
            self.first = False
            declared = _DECLARED.match(block)
            if block.startswith((b"\xff\xfe", b"\xfe\xff")) or (
                declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")
            ):
                raise _Fallback
        try:
            text = self.rest + self.decoder.decode(block, final)
        except UnicodeDecodeError:
            raise _Fallback from None
        cut = len(text) if final else text.rfind("<")
        for opening, closing in (("<!--", "-->"), ("<?", "?>")):  # comments may hold a "<"
            begun = text.rfind(opening, 0, cut + len(opening)) if not final else -1
            if begun >= 0:
                closed = text.find(closing, begun + len(opening))
                if closed < 0:
                    cut = begun  # unfinished: keep it whole for the next block
                elif closed > cut:
                    cut = closed + len(closing)  # the last "<" is inside it: it is whole
        if cut < 0:
            self.rest = text
            return
        self.rest = text[cut:]
        self._tags(_TOKEN.findall(text, 0, cut))
        if final and (self.stack or not self.done or self.rest.strip("\ufeff \t\r\n")):
            raise _Fallback

    def _tags(self, tags: list[tuple[str, ...]]) -> None:
        attributes = _ATTRIBUTES
        stack = self.stack
        # Where a plain attribute goes (None: nowhere), refreshed after every other tag.
        target = None if self.nest else self.current
        for kind, key, value, slash, name, attrs, empty, bad in tags:
            if kind:
                if target is not None:
                    target[key] = value
                continue
            if bad:
                raise _Fallback
            if not name:
                continue  # a comment or processing instruction
            if slash:
                if empty or attrs or not stack or stack.pop() != name:
                    raise _Fallback
                self.end(name)
                target = None if self.nest else self.current
                if not stack:
                    self.done = True
                continue
            if self.done:
                raise _Fallback  # a second root element
            pairs = _ATTR.findall(attrs) if attrs else []
            found = {k: _unescape(d or q) for k, d, q in pairs}
            if len(found) != len(pairs):
                raise _Fallback  # an attribute given twice
            local = name.rpartition(":")[2]
            if self.nest:
                self.nest += 1
            elif local in attributes:
                self.nest = 1
                if self.current is not None and "key" in found:
                    self.current[found["key"]] = found.get("value", "")
            elif local == "event":
                self.current = {}
            elif local == "trace":
                self.trace = self.current = {}
                self.events = []
            if empty:
                self.end(name)
            else:
                stack.append(name)
            target = None if self.nest else self.current


def _stage(stage: Stage, cols: _Columns, first_row: int) -> None:
    stage.add_batch(cols.table(first_row), now=stage.direct is not None)


def load_xes(stage: Stage, path: str) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """Stage every event; returns the roles and (trace name, trace attributes) for the customers table.

    The fast tokenizer reads the file; when it meets what it leaves to expat, what it staged is
    dropped and expat reads the file again.
    """
    stage.roles = dict(ROLES)
    try:
        return stage.roles, _load(stage, path, fast=True)
    except _Fallback:
        stage.reset()
        return stage.roles, _load(stage, path, fast=False)


def _load(stage: Stage, path: str, *, fast: bool) -> list[tuple[str, dict[str, str]]]:
    raw, stream = _open(path)
    collector: _Collector
    parse: Callable[[bytes, bool], object]
    if fast:
        collector = tokenizer = _Tokenizer()
        parse = tokenizer.feed
    else:
        collector = _Collector()
        parser = expat.ParserCreate()
        parser.ordered_attributes = True
        parser.StartElementHandler = collector.start
        parser.EndElementHandler = collector.end
        parse = parser.Parse
    customers: list[tuple[str, dict[str, str]]] = []
    cols = _Columns()
    row = 0
    pending: Future[None] | None = None
    worker = ThreadPoolExecutor(max_workers=1)  # DuckDB stages one batch while expat parses the next
    try:
        while True:
            block = stream.read(_BLOCK)
            parse(block, not block)
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
                    cols.attributes.append(to_json(event))
            collector.traces.clear()
            if len(cols.case) >= _BATCH or not block:
                if cols.case:
                    if pending is not None:
                        pending.result()
                    # The worker builds the Arrow batch and stages it while expat parses the next one.
                    pending = worker.submit(_stage, stage, cols, row + 1)
                    row += len(cols.case)
                    cols = _Columns()
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
    return customers
