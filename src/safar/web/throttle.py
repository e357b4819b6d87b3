"""Log-in throttling: guessing passwords gets slower and slower, per account and per address.

Checked before the password is (a locked account refuses even the right one until its wait is over):

- **an account**: after ``ACCOUNT_FREE`` wrong passwords in a row it waits ``ACCOUNT_WAIT`` seconds,
  doubled at each further failure up to ``ACCOUNT_MAX_WAIT``; a right password (once the wait is over)
  starts it afresh. Whether the account exists makes no difference, so the answer tells nothing;
- **an address**: more than ``ADDRESS_FREE`` wrong passwords within ``ADDRESS_WINDOW`` seconds, for
  whatever accounts, and it waits until the oldest of them leaves the window.

Counts are kept in the server's memory (Safar serves from one process); a restart forgets them.

>>> clock = [0.0]
>>> gate = LoginThrottle(now=lambda: clock[0])
>>> for _ in range(ACCOUNT_FREE):
...     gate.failed("ana", "10.0.0.1")
>>> gate.wait("ana", "10.0.0.1"), gate.wait("vic", "10.0.0.2")
(30, 0)
>>> clock[0] = 30.0
>>> gate.wait("ana", "10.0.0.1")
0
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["ACCOUNT_FREE", "ADDRESS_FREE", "LoginThrottle", "throttle_of"]

ACCOUNT_FREE = 5
ACCOUNT_WAIT = 30.0
ACCOUNT_MAX_WAIT = 15 * 60.0
ADDRESS_FREE = 20
ADDRESS_WINDOW = 10 * 60.0
_KEPT = 10_000  # accounts and addresses remembered before those with nothing left to wait are forgotten


@dataclass
class _Account:
    failures: int = 0
    until: float = 0.0


class LoginThrottle:
    """The failures seen per account and per address, and how long each must wait now."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._accounts: dict[str, _Account] = {}
        self._addresses: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, username: str, address: str) -> int:
        """Whole seconds before ``username`` may try again from ``address`` (0: now)."""
        now = self._now()
        with self._lock:
            account = self._accounts.get(_key(username))
            waits = [account.until - now if account else 0.0]
            recent = self._recent(address, now)
            if len(recent) >= ADDRESS_FREE:
                waits.append(recent[0] + ADDRESS_WINDOW - now)
        return max(0, math.ceil(max(waits)))

    def failed(self, username: str, address: str) -> None:
        now = self._now()
        with self._lock:
            account = self._accounts.setdefault(_key(username), _Account())
            account.failures += 1
            beyond = account.failures - ACCOUNT_FREE
            if beyond >= 0:
                account.until = now + min(ACCOUNT_MAX_WAIT, ACCOUNT_WAIT * 2**beyond)
            self._recent(address, now).append(now)
            if len(self._accounts) > _KEPT or len(self._addresses) > _KEPT:
                self._forget(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._accounts.pop(_key(username), None)

    def _forget(self, now: float) -> None:
        """Drop what no longer makes anyone wait (names made up by a guesser would otherwise pile up)."""
        self._accounts = {k: a for k, a in self._accounts.items() if a.until > now}
        for address in list(self._addresses):
            if not self._recent(address, now):
                del self._addresses[address]

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._addresses.setdefault(address, deque())
        while times and times[0] <= now - ADDRESS_WINDOW:
            times.popleft()
        return times


def _key(username: str) -> str:
    return username.strip().casefold()


def throttle_of(app: Any) -> LoginThrottle:
    """The server's password throttle, made when first needed: log-in and a user's own password change
    (the current password given on /account) count against the same account and address."""
    gate = getattr(app.state, "login_throttle", None)
    if gate is None:
        gate = app.state.login_throttle = LoginThrottle()
    return gate
