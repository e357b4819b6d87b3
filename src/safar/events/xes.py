"""Stream an XES event log (IEEE 1849, plain or gzip) into the stage.

The file is read in blocks (no tree is built, memory stays flat) by a tokenizer that leaves
anything unusual to expat (:class:`safar.events.xes_tokens.Tokenizer`). A trace's
``concept:name`` is the customer, its other attributes go to the ``customers`` table; an event's
``concept:name``, ``time:timestamp``, ``lifecycle:transition`` and ``org:resource`` fill the event
columns, the rest its attributes. The event's ``channel`` attribute, else the trace's, is the
channel. Nested attributes (lists, containers) are kept by their top-level key only.

Tokenizing is most of an import and is pure Python, so a file of more than one block is cut at
``</trace>`` boundaries and the chunks are read by worker processes, one per core (at most 4), while this
process decompresses, stages and keeps the chunks' order (:class:`_Workers`). The first chunk
(the log's header) and the tail are read here, and each chunk must leave the open elements as
it found them; a file where that does not hold is read again by one tokenizer, and one the
tokenizer cannot read by expat, so every path gives the same events.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import suppress
from queue import SimpleQueue
from typing import IO
from xml.parsers import expat

import numpy as np
import pyarrow as pa

from safar.errors import InputError
from safar.events import xes_tokens
from safar.events.sniff import open_bytes
from safar.events.stage import Stage
from safar.events.xes_tokens import (
    COLUMNS,
    TRACE_END,
    Collector,
    Columns,
    Fallback,
    Piece,
    Tokenizer,
    gather,
    new_columns,
)

ROLES = {
    "customer": "case:concept:name",
    "activity": "concept:name",
    "time": "time:timestamp",
    "channel": "channel",
    "lifecycle": "lifecycle:transition",
    "resource": "org:resource",
}
_BATCH = 65_536  # events per batch handed to the stage (a row group of its spool)
_BLOCK = 1 << 20
_ALONE_AFTER = 32 << 20  # bytes without a </trace>: one tokenizer reads on


def _cores() -> int:
    """The cores this process may run on (its affinity where the system tells it)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every system
        return os.cpu_count() or 1


_WORKERS = min(_cores(), 4)  # worker processes for a file of more than one block; 1: none


def _open(path: str) -> tuple[IO[bytes], IO[bytes]]:
    return open_bytes(path)


def _table(columns: Columns, first_row: int) -> pa.Table:
    arrays = {"_row": pa.array(np.arange(first_row, first_row + len(columns[0]), dtype=np.int64))}
    arrays.update(
        (name, pa.array(column, pa.string())) for name, column in zip(COLUMNS, columns, strict=True)
    )
    return pa.table(arrays)


class _ParallelFallback(Exception):
    """A chunk could not be read on its own: the file is read again by one tokenizer."""


class _Workers:
    """Worker processes running :func:`safar.events.xes_tokens.serve`, each fed by a thread of its own.

    The workers are ``python -I -S xes_tokens.py``: the module needs only the standard library, so
    a worker starts in milliseconds, and nothing of this process (DuckDB's threads, open files) is
    forked. A chunk's answer comes back as a future, so the caller keeps the file's order.
    """

    def __init__(self, count: int) -> None:
        self.idle: SimpleQueue[subprocess.Popen[bytes]] = SimpleQueue()
        self.processes: list[subprocess.Popen[bytes]] = []
        self.threads = ThreadPoolExecutor(max_workers=count)
        try:
            for _ in range(count):
                command = [sys.executable, "-I", "-S", xes_tokens.__file__]
                self.processes.append(
                    subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                )
        except OSError:
            self.close()
            raise
        for process in self.processes:
            self.idle.put(process)

    def submit(self, chunk: bytes, stack: list[str]) -> Future[object]:
        return self.threads.submit(self._read, chunk, stack)

    def _read(self, chunk: bytes, stack: list[str]) -> object:
        process = self.idle.get()
        try:
            assert process.stdin is not None and process.stdout is not None
            xes_tokens.send(process.stdin, (stack, chunk))
            return xes_tokens.receive(process.stdout)
        except (OSError, EOFError, ValueError):
            return None  # a worker that died: the chunk goes back to one tokenizer
        finally:
            self.idle.put(process)

    def close(self) -> None:
        self.threads.shutdown(wait=True, cancel_futures=True)
        for process in self.processes:
            if process.stdin is not None:
                with suppress(OSError):  # a worker that died: its pipe is broken
                    process.stdin.close()
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def load_xes(stage: Stage, path: str) -> tuple[dict[str, str], list[tuple[str, dict[str, str]]]]:
    """Stage every event; returns the roles and (trace name, trace attributes) for the customers table.

    The tokenizer reads the file, in worker processes when it is big. When a chunk cannot be read
    on its own, what was staged is dropped and one tokenizer reads the file again; when the
    tokenizer meets what it leaves to expat, expat does.
    """
    stage.roles = dict(ROLES)
    fast, workers = True, _WORKERS
    while True:
        try:
            return stage.roles, _load(stage, path, fast=fast, workers=workers)
        except _ParallelFallback:
            workers = 1
        except Fallback:
            fast, workers = False, 1
        stage.reset()


