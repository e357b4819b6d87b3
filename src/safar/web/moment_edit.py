"""A touchpoint's claim to be a moment of truth (لحظه حقیقت), and its evidence, edited on the touchpoint's page.

``POST /w/{ws}/maps/{id}/touchpoints/{tp}/moment``: whether the touchpoint is a moment of truth, a note, and
rows of evidence (source; who said it or which study; when, in the page's calendar or ISO; strength; how many
agreed; a note). A row without a source is left out; a moment of truth needs at least one row. The change is
one revision of the map, as every edit is (the API's twin: ``POST …/edits`` with ``update_touchpoint`` and
``fields.moment_of_truth``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.requests import Request

from safar.accounts import Role
from safar.errors import InputError
from safar.events.dates import read_day
from safar.events.digits import ascii_digits
from safar.i18n import translate
from safar.maps.edits import Edit, apply_edit
from safar.model import EvidenceSource, EvidenceStrength
from safar.web.context import lang_of, workspace_access
from safar.web.forms import read_form

router = APIRouter()

ROWS = 12  # evidence rows a form may send
COLUMNS = ("source", "who", "on", "strength", "agreed", "note")


def claim_of(form: dict[str, str], lang: str) -> dict[str, Any] | None:
    """The moment-of-truth claim a form states (``None``: the touchpoint is not one), each value checked with a
    message naming the row and the field.

    >>> claim_of({"is_moment": "1", "note": "", "source_0": "market_research", "on_0": "۱۴۰۵/۰۲/۰۱",
    ...           "agreed_0": "۱۲", "who_0": "Survey 1405", "strength_0": "strong"}, "fa")["evidence"]
    [{'source': 'market_research', 'who': 'Survey 1405', 'on': datetime.date(2026, 4, 21), 'strength': 'strong', 'agreed': 12}]
    """
    if not form.get("is_moment"):
        return None
    evidence: list[dict[str, Any]] = []
    for row in range(ROWS):
        cells = {key: str(form.get(f"{key}_{row}", "")).strip() for key in COLUMNS}
        if not cells["source"]:
            continue
        where = translate("moment.row", lang, row=row + 1)
        if cells["source"] not in {s.value for s in EvidenceSource}:
            raise InputError("edit.bad_value", problem=f"{where}: {cells['source']}")
        item: dict[str, Any] = {"source": cells["source"]}
        if cells["who"]:
            item["who"] = cells["who"]
        if cells["on"]:
            item["on"] = read_day(cells["on"], option=where)
        if cells["strength"]:
            if cells["strength"] not in {s.value for s in EvidenceStrength}:
                raise InputError("edit.bad_value", problem=f"{where}: {cells['strength']}")
            item["strength"] = cells["strength"]
        if cells["agreed"]:
            digits = ascii_digits(cells["agreed"])
            if not digits.isdecimal():
                raise InputError("moment.bad_agreed", row=row + 1, value=cells["agreed"])
            item["agreed"] = int(digits)
        if cells["note"]:
            item["note"] = cells["note"]
        evidence.append(item)
    if not evidence:
        raise InputError("moment.needs_evidence")
    return {"evidence": evidence, "note": str(form.get("note", "")).strip()}


@router.post("/w/{ws}/maps/{map_id}/touchpoints/{touchpoint_id}/moment", include_in_schema=False)
async def moment_post(request: Request, ws: str, map_id: int, touchpoint_id: str) -> Response:
    form = await read_form(request)
    access = workspace_access(request, ws, Role.EDITOR)
    if not str(form.get("base_revision", "")).isdecimal():
        raise InputError("edit.bad_value", problem="base_revision")
    stored = access.workspace.get_map(map_id, int(form["base_revision"]))
    edit = Edit(
        op="update_touchpoint",
        touchpoint=touchpoint_id,
        fields={"moment_of_truth": claim_of(form, lang_of(request))},
    )
    access.workspace.save_map(
        map_id,
        apply_edit(stored.document, edit),
        base_revision=stored.revision,
        author=access.user.username,
        message=str(form.get("message", "")).strip() or None,
    )
    target = f"/w/{quote(ws)}/maps/{map_id}/touchpoints/{quote(touchpoint_id)}#moment"
    return RedirectResponse(target, status_code=303)
