"""Key metrics measured from the data: the current value of every metric bound to a measure.

A metric with a ``measure`` (docs/kpis.md) is measured on the data of its map, or — for a
future-state map with ``based_on`` — on the data of the current-state map it improves (that map's
latest revision: its binding rules, its survey answers, its comments). A future-state touchpoint is
measured as the current touchpoint with the same id, else as the current touchpoints it ``improves``.
Each value carries ``n`` and, where there is one, an interval; a value that cannot be measured is
``None`` with the ``reason`` (``needs_<data>`` for a metric that says what data it ``needs``).

>>> met(45.0, 40.0, True), met(45.0, 40.0, False), met(None, 40.0, True)
(True, False, None)
>>> gap(45.0, 40.0, True), gap(45.0, 40.0, False)
(-5.0, 5.0)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from safar.errors import SafarError
from safar.events.periods import GREGORIAN_UTC, Calendar
from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES
from safar.kpis import contact, measures
from safar.metrics.units import seconds_per
from safar.model import JourneyMap, MapType, Metric
from safar.model.journey import Measure
from safar.voice.corrections import labelled_comments
from safar.workspace import Workspace


def met(value: float | None, target: float | None, higher_is_better: bool) -> bool | None:
    """Whether ``value`` reaches ``target`` in the metric's direction (``None`` when either is missing)."""
    if value is None or target is None:
        return None
    return value >= target if higher_is_better else value <= target


def gap(value: float | None, target: float | None, higher_is_better: bool) -> float | None:
    """How far ``value`` still is from ``target``, in the metric's direction: 0 or less means met."""
    if value is None or target is None:
        return None
    return round(target - value if higher_is_better else value - target, 6)


@dataclass(frozen=True)
class BoundMetric:
    """A metric of the map with where it sits: on the map (``touchpoint`` None) or on a touchpoint."""

    metric: Metric
    touchpoint: str | None

    @property
    def key(self) -> str:
        return f"{self.touchpoint}/{self.metric.name}" if self.touchpoint else self.metric.name


def bound_metrics(journey: JourneyMap) -> list[BoundMetric]:
    """Every metric of the map in document order: the map's own, then each touchpoint's."""
    found = [BoundMetric(m, None) for m in journey.metrics]
    for tp in journey.touchpoints():
        found.extend(BoundMetric(m, tp.id) for m in tp.metrics)
    return found


@dataclass(frozen=True)
class KpiValue:
    key: str
    metric: str
    touchpoint: str | None
    unit: str
    target: float | None
    higher_is_better: bool
    measure: dict[str, Any] | None
    value: float | None = None
    n: int = 0
    low: float | None = None
    high: float | None = None
    small_n: bool | None = None
    reason: str | None = None
    reason_details: dict[str, Any] = field(default_factory=dict)
    trend: tuple[dict[str, Any], ...] = ()

    @property
    def met(self) -> bool | None:
        return met(self.value, self.target, self.higher_is_better)

    @property
    def gap(self) -> float | None:
        return gap(self.value, self.target, self.higher_is_better)

    def reason_text(self, lang: str) -> str:
        if self.reason is None:
            return ""
        code = f"kpis.reason.{self.reason}"
        return translate(code if code in MESSAGES else self.reason, lang, **self.reason_details)

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "metric": self.metric,
            "touchpoint": self.touchpoint,
            "unit": self.unit,
            "measure": self.measure,
            "target": self.target,
            "higher_is_better": self.higher_is_better,
            "value": self.value,
            "n": self.n,
            "low": self.low,
            "high": self.high,
            "small_n": self.small_n,
            "met": self.met,
            "gap": self.gap,
            "reason": self.reason,
            "trend": list(self.trend),
        }


@dataclass(frozen=True)
class KpiReport:
    map_id: int
    revision: int
    data_map: int
    dataset: str | None
    period: str | None
    computed_at: datetime
    values: tuple[KpiValue, ...]
    calendar: Calendar = GREGORIAN_UTC  # the periods' calendar and time zone

    def to_dict(self) -> dict[str, Any]:
        return {
            "map": self.map_id,
            "revision": self.revision,
            "data_map": self.data_map,
            "dataset": self.dataset,
            "period": self.period,
            "calendar": self.calendar.system,
            "computed_at": self.computed_at.isoformat(),
            "metrics": [v.to_dict() for v in self.values],
        }


