"""How much a request may send, per kind of route, counted as the bytes arrive.

FastAPI's ``max_body_size`` (Starlette's ``RequestBodyLimitMiddleware``) stops reading a body at its limit,
whether its size was announced (``Content-Length``: refused before a byte is read) or not (chunked: counted
as it streams), and the request ends with 413 ``request.too_large`` in the reader's language. So no
request, signed in or not, can make the server hold more than its route allows, before any form, JSON or
file is parsed. Every route has :data:`FORM` unless it takes more:

- :data:`SURVEY_ANSWER`: a public survey's answers (anonymous);
- :data:`DOCUMENT`: a whole map or survey document (JSON or YAML): ``SAFAR_MAX_MAP_BYTES`` and the form
  around it;
- :data:`SURVEY_FILE`: a survey document, a file of answers or of ratings to analyse (50 MB);
- :data:`DATA_FILE`: an event or comment file brought in from the browser or the API (512 MB), streamed to
  the workspace's folder.

>>> FORM, SURVEY_ANSWER
(1048576, 262144)
"""

from __future__ import annotations

from typing import Any

from fastapi.responses import JSONResponse
from starlette.middleware.body_limit import MAX_BODY_SIZE_SCOPE_KEY
from starlette.requests import Request

from safar.errors import TooLargeError
from safar.i18n import translate
from safar.maps.validate import MAX_MAP_BYTES
from safar.services.uploads import MAX_UPLOAD

__all__ = ["DATA_FILE", "DOCUMENT", "FORM", "SURVEY_ANSWER", "SURVEY_FILE", "TooLargeAnswer", "in_mb"]

# What a multipart form adds around a file: its boundaries, headers and the other fields.
_ENVELOPE = 64 * 1024

FORM = 1024 * 1024
SURVEY_ANSWER = 256 * 1024
DOCUMENT = max(MAX_MAP_BYTES, FORM) + _ENVELOPE
SURVEY_FILE = 50 * 1024 * 1024 + _ENVELOPE
DATA_FILE = MAX_UPLOAD + _ENVELOPE


def in_mb(size: int) -> float | int:
    """A limit in megabytes as a message names it (``0.25`` for a survey's 256 KB, ``1`` not ``1.0``).

    >>> in_mb(DATA_FILE), in_mb(SURVEY_ANSWER), in_mb(FORM)
    (512.06, 0.25, 1)
    """
    value = round(size / (1024 * 1024), 2)
    return int(value) if value == int(value) else value


class TooLargeAnswer:
    """An ASGI middleware that answers a body cut at its limit as Safar answers any refusal: Starlette's
    limiter says a bare ``413 Content Too Large``; the reader gets ``request.too_large`` in their language
    (the API's error document, a page, or a public survey's own page) naming the route's limit."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced = False

        async def answer(message: Any) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start" and _bare_413(message):
                replaced = True
                limit = int(scope.get(MAX_BODY_SIZE_SCOPE_KEY) or FORM)
                await _refusal(scope, limit)(scope, receive, send)
                return
            if replaced:  # the bare answer's body: already answered
                return
            await send(message)

        await self.app(scope, receive, answer)


def _bare_413(message: Any) -> bool:
    """The limiter's 413 (Starlette's plain text, or FastAPI's ``{"detail": …}``): every 413 but a page
    (Safar raises no other 413 outside a page)."""
    headers = dict(message.get("headers", []))
    return bool(message["status"] == 413 and not headers.get(b"content-type", b"").startswith(b"text/html"))


def _refusal(scope: Any, limit: int) -> Any:
    from safar.web.context import lang_of
    from safar.web.render import render

    request = Request(scope)
    lang = lang_of(request)
    if request.url.path.startswith("/s/"):  # a public survey: its own page, in its respondent's words
        return render(request, "survey_closed.html", {"message": translate("survey.too_long", lang)}, 413)
    err = TooLargeError("request.too_large", limit_mb=in_mb(limit))
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": err.to_dict(lang)}, status_code=413)
    return render(request, "error.html", {"error": err, "message": err.message_for(lang)}, 413)
