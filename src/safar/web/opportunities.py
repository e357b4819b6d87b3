"""A map's insights page (moments of truth, evidence verdicts, opportunities) and its JSON API.

Pages: ``/w/{ws}/maps/{id}/insights`` shows the ranked opportunities with their components and the
moments of truth with the map's evidence; editors accept, reject, annotate and add opportunities
through forms (CSRF-checked; viewers get 403). API under ``/api/v1``: the same data as JSON.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import SafarError
from safar.insights.moments import map_moments
from safar.insights.opportunities import MAX_TEXT, add_opportunity, annotate, decide
from safar.insights.scoring import COMPONENTS
from safar.services.opportunities import OpportunitiesOut, map_opportunities_screen
from safar.web.api import ERRORS
from safar.web.context import WorkspaceAccess, lang_of, screen_context, workspace_access
from safar.web.customers import query_of
from safar.web.render import render
from safar.web.security import check_csrf

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["insights"])
router = APIRouter()

MAX_ID = 2_147_483_647
MapId = Annotated[int, Path(ge=1, le=MAX_ID)]
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
Ref = Annotated[str, Path(min_length=1, max_length=100)]


# Pages --------------------------------------------------------------------------------------------


@pages.get("/w/{ws}/maps/{map_id}/insights")
def map_insights_page(
    request: Request,
    ws: str,
    map_id: int,
    dataset: str | None = None,
    outcome: str | None = None,
    churn: bool = False,
    population: str = "stage",
) -> Response:
    access = workspace_access(request, ws)
    stored = access.workspace.get_map(map_id)
    lang = lang_of(request)
    opportunities, opportunities_error = None, None
    try:
        ctx = screen_context(request, access)
        opportunities = map_opportunities_screen(ctx, map_id, dataset=dataset or None)
    except SafarError as err:
        opportunities_error = err.message_for(lang)
    moments, moments_error = None, None
    try:
        moments = map_moments(
            access.workspace,
            map_id,
            dataset=dataset or None,
            target=outcome or None,
            churn=churn,
            population=population,
            bootstrap=100,
        )
    except SafarError as err:
        moments_error = err.message_for(lang)
    gaps = _survey_gaps(access.workspace, map_id)
    matrix = _survey_matrix(access.workspace, map_id, stored.document, moments, lang)
    ratings = moments.ratings if moments else None
    outcome_question = ""
    if ratings is not None and ratings.survey_id is not None:
        outcome_question = _question_text(access.workspace, ratings.survey_id, ratings.question_id, lang)
    return render(
        request,
        "map_insights.html",
        {
            "ws": ws,
            "stored": stored,
            "gaps": gaps,
            "matrix": matrix,
            "opportunities": opportunities,
            "opportunities_error": opportunities_error,
            "moments": moments,
            "moments_error": moments_error,
            "outcome_question": outcome_question,
            "components": COMPONENTS,
            "customers_query": query_of,
            "can_edit": access.role.can_edit,
            "form": {
                "dataset": dataset or "",
                "outcome": outcome or "",
                "churn": churn,
                "population": population,
            },
            "touchpoints": list(stored.document.touchpoints()),
        },
    )


def _question_text(workspace: Any, survey_id: int, question_id: str | None, lang: str) -> str:
    """The whole-journey question as its survey words it in ``lang`` (its field only if the survey lost it)."""
    from safar.surveys import Surveys

    question = Surveys(workspace).get(survey_id).survey.question(question_id or "")
    return question.text.get(lang) if question else question_id or ""


def _survey_matrix(
    workspace: Any, map_id: int, journey: Any, moments: Any, lang: str
) -> dict[str, Any] | None:
    """Importance × performance of the touchpoints the map's surveys rate: the SVG and each quadrant's names."""
    from safar.i18n import translate
    from safar.insights.quadrants import QUADRANTS
    from safar.insights.responses import survey_quadrants
    from safar.render.matrix import matrix_svg
    from safar.surveys import Surveys
    from safar.voice.report import scales_of
    from safar.warehouse import open_warehouse

    if moments is None or moments.ratings is None or moments.ratings.result is None:
        return None
    scales = scales_of([(s.id, s.survey) for s in Surveys(workspace).list(map_id)])
    with open_warehouse(workspace.settings) as warehouse:
        found = survey_quadrants(warehouse, map_id, journey, scales, moments.ratings.result)
    names = {q: translate(f"insights.label.{q}", lang) for q in QUADRANTS}
    tp_names = {t.id: t.name for t in journey.touchpoints()}
    entries = [replace(e, name=tp_names.get(e.name, e.name)) for e in found.drivers]
    return {
        "svg": matrix_svg(entries, found.importance_threshold, found.performance_threshold, names),
        "quadrants": {q: [e.name for e in entries if e.quadrant == q] for q in QUADRANTS},
    }


def _survey_gaps(workspace: Any, map_id: int) -> Any:
    """Gap analysis of the map's survey answers, or ``None`` (no warehouse yet, or no gap questions)."""
    from safar.insights.responses import map_survey_gaps
    from safar.warehouse import open_warehouse

    settings = workspace.settings
    if settings.warehouse_url is None and not settings.warehouse_path.exists():
        return None
    with open_warehouse(settings) as warehouse:
        return map_survey_gaps(warehouse, map_id)


