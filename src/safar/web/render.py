"""Jinja2 rendering with the user's language: Persian (RTL, Jalali, Persian digits) or English."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.responses import Response

from safar.i18n import (
    format_datetime,
    format_day,
    format_interval,
    format_number,
    format_percent,
    format_target,
    translate,
)
from safar.i18n.units import format_duration
from safar.metrics.readings import Reading, read
from safar.model import channel_name as name_of_channel
from safar.render.text import describe_change
from safar.web.context import lang_of
from safar.web.security import csrf_token

templates = Jinja2Templates(directory=Path(__file__).with_name("templates"))
# The templates ship with the package: not looked at again on every page (a stat of every template a page
# includes, each time).
templates.env.auto_reload = False
_CODE = re.compile(r"`([^`]+)`")


def code_spans(text: str) -> Markup:
    """``text`` escaped, its `backticked` parts (a command, a column name the user types) as left-to-right code.

    >>> code_spans("a <b> `safar x` c")
    Markup('a &lt;b&gt; <code dir="ltr" lang="en">safar x</code> c')
    """
    return Markup(_CODE.sub(r'<code dir="ltr" lang="en">\1</code>', str(escape(text))))


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    lang = lang_of(request)

    def t(code: str, /, **params: Any) -> str:
        return translate(code, lang, **params)

    def t_code(code: str, /, **params: Any) -> Markup:
        """A help text naming things to type: its backticked parts shown as code, never as UI words."""
        return code_spans(translate(code, lang, **params))

    def num(value: Any, spec: str = "") -> str:
        """Every number on a page goes through here: Persian digits, ٫ and ٪, isolated signs and intervals."""
        return format_number(value, lang, spec)

    def span(low: float | None, high: float | None, spec: str = ".1f") -> str:
        return format_interval(low, high, lang, spec)

    def when(moment: datetime) -> str:
        return format_datetime(moment, lang)

    def channel_name(channel_id: str, channels: dict[str, Any] | None = None) -> str:
        return name_of_channel(channel_id, lang, channels)

    def pct(value: float | None, digits: int = 0) -> str:
        """A share 0…1 as a percentage (whole unless ``digits`` say otherwise)."""
        return format_percent(None if value is None else value * 100, lang, digits)

    def duration(seconds: float | None) -> str:
        return format_duration(seconds, lang)

    def moment(text: str | None) -> datetime | None:
        """A moment a service gave as ISO text (naive: UTC), for ``when``."""
        if not text:
            return None
        found = datetime.fromisoformat(text)
        return found if found.tzinfo else found.replace(tzinfo=UTC)

    def reading(kind: str, /, **values: Any) -> Reading:
        """The plain-language reading of a figure (``_reading.html``'s ``explain`` macro shows it)."""
        return read(kind, lang, **values)

    base = {
        "lang": lang,
        "dir": "rtl" if lang == "fa" else "ltr",
        "t": t,
        "t_code": t_code,
        "codes": code_spans,
        "num": num,
        "span": span,
        "when": when,
        "day": lambda value: format_day(value, lang),
        "channel_name": channel_name,
        "csrf": csrf_token(request),
        "user_name": request.session.get("user_name"),
        "is_admin": bool(request.session.get("admin")),
        "path": request.url.path,
        "describe": lambda change, names=None: describe_change(change, lang, names),
        "revision_message": lambda message: message.render(lang),
        "pct": pct,
        "target": lambda value, unit: format_target(value, unit, lang),
        "duration": duration,
        "moment": moment,
        "reading": reading,
        "code_spans": code_spans,
    }
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    response.headers["Content-Language"] = lang
    return response
