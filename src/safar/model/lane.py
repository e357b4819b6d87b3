"""A lane a map's team adds to the canvas (ردیف سفارشی), under the built-in ones, with one cell a touchpoint.

Five kinds: ``text`` (a sentence a touchpoint), ``list`` (entries), ``image`` (a sketch or screenshot, kept
in the map as a small data URI, as a persona's photo), ``channels`` (the channels a touchpoint spans, for an
omnichannel view) and ``figure`` (one measured figure along the journey, drawn as bars from the map's own
data: it has no cells to fill, the data fills it).

>>> lane = Lane(id="systems", name="Systems", kind="list", cells={"ad": ["CRM", " ", "Ads manager"]})
>>> lane.cells
{'ad': ['CRM', 'Ads manager']}
>>> Lane(id="calls", name="Calls answered", kind="figure", figure="conversion").cells
{}
>>> from pydantic import ValidationError
>>> try:
...     Lane(id="x", name="X", kind="figure")
... except ValidationError as exc:
...     print(exc.errors()[0]["msg"])
Value error, a figure lane names its figure (one of customers, conversion, dropoff, time_to_next, nps, csat, ces, negative_share)
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safar.model.ids import SLUG_PATTERN, Slug
from safar.model.text import Text, normalize_text

IMAGE_URI = re.compile(r"data:image/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+=*")
MOST_IMAGE = 400_000  # characters of one image cell's data URI (a 480 px JPEG is 20–60 kB)
MOST_TEXT = 2_000


class LaneKind(StrEnum):
    TEXT = "text"
    LIST = "list"
    IMAGE = "image"
    CHANNELS = "channels"
    FIGURE = "figure"


class LaneFigure(StrEnum):
    """What a figure lane draws at each touchpoint: the canvas's own data lanes and voice figures."""

    CUSTOMERS = "customers"
    CONVERSION = "conversion"
    DROPOFF = "dropoff"
    TIME_TO_NEXT = "time_to_next"
    NPS = "nps"
    CSAT = "csat"
    CES = "ces"
    NEGATIVE_SHARE = "negative_share"


class Lane(BaseModel):
    """A custom lane: its name, kind and, by touchpoint id, what its cells hold."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    id: Slug
    name: Text = Field(min_length=1, max_length=200)
    kind: LaneKind = LaneKind.TEXT
    figure: LaneFigure | None = None  # a figure lane's figure (and only a figure lane's)
    # text: a string; list and channels: a list of strings; image: a data URI; figure: none.
    cells: dict[Slug, str | list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _cells_of_its_kind(self) -> Lane:
        if self.kind is LaneKind.FIGURE:
            if self.figure is None:
                figures = ", ".join(f.value for f in LaneFigure)
                raise ValueError(f"a figure lane names its figure (one of {figures})")
            if self.cells:
                raise ValueError("a figure lane has no cells: the map's data fills it")
        elif self.figure is not None:
            raise ValueError(f"only a figure lane names a figure; this one is a {self.kind.value} lane")
        cells = {key: cell_value(self.kind, key, value) for key, value in self.cells.items()}
        cells = {key: value for key, value in cells.items() if value}
        if cells != self.cells:
            object.__setattr__(self, "cells", cells)  # validate_assignment would run this check again
        return self


def cell_value(kind: LaneKind, touchpoint: str, value: Any) -> str | list[str]:
    """A cell's value as a lane of ``kind`` keeps it (lists one entry a line from text), or ValueError saying
    what is wrong with it."""
    where = f"cells.{touchpoint}"
    if kind in (LaneKind.LIST, LaneKind.CHANNELS):
        items = value if isinstance(value, list) else str(value).splitlines()
        entries = [normalize_text(str(item)).strip() for item in items if str(item).strip()]
        if kind is LaneKind.CHANNELS:
            bad = [e for e in entries if not re.fullmatch(SLUG_PATTERN, e)]
            if bad:
                raise ValueError(f"{where}: “{bad[0]}” is not a channel id")
        if any(len(e) > MOST_TEXT for e in entries):
            raise ValueError(f"{where}: an entry is longer than {MOST_TEXT} characters")
        return list(dict.fromkeys(entries)) if kind is LaneKind.CHANNELS else entries
    if not isinstance(value, str):
        raise ValueError(f"{where}: a {kind.value} lane's cell is one text, not a list")
    if kind is LaneKind.IMAGE:
        if value and not IMAGE_URI.fullmatch(value):
            raise ValueError(f"{where}: an image cell holds a JPEG, PNG or WebP picture as a data URI")
        if len(value) > MOST_IMAGE:
            raise ValueError(f"{where}: the picture is larger than {MOST_IMAGE:,} characters")
        return value
    text = normalize_text(value).strip()
    if len(text) > MOST_TEXT:
        raise ValueError(f"{where}: longer than {MOST_TEXT} characters")
    return text
