"""The server's threads: requests served a few at a time, long work beside them.

A page's handler is synchronous (it reads the app database and renders a template), so the server runs
it in a worker thread. With anyio's default of 40 such threads, 20 users' requests all ran at once and
shared the one interpreter: each took as long as all of them, and the expensive ones the longest
(20 users on the demo's pages: p99 1.93 s at 17.6 answers a second). With :data:`PAGES` threads they
are served in turn (p99 1.40 s at 20.7 a second, bench/README.md, session 15).

Long work a handler hands off on purpose (reading an upload into the warehouse, an export, an ingest)
must not take those few threads for minutes: :func:`run_long` runs it on a limiter of its own,
:data:`LONG` threads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
import anyio.to_thread

__all__ = ["LONG", "PAGES", "limit_pages", "run_long"]

PAGES = 8
LONG = 32
T = TypeVar("T")
_long: anyio.CapacityLimiter | None = None


def limit_pages() -> None:
    """Serve synchronous handlers on :data:`PAGES` threads (called in the app's lifespan, in its loop)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = PAGES


async def run_long(func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``func(*args, **kwargs)`` in a thread of the long-work limiter, awaited."""
    global _long
    if _long is None:  # made in the running loop (a limiter belongs to its event loop's library)
        _long = anyio.CapacityLimiter(LONG)
    return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs), limiter=_long)
