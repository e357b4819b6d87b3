"""Requests read once: a form or a JSON body is checked by one pydantic model, and whatever it
refuses becomes the same 422 — each problem named (field, value, what is allowed) in the reader's
language — on the HTML page and on its JSON twin; a malformed post is never a 500.

>>> from pydantic import BaseModel, Field
>>> class Revert(BaseModel):
...     revision: int = Field(ge=1)
>>> try:
...     parse_form(Revert, {"revision": "two"}, "en")
... except ValidationError as err:
...     err.code, err.details["errors"][0]["message"]
('request.invalid', 'revision: must be a whole number')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import pydantic
from starlette.datastructures import UploadFile
from starlette.requests import Request

from safar.errors import ValidationError
from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES
from safar.web.context import WorkspaceAccess, lang_of
from safar.web.security import check_csrf

Model = TypeVar("Model", bound=pydantic.BaseModel)
WHERE = ("body", "query", "path", "header", "cookie")  # FastAPI's first location part says where, not what


async def read_form(request: Request) -> dict[str, str]:
    """The CSRF-checked text fields of a form post; a file where text belongs is a 422."""
    async with request.form() as form:
        check_csrf(request, str(form.get("csrf") or "") or None)
        files = [key for key, value in form.multi_items() if isinstance(value, UploadFile)]
        if files:
            raise ValidationError(
                "request.invalid",
                count=len(files),
                errors=problems([{"type": "string_type", "loc": (k,), "input": "(file)"} for k in files], ""),
            )
        texts = {key: str(value) for key, value in form.items()}
        refuse_nul(texts, lang_of(request))
        return texts


def nul_refused(where: str, lang: str) -> ValidationError:
    """The refusal of a NUL in ``where`` (a field's name, or ``body``), its problem said in ``lang``."""
    found = problems([{"type": "nul_character", "loc": (where,), "input": "\\u0000"}], lang)
    return ValidationError("request.nul", count=1, errors=found)


async def refuse_nul_in_form(request: Request, form: Any) -> None:
    """A NUL in a text field of a form read with ``request.form()`` is refused as in :func:`read_form` (the
    body's scanner, :mod:`safar.web.nul`, reads urlencoded bodies only: a multipart form's fields are
    checked here, once parsed)."""
    fields: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if isinstance(value, str):
            fields.setdefault(key, []).append(value)
    try:
        refuse_nul(fields, lang_of(request))
    except ValidationError:
        await form.close()  # the uploaded parts' temporary files, which no one else will read
        raise


def refuse_nul(fields: Mapping[str, Any], lang: str) -> None:
    """A 422 naming the first field whose text holds a NUL (as :mod:`safar.web.nul` does for bodies)."""
    for key, value in fields.items():
        values = value if isinstance(value, list) else [value]
        if any("\x00" in str(v) for v in values):
            raise nul_refused(key, lang)


def filled(form: Mapping[str, str], model: type[pydantic.BaseModel]) -> dict[str, str]:
    """The fields of ``model`` the form fills in: a blank field is one left at its default."""
    return {k: v.strip() for k, v in form.items() if k in model.model_fields and v.strip()}


def parse_form(model: type[Model], data: Mapping[str, Any], lang: str) -> Model:
    """``data`` as ``model``, or a :class:`ValidationError` listing every problem in ``lang``."""
    try:
        return model.model_validate(dict(data))
    except pydantic.ValidationError as exc:
        raise invalid(exc.errors(include_url=False), lang) from None


def invalid(errors: Iterable[Mapping[str, Any]], lang: str) -> ValidationError:
    """The one error every refused request becomes (form fields, JSON body, query or path)."""
    found = problems(errors, lang)
    return ValidationError("request.invalid", count=len(found), errors=found)


def problems(errors: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """pydantic's errors as Safar problems: path, stable code, bad value, what is allowed, and a message."""
    out = []
    for err in errors:
        loc = [str(p) for p in err["loc"]]
        if len(loc) > 1 and loc[0] in WHERE:
            loc = loc[1:]
        path = ".".join(loc)
        code = str(err["type"])
        ctx = err.get("ctx") or {}
        known = f"problem.{code}" if f"problem.{code}" in MESSAGES else "problem.value_error"
        problem: dict[str, Any] = {"path": path, "code": code}
        if code != "missing":
            problem["value"] = _short(err.get("input"))
        limit = next((ctx[k] for k in ("ge", "gt", "le", "lt", "max_length", "min_length") if k in ctx), None)
        if "expected" in ctx or limit is not None:
            problem["allowed"] = _short(ctx.get("expected", limit))
        reason = translate(known, lang or "en")
        if "allowed" in problem:
            reason += f" ({translate('ui.allowed', lang or 'en')}: {problem['allowed']})"
        problem["message"] = translate("request.problem", lang or "en", field=path, reason=reason)
        out.append(problem)
    return out


def _short(value: Any) -> Any:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "…"
    if value is None or isinstance(value, int | float | bool | str):
        return value
    return _short(str(value))


async def editor_form(request: Request, ws: str) -> tuple[dict[str, str], WorkspaceAccess]:
    """A page form that changes workspace ``ws``: its CSRF token checked, NUL bytes refused, an editor's;
    its text fields as strings."""
    from safar.accounts import Role
    from safar.web.context import workspace_access
    from safar.web.security import check_csrf

    form = await request.form()
    check_csrf(request, str(form.get("csrf") or "") or None)
    await refuse_nul_in_form(request, form)
    access = workspace_access(request, ws, Role.EDITOR)
    return {k: str(v) for k, v in form.items() if isinstance(v, str)}, access
