"""One customer's whole history (نمای کامل مشتری, customer 360): the page ``/w/{ws}/customers/{id}``, its
JSON twin ``GET /api/v1/workspaces/{ws}/customers/{id}`` and ``safar customer show ID`` all call
:func:`customer_history`; the search ``/w/{ws}/customers?q=…`` (and ``safar customer find``) calls
:func:`find_customers`.

The history is read from the warehouse as it is now, for one customer, so it needs nothing kept:

- **who**: each dataset holding the customer, with the attributes loaded with them and those their events
  carry (their segment among them, each with its newest value), how many events and their first and last
  time;
- **where they are now on each map**: for every map whose binding reads one of those datasets, the
  customer's last step on it (touchpoint and stage), the furthest stage reached and whether that is the
  map's last stage;
- **the timeline**, newest first: every event (with the touchpoint it is on each map that binds it), every
  comment (with its label as read now, a person's correction first: :func:`safar.voice.corrections.labelled_comments`)
  and every survey answer (with its survey's and question's text) of the customer. Of a long history the
  newest :data:`SHOWN` items are listed and the rest counted (``total``), never dropped silently.

>>> CustomerQuery(customer_id=" C۰۰۱ ").customer_id
'C001'
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Annotated, Any, Literal

import ibis
from pydantic import AfterValidator, BaseModel, Field, field_validator

from safar.analytics._common import rows
from safar.analytics.binding import bind_events
from safar.errors import InputError, NotFoundError
from safar.events.letters import normalize_id, normalize_letters
from safar.model import JourneyMap, channel_name
from safar.services.customer_alerts import CustomerAlert, alerts_involving
from safar.services.respondents import local_time

if TYPE_CHECKING:
    from safar.context import Context
    from safar.warehouse import Warehouse

__all__ = [
    "SHOWN",
    "CustomerDataset",
    "CustomerHistory",
    "CustomerMatch",
    "CustomerMatches",
    "CustomerQuery",
    "JourneyNow",
    "Place",
    "TimelineItem",
    "customer_history",
    "find_customers",
]

SHOWN = 500  # the newest timeline items listed; the rest are counted
MATCHES = 50  # the customers a search lists
Kind = Literal["event", "comment", "answer"]


def _utc(value: dt.datetime) -> dt.datetime:
    """A moment as the warehouse keeps it (UTC, naive) said to be in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


Utc = Annotated[dt.datetime, AfterValidator(_utc)]


class CustomerQuery(BaseModel):
    """Whose history: the customer's id as typed (Persian or Arabic digits and letters read as stored), and
    one dataset or every dataset of the workspace."""

    customer_id: str = Field(min_length=1, max_length=200)
    dataset: str | None = Field(default=None, max_length=200)
    limit: int = Field(default=SHOWN, ge=1, le=5000, description="The newest timeline items to list.")

    @field_validator("customer_id")
    @classmethod
    def _as_stored(cls, value: str) -> str:
        found = normalize_id(value.strip())
        if not found:
            raise ValueError("empty")
        return found


class CustomerDataset(BaseModel):
    """A dataset holding the customer: their attributes as loaded, and their events there."""

    dataset: str
    attributes: dict[str, str] = Field(description="Loaded with the customer (a customers file).")
    on_events: dict[str, str] = Field(
        description="Each attribute their events carry (a segment, a plan …), with its newest value."
    )
    events: int
    first_at: Utc | None = Field(description="UTC.")
    last_at: Utc | None = Field(description="UTC.")
    first: str | None = Field(description="``first_at`` in the reader's calendar and time zone.")
    last: str | None = Field(description="``last_at`` in the reader's calendar and time zone.")

    def every_attribute(self) -> list[tuple[str, str]]:
        """Their attributes by name, those loaded with them over those their events carry."""
        return sorted({**self.on_events, **self.attributes}.items())


class JourneyNow(BaseModel):
    """Where the customer is on one map: their last step on it and the furthest stage they reached."""

    map_id: int
    map_title: str
    dataset: str
    steps: int = Field(description="The customer's events bound to the map.")
    last_touchpoint: str
    last_touchpoint_name: str
    last_stage_name: str
    last_at: Utc = Field(description="UTC.")
    last: str
    furthest_stage_name: str
    stage_number: int = Field(description="The furthest stage's place on the map, from 1.")
    stages: int
    at_the_end: bool = Field(description="The furthest stage reached is the map's last stage.")


