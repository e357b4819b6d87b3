"""The workspace's data: the datasets page, one dataset's rejected rows (page and CSV), and their JSON twins.

Pages ``/w/{ws}/datasets`` and ``/w/{ws}/datasets/{dataset}/rejected`` (and ``…/rejected.csv``, every row,
formulas neutralised); API ``GET /api/v1/workspaces/{ws}/datasets`` and ``…/datasets/{dataset}/rejected``.
All call :mod:`safar.services.datasets`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

import pyarrow as pa
from fastapi import APIRouter, Path
from fastapi.responses import Response
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import NotFoundError
from safar.i18n import translate
from safar.services.datasets import (
    DatasetsScreen,
    RejectedScreen,
    datasets_screen,
    rejected_screen,
    rows_to_correct,
)
from safar.services.exports import export_table
from safar.web.api import ERRORS
from safar.web.api import Workspace as WorkspaceSlug
from safar.web.context import lang_of, screen_context, workspace_access
from safar.web.render import render

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DatasetName = Annotated[str, Path(pattern=r"^[\w.-]{1,200}$")]


@router.get("/w/{ws}/datasets", include_in_schema=False)
def datasets_page(request: Request, ws: str) -> Response:
    access = workspace_access(request, ws)
    screen = datasets_screen(screen_context(request, access))
    context = {
        "ws": ws,
        "screen": screen,
        "can_edit": access.role.can_edit,
        "is_admin": access.role >= Role.ADMIN,
        "removed": request.query_params.get("removed"),
    }
    return render(request, "datasets.html", context)


@router.get("/w/{ws}/datasets/{dataset}/rejected", include_in_schema=False)
def rejected_page(request: Request, ws: str, dataset: DatasetName) -> Response:
    access = workspace_access(request, ws)
    screen = rejected_screen(screen_context(request, access), dataset)
    return render(request, "rejected.html", {"ws": ws, "screen": screen, "can_edit": access.role.can_edit})


@router.get("/w/{ws}/datasets/{dataset}/rejected.csv", include_in_schema=False)
def rejected_csv(request: Request, ws: str, dataset: DatasetName) -> Response:
    access = workspace_access(request, ws)
    lang = lang_of(request)
    screen = rejected_screen(screen_context(request, access), dataset, limit=None)
    table = pa.table(
        {
            "source": pa.array([r.source for r in screen.rows], pa.string()),
            "row": pa.array([r.row for r in screen.rows], pa.int64()),
            "field": pa.array([r.field for r in screen.rows], pa.string()),
            "reason": pa.array([r.message for r in screen.rows], pa.string()),
            "raw": pa.array([r.raw for r in screen.rows], pa.string()),
        }
    )
    headers = [translate(f"datasets.rejected.col.{k}", lang) for k in table.column_names]
    body = export_table(table, headers, "csv", lang, sheet="", about=[])
    name = f"safar-{dataset}-rejected.csv"
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type="text/csv; charset=utf-8", headers=disposition)


@router.get("/w/{ws}/datasets/{dataset}/rejected/correct.{fmt}", include_in_schema=False)
def rows_to_correct_file(request: Request, ws: str, dataset: DatasetName, fmt: str, source: str) -> Response:
    """The rejected rows of one file in its own columns (first sheet), with each row's reason (second
    sheet in Excel): corrected and sent again under the file's name, they replace its quarantine."""
    if fmt not in ("csv", "xlsx"):
        raise NotFoundError("customers.bad_format", format=fmt, allowed=["csv", "xlsx"])
    access = workspace_access(request, ws)
    lang = lang_of(request)
    found = rows_to_correct(screen_context(request, access), dataset, source)
    table = pa.table(
        {c: pa.array([row[i] for row in found.rows], pa.string()) for i, c in enumerate(found.columns)}
    )
    about = [
        (translate("datasets.correct.row", lang, row=r if r is not None else "-"), reason)
        for r, reason in found.reasons
    ]
    about += [
        (translate("datasets.correct.unsplit", lang, row=r if r is not None else "-"), raw)
        for r, raw in found.unsplit
    ]
    body = export_table(
        table,
        found.columns,
        fmt,
        lang,
        sheet=translate("datasets.correct.sheet", lang)[:31],
        about=about,
        about_sheet=translate("datasets.correct.reasons", lang)[:31],
    )
    stem = source.rsplit(".", 1)[0] if "." in source else source
    name = quote(f"{stem}.{fmt}")
    media = "text/csv; charset=utf-8" if fmt == "csv" else XLSX
    return Response(
        body, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"}
    )


@router.get(
    "/api/v1/workspaces/{ws}/datasets", response_model=DatasetsScreen, responses=ERRORS, tags=["ingestion"]
)
def datasets_api(request: Request, ws: WorkspaceSlug) -> DatasetsScreen:
    """The workspace's event datasets: size, time span, the maps that read them, the latest import and how
    many rows wait in the quarantine (the page ``/w/{ws}/datasets``)."""
    access = workspace_access(request, ws)
    return datasets_screen(screen_context(request, access))


@router.get(
    "/api/v1/workspaces/{ws}/datasets/{dataset}/rejected",
    response_model=RejectedScreen,
    responses=ERRORS,
    tags=["ingestion"],
)
def rejected_api(request: Request, ws: WorkspaceSlug, dataset: DatasetName) -> RejectedScreen:
    """One dataset's rejected rows (the first 500), each with its file, row, field and reason."""
    access = workspace_access(request, ws)
    return rejected_screen(screen_context(request, access), dataset)
