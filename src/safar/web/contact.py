"""The contact-centre page and its JSON twin.

Page ``/w/{ws}/contact-centre?dataset=…&enter=…&answer=…`` (a form that works without JavaScript: its
choices stay in the address, so a report can be bookmarked or sent to a colleague); API
``GET /api/v1/workspaces/{ws}/contact-centre`` with the same query. Both call
:func:`safar.services.contact.contact_report`; viewers may read both.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Literal
from urllib.parse import quote, urlencode

import pydantic
from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.errors import InputError, SafarError
from safar.services.contact import (
    COLUMNS,
    SPLIT_COLUMNS,
    ContactQuery,
    ContactReport,
    ContactRolesQuery,
    backlog_label,
    bin_label,
    column_labels,
    contact_activities,
    contact_datasets,
    contact_report,
    figure_cells,
    group_label,
    split_cells,
)
from safar.services.routing import (
    RouteQuery,
    RouteTable,
    assignment_parts,
    estimate_text,
    gain_text,
    goal_text,
    route_table,
    summary_text,
)
from safar.services.wait import WaitEstimate, WaitQuery, wait_estimate
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.forms import invalid
from safar.web.render import render

if TYPE_CHECKING:
    from safar.context import Context

router = APIRouter()
FIELDS = tuple(ContactQuery.model_fields)
ROUTE_FIELDS = tuple(RouteQuery.model_fields)
WAIT_FIELDS = tuple(WaitQuery.model_fields)
# The last report read is remembered per workspace (the cookie's path is the workspace's page), so the
# page opens on it from the Data page's link; its address holds the whole query.
COOKIE = "safar_contact"
ROUTE_COOKIE, WAIT_COOKIE = "safar_routing", "safar_wait"
REMEMBER_SECONDS = 180 * 86400
# The glossary entry (/glossary#…) each column's header links to.
TERMS = {
    "service_level": "service_level",
    "abandonment_rate": "abandonment",
    "short_abandoned": "abandonment",
    "asa": "speed_of_answer",
    "wait_p50": "speed_of_answer",
    "wait_p90": "speed_of_answer",
    "handle": "handle_time",
    "repeat_share": "repeat_contacts",
    "first_contact_resolution": "first_contact_resolution",
    "transfer_rate": "transfers",
    "reopen_rate": "reopen_rate",
    "customers": "customers",
}


def _remembered(request: Request, cookie: str, path: str, given: dict[str, str]) -> Response | None:
    """Without a query, the last one shown on this page of the workspace, in its own address."""
    remembered = request.cookies.get(cookie)
    if given or not remembered:
        return None
    extra = f"&lang={quote(lang_of(request))}" if "lang" in request.query_params else ""
    return RedirectResponse(f"{path}?{remembered}{extra}", status_code=303)


def _remember(response: Response, cookie: str, path: str, given: dict[str, str]) -> None:
    """Keep a query that showed a result, for the page's next visit (the cookie's path is the page's)."""
    response.set_cookie(cookie, urlencode(given), max_age=REMEMBER_SECONDS, path=path, samesite="lax")


def _table(report: ContactReport, lang: str) -> dict[str, Any]:
    """The report's rows as the page shows them: a name, then the cells of every column."""
    from safar.i18n import translate

    rows = [
        {
            "name": translate("contact.overall", lang),
            "cells": figure_cells(report.overall, lang),
            "total": True,
        }
    ]
    rows += [
        {"name": group_label(report, g, lang), "cells": figure_cells(g, lang), "total": False}
        for g in report.groups
    ]
    most = max((b.contacts for b in report.wait_distribution), default=0)
    bins = [
        {
            "label": bin_label(b, lang),
            "contacts": b.contacts,
            "width": round(100 * b.contacts / most) if most else 0,
        }
        for b in report.wait_distribution
    ]
    columns = [
        {"label": label, "term": TERMS.get(c)} for c, label in zip(COLUMNS, column_labels(lang), strict=True)
    ]
    backlog = [
        {"label": backlog_label(report, p, lang), "entered": p.entered, "left": p.left, "open": p.open_at_end}
        for p in report.backlog
    ]
    split = None
    if report.query.hold.strip() or report.query.wrap.strip():
        split = {
            "columns": [translate(f"contact.split.{c}", lang) for c in SPLIT_COLUMNS],
            "rows": [
                {"name": r["name"], "total": r["total"], "cells": split_cells(f, lang)}
                for r, f in zip(rows, [report.overall, *report.groups], strict=True)
            ],
        }
    return {"columns": columns, "rows": rows, "bins": bins, "backlog": backlog, "split": split}


