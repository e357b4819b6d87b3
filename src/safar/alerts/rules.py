"""Alert rules (قاعده هشدار): what to watch, where on the map, and how sure to be before telling anyone.

A rule names a map, a target on it (a touchpoint, a stage, or a channel: every touchpoint of the
map in that channel), a kind, and the parameters of its statistical guard.

>>> p = RuleParams.parse({"window": "7d", "alpha": "0.05"})
>>> p.window, p.baseline, p.alpha, p.min_n
(604800, 2419200, 0.05, 30)
>>> RuleKind.CONVERSION_DROPS.source, RuleKind.CONVERSION_DROPS.falling
('events', True)
>>> from safar.model import Stage
>>> owners_of(JourneyMap(title="t", stages=[Stage(id="s", name="S", touchpoints=[
...     Touchpoint(id="a", name="A", channel="web", owner="Sales"),
...     Touchpoint(id="b", name="B", channel="web", owner="IT")])]), TargetKind.CHANNEL, "web")
['Sales', 'IT']
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from safar.analytics import parse_duration
from safar.errors import InputError
from safar.model import JourneyMap, Touchpoint

__all__ = ["AlertRule", "RuleKind", "RuleParams", "TargetKind", "owners_of", "touchpoints_of"]


class RuleKind(StrEnum):
    SATISFACTION_FALLS = "satisfaction_falls"
    CONVERSION_DROPS = "conversion_drops"
    UNANSWERED_RISES = "unanswered_rises"
    NEGATIVE_SENTIMENT_RISES = "negative_sentiment_rises"
    WAIT_EXCEEDS = "wait_exceeds"

    @property
    def source(self) -> str:
        """The warehouse table the rule reads: responses, comments or events."""
        return {
            "satisfaction_falls": "responses",
            "negative_sentiment_rises": "comments",
        }.get(self.value, "events")

    @property
    def falling(self) -> bool:
        """True when a fall of the metric is bad news, False when a rise is."""
        return self in (RuleKind.SATISFACTION_FALLS, RuleKind.CONVERSION_DROPS)


class TargetKind(StrEnum):
    TOUCHPOINT = "touchpoint"
    STAGE = "stage"
    CHANNEL = "channel"


DAY = 86400
DURATIONS = ("window", "baseline", "within", "threshold", "recent")
# The settings of a wait rule (wait_exceeds): the contact roles and queue it reads, its threshold and the
# window of its recent mean (safar.insights.waits); no other kind takes them.
WAIT_PARAMS = ("enter", "answer", "abandon", "queue", "contact_col", "queue_col", "threshold", "recent")
_SPAN = "90s, 45m, 12h, 7d, 2w"
ALLOWED = {
    "window": f"≥ 1m: {_SPAN}",
    "baseline": f"≥ 1m: {_SPAN}",
    "within": f"≥ 1m: {_SPAN}",
    "cooldown": f"≥ 0s: {_SPAN}",
    "backoff": f"0s … 1h: {_SPAN}",
    "min_n": "1 … 10000000",
    "alpha": "0 < α < 0.5",
    "min_effect": "0 … 2",
    "guard": "ztest, pchart, both",
    "metric": "csat, nps",
    "attempts": "1 … 10",
    "threshold": f"≥ 1s: {_SPAN}",
    "recent": f"≥ 1m: {_SPAN}",
}


def bad_param(param: str, value: object) -> InputError:
    """The error for a setting outside what :data:`ALLOWED` says; free-text settings get ``alerts.bad_text``."""
    if param not in ALLOWED:
        return InputError("alerts.bad_text", param=param, value=str(value))
    return InputError("alerts.bad_param", param=param, value=str(value), allowed=ALLOWED[param])


MAX_SPAN = 3650 * DAY  # ten years: longer windows, baselines or cool-downs are refused


class RuleParams(BaseModel):
    """The guard and the metric's options; durations are seconds (given as ``7d``, ``12h``…)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    window: int = Field(default=7 * DAY, ge=60, le=MAX_SPAN)
    baseline: int = Field(default=28 * DAY, ge=60, le=MAX_SPAN)
    min_n: int = Field(default=30, ge=1, le=10_000_000)
    alpha: float = Field(default=0.01, gt=0.0, lt=0.5)
    min_effect: float = Field(default=0.05, ge=0.0, le=2.0)
    guard: Literal["ztest", "pchart", "both"] = "ztest"
    metric: Literal["csat", "nps"] = "csat"
    within: int = Field(default=DAY, ge=60, le=MAX_SPAN)
    to: str | None = Field(default=None, min_length=1, max_length=200)
    dataset: str | None = Field(default=None, min_length=1, max_length=200)
    enter: str | None = Field(default=None, min_length=1, max_length=2000)
    answer: str | None = Field(default=None, min_length=1, max_length=2000)
    abandon: str | None = Field(default=None, min_length=1, max_length=2000)
    queue: str | None = Field(default=None, min_length=1, max_length=200)
    contact_col: str | None = Field(default=None, min_length=1, max_length=200)
    queue_col: str | None = Field(default=None, min_length=1, max_length=200)
    threshold: int | None = Field(default=None, ge=1, le=MAX_SPAN)
    recent: int | None = Field(default=None, ge=60, le=MAX_SPAN)

    @field_validator("window", "baseline", "within", "threshold", "recent", mode="before")
    @classmethod
    def _duration(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return int(parse_duration(value).total_seconds())
            except OverflowError:  # beyond what a time span can hold: certainly over MAX_SPAN
                return MAX_SPAN + 1
        return value

    @classmethod
    def parse(cls, values: dict[str, Any]) -> RuleParams:
        """Parameters from user input, ``None`` meaning the default; a bad one is an :class:`InputError`."""
        given = {k: v for k, v in values.items() if v is not None and v != ""}
        try:
            return cls.model_validate(given)
        except ValidationError as exc:
            first = exc.errors()[0]
            name = str(first["loc"][0]) if first["loc"] else "?"
            raise bad_param(name, given.get(name, "")) from None
        except InputError as exc:  # a duration that does not parse
            name = next(k for k in DURATIONS if str(given.get(k)) == exc.details["value"])
            raise bad_param(name, exc.details["value"]) from None

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(exclude_none=True)


@dataclass(frozen=True)
class AlertRule:
    id: int
    map_id: int
    target_kind: TargetKind
    target_id: str
    kind: RuleKind
    params: RuleParams
    owner: str | None
    cooldown: int
    enabled: bool
    created_by: str
    created_at: datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "map_id": self.map_id,
            "target": {"kind": self.target_kind.value, "id": self.target_id},
            "kind": self.kind.value,
            "params": self.params.to_json(),
            "owner": self.owner,
            "cooldown": self.cooldown,
            "enabled": self.enabled,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
        }