async def _form(request: Request, ws: str) -> tuple[dict[str, str], WorkspaceAccess]:
    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    access = workspace_access(request, ws, Role.EDITOR)
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}, access


def _back(ws: str, map_id: int, form: dict[str, str]) -> RedirectResponse:
    query = {k: form[k] for k in ("dataset", "outcome", "population") if form.get(k)}
    suffix = f"?{urlencode(query)}" if query else ""
    return RedirectResponse(f"/w/{quote(ws)}/maps/{map_id}/insights{suffix}#opportunities", status_code=303)


@pages.post("/w/{ws}/maps/{map_id}/opportunities/decide")
async def decide_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await _form(request, ws)
    decide(access.workspace, map_id, form.get("ref", ""), form.get("status", ""), author=access.user.username)
    return _back(ws, map_id, form)


@pages.post("/w/{ws}/maps/{map_id}/opportunities/note")
async def note_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await _form(request, ws)
    annotate(access.workspace, map_id, form.get("ref", ""), form.get("text", ""), author=access.user.username)
    return _back(ws, map_id, form)


@pages.post("/w/{ws}/maps/{map_id}/opportunities/add")
async def add_form(request: Request, ws: str, map_id: int) -> Response:
    form, access = await _form(request, ws)
    add_opportunity(
        access.workspace,
        map_id,
        form.get("text", ""),
        touchpoint=form.get("touchpoint") or None,
        owner=form.get("owner") or None,
        author=access.user.username,
    )
    return _back(ws, map_id, form)


# API ----------------------------------------------------------------------------------------------


class DecisionIn(BaseModel):
    status: Literal["open", "accepted", "rejected"]


class NoteIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)


class NewOpportunityIn(BaseModel):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    touchpoint: str | None = Field(default=None, max_length=64)
    owner: str | None = Field(default=None, max_length=200)


class RefOut(BaseModel):
    ref: str


class GroupOut(BaseModel):
    customers: int
    outcome: int
    rate: float | None


class ComparisonOut(BaseModel):
    with_: GroupOut = Field(alias="with")
    without: GroupOut
    odds_ratio: float | None
    or_low: float | None
    or_high: float | None
    log_or: float | None
    haldane: bool
    p_value: float | None
    q_value: float | None
    significant: bool
    effect: Literal["matters", "no_effect", "unknown"]


class MomentOut(ComparisonOut):
    touchpoint: str
    stage: str
    experience: ComparisonOut | None


class OutcomeOut(BaseModel):
    target: str | None
    kind: Literal["touchpoint", "activity", "cutoff"]
    churn: bool
    cutoff: str | None