@dataclass(frozen=True)
class _Source:
    map_id: int
    own: JourneyMap
    data: JourneyMap  # whose binding rules, answers and comments are measured


def measure_map(
    workspace: Workspace,
    map_id: int,
    revision: int | None = None,
    *,
    period: str | None = None,
    calendar: Calendar = GREGORIAN_UTC,
) -> KpiReport:
    """Every metric of ``map_id`` (at ``revision``), measured now; with ``period``, also its trend, per
    period of ``calendar`` (Jalali months in Tehran time, say)."""
    measures.check_period(period)
    stored = workspace.get_map(map_id, revision)
    own = stored.document
    data_map, data = map_id, own
    if own.type is MapType.FUTURE_STATE and own.based_on is not None:
        data_map = own.based_on.map
        data = workspace.get_map(data_map).document
    names = data.datasets()
    default = names[0] if names else None
    source = _Source(data_map, own, data)
    bound = bound_metrics(own)
    with _Data(workspace, default, calendar) as reader:
        for b in bound:  # every scope measured on events, asked of the data together
            if b.metric.measure is not None and b.metric.measure.kind.value in measures.EVENT_KINDS:
                scope, _, reason = _scope(b.metric.measure, b.touchpoint, source)
                if reason is None:
                    reader.expect(
                        b.metric.measure.dataset or default,
                        scope,
                        median=b.metric.measure.kind.value == "median_time_to_next",
                    )
        values = tuple(_value(reader, source, b, period) for b in bound)
    return KpiReport(map_id, stored.revision, data_map, default, period, datetime.now(UTC), values, calendar)


def _value(reader: _Data, source: _Source, bound: BoundMetric, period: str | None) -> KpiValue:
    metric = bound.metric
    head: dict[str, Any] = {
        "key": bound.key,
        "metric": metric.name,
        "touchpoint": bound.touchpoint,
        "unit": metric.unit,
        "target": metric.target,
        "higher_is_better": metric.higher_is_better,
    }
    if metric.measure is None:
        why = "not_bound" if metric.needs is None else f"needs_{metric.needs.value}"
        return KpiValue(**head, measure=None, reason=why)
    measure = metric.measure
    scope, stage, reason = _scope(measure, bound.touchpoint, source)
    described = {
        "kind": measure.kind.value,
        "touchpoint": measure.touchpoint or (bound.touchpoint if measure.stage is None else None),
        "stage": measure.stage,
        "dataset": None,
        "over": None if scope is None else sorted(scope),
    }
    if reason is not None:
        return KpiValue(**head, measure=described, reason=reason)
    if measure.kind.value in (*measures.EVENT_KINDS, *contact.CONTACT_KINDS):
        described["dataset"] = measure.dataset or reader.default
    try:
        now = reader.measure(source, measure, scope, stage, None)
        trend = reader.measure(source, measure, scope, stage, period) if period else []
    except _NoValue as missing:
        return KpiValue(**head, measure=described, reason=missing.reason, reason_details=missing.details)
    except SafarError as err:
        return KpiValue(**head, measure=described, reason=err.code, reason_details=err.details)
    timed = measure.kind.value == "median_time_to_next" or measure.kind.value in contact.TIME_KINDS
    scale = seconds_per(metric.unit) if timed else 1
    found: dict[str, Any] = now[0] if now else {"value": None, "n": 0, "low": None, "high": None}
    value = _scaled(found["value"], scale)
    return KpiValue(
        **head,
        measure=described,
        value=value,
        n=int(found["n"]),
        low=_scaled(found.get("low"), scale),
        high=_scaled(found.get("high"), scale),
        small_n=found.get("small_n"),
        reason=None if value is not None else _why_none(measure.kind.value, int(found["n"])),
        trend=tuple(
            {"period": _iso(r["period"]), "value": _scaled(r["value"], scale), "n": int(r["n"])}
            for r in trend
            if r["value"] is not None
        ),
    )


def _why_none(kind: str, n: int) -> str:
    """Customers but no conversion: the scope is in the last stage with data (nothing later to reach);
    no survey answers or comments in the scope: say so, since those come from a survey, not events."""
    if kind == "conversion" and n:
        return "last_stage"
    if kind in measures.SURVEY_KINDS:
        return "no_answers"
    if kind in contact.CONTACT_KINDS:
        return "no_contacts"
    return "no_comments" if kind == "negative_share" else "no_data"


