"""Sessions, CSRF and the per-installation secret key."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

from starlette.requests import Request

from safar.errors import SafarError

CSRF_FIELD = "csrf"
CSRF_HEADER = "x-csrf-token"


class AuthError(SafarError):
    http_status = 401


class ForbiddenError(SafarError):
    http_status = 403


def secret_key(home: Path) -> str:
    """The session-signing key: ``SAFAR_SECRET_KEY``, else one generated once per installation."""
    configured = os.environ.get("SAFAR_SECRET_KEY")
    if configured:
        return configured
    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


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