def _query_page(
    request: Request,
    ws: str,
    *,
    model: type[ContactRolesQuery],
    page: str,
    cookie: str,
    template: str,
    links: dict[str, tuple[str, ...]],
    show: Callable[[Context, Any, dict[str, str]], dict[str, Any]],
) -> Response:
    """A contact-centre page: its form (the query's fields kept in the address, the chosen dataset's
    activities listed), what ``show`` makes of a query with a dataset and the roles to enter and answer,
    or the error beside the form; ``links`` are the other pages' addresses carrying the fields they
    share. Without a query it opens on the last one shown in the workspace."""
    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    lang = lang_of(request)
    fields = tuple(model.model_fields)
    given = {k: v for k, v in request.query_params.items() if k in fields and v != ""}
    path = f"/w/{quote(ws)}/contact-centre{page}"
    back = _remembered(request, cookie, path, given)
    if back is not None:
        return back
    datasets = contact_datasets(ctx)
    chosen = given.get("dataset") or (datasets[0] if datasets else None)
    context: dict[str, Any] = {
        "ws": ws,
        "given": given,
        "defaults": {k: f.default for k, f in model.model_fields.items()},
        "datasets": datasets,
        "chosen": chosen,
        "activities": contact_activities(ctx, chosen) if chosen in datasets else [],
        "calendar": ctx.calendar.system,
        "error": None,
        **{name: urlencode({k: v for k, v in given.items() if k in keep}) for name, keep in links.items()},
    }
    shown = False
    if given.get("dataset") and given.get("enter") and given.get("answer"):
        try:
            query = model.model_validate(given)
        except pydantic.ValidationError as exc:
            context["error"] = invalid(exc.errors(), lang).message_for(lang)
        else:
            try:
                context.update(show(ctx, query, given))
                shown = True
            except SafarError as err:  # shown beside the form, which keeps what was typed
                context["error"] = err.message_for(lang)
    response = render(request, template, context)
    if shown:
        _remember(response, cookie, path, given)
    return response


@router.get("/w/{ws}/contact-centre", include_in_schema=False)
def contact_page(request: Request, ws: str) -> Response:
    def show(ctx: Context, query: ContactQuery, given: dict[str, str]) -> dict[str, Any]:
        report = contact_report(ctx, query)
        return {"report": report, "view": _table(report, ctx.lang)}

    return _query_page(
        request, ws, model=ContactQuery, page="", cookie=COOKIE, template="contact.html",
        links={"route_query": ROUTE_FIELDS, "wait_query": WAIT_FIELDS}, show=show,
    )  # fmt: skip


@router.get(
    "/api/v1/workspaces/{ws}/contact-centre",
    response_model=ContactReport,
    responses=ERRORS,
    tags=["data"],
)
def contact_api(
    request: Request, ws: WorkspaceSlug, query: Annotated[ContactQuery, Query()]
) -> ContactReport:
    """The contact-centre report of a dataset (the same query and result as the page ``/contact-centre``)."""
    access = workspace_access(request, ws)
    return contact_report(screen_context(request, access), query)


def _routing_view(table: RouteTable, lang: str) -> dict[str, Any]:
    """The routing table's rows as the page shows them."""
    goal = table.query.goal
    enough = {(r.reason, a.who): a.evidence for r in table.reasons for a in r.assignments}
    reasons = []
    for r in table.reasons:
        today, today_more = assignment_parts(r, lang, recommended=False)
        then, then_more = assignment_parts(r, lang, recommended=True)
        reasons.append(
            {
                "reason": r.reason,
                "contacts": r.contacts,
                "today": goal_text(r.today, goal, lang),
                "recommended": goal_text(r.recommended, goal, lang),
                "routing_today": today,
                "today_more": today_more,
                "routing_recommended": then,
                "recommended_more": then_more,
            }
        )
    evidence = [
        {
            "reason": e.reason,
            "who": e.who,
            "answered": e.answered,
            "fcr": estimate_text(e.first_contact_resolution, "fcr", lang),
            "handle": estimate_text(e.handle_time, "handle", lang),
            "score": estimate_text(e.satisfaction, "score", lang),
            "best": e.best,
            "evidence": enough.get((e.reason, e.who), False),
        }
        for e in table.evidence
    ]
    return {
        "summary": summary_text(table, lang),
        "gain": gain_text(table, lang),
        "reasons": reasons,
        "evidence": evidence,
        "score": bool(table.query.score_col.strip()),
        "repeat_seconds": table.query.roles().repeat_within_seconds,
    }