def _scaled(value: float | None, scale: int) -> float | None:
    if value is None:
        return None
    return round(float(value) / scale, 6) if scale != 1 else float(value)


def _iso(moment: Any) -> str | None:
    if isinstance(moment, datetime):
        return moment.date().isoformat()
    return moment.isoformat() if isinstance(moment, date) else None


def _scope(
    measure: Measure, holder: str | None, source: _Source
) -> tuple[frozenset[str] | None, str | None, str | None]:
    """(touchpoints of the data map, the stage when a whole stage, the reason when there are none)."""
    data_tps = {t.id for t in source.data.touchpoints()}
    own_tps = {t.id: t for t in source.own.touchpoints()}
    tp = measure.touchpoint or (holder if measure.stage is None else None)
    if tp is not None:
        if tp in data_tps:
            return frozenset({tp}), None, None
        improved = frozenset(own_tps[tp].improves) & data_tps if tp in own_tps else frozenset()
        return (improved, None, None) if improved else (None, None, "no_current_touchpoint")
    if measure.stage is not None:
        stage = next((s for s in source.data.stages if s.id == measure.stage), None)
        if stage is not None:
            return frozenset(t.id for t in stage.touchpoints), stage.id, None
        mine = next((s for s in source.own.stages if s.id == measure.stage), None)
        improved = frozenset(i for t in (mine.touchpoints if mine else []) for i in t.improves) & data_tps
        return (improved, None, None) if improved else (None, None, "no_current_stage")
    return None, None, None


