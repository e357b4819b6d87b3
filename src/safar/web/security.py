"""Sessions, CSRF and the per-installation secret key."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path
from typing import Any

from starlette.requests import Request

from safar.errors import SafarError
from safar.keys import installation_secret

CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


class AuthError(SafarError):
    http_status = 401


class ForbiddenError(SafarError):
    http_status = 403


def secret_key(home: Path) -> str:
    """The session-signing key: ``SAFAR_SECRET_KEY``, else one generated once per installation."""
    return installation_secret(home, os.environ.get("SAFAR_SECRET_KEY"))


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return str(token)


def check_csrf(request: Request, submitted: str | None) -> None:
    expected = request.session.get("csrf")
    given = submitted or request.headers.get(CSRF_HEADER)
    if not expected or not given or not hmac.compare_digest(str(expected), str(given)):
        raise ForbiddenError("auth.csrf")


# What every answer says about itself (issue 22): scripts only from Safar's own files (no inline script,
# no eval), styles and fonts from Safar (inline style attributes and the fonts an exported SVG embeds are
# allowed), never framed by another site (clickjacking), no type sniffing, no address leaked to other sites.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)


class SecurityHeaders:
    """An ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP answer that does not set its own,
    and marking every cookie ``Secure`` when the request came over HTTPS: directly, or through a proxy the
    server trusts (``safar serve --forwarded-allow-ips``, whose ``X-Forwarded-Proto`` uvicorn applies), so a
    session cookie set over HTTPS is never sent back over plain HTTP."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        secure = scope.get("scheme") == "https"

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in SECURITY_HEADERS if name not in present]
                headers = [*message.get("headers", []), *extra]
                if secure:
                    headers = [_secure(name, value) for name, value in headers]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def _secure(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    if name.lower() != b"set-cookie" or b"; secure" in value.lower():
        return name, value
    return name, value + b"; Secure"