class Place(BaseModel):
    """Where an event is on a map that binds it."""

    map_id: int
    map_title: str
    touchpoint: str
    touchpoint_name: str
    stage_name: str


class TimelineItem(BaseModel):
    """One thing the customer did or said: an event, a comment or a survey answer."""

    kind: Kind
    at: Utc | None = Field(description="UTC; a comment may have been given without a time.")
    time: str | None = Field(description="``at`` in the reader's calendar and time zone.")
    dataset: str | None = None
    activity: str | None = None
    channel: str | None = None
    channel_name: str | None = None
    resource: str | None = None
    places: list[Place] = Field(default_factory=list)
    text: str | None = Field(default=None, description="A comment's or a text answer's words.")
    label: str | None = Field(default=None, description="A comment's sentiment as read now.")
    label_by: str | None = Field(default=None, description="model, person or adapted.")
    map_id: int | None = None
    map_title: str | None = None
    touchpoint_name: str | None = None
    survey_id: int | None = None
    survey_title: str | None = None
    question: str | None = None
    value: float | None = None
    choice: str | None = None


class CustomerHistory(BaseModel):
    """The customer's datasets, journeys and timeline (see the module text); ``total`` items, ``shown`` of
    them listed, newest first."""

    customer_id: str
    dataset: str | None
    datasets: list[CustomerDataset]
    journeys: list[JourneyNow]
    alerts: list[CustomerAlert] = Field(description="Fired alerts that counted the customer, newest first.")
    timeline: list[TimelineItem]
    total: int
    counts: dict[str, int] = Field(description="Items of each kind: event, comment, answer.")

    @property
    def shown(self) -> int:
        return len(self.timeline)


class CustomerMatch(BaseModel):
    customer_id: str
    dataset: str
    attributes: dict[str, str] = Field(
        description="Loaded with the customer, over the newest value of each their events carry."
    )
    events: int
    last_at: Utc | None
    last: str | None


class CustomerMatches(BaseModel):
    """Customers whose id or an attribute holds the text searched; ``more`` when there are others."""

    text: str
    customers: list[CustomerMatch]
    more: bool


def customer_history(ctx: Context, query: CustomerQuery) -> CustomerHistory:
    """The history of ``query.customer_id`` (see the module text); ``customer.not_found`` when no dataset
    of the workspace has them, ``dataset.not_found`` for a dataset the workspace does not have."""
    who = query.customer_id
    known = ctx.workspace.datasets()
    if query.dataset is not None and query.dataset not in known:
        raise NotFoundError("dataset.not_found", dataset=query.dataset)
    chosen = [query.dataset] if query.dataset is not None else known
    if not chosen or not ctx.has_warehouse():
        raise NotFoundError("customer.not_found", customer=who)
    documents = {
        info.id: ctx.workspace.get_map(info.id, copy=False).document for info in ctx.workspace.list_maps()
    }
    channels = ctx.workspace.channels()
    with ctx.warehouse() as wh:
        datasets = _datasets(wh, who, chosen, ctx)
        if not datasets:
            raise NotFoundError("customer.not_found", customer=who)
        where = [d.dataset for d in datasets]
        events = wh.events()
        theirs = events.filter(events.customer_id == who, events.dataset.isin(where))
        bound = _bound(theirs, documents, where)
        comments, answers = _comments(wh, who, list(documents)), _answers(wh, who, list(documents))
        counts = {
            "event": sum(d.events for d in datasets),
            "comment": _count(comments),
            "answer": _count(answers),
        }
        items = _events(theirs, query.limit, _places(bound, documents), ctx, channels)
        items += _comment_items(comments, query.limit, documents, ctx, channels)
        items += _answer_items(answers, query.limit, documents, ctx, channels)
        alerts = alerts_involving(wh, ctx, who, where)
    journeys = _journeys(bound, documents, ctx)
    # Newest first; a comment given without a time comes after every dated item.
    items.sort(
        key=lambda item: (item.at is not None, item.at or dt.datetime.min.replace(tzinfo=dt.UTC), item.kind),
        reverse=True,
    )
    return CustomerHistory(
        customer_id=who,
        dataset=query.dataset,
        datasets=datasets,
        journeys=journeys,
        alerts=alerts,
        timeline=items[: query.limit],
        total=sum(counts.values()),
        counts=counts,
    )


