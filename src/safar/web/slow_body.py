"""A body that barely moves is cut off: 408 ``request.too_slow``, the connection freed.

A client that sends its body a byte a second holds a connection (never a handler thread: bodies are read on the
event loop) for as long as it likes; many such clients would use up the server's connections. :class:`SlowBody`
gives a body's next part :data:`IDLE_SECONDS` to arrive and, once :data:`GRACE_SECONDS` have passed since the
first, asks for :data:`MIN_RATE` bytes a second on average (a respondent on a slow mobile link sends a survey's
answers in well under a second; a 512 MB upload at that rate takes 14 hours). The handler then reads the end of
the body (Starlette's ``ClientDisconnect``) and whatever it would have answered is replaced by the 408, in the
reader's language: the API's error document, a page, or a public survey's own page.
"""

from __future__ import annotations

import time
from typing import Any

import anyio
from fastapi.responses import JSONResponse
from starlette.requests import Request

from safar.errors import TooSlowError

__all__ = ["GRACE_SECONDS", "IDLE_SECONDS", "MIN_RATE", "SlowBody"]

IDLE_SECONDS = 20.0
GRACE_SECONDS = 30.0
MIN_RATE = 10 * 1024


class SlowBody:
    """ASGI middleware: end a request whose body stalls or trickles (see the module)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        got = 0
        done = cut = answered = False

        async def receiving() -> Any:
            nonlocal got, done, cut
            if done or cut:
                return await receive()
            with anyio.move_on_after(IDLE_SECONDS) as waited:
                message = await receive()
            late = time.monotonic() - started
            if waited.cancelled_caught or (
                message["type"] == "http.request"
                and message.get("more_body", False)
                and late > GRACE_SECONDS
                and got / late < MIN_RATE
            ):
                cut = True
                return {"type": "http.disconnect"}
            if message["type"] == "http.request":
                got += len(message.get("body", b""))
                done = not message.get("more_body", False)
            return message

        async def sending(message: Any) -> None:
            nonlocal answered
            if cut:  # the handler's answer to a body it never had: replaced by the 408
                return
            answered = True
            await send(message)

        try:
            await self.app(scope, receiving, sending)
        except Exception:
            if not cut:
                raise
        if cut and not answered:
            await _refusal(scope)(scope, receive, send)


def _refusal(scope: Any) -> Any:
    from safar.web.context import lang_of
    from safar.web.render import render

    request = Request(scope)
    lang = lang_of(request)
    err = TooSlowError("request.too_slow", idle=int(IDLE_SECONDS), rate_kb=MIN_RATE // 1024)
    if request.url.path.startswith("/s/"):  # a public survey: its own page, in its respondent's words
        answer = render(request, "survey_closed.html", {"message": err.message_for(lang)}, 408)
    elif request.url.path.startswith("/api/"):
        answer = JSONResponse({"error": err.to_dict(lang)}, status_code=408)
    else:
        answer = render(request, "error.html", {"error": err, "message": err.message_for(lang)}, 408)
    answer.headers["Connection"] = "close"  # the rest of its body is not read
    return answer
