"""The signed-in user's own account page (``/account``) and its JSON twin (``/api/v1/me``): their sessions,
a new password, signing out everywhere else (:mod:`safar.services.account`)."""

from __future__ import annotations

import math

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.accounts import User
from safar.errors import SafarError, TooManyError, ValidationError
from safar.services import account as svc
from safar.sessions import Sessions
from safar.web.api import ERRORS, ErrorOut
from safar.web.context import current_user, lang_of, services
from safar.web.forms import parse_form, read_form
from safar.web.render import render
from safar.web.security import check_csrf
from safar.web.threads import run_long
from safar.web.throttle import throttle_of

router = APIRouter()
pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1/me", tags=["account"])


def _sessions(request: Request) -> Sessions:
    return Sessions(services(request).engine)


async def _change(request: Request, user: User, change: svc.PasswordChangeIn, via: str) -> None:
    """The user's own new password, the current one checked under the log-in throttle: wrong guesses of it
    count against the account and the address as wrong log-ins do (safar.web.throttle)."""
    gate = throttle_of(request.app)
    address = request.client.host if request.client else ""
    wait = gate.wait(user.username, address)
    if wait:
        raise TooManyError("auth.throttled", minutes=math.ceil(wait / 60))
    try:
        await run_long(svc.change_password, services(request).accounts, user, change, via=via)
    except ValidationError as err:
        if err.code == "account.wrong_password":
            gate.failed(user.username, address)
        raise
    gate.succeeded(user.username)


def _page(request: Request, context: dict[str, object] | None = None, status: int = 200) -> Response:
    user = current_user(request)
    screen = svc.account_screen(_sessions(request), user, request.session.get("sid"))
    return render(request, "account.html", {"screen": screen, **(context or {})}, status)


@pages.get("/account")
def account_page(request: Request) -> Response:
    return _page(request)


@pages.post("/account/password")
async def account_password(request: Request) -> Response:
    form = await read_form(request)
    user = current_user(request)
    try:
        change = parse_form(svc.PasswordChangeIn, form, lang_of(request))
        await _change(request, user, change, "web")
    except SafarError as err:
        return _page(request, {"error": err.message_for(lang_of(request))}, err.http_status)
    request.session["sid"] = _sessions(request).start(user.id)  # this browser stays signed in
    return RedirectResponse("/account?changed=1", status_code=303)


@pages.post("/account/sessions/end-others")
async def account_end_others(request: Request) -> Response:
    await read_form(request)
    user = current_user(request)
    svc.sign_out_others(_sessions(request), user, request.session.get("sid"))
    return RedirectResponse("/account?signed_out=1", status_code=303)


@api.get("", response_model=svc.AccountOut, responses=ERRORS)
def api_account(request: Request) -> svc.AccountOut:
    """The signed-in user (or the token's owner) and the browsers they are signed in on."""
    return svc.account_screen(_sessions(request), current_user(request), request.session.get("sid"))


@api.put("/password", status_code=204, responses={**ERRORS, 429: {"model": ErrorOut}})
async def api_password(request: Request, body: svc.PasswordChangeIn) -> Response:
    """A new password for the signed-in user, given the one in use: every other session ends (a browser
    calling this stays signed in; API tokens are not sessions and keep working)."""
    user = current_user(request)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    await _change(request, user, body, "api")
    if request.session.get("sid"):
        request.session["sid"] = _sessions(request).start(user.id)
    return Response(status_code=204)


@api.post("/sessions/end-others", response_model=int, responses=ERRORS)
def api_end_others(request: Request) -> int:
    """End every session of the signed-in user but this one; how many ended."""
    user = current_user(request)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return svc.sign_out_others(_sessions(request), user, request.session.get("sid"))


router.include_router(pages)
router.include_router(api)