def find_customers(ctx: Context, text: str, *, limit: int = MATCHES) -> CustomerMatches:
    """Customers whose id or one of whose attributes (a segment, a city, a plan …) holds ``text``, ids
    first; Persian or Arabic letters and digits are read as the importers store them."""
    typed = text.strip()
    if not typed:
        raise InputError("customer.search_empty")
    if len(typed) > 200:
        raise InputError("customer.search_long", limit=200)
    if not ctx.has_warehouse() or not ctx.workspace.datasets():
        return CustomerMatches(text=typed, customers=[], more=False)
    as_id, as_text = normalize_id(typed).lower(), normalize_letters(typed).lower()
    datasets = ctx.workspace.datasets()
    with ctx.warehouse() as wh:
        customers = wh.con.table("customers")
        customers = customers.filter(customers.dataset.isin(datasets))
        events = wh.events()
        events = events.filter(events.dataset.isin(datasets))
        keys = ["dataset", "customer_id"]
        # An id holding the text first, then an attribute's value loaded with the customer or carried by an
        # event (the attributes are JSON text: a value follows a key's colon; a key alone is no match).
        value = _value_holding(as_text)
        parts = [
            customers.filter(customers.customer_id.lower().contains(as_id)).select(
                *keys, _rank=ibis.literal(0)
            ),
            customers.filter(customers.attributes.lower().re_search(value)).select(
                *keys, _rank=ibis.literal(1)
            ),
            events.filter(events.attributes.lower().re_search(value))
            .select(*keys)
            .distinct()
            .mutate(_rank=ibis.literal(1)),
        ]
        union = ibis.union(*parts, distinct=False)
        found = union.group_by(keys).agg(_rank=union._rank.min())
        matched = rows(found.order_by(["_rank", "customer_id", "dataset"]).limit(limit + 1))
        if not matched:
            return CustomerMatches(text=typed, customers=[], more=False)
        pairs = matched[:limit]
        ids = sorted({r["customer_id"] for r in pairs})
        mine = events.filter(events.customer_id.isin(ids))
        per = {
            (r["dataset"], r["customer_id"]): r
            for r in rows(mine.group_by(keys).agg(n=mine.count(), last_at=mine.ts.max()))
        }
        carried = {(k[0], k[1]): v for k, v in _carried(mine, keys).items()}
        theirs = customers.filter(customers.customer_id.isin(ids))
        loaded = {
            (r["dataset"], r["customer_id"]): r["attributes"]
            for r in rows(theirs.select(*keys, "attributes"))
        }
    out = []
    for r in pairs:
        key = (r["dataset"], r["customer_id"])
        seen = per.get(key, {})
        last_at = seen.get("last_at")
        out.append(
            CustomerMatch(
                customer_id=r["customer_id"],
                dataset=r["dataset"],
                attributes=dict(sorted({**carried.get(key, {}), **_attributes(loaded.get(key))}.items())),
                events=int(seen.get("n") or 0),
                last_at=last_at,
                last=_local(last_at, ctx),
            )
        )
    return CustomerMatches(text=typed, customers=out, more=len(matched) > limit)


def _value_holding(text: str) -> str:
    """A regular expression finding ``text`` inside a value of a JSON object's text (a string, or a number
    or other bare value), not in a key.

    >>> import re
    >>> pattern = _value_holding("te")
    >>> [bool(re.search(pattern, s)) for s in ('{"city":"tehran"}', '{"te":"x"}', '{"a":1,"b":"cute"}')]
    [True, False, True]
    """
    wanted = re.sub(r"([\\.^$|?*+()\[\]{}])", r"\\\1", text)  # RE2 and Java read these escapes alike
    return rf':\s*(?:"(?:[^"\\]|\\.)*?{wanted}|[^",}}\s]*{wanted})'


def _attributes(raw: str | None) -> dict[str, str]:
    """A customer's attributes as loaded (JSON text); values as text, nested ones as their JSON."""
    if not raw:
        return {}
    try:
        found = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        str(k): v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        for k, v in found.items()
        if v is not None
    }


def _carried(events: Any, keys: list[str]) -> dict[tuple[str, ...], dict[str, str]]:
    """The newest value of each attribute ``events`` carry, per value of ``keys``."""
    out: dict[tuple[str, ...], dict[str, str]] = {}
    with_attributes = events.filter(events.attributes.notnull())
    for r in rows(with_attributes.order_by(["ts", "seq"]).select(*keys, "attributes")):
        out.setdefault(tuple(r[k] for k in keys), {}).update(_attributes(r["attributes"]))
    return out


