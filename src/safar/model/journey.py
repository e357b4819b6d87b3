"""The journey map (نقشه سفر مشتری) and its parts, as pure data.

A map is a document: personas, ordered stages, touchpoints inside stages with
the five attributes, blueprint lanes, moments of truth and key metrics. It
holds no store ids, so the same document can be kept in git, imported into any
workspace and exported again unchanged.

>>> m = JourneyMap(title="Buying insurance", stages=[
...     Stage(id="awareness", name="Awareness", touchpoints=[
...         Touchpoint(id="ad", name="Sees an ad", channel="advertising")])])
>>> m.type.value, [t.id for t in m.touchpoints()]
('current_state', ['ad'])
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from safar.model.binding import BindingRule
from safar.model.channel import Channel
from safar.model.ids import Slug
from safar.model.lane import Lane
from safar.model.text import Lines, Text, normalized

FORMAT_VERSION = 1


class MapType(StrEnum):
    CURRENT_STATE = "current_state"
    DAY_IN_THE_LIFE = "day_in_the_life"
    FUTURE_STATE = "future_state"
    SERVICE_BLUEPRINT = "service_blueprint"


class EvidenceSource(StrEnum):
    """Where the claim that a touchpoint is a moment of truth comes from."""

    MANAGEMENT = "management"
    FRONTLINE_STAFF = "frontline_staff"
    MARKET_RESEARCH = "market_research"
    RETENTION_DATA = "retention_data"
    SATISFACTION_DATA = "satisfaction_data"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class MeasureKind(StrEnum):
    """What a key metric measures in the data (definitions: docs/kpis.md)."""

    CUSTOMERS = "customers"
    CONVERSION = "conversion"
    DROPOFF = "dropoff"
    MEDIAN_TIME_TO_NEXT = "median_time_to_next"
    NPS = "nps"
    CSAT = "csat"
    CES = "ces"
    NEGATIVE_SHARE = "negative_share"
    # the contact centre's, read through the map's contact_centre roles (safar.metrics.contact)
    SERVICE_LEVEL = "service_level"
    ABANDONMENT_RATE = "abandonment_rate"
    SPEED_OF_ANSWER = "speed_of_answer"
    HANDLE_TIME = "handle_time"
    FIRST_CONTACT_RESOLUTION = "first_contact_resolution"
    REPEAT_SHARE = "repeat_share"
    TRANSFER_RATE = "transfer_rate"


class Measure(_Part):
    """Binds a metric to the data: a kind, measured at a touchpoint, a stage or (neither) the whole map.

    On a touchpoint's metric the touchpoint is the default; ``dataset`` defaults to the first dataset
    the map's binding rules name.

    >>> Measure(kind="conversion", touchpoint="call-centre").kind.value
    'conversion'
    """

    kind: MeasureKind
    touchpoint: Slug | None = None
    stage: Slug | None = None
    dataset: str | None = Field(default=None, min_length=1, max_length=200)

    @model_validator(mode="after")
    def _one_scope(self) -> Measure:
        if self.touchpoint is not None and self.stage is not None:
            raise ValueError("a measure is at a touchpoint or at a stage, not both")
        return self


class DataNeed(StrEnum):
    """Data outside events, survey answers and comments that a metric needs to be measured (docs/kpis.md)."""

    MARKET_SURVEY = "market_survey"  # a survey of the market, not only of customers (brand awareness)
    ACQUISITION = "acquisition"  # where each new customer came from (search, referral, campaign)
    CAMPAIGNS = "campaigns"  # sends, opens and clicks of ads, SMS and e-mail
    OPERATIONS = "operations"  # timings the service's own systems record (answer, reply, delivery times)
    OUTCOMES = "outcomes"  # the outcome of each case (paid or failed, resolved or not, renewed or lapsed)
    REVENUE = "revenue"  # revenue per customer and period
    USAGE = "usage"  # product use per user over time (active days, sessions, seats)
    DIARY = "diary"  # a diary or time-use study of the persona's day


class Metric(_Part):
    """A key metric (شاخص کلیدی) with its unit and, optionally, a target and what it measures.

    A metric Safar cannot measure from its data says instead what data it ``needs``.

    >>> Metric(name="Net revenue retention", unit="%", needs="revenue").needs.value
    'revenue'
    """

    name: Text = Field(min_length=1)
    unit: Text = ""
    target: float | None = Field(default=None, allow_inf_nan=False)
    higher_is_better: bool = True
    measure: Measure | None = None
    needs: DataNeed | None = None

    @model_validator(mode="after")
    def _measured_or_needs(self) -> Metric:
        if self.measure is not None and self.needs is not None:
            raise ValueError("a metric has a measure or says what data it needs, not both")
        return self


class Emotion(_Part):
    """The emotion assumed at a touchpoint, −2 (very negative) to +2 (very positive)."""

    score: int = Field(ge=-2, le=2)
    label: Text = ""


class EvidenceStrength(StrEnum):
    """How much a piece of evidence weighs, as the person who recorded it judged."""

    WEAK = "weak"
    MODERATE = "moderate"
    STRONG = "strong"


class Evidence(_Part):
    """One piece of the evidence that a touchpoint is a moment of truth: where it comes from, who said it or
    which study, when, how strong, how many agreed, a note. A plain source name is read as evidence of that
    source alone, and such evidence is written back as its name (``evidence: [management]`` round-trips).

    >>> Evidence.model_validate("market_research").model_dump(mode="json")
    'market_research'
    >>> Evidence(source="frontline_staff", who="Branch managers' meeting", agreed=7).model_dump(mode="json")["agreed"]
    7
    """

    source: EvidenceSource
    who: Text = Field(default="", max_length=300)
    on: date | None = None
    strength: EvidenceStrength | None = None
    agreed: int | None = Field(default=None, ge=0, le=10_000_000)
    note: Text = Field(default="", max_length=2000)

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, value: Any) -> Any:
        return {"source": value} if isinstance(value, str) else value

    @model_serializer(mode="wrap")
    def _short(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        plain = not (self.who or self.on or self.strength or self.agreed is not None or self.note)
        return data["source"] if plain and isinstance(data, dict) else data


class MomentOfTruth(_Part):
    """Marks a touchpoint as a moment of truth (لحظه حقیقت) and says on what evidence."""

    evidence: list[Evidence] = Field(min_length=1)
    note: Text = ""

    @property
    def sources(self) -> list[EvidenceSource]:
        """The sources of the evidence, each once, in order."""
        return list(dict.fromkeys(e.source for e in self.evidence))


class Persona(_Part):
    """Whom the map is about (پرسونا): who they are, in their own words, goals, pains, triggers, segment."""

    id: Slug
    name: Text = Field(min_length=1)
    description: Text = ""
    segment: Text = ""
    # What the persona would say, in their words («فقط می‌خواهم بدانم پرونده‌ام کجاست»).
    quote: Text = ""
    # Who they are: one fact a line (age, city, occupation, family, how long a customer …).
    demographics: Lines = Field(default_factory=list)
    # A photo or avatar, kept in the map itself (so exports and revisions carry it): a small JPEG, PNG or WebP
    # as a data URI (the web app makes one from an uploaded picture: safar.web.persona_photo).
    photo: str = Field(
        default="", max_length=300_000, pattern=r"^(data:image/(?:jpeg|png|webp);base64,[A-Za-z0-9+/]+=*)?$"
    )
    # Who the persona is in the data: ``KEY=VALUE`` conditions on the customers' event attributes, separated
    # by ``;``, all of which hold (``segment=returning; plan=gold``); the canvas and journeys pages then show
    # the persona's own figures (safar.services.audience).
    data_segment: Text = ""
    goals: Lines = Field(default_factory=list)
    pains: Lines = Field(default_factory=list)
    triggers: Lines = Field(default_factory=list)

    @model_validator(mode="after")
    def _conditions(self) -> Persona:
        for part in self.conditions():
            key, sep, _ = part.partition("=")
            if not sep or not key.strip():
                raise ValueError(f"data_segment: “{part}” is not KEY=VALUE (e.g. segment=returning)")
        return self

    def conditions(self) -> list[str]:
        """The ``KEY=VALUE`` conditions of :attr:`data_segment`, as written."""
        return [part.strip() for part in self.data_segment.split(";") if part.strip()]


class Scope(_Part):
    """The period a map covers: a free description and optional dates (ISO, Gregorian)."""

    @model_validator(mode="after")
    def _ordered(self) -> Scope:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"scope ends ({self.end}) before it starts ({self.start})")
        return self

    timeline: Text = ""
    start: date | None = None
    end: date | None = None


class Touchpoint(_Part):
    """A moment where the customer meets the brand (نقطه تماس), with the five attributes and more."""

    id: Slug
    name: Text = Field(min_length=1)
    # The five attributes
    description: Text = ""  # توصیف: what the customer seeks here
    customer_activity: Text = ""  # فعالیت مشتری
    experience: Text = ""  # تجربه و احساسات
    channel: str = Field(min_length=1)  # روش تعامل: an id from the channel catalogue
    expectations: Text = ""  # خواسته‌ها و انتظارات
    # Further description
    device: Text = ""
    questions: Lines = Field(default_factory=list)
    motivations: Lines = Field(default_factory=list)
    emotion: Emotion | None = None
    owner: Text = ""  # the owning department
    pain_points: Lines = Field(default_factory=list)
    opportunities: Lines = Field(default_factory=list)
    # Service-blueprint lanes
    frontstage: Lines = Field(default_factory=list)
    backstage: Lines = Field(default_factory=list)
    support: Lines = Field(default_factory=list)
    moment_of_truth: MomentOfTruth | None = None
    metrics: list[Metric] = Field(default_factory=list)
    # Future state: ids of the current-state touchpoints this one improves
    improves: list[Slug] = Field(default_factory=list)
    # Which raw events belong here (see safar.model.binding)
    bind: list[BindingRule] = Field(default_factory=list)


class Stage(_Part):
    """A stage of the journey (مرحله), holding its touchpoints in order."""

    id: Slug
    name: Text = Field(min_length=1)
    description: Text = ""
    goal: Text = ""
    touchpoints: list[Touchpoint] = Field(default_factory=list)


class BasedOn(_Part):
    """A future-state map points at the current-state map it improves."""

    map: int = Field(ge=1)
    revision: int | None = Field(default=None, ge=1)


# A threshold written as a duration: 20s, 5m, 12h, 7d, 2w (safar.analytics._common.parse_duration reads it).
Duration = Annotated[str, Field(pattern=r"^\s*\d+(\.\d+)?\s*[smhdwSMHDW]\s*$", max_length=20)]
ColumnName = Annotated[str, Field(min_length=1, max_length=200)]


class ContactCentre(_Part):
    """How the map's contact-centre metrics read its events (docs/contact-centre.md): the activities that
    enter the queue, answer, abandon, end and reopen a contact, the columns naming the contact, its queue and
    agent, and the thresholds. A contact belongs to a touchpoint when one of its events is bound there.

    >>> ContactCentre(enter=["queued"], answer=["answered"], sla="30s").sla
    '30s'
    """

    enter: Lines = Field(min_length=1)
    answer: Lines = Field(min_length=1)
    abandon: Lines = Field(default_factory=list)
    end: Lines = Field(default_factory=list)
    reopen: Lines = Field(default_factory=list)
    contact_col: ColumnName = "contact_id"
    queue_col: ColumnName = "queue"
    agent_col: ColumnName = "agent"
    sla: Duration = "20s"
    short_abandon: Duration = "5s"
    repeat_within: Duration = "7d"

    @model_validator(mode="after")
    def _one_role_each(self) -> ContactCentre:
        seen: dict[str, str] = {}
        for role in ("enter", "answer", "abandon", "end", "reopen"):
            for name in getattr(self, role):
                if name in seen:
                    raise ValueError(f"activity {name!r} is both {seen[name]} and {role}")
                seen[name] = role
        return self


class JourneyMap(_Part):
    """A journey map document."""

    safar: int = Field(default=FORMAT_VERSION, ge=1, le=FORMAT_VERSION)
    title: Text = Field(min_length=1, max_length=300)
    type: MapType = MapType.CURRENT_STATE
    lang: str = Field(default="fa", pattern=r"^(fa|en)$")
    description: Text = ""
    scope: Scope = Field(default_factory=Scope)
    personas: list[Persona] = Field(default_factory=list)
    stages: list[Stage] = Field(default_factory=list)
    lanes: list[Lane] = Field(default_factory=list)  # the team's own lanes, under the built-in ones
    metrics: list[Metric] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)  # channels this document adds to the catalogue
    based_on: BasedOn | None = None
    tags: Lines = Field(default_factory=list)
    contact_centre: ContactCentre | None = None  # what the contact-centre metrics read

    @model_validator(mode="before")
    @classmethod
    def _normalise_channels(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("channels"), list):
            data = dict(data)
            data["channels"] = [
                {k: normalized(v) for k, v in c.items()} if isinstance(c, dict) else c
                for c in data["channels"]
            ]
        return data

    def touchpoints(self) -> Iterator[Touchpoint]:
        for stage in self.stages:
            yield from stage.touchpoints

    def stage_of(self, touchpoint_id: str) -> Stage | None:
        return next((s for s in self.stages if any(t.id == touchpoint_id for t in s.touchpoints)), None)

    def datasets(self) -> list[str]:
        """The datasets the map's binding rules name, in map order (the first is the map's default)."""
        seen: list[str] = []
        for tp in self.touchpoints():
            for rule in tp.bind:
                if rule.dataset and rule.dataset not in seen:
                    seen.append(rule.dataset)
        return seen

    def to_document(self) -> dict[str, Any]:
        """The document as plain data, leaving out fields at their defaults so files stay readable."""
        body = self.model_dump(mode="json", exclude_defaults=True)
        head = {key: body.pop(key, default) for key, default in _HEADER.items()}
        head["title"] = self.title
        return {**head, **body}


_HEADER = {"safar": FORMAT_VERSION, "title": "", "type": MapType.CURRENT_STATE.value, "lang": "fa"}