@router.get("/w/{ws}/contact-centre/routing", include_in_schema=False)
def routing_page(request: Request, ws: str) -> Response:
    def show(ctx: Context, query: RouteQuery, given: dict[str, str]) -> dict[str, Any]:
        table = route_table(ctx, query)
        return {"table": table, "view": _routing_view(table, ctx.lang)}

    return _query_page(
        request, ws, model=RouteQuery, page="/routing", cookie=ROUTE_COOKIE, template="contact_routing.html",
        links={"contact_query": FIELDS}, show=show,
    )  # fmt: skip


@router.get(
    "/api/v1/workspaces/{ws}/contact-centre/routing",
    response_model=RouteTable,
    responses=ERRORS,
    tags=["data"],
)
def routing_api(request: Request, ws: WorkspaceSlug, query: Annotated[RouteQuery, Query()]) -> RouteTable:
    """The routing evidence and recommended routing table of a dataset (the same as the page
    ``/contact-centre/routing``)."""
    access = workspace_access(request, ws)
    return route_table(screen_context(request, access), query)


@router.get("/w/{ws}/contact-centre/wait", include_in_schema=False)
def wait_page(request: Request, ws: str) -> Response:
    def show(ctx: Context, query: WaitQuery, given: dict[str, str]) -> dict[str, Any]:
        estimate = wait_estimate(ctx, query)
        notice = dict(given)
        named = [q.queue for q in estimate.queues if q.queue is not None]
        if "queue" not in notice and named:  # the notice is one queue's: the first, for the example
            notice["queue"] = named[0]
        url = f"/api/v1/workspaces/{quote(ws)}/contact-centre/wait-notice?{urlencode(notice)}"
        return {"estimate": estimate, "notice_url": url}

    return _query_page(
        request, ws, model=WaitQuery, page="/wait", cookie=WAIT_COOKIE, template="contact_wait.html",
        links={"contact_query": FIELDS}, show=show,
    )  # fmt: skip


@router.get(
    "/api/v1/workspaces/{ws}/contact-centre/wait",
    response_model=WaitEstimate,
    responses=ERRORS,
    tags=["data"],
)
def wait_api(request: Request, ws: WorkspaceSlug, query: Annotated[WaitQuery, Query()]) -> WaitEstimate:
    """The expected wait per queue, each method's check on past contacts and the notice for customers (the
    same as the page ``/contact-centre/wait``)."""
    access = workspace_access(request, ws)
    return wait_estimate(screen_context(request, access), query)


@router.get(
    "/api/v1/workspaces/{ws}/contact-centre/wait-notice",
    responses={**ERRORS, 200: {"content": {"text/plain": {}, "text/html": {}}}},
    tags=["data"],
)
def wait_notice(
    request: Request,
    ws: WorkspaceSlug,
    query: Annotated[WaitQuery, Query()],
    format: Annotated[Literal["text", "html"], Query(description="text for speech, html to embed")] = "text",
) -> Response:
    """The notice for customers of one queue (or of the only one): plain text for a phone line to speak,
    or a small HTML fragment for a website, in the reader's language."""
    from html import escape

    access = workspace_access(request, ws)
    ctx = screen_context(request, access)
    found = wait_estimate(ctx, query)
    if len(found.queues) != 1:
        raise InputError("wait.one_queue", known=[q.queue for q in found.queues if q.queue is not None][:20])
    notice = found.queues[0].notice
    if format == "text":
        return Response(notice, media_type="text/plain; charset=utf-8")
    direction = "rtl" if ctx.lang == "fa" else "ltr"
    fragment = f'<p class="safar-wait" lang="{ctx.lang}" dir="{direction}">{escape(notice)}</p>'
    return Response(fragment, media_type="text/html; charset=utf-8")
