"""The FastAPI application: server-rendered pages plus a JSON API, one error translation."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request

from safar import __version__
from safar.accounts import Accounts
from safar.config import Settings
from safar.errors import ConflictError, InputError, NotFoundError, SafarError
from safar.i18n import translate
from safar.store.engine import make_engine, migrate
from safar.web import (
    analyze_api,
    api,
    customers,
    data_api,
    glossary,
    ingest_api,
    insights_api,
    kpis,
    limits,
    pages,
    respondents,
    results,
    surveys,
)
from safar.web.abandoned import CancelAbandoned
from safar.web.account import router as account_router
from safar.web.admin import router as admin_router
from safar.web.alert_rows import router as alert_rows_router
from safar.web.alerts import router as alerts_router
from safar.web.binding import router as binding_router
from safar.web.cases import router as cases_router
from safar.web.comment_uploads import router as comment_uploads_router
from safar.web.contact import router as contact_router
from safar.web.context import Services, authorise_first, lang_of
from safar.web.corrections import router as corrections_router
from safar.web.customer import router as customer_router
from safar.web.datasets import router as datasets_router
from safar.web.forms import invalid
from safar.web.kb import router as kb_router
from safar.web.lane_image import router as lane_image_router
from safar.web.members import router as members_router
from safar.web.moment_edit import router as moment_router
from safar.web.nul import RefuseNul
from safar.web.opportunities import router as opportunities_router
from safar.web.persona_photo import router as persona_photo_router
from safar.web.portfolio import router as portfolio_router
from safar.web.render import render
from safar.web.retention import router as retention_router
from safar.web.scheduler import every_seconds, lifespan
from safar.web.security import AuthError, SecurityHeaders, secret_key
from safar.web.slow_body import SlowBody
from safar.web.sources import router as sources_router
from safar.web.threads import run_long
from safar.web.topics import router as topics_router
from safar.web.uploads import router as uploads_router

STATIC = Path(__file__).with_name("static")
# Only the font files of the Vazirmatn npm package are served, and the two files of swagger-ui-dist the API's
# documentation page reads: nothing else from node_modules, and no CDN (FastAPI's own docs page loads Swagger
# UI from cdn.jsdelivr.net and starts it with an inline script the pages' CSP forbids).
FONTS = Path(__file__).with_name("assets") / "node_modules" / "vazirmatn" / "fonts" / "webfonts"
SWAGGER = Path(__file__).with_name("assets") / "node_modules" / "swagger-ui-dist"
SWAGGER_FILES = {"swagger-ui-bundle.js": "text/javascript", "swagger-ui.css": "text/css"}


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    migrate(engine)
    every_seconds()  # a bad SAFAR_ALERTS_EVERY is refused at start, not on the first tick
    app = FastAPI(
        lifespan=lifespan,
        title="Safar",
        version=__version__,
        description="Customer journey maps backed by real data — the JSON API behind the web app.",
        docs_url=None,  # served below from the installed Swagger UI
        openapi_url="/api/openapi.json",
        redoc_url=None,
    )
    app.state.services = Services(settings, engine, Accounts(engine))
    app.add_middleware(CancelAbandoned)  # innermost: a page whose reader has gone is not computed
    app.add_middleware(RefuseNul)
    app.add_middleware(limits.TooLargeAnswer)  # inside the session: its page has the reader's session
    app.add_middleware(SlowBody)  # a body that stalls or trickles: 408, the connection freed
    app.add_middleware(
        SessionMiddleware,
        secret_key=secret_key(settings.home),
        session_cookie="safar_session",
        same_site="lax",
        https_only=False,
        max_age=14 * 24 * 3600,
    )
    app.add_middleware(SecurityHeaders)  # around the rest: pages, API, static files, error pages
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if FONTS.is_dir():
        app.mount("/fonts", StaticFiles(directory=FONTS), name="fonts")

    @app.get("/api/docs", include_in_schema=False)
    def api_docs() -> Response:
        """The API's interactive documentation: Swagger UI from the installation (npm), started by
        ``static/api-docs.js`` (no inline script, no CDN)."""
        page = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Safar API</title>'
            '<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head><body><div id="swagger-ui"></div>'
            '<script src="/api/docs/swagger-ui-bundle.js"></script><script src="/static/api-docs.js"></script>'
            "</body></html>"
        )
        return Response(page, media_type="text/html; charset=utf-8")

    @app.get("/api/docs/{name}", include_in_schema=False)
    def api_docs_file(name: str) -> Response:
        from fastapi.responses import FileResponse

        if name not in SWAGGER_FILES or not (SWAGGER / name).is_file():
            raise NotFoundError("request.not_found", path=f"/api/docs/{name}")
        return FileResponse(SWAGGER / name, media_type=SWAGGER_FILES[name])

    # Every route reads at most limits.FORM of a body unless it says it takes more (safar.web.limits). Set
    # per router, not on the app: the app's own limiter would answer past TooLargeAnswer, in no language.
    routers = [
        api.router,
        pages.router,
        portfolio_router,
        alerts_router,
        alert_rows_router,
        cases_router,
        topics_router,
        kb_router,
        retention_router,
        uploads_router,  # before the datasets' /w/{ws}/datasets/{dataset}/… pages
        sources_router,
        datasets_router,
        binding_router,
        comment_uploads_router,
        surveys.router,
        surveys.api,
        corrections_router,
        ingest_api.router,
        insights_api.router,
        analyze_api.router,
        data_api.router,
        customers.router,
        customer_router,
        contact_router,
        respondents.router,
        opportunities_router,
        kpis.router,
        glossary.router,
        results.router,
        admin_router,
        account_router,
        members_router,
        moment_router,
        persona_photo_router,
        lane_image_router,
    ]
    for router in routers:
        app.include_router(router, max_body_size=limits.FORM)

    @app.exception_handler(SafarError)
    async def _safar_error(request: Request, err: SafarError) -> Response:
        lang = lang_of(request)
        if err.code == "warehouse.locked":  # said without the server's file path and process id
            err = ConflictError("warehouse.busy")
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": err.to_dict(lang)}, status_code=err.http_status)
        if isinstance(err, AuthError):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        return render(
            request, "error.html", {"error": err, "message": err.message_for(lang)}, err.http_status
        )

    @app.exception_handler(RequestValidationError)
    async def _bad_request(request: Request, exc: RequestValidationError) -> Response:
        # who asks comes first: a stranger learns nothing about what a route takes (401/403 before 422)
        try:
            await run_long(authorise_first, request)
        except SafarError as err:
            return await _safar_error(request, err)
        return await _safar_error(request, invalid(exc.errors(), lang_of(request)))

    @app.exception_handler(Exception)
    async def _server_error(request: Request, exc: Exception) -> Response:
        """A fault of the server's own (a bug): said in Safar's shape and the reader's language, with the
        security headers every other answer has (this handler answers outside the middleware that adds them);
        the traceback goes to the log, never to the reader."""
        from safar.web.security import SECURITY_HEADERS

        lang = lang_of(request)
        message = translate("server.error", lang)
        response: Response
        if request.url.path.startswith("/api/"):
            body = {"error": {"code": "server.error", "message": message, "details": {}}}
            response = JSONResponse(body, status_code=500)
        else:
            response = Response(message, status_code=500, media_type="text/plain; charset=utf-8")
        for name, value in SECURITY_HEADERS:
            response.headers[name.decode()] = value.decode()
        return response

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        """Starlette's and FastAPI's own refusals (no such address, method or readable body) in Safar's words
        and shape, like every other error."""
        if isinstance(exc.__cause__, SafarError):  # raised while the body was read (safar.web.nul)
            return await _safar_error(request, exc.__cause__)
        if exc.status_code == 413:  # the body limiter's: safar.web.limits.TooLargeAnswer answers it
            return await http_exception_handler(request, exc)
        err: SafarError
        if exc.status_code == 404:
            err = NotFoundError("request.not_found", path=request.url.path)
        elif exc.status_code == 405:
            err = InputError("request.method", method=request.method)
            err.http_status = 405
        else:
            err = InputError("request.unreadable")
            err.http_status = exc.status_code if 400 <= exc.status_code < 500 else 400
        response = await _safar_error(request, err)
        for name, value in (exc.headers or {}).items():  # Allow: on a 405
            response.headers[name] = value
        return response

    return app
