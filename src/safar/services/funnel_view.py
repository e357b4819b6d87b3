"""The funnel analysis of a map's stages, on its Journeys page: the one service behind the page's section, its API
twin (``GET …/maps/{id}/funnel-analysis``) and — for any dataset and steps — ``safar analyze funnel --breakdown
--compare --times`` (:func:`safar.services.analyze.funnel`, the same analytics).

For the map's stage funnel of its bound dataset (:mod:`safar.analytics.funnel_analysis`):

- **breakdown**: the funnel per entry channel (``channel``) or for a persona of the map against everyone else
  (``persona:ID``, a persona whose data segment says who it is in the data);
- **comparison**: the customers whose journey began in the period ``since``…``until`` (the page's audience
  fields; by default the last 30 days of the data) against the period of the same length before, each stage's
  conversion from the first and its two-sided test (significant below α 0.05), and the median time to it;
- ``channel`` (the page's audience): only the customers with an event on the map in that channel — so this month against
  the last *per channel* is one choice away;
- **times**: per stage, the time from the first stage, from the stage before, and how long those who left after
  the stage before stayed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, Field

from safar.context import Context  # at run time: the kept result reads the screen's type hints
from safar.services.customers import CustomerFilter

__all__ = ["FunnelAnalysis", "funnel_analysis"]

ALPHA = 0.05


class GroupStepOut(BaseModel):
    step: str
    name: str
    customers: int
    rate_from_start: float | None
    rate_from_previous: float | None
    customers_filter: CustomerFilter | None = Field(
        default=None, description="The filter of ``…/customers`` that lists these customers."
    )


class GroupOut(BaseModel):
    group: str | None
    name: str = Field(description="The group as the reader reads it (a channel's or persona's name).")
    steps: list[GroupStepOut]


class ChangeOut(BaseModel):
    step: str
    name: str
    current: int
    previous: int
    current_rate: float | None
    previous_rate: float | None
    change: float | None
    z: float | None
    p_value: float | None
    significant: bool
    current_median: float | None = Field(
        default=None, description="Median seconds from the first stage, this period."
    )
    previous_median: float | None = None
    current_customers: CustomerFilter | None = Field(
        default=None, description="The filter of ``…/customers`` that lists this period's customers."
    )
    previous_customers: CustomerFilter | None = None


class ComparisonOut(BaseModel):
    start: str
    end: str
    previous_start: str
    steps: list[ChangeOut]


class TimesOut(BaseModel):
    step: str
    name: str
    previous: str
    previous_name: str
    to_convert: dict[str, Any]
    in_step: dict[str, Any]
    dropped: dict[str, Any]
    bins: list[int] = Field(description="The histogram's upper edges in seconds (the last bin is open).")
    histogram: list[int]


class FunnelAnalysis(BaseModel):
    dataset: str | None = None
    breakdown: str | None = None
    order: str = "sequential"
    window: str | None = Field(
        default=None, description="The conversion window from the first stage (e.g. 7d)."
    )
    groups: list[GroupOut] = []
    comparison: ComparisonOut | None = None
    times: list[TimesOut] = []


def funnel_analysis(
    ctx: Context,
    map_id: int,
    dataset: str | None = None,
    *,
    breakdown: str | None = None,
    compare: bool = False,
    times: bool = False,
    since: str | None = None,
    until: str | None = None,
    channel: str | None = None,
    order: str = "sequential",
    window: str | None = None,
) -> FunnelAnalysis:
    """The map's stage funnel broken down, compared with the period before, and timed (see the module text), in
    ``order`` (sequential, strict or any) and within ``window`` of the first stage (e.g. ``7d``) when given."""
    from safar.analytics import funnel_analysis as fa
    from safar.analytics.churn import last_moment
    from safar.events.dates import read_moment

    journey = ctx.workspace.get_map(map_id).document
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is None:
        return FunnelAnalysis()
    ctx.workspace.require_dataset(chosen)
    stages = [s.id for s in journey.stages]
    names = {s.id: s.name for s in journey.stages}
    from safar.analytics import parse_duration

    how: dict[str, Any] = {
        "level": "stage",
        "journey_map": journey,
        "order": order,
        "window": parse_duration(window) if window else None,
    }
    split = None
    if breakdown is not None:
        from safar.services.audience import read_breakdown

        split = read_breakdown(breakdown, ctx.calendar.tz, journey.personas, segments=False)
    tz = ctx.calendar.tz
    start = read_moment(since, tz, option="since") if since else None
    end = read_moment(until, tz, option="until") if until else None
    out = FunnelAnalysis(dataset=chosen, breakdown=breakdown, order=order, window=window)
    channels = ctx.workspace.channels()

    def listed(index: int, **which: Any) -> CustomerFilter:
        return CustomerFilter(
            kind="funnel",
            index=index,
            dataset=chosen,
            channel=channel or None,
            order=None if order == "sequential" else order,
            window=window,
            **which,
        )

    with ctx.warehouse() as warehouse:
        events = warehouse.events(chosen)
        if (
            channel
        ):  # the page's audience: the customers with an event on the map in the channel, as elsewhere
            from safar.analytics import on_map
            from safar.analytics.kept import Audience, audience_members

            members = audience_members(on_map(events, journey), Audience(channel=channel))
            events = events.filter(events.customer_id.isin(members.customer_id))
        if split is not None:
            for g in fa.breakdown(events, stages, split.by, segment=split.segment, **how):
                label = split.group_name(g.group, ctx.lang, channels) or "—"
                out.groups.append(
                    GroupOut(
                        group=g.group,
                        name=label,
                        steps=[
                            GroupStepOut(
                                name=names.get(s.step, s.step),
                                customers_filter=listed(k, breakdown=breakdown, group=g.group),
                                **s.to_dict(),
                            )
                            for k, s in enumerate(g.funnel.steps, 1)
                        ],
                    )
                )
        if compare:
            if end is None:
                last = last_moment(events)
                end = (last or dt.datetime(1970, 1, 1)) + dt.timedelta(microseconds=1)
            if start is None:
                start = end - dt.timedelta(days=30)
            found = fa.compare_previous(events, stages, start=start, end=end, **how)
            previous = start - (end - start)
            out.comparison = ComparisonOut(
                start=found.start,
                end=found.end,
                previous_start=found.previous_start,
                steps=[
                    ChangeOut(
                        name=names.get(s.step, s.step),
                        significant=s.p_value is not None and s.p_value < ALPHA,
                        current_customers=listed(k, began_from=start, began_until=end),
                        previous_customers=listed(k, began_from=previous, began_until=start),
                        **s.to_dict(),
                    )
                    for k, s in enumerate(found.steps, 1)
                ],
            )
        if times:
            for t in fa.funnel_times(events, stages, **how):
                d = t.to_dict()
                out.times.append(
                    TimesOut(
                        step=t.step,
                        name=names.get(t.step, t.step),
                        previous=t.previous,
                        previous_name=names.get(t.previous, t.previous),
                        to_convert=d["to_convert"],
                        in_step=d["in_step"],
                        dropped=d["dropped"],
                        bins=d["histogram"]["bins"],
                        histogram=d["histogram"]["counts"],
                    )
                )
    return out
