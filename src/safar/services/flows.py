"""Where customers go from a touchpoint, and how they come to it: the one service behind the Journeys page's
section, its API twin (``GET …/maps/{id}/flows``) and ``safar analyze paths --from | --to``.

On a map the steps are its touchpoints, named as the map names them; an event the map does not bind is shown as
"off the map" with its activity (the paths that leave the designed journey), and the journey's end or start as
such (:mod:`safar.analytics.flows`).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from safar.context import Context  # at run time: the kept result reads the screen's type hints
from safar.errors import InputError
from safar.services.customers import CustomerFilter

__all__ = ["FlowsOut", "flows_around", "step_label"]


class FlowStepOut(BaseModel):
    step: str
    name: str
    customers: int
    share: float
    customers_filter: CustomerFilter | None = Field(
        default=None, description="The filter of ``…/customers`` that lists these customers."
    )


class FlowPathOut(BaseModel):
    steps: list[str]
    names: list[str]
    customers: int
    customers_filter: CustomerFilter | None = None


class FlowsOut(BaseModel):
    dataset: str | None = None
    step: str | None = None
    name: str | None = None
    direction: str = "from"
    depth: int = 3
    customers: int = 0
    next: list[FlowStepOut] = Field(default=[], description="The step right after (from) or before (to).")
    paths: list[FlowPathOut] = []
    other: int = Field(default=0, description="Customers on paths not listed.")


def step_label(step: str, names: dict[str, str], lang: str) -> str:
    """A step as a reader reads it: a touchpoint's name, "off the map: activity", the journey's end or start."""
    from safar.analytics.flows import END, OFF_MAP, START
    from safar.i18n import translate

    if step == END:
        return translate("flows.end", lang)
    if step == START:
        return translate("flows.start", lang)
    if step.startswith(OFF_MAP):
        return translate("flows.off_map", lang, activity=step.removeprefix(OFF_MAP))
    return names.get(step, step)


def flows_around(
    ctx: Context,
    map_id: int,
    dataset: str | None = None,
    *,
    step: str | None = None,
    direction: str = "from",
    depth: int = 3,
    top: int = 10,
) -> FlowsOut:
    """The paths of ``depth`` touchpoints after (``from``) or before (``to``) each customer's first visit to
    touchpoint ``step`` of the map (the map's first touchpoint when not given), in its bound dataset."""
    from safar.analytics.flows import flows

    journey = ctx.workspace.get_map(map_id).document
    chosen = dataset or next(iter(journey.datasets()), None)
    touchpoints = list(journey.touchpoints())
    if chosen is None or not touchpoints:
        return FlowsOut(direction=direction, depth=depth)
    ctx.workspace.require_dataset(chosen)
    names = {t.id: t.name for t in touchpoints}
    at = step or touchpoints[0].id
    if at not in names:
        raise InputError("retention.unknown_start", touchpoint=at)
    with ctx.warehouse() as warehouse:
        found = flows(
            warehouse.events(chosen),
            at,
            direction=direction,
            depth=depth,
            top=top,
            level="touchpoint",
            journey_map=journey,
        )
    lang = ctx.lang

    def listed(path: list[str]) -> CustomerFilter:
        return CustomerFilter(kind="flow", step=at, steps=path, direction=direction, dataset=chosen)

    return FlowsOut(
        dataset=chosen,
        step=at,
        name=names[at],
        direction=direction,
        depth=depth,
        customers=found.customers,
        next=[
            FlowStepOut(
                step=s.step,
                name=step_label(s.step, names, lang),
                customers=s.customers,
                share=s.customers / found.customers,
                customers_filter=listed([s.step]),
            )
            for s in found.next
        ],
        paths=[
            FlowPathOut(
                steps=list(p.steps),
                names=[step_label(s, names, lang) for s in p.steps],
                customers=p.customers,
                customers_filter=listed(list(p.steps)),
            )
            for p in found.paths
        ],
        other=found.other,
    )
