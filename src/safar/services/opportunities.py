"""The opportunities of a map, ranked (فرصت‌های بهبود): the list on the insights page, its JSON twin
``GET /api/v1/workspaces/{ws}/maps/{id}/opportunities`` and ``safar insights opportunities``.

:func:`map_opportunities_screen` ranks them with :func:`safar.insights.opportunities.map_opportunities`
(definitions: :mod:`safar.insights.scoring`) and returns one typed result. The only count of customers
among the components is ``reach`` (customers with an event bound to the touchpoint, from the dataset's
events): ``reach_customers`` is the filter that opens them (the drill-down's ``reached``). The other
components are shares, weights, gaps and scores, not counts of customers.

>>> ComponentOut(raw=12.0, normalised=1.0, weight=1.0, missing=False).missing
False
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field

from safar.services.customers import CustomerFilter

if TYPE_CHECKING:
    from safar.context import Context

__all__ = ["ComponentOut", "NoteOut", "OpportunitiesOut", "OpportunityOut", "map_opportunities_screen"]


class ComponentOut(BaseModel):
    raw: float | None
    normalised: float | None
    weight: float
    missing: bool


class NoteOut(BaseModel):
    author: str
    text: str
    created_at: str


class OpportunityOut(BaseModel):
    ref: str
    kind: Literal["touchpoint", "custom"]
    touchpoint: str | None
    touchpoint_name: str | None
    stage: str | None
    owner: str
    score: float | None
    coverage: float | None = None
    priority: float | None = None
    components: dict[str, ComponentOut]
    status: Literal["open", "accepted", "rejected"]
    text: str
    notes: list[NoteOut]
    pain_points: list[str]
    map_opportunities: list[str]
    created_by: str | None
    reach_customers: CustomerFilter | None = Field(
        default=None,
        description="The customers counted in the reach component (a touchpoint with reach data).",
    )


class OpportunitiesOut(BaseModel):
    map_id: int
    dataset: str | None
    weights: dict[str, float]
    sources: dict[str, Any]
    opportunities: list[OpportunityOut]


def map_opportunities_screen(
    ctx: Context, map_id: int, *, dataset: str | None = None, weights: dict[str, float] | None = None
) -> OpportunitiesOut:
    """The map's opportunities, highest priority first, each with every component and its reach's customers."""
    from safar.insights.opportunities import map_opportunities

    found = map_opportunities(ctx.workspace, map_id, dataset=dataset, weights=weights).to_dict()
    used = found["dataset"]
    for item in found["opportunities"]:
        reach = item["components"].get("reach") or {}
        if used and item["kind"] == "touchpoint" and item["touchpoint"] and not reach.get("missing", True):
            item["reach_customers"] = CustomerFilter(
                kind="reached", level="touchpoint", step=item["touchpoint"], dataset=used
            )
    return OpportunitiesOut.model_validate(found)
