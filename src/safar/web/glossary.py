"""The glossary page (``/glossary``): every statistic and measure the pages show, in plain words.

Each term is an anchor (``/glossary#nps``) that the reading of a figure links to; the terms and their
texts are the catalogue's (:mod:`safar.i18n.glossary`), so the page is in the reader's language.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response
from starlette.requests import Request

from safar.i18n.glossary import TERMS
from safar.web.render import render

router = APIRouter(include_in_schema=False)


@router.get("/glossary")
def glossary_page(request: Request) -> Response:
    """The glossary, readable without logging in (it holds no data of any workspace)."""
    return render(request, "glossary.html", {"terms": TERMS})
