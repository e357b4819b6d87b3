"""Which events belong to which touchpoint (اتصال رویدادها به نقاط تماس), as an editor binds them: the map's
coverage of one dataset, its activities by frequency with the touchpoint each goes to, and each touchpoint's
rules with the events and customers they bind.

The binding page (``/w/{ws}/maps/{id}/binding``), its JSON twin (``GET …/maps/{id}/binding``) and
``safar map binding`` call :func:`binding_screen`; changes are the map edits ``bind`` and ``unbind``
(:mod:`safar.maps.edits`), each a revision. The counts come from
:func:`safar.analytics.binding.bind_events`, the binding every analysis uses, so what this page says a
touchpoint binds is what its numbers count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, Field

from safar.analytics import bind_events
from safar.analytics._common import rows, share
from safar.errors import NotFoundError

if TYPE_CHECKING:
    from safar.context import Context
    from safar.model import BindingRule

MAX_ACTIVITIES = 500


class RuleOut(BaseModel):
    activities: list[str] = Field(description="The activities it names (empty: a rule of another kind).")
    channel: str | None
    dataset: str | None
    plain: bool = Field(
        description="Made of activity names only (and maybe a channel): editable by clicking."
    )
    other: list[str] = Field(
        description="Its other conditions, as written in the map (a pattern, attributes)."
    )


class TouchpointBinding(BaseModel):
    id: str
    name: str
    stage: str = Field(description="The stage's name.")
    rules: list[RuleOut]
    events: int
    customers: int
    share: float | None = Field(description="Its share of the dataset's events.")


class ActivityOut(BaseModel):
    name: str
    events: int
    share: float | None = Field(description="Its share of the dataset's events.")
    touchpoint: str | None = Field(description="The touchpoint that binds most of its events (None: none).")
    touchpoint_name: str | None
    split: bool = Field(description="Its events go to more than one touchpoint (or partly to none).")


class BindingScreen(BaseModel):
    map_id: int
    title: str
    revision: int
    datasets: list[str] = Field(description="The workspace's datasets.")
    dataset: str | None = Field(description="The dataset shown (the map's first, unless one is asked for).")
    events: int
    bound: int
    bound_share: float | None
    unbound_activities: int
    touchpoints: list[TouchpointBinding]
    activities: list[ActivityOut] = Field(description="By events, most first (at most 500).")
    more_activities: int = Field(description="Activities left out of the list.")
    channels: list[str] = Field(description="The channels the dataset's events carry.")


def binding_screen(ctx: Context, map_id: int, dataset: str | None = None) -> BindingScreen:
    """How the map ``map_id`` (its latest revision) binds ``dataset`` (default: the map's own, else the
    workspace's first)."""
    stored = ctx.workspace.get_map(map_id)
    journey = stored.document
    datasets = ctx.workspace.datasets()
    if dataset is not None and dataset not in datasets:
        raise NotFoundError(
            "dataset.not_in_workspace", dataset=dataset, workspace=ctx.workspace.slug, known=datasets or ["-"]
        )
    chosen = dataset or next(
        (d for d in journey.datasets() if d in datasets), datasets[0] if datasets else None
    )
    stage_of = {t.id: s for s in journey.stages for t in s.touchpoints}
    per_activity: list[dict[str, object]] = []
    per_touchpoint: dict[str | None, dict[str, object]] = {}
    channels: list[str] = []
    if chosen is not None and ctx.has_warehouse():
        with ctx.warehouse() as warehouse:
            if dataset is None:  # by default one that has events: a database source not yet pulled has none
                loaded = {info.name for info in warehouse.datasets()}
                found = [*journey.datasets(), *datasets]
                chosen = next((d for d in found if d in datasets and d in loaded), None)
            if chosen is not None:
                events = warehouse.events(chosen)
                bound = bind_events(events, journey)
                per_activity = rows(bound.group_by(["activity", "touchpoint_id"]).agg(n=bound.count()))
                per_touchpoint = {
                    r["touchpoint_id"]: r
                    for r in rows(
                        bound.group_by("touchpoint_id").agg(
                            n=bound.count(), customers=bound.customer_id.nunique()
                        )
                    )
                }
                seen = events.filter(events.channel.notnull())
                channels = [
                    str(r["channel"]) for r in rows(seen.select("channel").distinct().order_by("channel"))
                ]
    total = sum(int(r["n"]) for r in per_touchpoint.values())  # type: ignore[call-overload]
    unbound = int(per_touchpoint.get(None, {}).get("n", 0))  # type: ignore[call-overload]
    activities = _activities(per_activity, total, {t.id: t.name for t in journey.touchpoints()})
    touchpoints = [
        TouchpointBinding(
            id=tp.id,
            name=tp.name,
            stage=stage_of[tp.id].name,
            rules=[_rule(r) for r in tp.bind],
            events=int(per_touchpoint.get(tp.id, {}).get("n", 0)),  # type: ignore[call-overload]
            customers=int(per_touchpoint.get(tp.id, {}).get("customers", 0)),  # type: ignore[call-overload]
            share=share(int(per_touchpoint.get(tp.id, {}).get("n", 0)), total),  # type: ignore[call-overload]
        )
        for tp in journey.touchpoints()
    ]
    return BindingScreen(
        map_id=map_id,
        title=journey.title,
        revision=stored.revision,
        datasets=datasets,
        dataset=chosen,
        events=total,
        bound=total - unbound,
        bound_share=share(total - unbound, total),
        unbound_activities=sum(1 for a in activities if a.touchpoint is None),
        touchpoints=touchpoints,
        activities=activities[:MAX_ACTIVITIES],
        more_activities=max(0, len(activities) - MAX_ACTIVITIES),
        channels=channels,
    )


def _activities(found: list[dict[str, object]], total: int, names: dict[str, str]) -> list[ActivityOut]:
    by_activity: dict[str, dict[str | None, int]] = {}
    for r in found:
        by_activity.setdefault(str(r["activity"]), {})[r["touchpoint_id"]] = int(r["n"])  # type: ignore[index,call-overload]
    out = []
    for name, parts in by_activity.items():
        events = sum(parts.values())
        main = max(parts, key=lambda t: (parts[t], t is not None))
        out.append(
            ActivityOut(
                name=name,
                events=events,
                share=share(events, total),
                touchpoint=main,
                touchpoint_name=names.get(main) if main else None,
                split=len(parts) > 1,
            )
        )
    return sorted(out, key=lambda a: (-a.events, a.name))


def _rule(rule: BindingRule) -> RuleOut:
    other = []
    if rule.activity_regex is not None:
        other.append(f"activity ~ {rule.activity_regex}")
    other += [f"{k} = {v}" for k, v in rule.attributes.items()]
    names = [*([rule.activity] if rule.activity else []), *rule.activity_in]
    return RuleOut(
        activities=names,
        channel=rule.channel,
        dataset=rule.dataset,
        plain=bool(names) and not other,
        other=other,
    )