def _local(moment: dt.datetime | None, ctx: Context) -> str | None:
    """A stored moment in the reader's calendar, zone and digits (``None`` stays ``None``)."""
    return local_time(moment, ctx.calendar, ctx.lang) if moment is not None else None


def _channel(channel: str | None, ctx: Context, channels: dict[str, Any]) -> str | None:
    return channel_name(channel, ctx.lang, channels) if channel else None


def _datasets(wh: Warehouse, who: str, chosen: list[str], ctx: Context) -> list[CustomerDataset]:
    events = wh.events()
    theirs = events.filter(events.customer_id == who, events.dataset.isin(chosen))
    seen = {
        r["dataset"]: r
        for r in rows(
            theirs.group_by("dataset").agg(n=theirs.count(), first=theirs.ts.min(), last=theirs.ts.max())
        )
    }
    customers = wh.con.table("customers")
    loaded = {
        r["dataset"]: r["attributes"]
        for r in rows(
            customers.filter(customers.customer_id == who, customers.dataset.isin(chosen)).select(
                "dataset", "attributes"
            )
        )
    }
    carried = {k[0]: v for k, v in _carried(theirs, ["dataset"]).items()}
    out = []
    for name in chosen:
        if name not in seen and name not in loaded:
            continue
        r = seen.get(name, {})
        first, last = r.get("first"), r.get("last")
        out.append(
            CustomerDataset(
                dataset=name,
                attributes=_attributes(loaded.get(name)),
                on_events=dict(sorted(carried.get(name, {}).items())),
                events=int(r.get("n") or 0),
                first_at=first,
                last_at=last,
                first=_local(first, ctx),
                last=_local(last, ctx),
            )
        )
    return out


def _bound(
    theirs: Any, documents: dict[int, JourneyMap], datasets: list[str]
) -> dict[int, list[dict[str, Any]]]:
    """The customer's events on each map whose binding reads one of ``datasets`` (dataset, ts, seq,
    touchpoint_id), in time order: one query a map, read by the timeline and the journeys."""
    out = {}
    for map_id, journey in documents.items():
        if not set(journey.datasets()) & set(datasets):
            continue
        bound = bind_events(theirs, journey)
        bound = bound.filter(bound.touchpoint_id.notnull()).select("dataset", "ts", "seq", "touchpoint_id")
        out[map_id] = rows(bound.order_by(["ts", "seq"]))
    return out


def _places(
    bound: dict[int, list[dict[str, Any]]], documents: dict[int, JourneyMap]
) -> dict[tuple[str, int], list[Place]]:
    """Where each of the customer's events is on each map: keyed by (dataset, seq)."""
    out: dict[tuple[str, int], list[Place]] = {}
    for map_id, found in bound.items():
        journey = documents[map_id]
        names = _names(journey)
        for r in found:
            tp = r["touchpoint_id"]
            out.setdefault((r["dataset"], int(r["seq"])), []).append(
                Place(
                    map_id=map_id,
                    map_title=journey.title,
                    touchpoint=tp,
                    touchpoint_name=names[tp][0],
                    stage_name=names[tp][1],
                )
            )
    return out


def _names(journey: JourneyMap) -> dict[str, tuple[str, str, int]]:
    """Each touchpoint's name, its stage's name and the stage's place."""
    return {
        tp.id: (tp.name, stage.name, i) for i, stage in enumerate(journey.stages) for tp in stage.touchpoints
    }


def _journeys(
    bound: dict[int, list[dict[str, Any]]], documents: dict[int, JourneyMap], ctx: Context
) -> list[JourneyNow]:
    out = []
    for map_id, found in bound.items():
        if not found:
            continue
        journey = documents[map_id]
        names = _names(journey)
        last = found[-1]
        furthest = max(names[r["touchpoint_id"]][2] for r in found)
        stage = journey.stages[furthest]
        out.append(
            JourneyNow(
                map_id=map_id,
                map_title=journey.title,
                dataset=last["dataset"],
                steps=len(found),
                last_touchpoint=last["touchpoint_id"],
                last_touchpoint_name=names[last["touchpoint_id"]][0],
                last_stage_name=names[last["touchpoint_id"]][1],
                last_at=last["ts"],
                last=local_time(last["ts"], ctx.calendar, ctx.lang),
                furthest_stage_name=stage.name,
                stage_number=furthest + 1,
                stages=len(journey.stages),
                at_the_end=furthest == len(journey.stages) - 1,
            )
        )
    return out