class VerdictOut(BaseModel):
    touchpoint: str
    stage: str
    claimed: bool
    evidence: list[str]
    note: str
    occurrence: str | None
    experience: str | None
    ratings: str | None
    data: Literal["matters", "no_effect", "unknown"]
    verdict: Literal["agreed", "contradicted", "unclaimed", "unknown", "not_a_moment"]


class MomentsOut(BaseModel):
    map_id: int
    dataset: str
    outcome: OutcomeOut
    population: Literal["stage", "all"]
    customers: int
    outcome_customers: int
    alpha: float
    equivalence: float
    confidence: float
    moments: list[MomentOut]
    ratings: dict[str, Any] | None
    evidence: list[VerdictOut]


def _access(request: Request, ws: str, needed: Role = Role.VIEWER) -> WorkspaceAccess:
    access = workspace_access(request, ws, needed)
    if request.method != "GET" and not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access


Weight = Annotated[float | None, Query(ge=0, le=1_000_000)]


@api.get("/workspaces/{ws}/maps/{map_id}/opportunities", response_model=OpportunitiesOut, responses=ERRORS)
def opportunities(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: Annotated[str | None, Query(max_length=200)] = None,
    reach: Weight = None,
    dropoff: Weight = None,
    driver: Weight = None,
    gap: Weight = None,
    sentiment: Weight = None,
) -> OpportunitiesOut:
    given = {"reach": reach, "dropoff": dropoff, "driver": driver, "gap": gap, "sentiment": sentiment}
    weights = {k: v for k, v in given.items() if v is not None}
    access = _access(request, ws)
    return map_opportunities_screen(screen_context(request, access), map_id, dataset=dataset, weights=weights)


@api.post(
    "/workspaces/{ws}/maps/{map_id}/opportunities", response_model=RefOut, status_code=201, responses=ERRORS
)
def add(request: Request, ws: WorkspaceSlug, map_id: MapId, body: NewOpportunityIn) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    ref = add_opportunity(
        access.workspace,
        map_id,
        body.text,
        touchpoint=body.touchpoint,
        owner=body.owner,
        author=access.user.username,
    )
    return {"ref": ref}


@api.put("/workspaces/{ws}/maps/{map_id}/opportunities/{ref}/status", response_model=RefOut, responses=ERRORS)
def set_status(
    request: Request, ws: WorkspaceSlug, map_id: MapId, ref: Ref, body: DecisionIn
) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    decide(access.workspace, map_id, ref, body.status, author=access.user.username)
    return {"ref": ref}


@api.post(
    "/workspaces/{ws}/maps/{map_id}/opportunities/{ref}/notes",
    response_model=RefOut,
    status_code=201,
    responses=ERRORS,
)
def add_note(request: Request, ws: WorkspaceSlug, map_id: MapId, ref: Ref, body: NoteIn) -> dict[str, Any]:
    access = _access(request, ws, Role.EDITOR)
    annotate(access.workspace, map_id, ref, body.text, author=access.user.username)
    return {"ref": ref}


@api.get("/workspaces/{ws}/maps/{map_id}/moments", response_model=MomentsOut, responses=ERRORS)
def moments(
    request: Request,
    ws: WorkspaceSlug,
    map_id: MapId,
    dataset: Annotated[str | None, Query(max_length=200)] = None,
    outcome: Annotated[str | None, Query(max_length=200)] = None,
    churn: bool = False,
    population: Literal["stage", "all"] = "stage",
    bootstrap: Annotated[int, Query(ge=0, le=1000)] = 200,
) -> dict[str, Any]:
    access = _access(request, ws)
    result = map_moments(
        access.workspace,
        map_id,
        dataset=dataset,
        target=outcome,
        churn=churn,
        population=population,
        bootstrap=bootstrap,
    )
    return result.to_dict()


router.include_router(api)
router.include_router(pages)
