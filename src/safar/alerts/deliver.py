"""Delivering an alert to a department's webhook: HTTP POST of JSON, retried with exponential backoff.

An attempt succeeds on a 2xx answer. A network error, a timeout, 408, 429 or a 5xx answer is retried
after ``backoff · 2^(attempt−1)``; any other answer (a 4xx: the hook refuses the alert) is final.
Every attempt is returned, and recorded by the caller in the delivery log. Python's own HTTP client
is used, so delivering needs no extra package; proxies in ``https_proxy``/``http_proxy`` are honoured.

>>> seen = []
>>> attempts = deliver({"a": 1}, Destination("*", "http://127.0.0.1:9/x", 2, 10),
...                    post=lambda url, body, timeout: 500, sleep=seen.append)
>>> [(a.attempt, a.status_code, a.ok) for a in attempts], seen
([(1, 500, False), (2, 500, False)], [0.01])
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from safar import __version__ as VERSION
from safar.errors import InputError

RETRIED = frozenset({408, 429})
Post = Callable[[str, bytes, float], int]


@dataclass(frozen=True)
class Destination:
    department: str
    url: str
    attempts: int
    backoff_ms: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "url": self.url,
            "attempts": self.attempts,
            "backoff_ms": self.backoff_ms,
        }


@dataclass(frozen=True)
class Attempt:
    department: str
    url: str
    attempt: int
    status_code: int | None
    error: str | None
    ok: bool
    at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "department": self.department,
            "url": self.url,
            "attempt": self.attempt,
            "status_code": self.status_code,
            "error": self.error,
            "ok": self.ok,
            "at": self.at.isoformat(),
        }


def mask_url(url: str) -> str:
    """A webhook address as someone who may not post to it sees it: scheme and host only (the path of
    a chat webhook is its secret).

    >>> mask_url("https://hooks.example.com/services/T000/B000/XXXX")
    'https://hooks.example.com/…'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}/…"


def _allowed(host: str, addresses: list[ipaddress.IPv4Address | ipaddress.IPv6Address]) -> bool:
    """Whether ``SAFAR_WEBHOOK_ALLOW`` (host names and networks, comma-separated) lets this host in."""
    allowed = [a.strip() for a in os.environ.get("SAFAR_WEBHOOK_ALLOW", "").split(",") if a.strip()]
    for entry in allowed:
        if entry.lower() == host.lower():
            return True
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
        if addresses and all(a in network for a in addresses):
            return True
    return False


def check_webhook_url(url: str) -> None:
    """Refuse a webhook on this machine or the internal network (loopback, private, link-local,
    reserved addresses — e.g. the cloud metadata service) unless ``SAFAR_WEBHOOK_ALLOW`` names it:
    an editor must not be able to make the server probe what only it can reach.

    >>> check_webhook_url("http://169.254.169.254/latest/meta-data")
    Traceback (most recent call last):
    ...
    safar.errors.InputError: The webhook address 169.254.169.254 is on this machine or an internal network (169.254.169.254). Allow it with SAFAR_WEBHOOK_ALLOW=169.254.169.254 if it is meant to be.
    """
    host = urlsplit(url).hostname or ""
    try:
        found = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return  # not resolvable (yet): nothing to reach now; checked again before every POST
    addresses = [ipaddress.ip_address(a.split("%")[0]) for a in found]
    inside = [a for a in addresses if not a.is_global or a.is_multicast]
    if inside and not _allowed(host, addresses):
        raise InputError("alerts.url_internal", host=host, address=", ".join(sorted(map(str, inside))))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, *args: Any, **kwargs: Any
    ) -> None:  # a redirect is an answer, not a new target
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


def post_json(url: str, body: bytes, timeout: float) -> int:
    """POST ``body`` as JSON; the answer's status code (an HTTP error status is returned, not raised).

    The address is checked again right before sending (a name can be made to point elsewhere later),
    and redirects are not followed."""
    check_webhook_url(url)
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": f"safar/{VERSION}",
            "X-Safar-Event": "alert",
        },
    )
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def retryable(status: int) -> bool:
    """Whether a failed answer may pass on a later try: 408, 429 or a 5xx (another 4xx is a refusal).

    >>> [retryable(s) for s in (404, 408, 429, 500, 503)]
    [False, True, True, True, True]
    """
    return status >= 500 or status in RETRIED


def deliver(
    payload: dict[str, Any],
    destination: Destination,
    *,
    timeout: float = 5.0,
    post: Post = post_json,
    sleep: Callable[[float], object] = time.sleep,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> list[Attempt]:
    """POST ``payload`` to ``destination`` until it is accepted, refused, or the attempts run out."""
    body = json.dumps(payload, ensure_ascii=False).encode()
    attempts: list[Attempt] = []
    for number in range(1, max(1, destination.attempts) + 1):
        if number > 1:
            sleep(destination.backoff_ms / 1000 * 2 ** (number - 2))
        status: int | None = None
        error: str | None = None
        try:
            status = post(destination.url, body, timeout)
        except InputError as exc:  # the address now points inside: not sent
            error = exc.message_for("en")[:500]
        except (OSError, ValueError) as exc:  # URLError, timeouts and refused connections are OSErrors
            error = str(getattr(exc, "reason", None) or exc)[:500] or type(exc).__name__
        ok = status is not None and 200 <= status < 300
        attempts.append(Attempt(destination.department, destination.url, number, status, error, ok, clock()))
        if ok or (status is not None and not retryable(status)):
            break
    return attempts
