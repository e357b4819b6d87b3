"""NUL characters are refused at the door: no text Safar keeps may hold one.

PostgreSQL cannot store a NUL in text (a request carrying one used to end in a 500 there, and be stored
as it came on SQLite); no person types one, so a request with one is a mistake or a probe. A JSON body
carries it as the escape ``\\u0000``, a URL-encoded form as ``%00``: :class:`RefuseNul` reads the body as
it streams past (nothing is kept or copied) and stops the request with 422 ``request.nul``. A multipart
form's text fields are checked where they are read (:func:`safar.web.forms.read_form`), as its files may
be binary.

>>> found = NulScanner(b"application/json")
>>> found.feed(b'{"a": "x\\\\u0000"}'), NulScanner(b"application/json").feed(b'{"a": "x\\\\\\\\u0000"}')
(True, False)
>>> split = NulScanner(b"application/json")
>>> split.feed(b'{"a": "x\\\\u00'), split.feed(b'00"}')
(False, True)
"""

from __future__ import annotations

import re
from typing import Any

from starlette.requests import Request

from safar.web.context import lang_of
from safar.web.forms import nul_refused

# An escape \u0000 that is not itself escaped: an even run of backslashes (pairs) before its own one.
_JSON_NUL = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")
_FORM_NUL = re.compile(rb"%00")


class NulScanner:
    """Whether a body of ``content_type`` holds a NUL, fed chunk by chunk. What is kept between chunks is
    the end of the last one that could begin an escape: its last five bytes and the backslashes before
    them (so an escape cut in two, or a long run of backslashes, is read exactly)."""

    def __init__(self, content_type: bytes) -> None:
        kind = content_type.split(b";")[0].strip().lower()
        self.pattern = (
            _JSON_NUL
            if kind == b"application/json" or kind.endswith(b"+json")
            else _FORM_NUL
            if kind == b"application/x-www-form-urlencoded"
            else None
        )
        self._tail = b""

    @property
    def active(self) -> bool:
        return self.pattern is not None

    def feed(self, chunk: bytes) -> bool:
        if self.pattern is None or not chunk:
            return False
        data = self._tail + chunk
        if self.pattern.search(data):
            return True
        keep = len(data) - 5
        while keep > 0 and data[keep - 1 : keep] == b"\\":
            keep -= 1
        self._tail = data[max(keep, 0) :]
        return False


class RefuseNul:
    """An ASGI middleware that stops a JSON or URL-encoded body holding a NUL as it is read: the route
    reading it gets :func:`nul_refused` (Safar's 422 in the reader's language, the page or the API's error
    document) and nothing of the request is done."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        content_type = dict(scope.get("headers") or []).get(b"content-type", b"")
        scanner = NulScanner(content_type)
        if not scanner.active:
            await self.app(scope, receive, send)
            return

        async def checked() -> Any:
            message = await receive()
            if message["type"] == "http.request" and scanner.feed(message.get("body", b"")):
                raise nul_refused("body", lang_of(Request(scope)))
            return message

        await self.app(scope, checked, send)
