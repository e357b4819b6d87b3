"""Data in through the JSON API, for integrations with an API token (``safar user token``):
an event file into a dataset, one survey response, a survey made from a document.

``POST …/datasets/{dataset}/events`` takes the file itself as the request body (CSV, Excel, JSON Lines,
Parquet or XES, as ``safar events ingest`` reads them, with the same ``tz``, ``calendar``,
``time_format``, ``encoding`` and ``sheet``) and answers with the same accounting and how the file was read; the
rules of the map the data belongs to are checked for alerts afterwards, as after a CLI ingest.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path as FilePath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field
from starlette.requests import Request
from starlette.responses import Response

from safar.accounts import Role
from safar.errors import InputError, SafarError
from safar.services.uploads import write_limited
from safar.surveys import Surveys, check_against
from safar.voice.answers import read_answers
from safar.web import limits
from safar.web.api import ERRORS, MapId
from safar.web.context import EDITOR_FIRST, WorkspaceAccess, workspace_access
from safar.web.security import check_csrf
from safar.web.threads import run_long

router = APIRouter(prefix="/api/v1", tags=["ingestion"])

WorkspaceSlug = Annotated[str, Path(min_length=1, max_length=64)]
DatasetName = Annotated[str, Path(pattern=r"^[\w.-]{1,200}$")]
SurveyId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Column = Annotated[str | None, Query(min_length=1, max_length=200)]


def _access(request: Request, ws: str) -> WorkspaceAccess:
    access = workspace_access(request, ws, Role.EDITOR)
    if not getattr(request.state, "token_auth", False):
        check_csrf(request, None)
    return access


class IngestOut(BaseModel):
    dataset: str
    read: int
    loaded: int
    duplicates: int
    rejected: int
    quarantine: str
    alerts_fired: int
    columns: dict[str, str] = Field(
        description="which column of the file took which role (customer, time, …)"
    )
    reading: dict[str, str] = Field(description="encoding, calendar and time zone the file was read with")


@router.post(
    "/workspaces/{ws}/datasets/{dataset}/events",
    response_model=IngestOut,
    responses=ERRORS,
    max_body_size=limits.DATA_FILE,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def ingest_events(
    request: Request,
    ws: WorkspaceSlug,
    dataset: DatasetName,
    format: Annotated[Literal["csv", "xlsx", "jsonl", "parquet", "xes"], Query()] = "csv",
    tz: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    calendar: Annotated[Literal["auto", "jalali", "gregorian"], Query()] = "auto",
    time_format: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    encoding: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    sheet: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
    customer_col: Column = None,
    time_col: Column = None,
    activity_col: Column = None,
    channel_col: Column = None,
    id_col: Column = None,
    reply_to_col: Column = None,
    inbound_col: Column = None,
) -> dict[str, Any]:
    """Ingest the event file sent as the body into ``dataset`` (claimed by this workspace)."""
    from safar.services.ingestion import ingest_events as ingest
    from safar.voice.feedback import zone_of

    if tz is not None:
        zone_of(tz)  # an unknown time zone is refused before anything is read
    access = _access(request, ws)
    access.workspace.claim_dataset(dataset)  # before reading the body: another workspace's name is refused
    suffix = {"csv": ".csv", "xlsx": ".xlsx", "jsonl": ".jsonl", "parquet": ".parquet", "xes": ".xes"}[format]
    with tempfile.TemporaryDirectory() as folder:
        path = FilePath(folder) / f"{dataset}{suffix}"
        if await write_limited(request.stream(), path) == 0:
            raise InputError("api.empty_body")
        try:
            done = await run_long(  # a big file, then the webhooks, take a while: not on the event loop
                ingest,
                access.workspace,
                path,
                dataset=dataset,
                format=format,
                customer_col=customer_col,
                time_col=time_col,
                activity_col=activity_col,
                channel_col=channel_col,
                id_col=id_col,
                reply_to_col=reply_to_col,
                inbound_col=inbound_col,
                tz=tz,
                calendar=calendar,
                time_format=time_format,
                encoding=encoding,
                sheet=sheet,
            )
        except SafarError as err:  # the sender named no file: the error names the dataset's upload
            raise err.renamed(str(path), f"{dataset} ({format})") from err.__cause__
    summary = done.report.summary()
    return {
        "dataset": dataset,
        **{k: summary[k] for k in ("read", "loaded", "duplicates", "rejected")},
        "quarantine": str(summary.get("quarantine", "rejected")),
        "alerts_fired": len(done.fired),
        "columns": done.report.columns,
        "reading": done.report.reading,
    }


class ResponseIn(BaseModel):
    answers: dict[str, str | int | float | list[str]] = Field(max_length=500)
    customer_id: str | None = Field(default=None, min_length=1, max_length=200)
    channel: str | None = Field(default=None, min_length=1, max_length=64)
    lang: Literal["fa", "en"] | None = None
    time: datetime | None = None


class ResponseOut(BaseModel):
    response_id: str
    answers: int
    waiting: bool = Field(
        description="true (status 202) when another program holds the warehouse: the response is kept and "
        "written as soon as it is free"
    )


@router.post(
    "/workspaces/{ws}/surveys/{survey_id}/responses",
    response_model=ResponseOut,
    status_code=201,
    responses={
        **ERRORS,
        202: {"model": ResponseOut, "description": "Taken; written when the warehouse is free"},
    },
    dependencies=[EDITOR_FIRST],
)
def add_response(
    request: Request, response: Response, ws: WorkspaceSlug, survey_id: SurveyId, body: ResponseIn
) -> dict[str, Any]:
    """One response to a survey, checked like an answer on the public page (problems → 422); 202 when it
    waits to be written (another program holds the warehouse)."""
    from safar.errors import ValidationError
    from safar.voice.pending import take_response
    from safar.voice.responses import FUTURE_SLACK

    access = _access(request, ws)
    info = Surveys(access.workspace).get(survey_id)
    fields = {k: v if isinstance(v, list) else str(v) for k, v in body.answers.items()}
    unknown = sorted(set(fields) - _fields(info.survey))
    if unknown:
        raise InputError("survey.unknown_question", question=unknown[0], known=sorted(_fields(info.survey)))
    answers, problems = read_answers(info.survey, fields)
    if problems:
        raise ValidationError(
            "survey.bad_answers", errors=[p.to_dict() for p in problems], count=len(problems)
        )
    if not answers:
        raise InputError("survey.empty_response")
    when = body.time or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when > datetime.now(UTC) + FUTURE_SLACK:
        raise InputError("survey.future_time", value=when.isoformat())
    taken = take_response(
        access.workspace.engine,
        access.workspace.workspace_id,
        access.workspace.settings,
        info.id,
        info.map_id,
        access.workspace.get_map(info.map_id).document,
        answers,
        customer_id=body.customer_id,
        channel=body.channel,
        lang=body.lang,
        when=when,
        source="api",
    )
    if taken.waiting:  # taken, written when the warehouse is free (safar.voice.pending)
        response.status_code = 202
    return {"response_id": taken.response_id, "answers": len(answers), "waiting": taken.waiting}


def _fields(survey: Any) -> set[str]:
    from safar.voice.answers import EXPECTED_SUFFIX

    out = set()
    for q in survey.questions:
        out.add(q.id)
        if q.kind.value == "gap":
            out.add(q.id + EXPECTED_SUFFIX)
    return out


class SurveyIn(BaseModel):
    survey: dict[str, Any]
    one_per_token: bool = False


class SurveyMadeOut(BaseModel):
    id: int
    map_id: int
    link: str
    survey: dict[str, Any]


@router.post(
    "/workspaces/{ws}/maps/{map_id}/surveys",
    response_model=SurveyMadeOut,
    status_code=201,
    responses=ERRORS,
    max_body_size=limits.DOCUMENT,
    dependencies=[EDITOR_FIRST],
)
def create_survey(request: Request, ws: WorkspaceSlug, map_id: MapId, body: SurveyIn) -> dict[str, Any]:
    """A survey on the map from a document (the fields of ``safar.model.survey.Survey``)."""
    from safar.surveys import parse_survey

    access = _access(request, ws)
    survey = parse_survey(body.survey, "request")
    check_against(survey, access.workspace.get_map(map_id).document)
    info = Surveys(access.workspace).create(map_id, survey, one_per_token=body.one_per_token)
    return {"id": info.id, "map_id": info.map_id, "link": info.path, "survey": info.survey.to_document()}


__all__ = ["router"]
