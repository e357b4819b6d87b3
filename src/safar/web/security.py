"""Sessions, CSRF and the per-installation secret key."""

from __future__ import annotations

import hmac
import os
import secrets
from pathlib import Path

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
