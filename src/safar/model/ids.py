"""Identifiers used inside map documents.

Stage, touchpoint, persona and channel ids are short slugs: they stay the same
when a name is reworded, so history and diffs can follow an element.

>>> import re; bool(re.fullmatch(SLUG_PATTERN, "call-centre_2"))
True
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_\-]{0,63}$"
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]
