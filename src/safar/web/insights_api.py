"""The JSON twin of the workspace's insights page: the key drivers of a survey file sent as the body.

``POST /api/v1/workspaces/{ws}/insights/drivers`` takes the CSV itself as the request body and the form's
fields as query parameters, and answers with :func:`safar.services.drivers.upload_drivers`'s result: the
same document as the page and ``safar insights drivers --file … --json``. Nothing is stored, so a viewer may
ask (with a session, the ``X-CSRF-Token`` header, as for every POST).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from starlette.requests import Request

from safar.errors import InputError
from safar.services.drivers import FileDriversOut, parse_codes, parse_names, upload_drivers
from safar.web import limits
from safar.web.api import ERRORS
from safar.web.context import screen_context, workspace_access
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter(prefix="/api/v1", tags=["insights"])

MAX_SURVEY = 50 * 1024 * 1024
WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
Text = Annotated[str | None, Query(max_length=1000)]


@router.post(
    "/workspaces/{ws}/insights/drivers",
    response_model=FileDriversOut,
    responses=ERRORS,
    max_body_size=limits.SURVEY_FILE,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def drivers(
    request: Request,
    ws: WorkspaceSlug,
    outcome: Annotated[str, Query(min_length=1, max_length=200)],
    positive: Annotated[str | None, Query(max_length=200)] = None,
    na: Text = None,
    exclude: Text = None,
    filename: Annotated[str, Query(min_length=1, max_length=200)] = "survey.csv",
) -> FileDriversOut:
    """Key drivers of ``outcome`` and the importance × performance matrix of the CSV sent as the body."""
    access = workspace_access(request, ws)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    raw = bytearray()
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_SURVEY:
            raise InputError(
                "upload.too_large", size_mb=round(len(raw) / 2**20, 1), limit_mb=MAX_SURVEY // 2**20
            )
    if not raw:
        raise InputError("api.empty_body")
    return await run_long(
        upload_drivers,
        screen_context(request, access),
        bytes(raw),
        filename,
        outcome=outcome,
        positive=positive or None,
        na=parse_codes(na),
        exclude=parse_names(exclude),
    )
