"""A small in-memory sliding-window rate limit, per key (e.g. client address and survey).

One process serves a Safar installation, so counting in memory is enough; a restart forgets.

>>> limit = RateLimit(2, 60.0)
>>> [limit.allow("a", now=t) for t in (0, 1, 2, 61.5)]
[True, True, False, True]
"""

from __future__ import annotations

import time
from collections import deque
from threading import Lock


class RateLimit:
    def __init__(self, most: int, window_seconds: float) -> None:
        self.most = most
        self.window = window_seconds
        self._hits: dict[str, deque[float]] = {}
        self._lock = Lock()

    def allow(self, key: str, now: float | None = None) -> bool:
        """Count a hit for ``key``; ``False`` when it already had ``most`` hits in the window."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= moment - self.window:
                hits.popleft()
            if len(hits) >= self.most:
                return False
            hits.append(moment)
            if len(self._hits) > 100_000:  # forget idle keys rather than grow without bound
                self._hits = {k: v for k, v in self._hits.items() if v and v[-1] > moment - self.window}
            return True
