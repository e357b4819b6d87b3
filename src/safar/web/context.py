"""What every request needs: the app's services, the user, the language, the workspace and role."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import Depends
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from starlette.requests import Request

from safar.accounts import Accounts, Role, User
from safar.config import Settings
from safar.context import Context
from safar.errors import NotFoundError
from safar.i18n import LANGS
from safar.sessions import Sessions
from safar.store import repository as repo
from safar.web.security import AuthError, ForbiddenError, check_csrf
from safar.workspace import Workspace

if TYPE_CHECKING:
    from safar.services.results import Jobs

_JOBS_LOCK = threading.Lock()
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POST routes that compute an answer and store nothing: a read-only token may call them.
READ_POSTS = frozenset({"/api/v1/workspaces/{ws}/insights/drivers"})


@dataclass
class Services:
    settings: Settings
    engine: Engine
    accounts: Accounts


def services(request: Request) -> Services:
    return request.app.state.services  # type: ignore[no-any-return]


def lang_of(request: Request) -> str:
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "fa"
    return lang if lang in LANGS else "fa"


def current_user(request: Request) -> User:
    """The logged-in user, or the owner of a valid ``Authorization: Bearer`` API token.

    A token acts as its owner within its scope: a ``read`` token is refused (403) on a request that
    changes something; a token limited to one workspace is refused in any other (:func:`workspace_access`).
    An unknown or revoked token, or one whose owner is disabled, is a 401."""
    accounts = services(request).accounts
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        grant = accounts.token_grant(header[7:].strip())
        if grant is None:
            raise AuthError("auth.bad_token")
        route = getattr(request.scope.get("route"), "path", "")
        if not grant.scope.can_write and request.method not in READ_METHODS and route not in READ_POSTS:
            raise ForbiddenError("token.read_only", token=grant.name, method=request.method)
        request.state.token_auth = True
        request.state.token_workspace = grant.workspace
        return grant.user
    # a browser's session is valid while its row in the app database is (safar.sessions): log-out, a new
    # password or a disabled user end it at once, whatever copy of the cookie exists
    user_id = Sessions(services(request).engine).user_id(request.session.get("sid"))
    user = accounts.get(user_id) if user_id is not None else None
    if user is None:
        raise AuthError("auth.required")
    return user


# Addresses anyone may use: their refusals are told as they are.
PUBLIC = ("/login", "/logout", "/lang", "/s/", "/static/", "/fonts/", "/api/docs", "/api/openapi.json")


def authorise_first(request: Request) -> None:
    """What a request must pass before it is told what is wrong with its values: a signed-in user or a
    valid token (401), a member of the workspace it names (404, as a workspace one does not belong to does
    not exist), what the route asks first (:func:`asked_first`: a role, an administrator), and on the API a
    change carries its CSRF token unless a token signs it (403)."""
    path = request.url.path
    if path.startswith(PUBLIC):
        return
    current_user(request)
    slug = request.path_params.get("ws")
    if isinstance(slug, str):
        workspace_access(request, slug)
    # a body FastAPI could not even read (unreadable JSON) is refused before the route's dependencies run:
    # those that check who asks (asked_first) run here, so a viewer still hears 403 before 422
    for dependency in getattr(request.scope.get("route"), "dependencies", []):
        if getattr(dependency.dependency, "asked_first", False):
            dependency.dependency(request)
    if (
        path.startswith("/api/")
        and request.method not in READ_METHODS
        and not getattr(request.state, "token_auth", False)
    ):
        check_csrf(request, None)


@dataclass
class WorkspaceAccess:
    user: User
    role: Role
    workspace: Workspace

    def require(self, needed: Role) -> None:
        if self.role < needed:
            raise ForbiddenError("auth.forbidden", workspace=self.workspace.slug, needed=needed.label)


def screen_context(request: Request, access: WorkspaceAccess) -> Context:
    """What a service takes for this request: the workspace the user may read, in the reader's language,
    and the app's background recomputations (made on first use, one per app)."""
    return Context(access.workspace, lang_of(request), jobs=jobs(request))


def jobs(request: Request) -> Jobs:
    """The app's runner of recomputations (:mod:`safar.services.results`), waiting ``SAFAR_PAGE_WAIT``."""
    return app_jobs(request.app)


def app_jobs(app: Any) -> Jobs:
    """The runner of ``app``, made on first use: one per app, shared by pages and the server's schedule."""
    from safar.services.results import Jobs

    with _JOBS_LOCK:
        if getattr(app.state, "jobs", None) is None:
            app.state.jobs = Jobs(wait=app.state.services.settings.page_wait)
    return app.state.jobs  # type: ignore[no-any-return]


def workspace_access(request: Request, slug: str, needed: Role = Role.VIEWER) -> WorkspaceAccess:
    """The workspace ``slug`` if the user belongs to it; a workspace they do not belong to does not exist."""
    user = current_user(request)
    limited = getattr(request.state, "token_workspace", None)
    if limited is not None and limited != slug:
        raise ForbiddenError("token.other_workspace", workspace=slug, allowed=limited)
    svc = services(request)
    with Session(svc.engine) as s:
        workspace_id = repo.workspace_id(s, slug)
    role = svc.accounts.role(user, workspace_id) if workspace_id is not None else None
    if role is None:
        raise NotFoundError("workspace.not_found", workspace=slug)
    access = WorkspaceAccess(user, role, Workspace(svc.engine, workspace_id, slug, svc.settings))  # type: ignore[arg-type]
    access.require(needed)
    return access


def role_first(needed: Role) -> Any:
    """A route dependency: the signed-in user has ``needed`` in the workspace the path names (``ws``). FastAPI
    runs a route's dependencies before it validates the route's body, so a viewer's malformed change to an
    editor's route is refused for who they are (403), never told what its body lacks (422)."""

    @asked_first
    def check(request: Request) -> None:
        slug = request.path_params.get("ws")
        if isinstance(slug, str):
            workspace_access(request, slug, needed)

    return Depends(check)


def asked_first(check: Callable[[Request], None]) -> Callable[[Request], None]:
    """Mark a route dependency that checks who asks (a role, an administrator): FastAPI runs it before it
    validates the body, and :func:`authorise_first` runs it too when the body could not even be read."""
    check.asked_first = True  # type: ignore[attr-defined]
    return check


EDITOR_FIRST = role_first(Role.EDITOR)


def api_access(request: Request, ws: str, needed: Role = Role.VIEWER) -> WorkspaceAccess:
    """The workspace of a JSON route, with ``needed``; a change signed by the session (not a token) carries
    its CSRF token."""
    access = workspace_access(request, ws, needed)
    if request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access
