"""The journeys screen of a map: what customers actually did, stage by stage, from its bound dataset.

:func:`journeys` is the one function behind the journeys page, ``GET /api/v1/…/maps/{id}/journeys`` and
``safar map journeys``: the funnel over the map's stages, and at a level (stage or touchpoint) where
customers stop, the most common journeys and the Sankey of their first steps.

>>> JourneysView(level="stage").model_dump(exclude={"sankey"})["customers"]
0
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from pydantic import BaseModel, ConfigDict, Field

from safar.context import Context
from safar.errors import InputError
from safar.services.audience import Audience, AudienceShown
from safar.services.figures import DataPeriod, bound_period
from safar.services.results import same_in_every_language

__all__ = ["DropoffStep", "FunnelStep", "JourneysView", "Variant", "journeys"]

LEVELS = ("stage", "touchpoint")


class FunnelStep(BaseModel):
    """Customers who reached a stage, in map order, and the rates from the first and the previous one."""

    model_config = ConfigDict(extra="allow")

    step: str
    name: str = Field(default="", description="The stage's name in the map's language.")
    customers: int
    rate_from_start: float | None = None
    rate_from_previous: float | None = None


class DropoffStep(BaseModel):
    """Customers whose journey stopped at ``step`` without completing it, and their ``share`` of all customers."""

    model_config = ConfigDict(extra="allow")

    step: str
    customers: int
    share: float | None = None


class Variant(BaseModel):
    """One journey (its steps in order) and how many customers took it."""

    model_config = ConfigDict(extra="allow")

    steps: list[str]
    count: int


class JourneysView(BaseModel):
    """The journeys screen; ``dataset`` is None (and the rest empty) when the map binds no dataset."""

    dataset: str | None = None
    level: str
    funnel: list[FunnelStep] = []
    dropoff: list[DropoffStep] = []
    completed: int = 0
    unobserved: int = 0
    customers: int = 0
    variants: list[Variant] = []
    n_variants: int = 0
    sankey: str = Field(
        default="", description="The Sankey diagram (SVG), its counts in the reader's language."
    )
    sankey_nodes: list[tuple[int, str, int]] = Field(
        default=[], description="The Sankey's nodes: depth, step, customers."
    )
    sankey_links: list[tuple[int, str, str, int]] = Field(
        default=[], description="The Sankey's flows: depth, from step, to step, customers."
    )
    rtl: bool = Field(default=False, description="Whether the map reads right to left (its Sankey does).")
    labels: dict[str, str] = {}
    period: DataPeriod | None = None
    audience: AudienceShown | None = None


def _localized(ctx: Context, view: JourneysView) -> JourneysView:
    """The Sankey drawn with its counts in the reader's language, each node and flow opening its customers."""
    from safar.render.sankey import sankey_svg

    level, chosen = view.level, view.dataset

    def link(depth: int, steps: tuple[str, ...]) -> str:
        query = {"kind": "position", "level": level, "index": depth + 1, "dataset": chosen}
        return "customers?" + urlencode(query) + "".join(f"&steps={quote(s)}" for s in steps)

    svg = sankey_svg(
        view.sankey_nodes, view.sankey_links, view.labels, rtl=view.rtl, lang=ctx.lang, link=link
    )
    return view.model_copy(update={"sankey": svg})


@same_in_every_language(_localized)
def journeys(
    ctx: Context,
    map_id: int,
    dataset: str | None = None,
    *,
    level: str = "stage",
    depth: int = 5,
    revision: int | None = None,
    audience: Audience | None = None,
) -> JourneysView:
    """Funnel over the map's stages (in map order), and at ``level`` the Sankey of the first ``depth`` steps
    (its counts in the reader's language), the top variants and where customers stop; with ``audience``
    (:mod:`safar.services.audience`), of those customers' journeys alone."""
    if level not in LEVELS:
        raise InputError("journeys.level", level=level, allowed=list(LEVELS))
    from safar import analytics as an
    from safar.analytics.kept import kept_steps, of_audience
    from safar.analytics.kept_counts import counted

    journey = ctx.workspace.get_map(map_id, revision).document
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is None:
        return JourneysView(level=level)
    ctx.workspace.require_dataset(chosen)
    stage_names = {s.id: s.name for s in journey.stages}
    labels = stage_names if level == "stage" else {t.id: t.name for t in journey.touchpoints()}
    with ctx.warehouse() as warehouse:
        events = warehouse.events(chosen)
        # Every figure here reads the map's kept journey steps: the events bound to the map, with each
        # customer's positions on it (safar.analytics.kept), instead of binding and sorting every event.
        kept = kept_steps(warehouse, chosen, journey)
        if audience is not None:
            kept = of_audience(warehouse, chosen, kept, audience)
        # Each figure is counted per customer, so its counts are kept beside the steps and brought up to
        # date by the changed customers alone (safar.analytics.kept_counts).
        stages = list(stage_names)
        funnel = an.funnel_of(
            counted(
                warehouse,
                kept,
                lambda s: an.funnel_table(s, stages, level="stage", journey_map=journey),
                ["index", "step"],
            ),
            stages,
        )
        variants = counted(
            warehouse, kept, lambda s: an.variants_table(an.journey(s, level, journey)), ["steps"]
        )
        paths = an.paths_of(variants, top=10, sankey_depth=depth)
        stops = an.stops_of(
            counted(
                warehouse,
                kept,
                lambda s: an.stops_table(s, an.Level(level)),
                ["step", "completed", "dropped"],
            ),
            level,
        ).to_dict()
        period = bound_period(events, journey, steps=kept.steps)
    return JourneysView(
        dataset=chosen,
        level=level,
        funnel=[
            FunnelStep.model_validate(s | {"name": stage_names.get(s["step"], s["step"])})
            for s in funnel.to_dict()["steps"]
        ],
        dropoff=[DropoffStep.model_validate(s) for s in stops["steps"]],
        completed=int(stops["completed"] or 0),
        unobserved=int(stops["unobserved"] or 0),
        customers=int(stops["customers"]),
        variants=[Variant.model_validate(v) for v in paths.to_dict()["variants"]],
        n_variants=paths.n_variants,
        sankey_nodes=list(paths.sankey_nodes),
        sankey_links=list(paths.sankey_links),
        rtl=journey.lang == "fa",
        labels=labels,
        period=period,
        audience=AudienceShown.of(audience),
    )