def _load(stage: Stage, path: str, *, fast: bool, workers: int) -> list[tuple[str, dict[str, str]]]:
    raw, stream = _open(path)
    customers: list[tuple[str, dict[str, str]]] = []
    batch = new_columns()
    row = 0
    try:
        for columns, found in _as_input_errors(_pieces(stream, fast=fast, workers=workers), path):
            customers.extend(found)
            for into, column in zip(batch, columns, strict=True):
                into.extend(column)
            if len(batch[0]) >= _BATCH:
                # Spooled to Parquet by Arrow without the GIL, while the workers parse on.
                stage.add_batch(_table(batch, row + 1))
                row += len(batch[0])
                batch = new_columns()
                stage.tick(raw.tell())
        if batch[0]:
            stage.add_batch(_table(batch, row + 1))
        stage.tick(raw.tell())
    finally:
        raw.close()
    return customers


def _as_input_errors(pieces: Iterator[Piece], path: str) -> Iterator[Piece]:
    """The pieces; what reading the file raised (not what staging them does) as the user's error."""
    try:
        yield from pieces
    except (expat.ExpatError, OSError, EOFError) as exc:
        raise InputError("events.unreadable", path=path, format="XES", detail=str(exc)[:300]) from None


def _pieces(stream: IO[bytes], *, fast: bool, workers: int) -> Iterator[Piece]:
    """The file's events and customers, in the file's order, a block or a chunk at a time."""
    if not fast or workers <= 1:
        collector, parse = _reader(fast)
        while True:
            block = stream.read(_BLOCK)
            parse(block, not block)
            yield gather(collector.traces)
            if not block:
                return
    tokenizer = Tokenizer()
    buffer = bytearray()
    stack: list[str] | None = None  # the open elements between traces, known once the header is read
    alone = False  # one tokenizer reads the rest: no trace ended in _ALONE_AFTER bytes
    chunks: deque[Future[object]] = deque()
    pool: _Workers | None = None
    try:
        while block := stream.read(_BLOCK):
            if alone:
                tokenizer.feed(block, False)
                yield gather(tokenizer.traces)
                continue
            buffer += block  # what came before holds no whole </trace>: look only at the new bytes
            end = buffer.rfind(TRACE_END, max(0, len(buffer) - len(block) - len(TRACE_END)))
            if end < 0:
                if len(buffer) > _ALONE_AFTER:  # a huge trace: read on here rather than hold it whole
                    while chunks:
                        yield _answer(chunks.popleft())
                    for start in range(0, len(buffer), _BLOCK):
                        tokenizer.feed(bytes(buffer[start : start + _BLOCK]), False)
                        yield gather(tokenizer.traces)
                    alone, buffer = True, bytearray()
                continue
            end += len(TRACE_END)
            chunk = bytes(buffer[:end])
            del buffer[:end]
            if stack is None:  # the header and the first traces, read here
                tokenizer.feed_whole(chunk)
                if not tokenizer.between_traces():
                    raise _ParallelFallback
                stack = list(tokenizer.stack)
                yield gather(tokenizer.traces)
                continue
            if pool is None:
                try:
                    pool = _Workers(workers)
                except OSError:  # no process could be started (limits, no interpreter): read here
                    raise _ParallelFallback from None
            chunks.append(pool.submit(chunk, stack))
            while len(chunks) > 2 * workers or (chunks and chunks[0].done()):
                yield _answer(chunks.popleft())
        while chunks:
            yield _answer(chunks.popleft())
        tokenizer.feed(
            bytes(buffer), True
        )  # the tail: the log's closing tag and what may follow the last trace
        yield gather(tokenizer.traces)
    finally:
        if pool is not None:
            pool.close()


def _answer(chunk: Future[object]) -> Piece:
    answer = chunk.result()
    if answer is None:
        raise _ParallelFallback
    return answer  # type: ignore[return-value]


def _reader(fast: bool) -> tuple[Collector, Callable[[bytes, bool], object]]:
    """One reader for the whole file: the tokenizer, or expat (which also words the errors)."""
    if fast:
        tokenizer = Tokenizer()
        return tokenizer, tokenizer.feed
    collector = Collector()
    parser = expat.ParserCreate()
    parser.ordered_attributes = True
    parser.StartElementHandler = collector.start
    parser.EndElementHandler = collector.end
    return collector, parser.Parse


def head(path: str, rows: int) -> tuple[list[str], list[list[str]]]:
    """The log's first ``rows`` events as (column names, rows of text), read as :func:`load_xes` reads them,
    for a person to look at before importing (the rest of the file is not read)."""
    for fast in (True, False):  # what the tokenizer leaves to expat, expat reads
        raw, stream = _open(path)
        found: list[list[str]] = []
        try:
            for columns, _ in _as_input_errors(_pieces(stream, fast=fast, workers=1), path):
                found.extend([value or "" for value in row] for row in zip(*columns, strict=True))
                if len(found) >= rows:
                    break
        except Fallback:
            continue
        finally:
            raw.close()
        return [*COLUMNS[:-1], "attributes"], found[:rows]
    raise AssertionError("expat reads every file the tokenizer leaves to it")