class _NoValue(Exception):
    def __init__(self, reason: str, **details: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


class _Data:
    """The warehouse, opened once for all metrics of a map (when it exists), and its tables."""

    def __init__(self, workspace: Workspace, default: str | None, calendar: Calendar) -> None:
        self.workspace = workspace
        self.default = default
        self.calendar = calendar
        self.warehouse: Any = None
        self._events: dict[str, Any] = {}
        self._scopes: dict[str, set[frozenset[str] | None]] = {}
        self._medians: dict[str, set[frozenset[str] | None]] = {}  # the scopes whose median is read
        self._kept: dict[str, Any] = {}
        self._step_counts: dict[tuple[str, str | None], dict[Any, list[dict[str, Any]]]] = {}
        self._survey_counts: dict[tuple[int, str, str | None], list[dict[str, Any]]] = {}
        self._contacts: dict[str, tuple[Any, Any]] = {}  # dataset -> (offered contacts, their places)

    def __enter__(self) -> _Data:
        settings = self.workspace.settings
        if settings.warehouse_url is not None or settings.warehouse_path.exists():
            from safar.warehouse import open_warehouse

            self.warehouse = open_warehouse(settings)
        return self

    def __exit__(self, *_: object) -> None:
        if self.warehouse is not None:
            self.warehouse.close()

    def events(self, name: str | None) -> Any:
        if name is None:
            raise _NoValue("no_dataset")
        if name not in self._events:
            self.workspace.require_dataset(name)
            if self.warehouse is None:
                raise _NoValue("no_data")
            self._events[name] = self.warehouse.events(name)
        return self._events[name]

    def steps(self, name: str | None, journey: JourneyMap) -> Any:
        """The measured journey steps of dataset ``name`` (:class:`safar.analytics.kept.KeptSteps`), read
        once per page: each metric then reads counts kept beside them or runs a small query instead of
        binding the whole dataset again."""
        key = name or ""
        if key not in self._kept:
            from safar.analytics.kept import KeptSteps, kept_steps

            self.events(name)  # no warehouse, or not the workspace's dataset: _NoValue or an error here
            kept = kept_steps(self.warehouse, str(name), journey)
            if self.warehouse.raw is None:  # computed (Spark), not kept: kept for this page
                kept = KeptSteps(self.warehouse.materialise(kept.steps), kept.events, kept.customers, None)
            self._kept[key] = kept
        return self._kept[key]

    def expect(self, name: str | None, scope: frozenset[str] | None, *, median: bool = False) -> None:
        """``scope`` will be measured on the events of dataset ``name``: its counts come with the others'
        (and its median time to next, with ``median``)."""
        self._scopes.setdefault(name or "", set()).add(scope)
        if median:
            self._medians.setdefault(name or "", set()).add(scope)

    def step_counts(
        self,
        name: str | None,
        journey: JourneyMap,
        scope: frozenset[str] | None,
        period: str | None,
        kind: str,
    ) -> list[dict[str, Any]]:
        """The counts of ``scope`` (:func:`safar.kpis.measures.steps_counts`), computed for every expected
        scope of the dataset in one go per period, kept beside the kept steps."""
        from safar.analytics.kept_counts import counter

        key = (name or "", period)
        if key not in self._step_counts:
            wanted = {s: s for s in self._scopes.get(name or "", set())}
            kept = self.steps(name, journey)
            self._step_counts[key] = measures.steps_counts(
                kept.steps,
                wanted,
                period,
                self.calendar,
                stages=journey.stages,
                medians=self._medians.get(name or "", set()),
                count=counter(self.warehouse, kept),
            )
        found = self._step_counts[key]
        if scope not in found or (
            kind == "median_time_to_next" and scope not in self._medians.get(key[0], ())
        ):
            # not expected: measured alone
            kept = self.steps(name, journey)
            found |= measures.steps_counts(
                kept.steps, {scope: scope}, period, self.calendar, stages=journey.stages
            )
        return found[scope]

    def measure(
        self,
        source: _Source,
        measure: Measure,
        scope: frozenset[str] | None,
        stage: str | None,
        period: str | None,
    ) -> list[dict[str, Any]]:
        kind = measure.kind.value
        if kind in contact.CONTACT_KINDS:
            return self.contact_measure(source, measure, scope, period)
        if kind in measures.EVENT_KINDS:
            if kind == "conversion" and scope is not None and source.data.stages:
                last = {t.id for t in source.data.stages[-1].touchpoints}
                if scope <= last:
                    raise _NoValue("last_stage")
            counts = self.step_counts(measure.dataset or self.default, source.data, scope, period, kind)
            return [measures.step_value(kind, r) for r in counts]
        if self.warehouse is None:
            raise _NoValue("no_data")
        if kind in measures.SURVEY_KINDS:
            table = self.warehouse.con.table("responses")
            key = (source.map_id, kind, period)
            if key not in self._survey_counts:  # once per kind and period, for every metric of that kind
                self._survey_counts[key] = measures.survey_counts(
                    table, kind, map_id=source.map_id, period=period, calendar=self.calendar
                )
            return measures.survey_value(
                self._survey_counts[key],
                kind,
                scope=scope,
                stage=stage,
                period=period,
                answers=table,
                map_id=source.map_id,
                calendar=self.calendar,
            )
        table = labelled_comments(self.warehouse)
        return measures.negative_share(
            table, map_id=source.map_id, scope=scope, period=period, calendar=self.calendar
        )

    def contact_measure(
        self, source: _Source, measure: Measure, scope: frozenset[str] | None, period: str | None
    ) -> list[dict[str, Any]]:
        """A contact-centre kind over the contacts bound to ``scope`` (:mod:`safar.kpis.contact`), through the
        data map's ``contact_centre`` roles; the contacts and their places are computed once per dataset."""
        from safar.analytics.binding import bind_events
        from safar.analytics.contact import offered_contacts, roles_of

        centre = source.data.contact_centre
        if centre is None:
            raise _NoValue("no_contact_roles")
        roles = roles_of(centre)
        name = measure.dataset or self.default
        if (name or "") not in self._contacts:
            events = self.events(name)
            keep = self.warehouse.materialise
            _, _, offered = offered_contacts(events, roles, keep=keep)
            places = keep(contact.contact_places(bind_events(events, source.data), roles))
            self._contacts[name or ""] = (offered, places)
        offered, places = self._contacts[name or ""]
        inside = contact.contacts_in(offered, places, scope)
        counts = contact.contact_counts(inside, roles, period, self.calendar)
        return [contact.contact_value(measure.kind.value, r) for r in counts]


def iter_targets(report: KpiReport) -> Iterator[KpiValue]:
    """The values of the metrics that have a target."""
    return (v for v in report.values if v.target is not None)