def touchpoints_of(journey: JourneyMap, target_kind: TargetKind, target_id: str) -> list[Touchpoint]:
    """The touchpoints a target covers (empty when the map has no such target)."""
    if target_kind is TargetKind.TOUCHPOINT:
        return [t for t in journey.touchpoints() if t.id == target_id]
    if target_kind is TargetKind.STAGE:
        return next((list(s.touchpoints) for s in journey.stages if s.id == target_id), [])
    return [t for t in journey.touchpoints() if t.channel == target_id]


def target_name(journey: JourneyMap, target_kind: TargetKind, target_id: str) -> str:
    if target_kind is TargetKind.TOUCHPOINT:
        return next((t.name for t in journey.touchpoints() if t.id == target_id), target_id)
    if target_kind is TargetKind.STAGE:
        return next((s.name for s in journey.stages if s.id == target_id), target_id)
    return target_id


def owners_of(journey: JourneyMap, target_kind: TargetKind, target_id: str) -> list[str]:
    """The departments owning the target's touchpoints, in map order, each once."""
    found: list[str] = []
    for tp in touchpoints_of(journey, target_kind, target_id):
        if tp.owner.strip() and tp.owner.strip() not in found:
            found.append(tp.owner.strip())
    return found


def check_target(journey: JourneyMap, target_kind: TargetKind, target_id: str, params: RuleParams) -> None:
    """The target (and ``to``) must be on the map; a stage must hold touchpoints."""
    if target_kind is TargetKind.STAGE:
        known = [s.id for s in journey.stages]
    elif target_kind is TargetKind.TOUCHPOINT:
        known = [t.id for t in journey.touchpoints()]
    else:
        known = sorted({t.channel for t in journey.touchpoints()})
    if target_id not in known:
        raise InputError(
            "alerts.unknown_target", kind=target_kind.value, target=target_id, known=known or ["-"]
        )
    if params.to is not None and not any(t.id == params.to for t in journey.touchpoints()):
        raise InputError(
            "alerts.unknown_target",
            kind="touchpoint",
            target=params.to,
            known=[t.id for t in journey.touchpoints()] or ["-"],
        )


def check_kind_params(kind: RuleKind, params: RuleParams) -> None:
    """A wait rule names the activities of entering the queue and of the answer and its threshold; the
    other kinds take none of a wait rule's settings."""
    if kind is RuleKind.WAIT_EXCEEDS:
        for name in ("enter", "answer", "threshold"):
            if getattr(params, name) is None:
                raise InputError("alerts.wait_needs", param=name)
        return
    for name in WAIT_PARAMS:
        if getattr(params, name) is not None:
            raise InputError("alerts.wait_only", param=name, kind=kind.value)
