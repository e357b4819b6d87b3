"""The XES tokenizer: an event log's text to traces, with the standard library only.

:class:`Tokenizer` turns XES text into finished traces, (trace attributes, [event attributes]),
the way expat's callbacks into a :class:`Collector` would, and raises :class:`Fallback` at what it
leaves to expat. :func:`gather` lays traces out as the event columns. The module imports nothing
outside the standard library, so :mod:`safar.events.xes` can run it as a script, a worker process
that reads a file's traces in chunks (:func:`serve`), with no start-up cost beyond Python's own.
"""

from __future__ import annotations

import codecs
import json
import marshal
import re
import signal
import struct
import sys
from typing import IO, Any

_ATTRIBUTES = frozenset(("string", "date", "int", "float", "boolean", "id", "list", "container"))
# An event's attributes as the warehouse keeps them (safar.warehouse.schema): compact JSON text, written
# here by the C encoder while the events are gathered, so DuckDB stores it as it is.
to_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode
TRACE_END = b"</trace>"
_HEADER = struct.Struct("<Q")


class Collector:
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


class Fallback(Exception):
    """The fast tokenizer met something it leaves to expat (see :class:`Tokenizer`)."""


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
    """An attribute value as expat reports it; Fallback for what only expat should judge."""
    if "\t" in value or "\n" in value or "\r" in value:
        raise Fallback  # attribute-value normalisation: leave it to expat
    if "&" not in value:
        return value
    refs = _REF.findall(value)
    if len(refs) != value.count("&"):
        raise Fallback  # an entity expat would reject or one declared in a DOCTYPE

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
            raise Fallback
        return chr(code)

    return _REF.sub(one, value)


class Tokenizer(Collector):
    """The :class:`Collector`'s traces from a regular-expression tokenizer instead of expat's callbacks.

    Expat calls Python twice per element, which was most of an XES import; here one C-level
    ``findall`` per block yields the tags and a tight loop keeps the collector's rules (same
    attributes, same nesting, namespace prefixes dropped). It checks that tags nest and close,
    unescapes entities strictly, and raises :class:`Fallback` at anything it does not handle
    (CDATA, DOCTYPE, whitespace inside attribute values, a declared encoding other than UTF-8,
    a broken tag), and then the file is read again by expat, which also words the errors.
    """

    def __init__(self, stack: list[str] | None = None) -> None:
        """``stack``: the open elements, for a tokenizer that starts at a trace boundary mid-file."""
        super().__init__()
        self.stack: list[str] = list(stack or ())
        self.rest = ""
        self.done = False  # the root element has closed
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.first = not self.stack

    def feed_whole(self, data: bytes) -> None:
        """Whole tags only: ``data`` ends where a tag ends (``</trace>``), and nothing is left over."""
        if self.first:
            self._check_encoding(data)
        if self.rest:
            raise Fallback
        try:
            text = self.decoder.decode(data)
        except UnicodeDecodeError:
            raise Fallback from None
        self._tags(_TOKEN.findall(text))

    def between_traces(self) -> bool:
        """True when the state is the one a fresh ``Tokenizer(self.stack)`` starts in."""
        return (
            bool(self.stack)
            and not (self.nest or self.done or self.rest)
            and self.current is self.trace is None
        )

    def _check_encoding(self, block: bytes) -> None:
        self.first = False
        declared = _DECLARED.match(block)
        if block.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8")
        ):
            raise Fallback

    def feed(self, block: bytes, final: bool) -> None:
        if self.first:
            self._check_encoding(block)
        try:
            text = self.rest + self.decoder.decode(block, final)
        except UnicodeDecodeError:
            raise Fallback from None
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
            raise Fallback

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
                raise Fallback
            if not name:
                continue  # a comment or processing instruction
            if slash:
                if empty or attrs or not stack or stack.pop() != name:
                    raise Fallback
                self.end(name)
                target = None if self.nest else self.current
                if not stack:
                    self.done = True
                continue
            if self.done:
                raise Fallback  # a second root element
            pairs = _ATTR.findall(attrs) if attrs else []
            found = {k: _unescape(d or q) for k, d, q in pairs}
            if len(found) != len(pairs):
                raise Fallback  # an attribute given twice
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


Columns = tuple[list[str | None], ...]
"""The event columns, in :data:`COLUMNS` order; the last holds each event's other attributes as JSON."""
COLUMNS = (
    "case:concept:name",
    "concept:name",
    "time:timestamp",
    "lifecycle:transition",
    "org:resource",
    "channel",
    "_json",
)


def new_columns() -> Columns:
    return tuple([] for _ in COLUMNS)


Piece = tuple[Columns, list[tuple[str, dict[str, str]]]]
"""Events laid out as columns, and the named traces' (customer, other attributes)."""


def gather(traces: list[tuple[dict[str, str], list[dict[str, str]]]]) -> Piece:
    """Lay ``traces`` out as event columns (and empty the list); a named trace's other attributes go to customers."""
    columns = new_columns()
    customers: list[tuple[str, dict[str, str]]] = []
    case_col, activity, time, lifecycle, resource, channel, attributes = columns
    for attrs, events in traces:
        case = attrs.get("concept:name")
        if case is not None:
            customers.append((case, {k: v for k, v in attrs.items() if k != "concept:name"}))
        trace_channel = attrs.get("channel")
        for event in events:
            pop = event.pop
            case_col.append(case)
            activity.append(pop("concept:name", None))
            time.append(pop("time:timestamp", None))
            lifecycle.append(pop("lifecycle:transition", None))
            resource.append(pop("org:resource", None))
            channel.append(event.get("channel", trace_channel))
            attributes.append(to_json(event))
    traces.clear()
    return columns, customers


def read_chunk(chunk: bytes, stack: list[str]) -> Piece | None:
    """The events of whole traces cut from the middle of a file; None where only a single reader can tell.

    ``chunk`` starts after a ``</trace>`` and ends with one, and ``stack`` is the elements open there.
    The chunk must leave them as it found them; otherwise (a trace nested oddly, a comment cut in
    two…) the file goes to the single reader, which sees it whole.
    """
    tokenizer = Tokenizer(stack)
    try:
        tokenizer.feed_whole(chunk)
    except Fallback:
        return None
    if not tokenizer.between_traces() or tokenizer.stack != stack:
        return None
    return gather(tokenizer.traces)


def send(stream: IO[bytes], message: Any) -> None:
    data = marshal.dumps(message)
    stream.write(_HEADER.pack(len(data)))
    stream.write(data)
    stream.flush()


def receive(stream: IO[bytes]) -> object:
    """The next message; EOFError when the other side has gone."""
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError("the XES worker closed its pipe")
    (size,) = _HEADER.unpack(head)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError("the XES worker closed its pipe")
    return marshal.loads(data)


def serve(inbox: IO[bytes], outbox: IO[bytes]) -> None:
    """A worker's loop: (stack, chunk) in, :func:`read_chunk`'s answer out, until the input closes."""
    while True:
        try:
            message = receive(inbox)
        except EOFError:
            return
        stack: list[str]
        chunk: bytes
        stack, chunk = message  # type: ignore[misc]
        send(outbox, read_chunk(chunk, stack))


if __name__ == "__main__":
    signal.signal(
        signal.SIGINT, signal.SIG_IGN
    )  # Ctrl-C is the parent's: it closes the pipes, and the worker ends
    serve(sys.stdin.buffer, sys.stdout.buffer)