def _events(
    theirs: Any,
    limit: int,
    places: dict[tuple[str, int], list[Place]],
    ctx: Context,
    channels: dict[str, Any],
) -> list[TimelineItem]:
    newest = theirs.order_by([ibis.desc("ts"), ibis.desc("seq")]).limit(limit)
    return [
        TimelineItem(
            kind="event",
            at=r["ts"],
            time=local_time(r["ts"], ctx.calendar, ctx.lang),
            dataset=r["dataset"],
            activity=r["activity"],
            channel=r["channel"],
            channel_name=_channel(r["channel"], ctx, channels),
            resource=r["resource"],
            places=places.get((r["dataset"], int(r["seq"])), []),
        )
        for r in rows(newest.select("dataset", "ts", "seq", "activity", "channel", "resource"))
    ]


def _comments(wh: Warehouse, who: str, map_ids: list[int]) -> Any:
    from safar.voice.corrections import labelled_comments

    comments = labelled_comments(wh)
    return comments.filter(comments.customer_id == who, comments.map_id.isin(map_ids or [-1]))


def _answers(wh: Warehouse, who: str, map_ids: list[int]) -> Any:
    answers = wh.con.table("responses")
    return answers.filter(answers.customer_id == who, answers.map_id.isin(map_ids or [-1]))


def _count(table: Any) -> int:
    return int(rows(table.agg(n=table.count()))[0]["n"] or 0)


def _comment_items(
    comments: Any, limit: int, documents: dict[int, JourneyMap], ctx: Context, channels: dict[str, Any]
) -> list[TimelineItem]:
    newest = comments.order_by([ibis.desc("ts"), "comment_id"]).limit(limit)
    out = []
    chosen = ("map_id", "touchpoint_id", "ts", "text", "label", "label_by", "channel")
    for r in rows(newest.select(*chosen)):
        journey = documents.get(int(r["map_id"]))
        found = _names(journey).get(r["touchpoint_id"] or "") if journey is not None else None
        out.append(
            TimelineItem(
                kind="comment",
                at=r["ts"],
                time=_local(r["ts"], ctx),
                channel=r["channel"],
                channel_name=_channel(r["channel"], ctx, channels),
                text=r["text"],
                label=r["label"],
                label_by=r["label_by"],
                map_id=int(r["map_id"]),
                map_title=journey.title if journey is not None else None,
                touchpoint_name=found[0] if found else None,
            )
        )
    return out


def _answer_items(
    answers: Any, limit: int, documents: dict[int, JourneyMap], ctx: Context, channels: dict[str, Any]
) -> list[TimelineItem]:
    from safar.surveys import Surveys

    surveys = {info.id: info.survey for info in Surveys(ctx.workspace).list()}
    newest = answers.order_by([ibis.desc("ts"), "response_id", "question_id"]).limit(limit)
    out = []
    chosen = ("survey_id", "map_id", "question_id", "ts", "value", "choice", "text", "channel")
    for r in rows(newest.select(*chosen)):
        survey = surveys.get(int(r["survey_id"]))
        question = survey.question(r["question_id"]) if survey is not None else None
        choice = r["choice"]
        if question is not None and choice:  # a choice's id shown as its text
            texts = {c.id: c.text.get(ctx.lang) for c in question.choices}
            choice = ("، " if ctx.lang == "fa" else ", ").join(texts.get(c, c) for c in choice.split(";"))
        out.append(
            TimelineItem(
                kind="answer",
                at=r["ts"],
                time=local_time(r["ts"], ctx.calendar, ctx.lang),
                channel=r["channel"],
                channel_name=_channel(r["channel"], ctx, channels),
                text=r["text"],
                map_id=int(r["map_id"]),
                map_title=documents[int(r["map_id"])].title if int(r["map_id"]) in documents else None,
                survey_id=int(r["survey_id"]),
                survey_title=survey.title.get(ctx.lang) if survey is not None else None,
                question=question.text.get(ctx.lang) if question is not None else r["question_id"],
                value=r["value"],
                choice=choice,
            )
        )
    return out
