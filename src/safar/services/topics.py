"""Topics (موضوع‌ها): the one service behind the topics page, its API twin and ``safar topics``.

* **Discover** topics in a map's comments, a dataset's comments or a file's texts (:mod:`safar.voice.topics`:
  the same texts give the same topics); each found topic with its phrases, its size and real quotes, and with
  a file every row's topic and confidence.
* **The taxonomy**: the workspace's own topics, names in Persian and English, example phrases and keywords —
  accepted from a discovery, renamed, merged, edited, removed.
* **On a map** (:func:`map_topics`): each comment of the map assigned to a topic, and per topic its comments,
  negative share, touchpoints, and its share in the last :data:`WINDOW_DAYS` days of the data against the
  :data:`BASELINE_DAYS` days before; a topic is **rising** when its share grew with a one-sided pooled
  two-proportion z-test at p < :data:`ALPHA` (the alerts' test) and at least :data:`MIN_RECENT` comments, and
  **new** when it had none before; both windows need :data:`MIN_N` comments.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.context import Context  # at run time: the kept results read the screen's type hints
from safar.errors import InputError
from safar.store import topics as store
from safar.voice.topics import TopicDefinition, assign, discover

MAX_TEXTS = 20_000  # the newest comments a discovery reads
WINDOW_DAYS = 30
BASELINE_DAYS = 90
ALPHA = 0.05
MIN_N = 30
MIN_RECENT = 5
MAX_PHRASES = 50
MAX_TEXT = 200
MONTHS = 6


class FoundTopicOut(BaseModel):
    key: str
    phrases: list[str]
    size: int
    share: float
    quotes: list[str]


class AssignmentOut(BaseModel):
    row: int
    topic: str | None
    confidence: float


class DiscoveryOut(BaseModel):
    source: str
    texts: int
    k: int
    silhouette: float | None
    topics: list[FoundTopicOut]
    assignments: list[AssignmentOut] | None = None  # every input row's topic (a file)


class TopicOut(BaseModel):
    key: str
    name: str
    name_fa: str
    name_en: str
    phrases: list[str]
    keywords: list[str]


class MonthOut(BaseModel):
    comments: int
    negative: int


class TopicFiguresOut(BaseModel):
    key: str
    name: str
    comments: int
    months: list[MonthOut]  # the map's last months (``MapTopicsOut.months``), in order
    negative: int
    negative_share: float | None
    touchpoints: dict[str, int]
    recent: int
    baseline: int
    recent_share: float | None
    baseline_share: float | None
    p_value: float | None
    rising: bool
    new: bool
    quotes: list[str]


class MapTopicsOut(BaseModel):
    map_id: int
    months: list[
        str
    ]  # the start (a day) of each of the last :data:`MONTHS` months with comments, reader's calendar
    month_labels: list[str]
    comments: int
    unassigned: int
    recent_from: str | None
    recent_to: str | None
    topics: list[TopicFiguresOut]


# Discovery ------------------------------------------------------------------------------------------


def discover_texts(
    texts: list[str], *, source: str, k: int | None = None, rows: bool = False
) -> DiscoveryOut:
    found = discover(texts, k=k)
    n = max(1, len(texts))
    return DiscoveryOut(
        source=source,
        texts=len(texts),
        k=found.k,
        silhouette=found.silhouette,
        topics=[
            FoundTopicOut(
                key=t.key,
                phrases=list(t.phrases),
                size=t.size,
                share=round(t.size / n, 4),
                quotes=[texts[i] for i in t.quotes],
            )
            for t in found.topics
        ],
        assignments=[
            AssignmentOut(row=i, topic=a.topic, confidence=a.confidence)
            for i, a in enumerate(found.assignments)
        ]
        if rows
        else None,
    )


def comments_of(
    ctx: Context, *, map_id: int | None = None, dataset: str | None = None
) -> list[dict[str, Any]]:
    """The newest comments of a map or a dataset (label as read now), newest first."""
    from safar.voice.corrections import labelled_comments

    if not ctx.has_warehouse():
        return []
    with ctx.warehouse() as warehouse:
        t = labelled_comments(warehouse)
        if map_id is not None:
            t = t.filter(t.map_id == map_id)
        if dataset is not None:
            ctx.workspace.require_dataset(dataset)
            t = t.filter(t.dataset == dataset)
        t = t.order_by([t.ts.desc(), t.dataset, t.comment_id]).limit(MAX_TEXTS)
        return list(t.select("text", "label", "touchpoint_id", "ts").to_pyarrow().to_pylist())


TEXT_NAMES = ("text", "comment", "question", "message", "body", "transcript", "متن", "نظر", "پرسش", "پیام")


def dataset_texts(
    ctx: Context, dataset: str, *, text_col: str | None = None, activity: str | None = None
) -> list[dict[str, Any]]:
    """The newest texts of a dataset, newest first: its comments; or, for an event log (chat messages, contact
    transcripts, tweets), each event's text attribute ``text_col`` (or the only one named like a text), of
    the events of ``activity`` only when given (a customer's messages, not the agent's)."""
    from safar.analytics._common import attribute
    from safar.voice.corrections import labelled_comments

    ctx.workspace.require_dataset(dataset)
    if not ctx.has_warehouse():
        return []
    with ctx.warehouse() as warehouse:
        if text_col is None and activity is None:
            t = labelled_comments(warehouse)
            t = t.filter(t.dataset == dataset)
            if int(t.count().to_pyarrow().as_py()):
                t = t.order_by([t.ts.desc(), t.comment_id]).limit(MAX_TEXTS)
                return list(t.select("text", "label", "touchpoint_id", "ts").to_pyarrow().to_pylist())
        events = warehouse.events(dataset)
        if activity is not None:
            if not int(events.filter(events.activity == activity).count().to_pyarrow().as_py()):
                known = events.select("activity").distinct().order_by("activity").limit(30)
                names = [r["activity"] for r in known.to_pyarrow().to_pylist()]
                raise InputError(
                    "topic.no_activity", activity=activity, dataset=dataset, known=", ".join(names)
                )
            events = events.filter(events.activity == activity)
        column = text_col or _text_attribute(events, dataset)
        text = attribute(events, column)
        found = events.filter(text.notnull() & (text.strip() != "")).mutate(text=text)
        found = found.order_by([found.ts.desc(), found.customer_id]).limit(MAX_TEXTS)
        rows = found.select("text", "ts").to_pyarrow().to_pylist()
    if not rows and text_col is not None:
        raise InputError("topic.no_attribute", column=text_col, dataset=dataset)
    return [{"text": r["text"], "label": None, "touchpoint_id": None, "ts": r["ts"]} for r in rows]


def _text_attribute(events: Any, dataset: str) -> str:
    """The one attribute of a sample of ``events`` named like a text, or an error naming the attributes."""
    import json

    sample = events.select("attributes").limit(1000).to_pyarrow().to_pylist()
    keys: dict[str, None] = {}
    for row in sample:
        try:
            found = json.loads(row["attributes"] or "{}")
        except ValueError:
            continue
        if isinstance(found, dict):
            keys.update(dict.fromkeys(map(str, found)))
    named = [k for k in keys if k.strip().lower() in TEXT_NAMES]
    if len(named) == 1:
        return named[0]
    raise InputError("topic.which_attribute", dataset=dataset, columns=", ".join(keys) or "—")


def discover_map(ctx: Context, map_id: int, *, k: int | None = None) -> DiscoveryOut:
    ctx.workspace.get_map(map_id)
    texts = [c["text"] for c in comments_of(ctx, map_id=map_id)]
    return discover_texts(texts, source=f"map:{map_id}", k=k)


def discover_dataset(
    ctx: Context,
    dataset: str,
    *,
    k: int | None = None,
    text_col: str | None = None,
    activity: str | None = None,
) -> DiscoveryOut:
    """Topics in a dataset's comments, or in an event log's texts (:func:`dataset_texts`)."""
    texts = [c["text"] for c in dataset_texts(ctx, dataset, text_col=text_col, activity=activity)]
    return discover_texts(texts, source=f"dataset:{dataset}", k=k)


def discover_file(path: Path, text_col: str | None, *, k: int | None = None) -> DiscoveryOut:
    """Topics in a CSV or Excel file's text column (``text_col``, or the only text-like column), with every
    row's topic: an empty cell is a row with no topic, never dropped."""
    return discover_texts(file_texts(path, text_col), source=f"file:{path.name}", k=k, rows=True)


def file_texts(path: Path, text_col: str | None) -> list[str]:
    """Every row's text of a CSV or Excel file's column ``text_col`` (or its only text-like column, by name);
    an empty cell is an empty text, so rows keep their numbers."""
    from safar.voice.tables import read_table

    frame = read_table(path).frame
    column = text_col or _text_column(list(frame.columns), str(path))
    if column not in frame.columns:
        raise InputError(
            "topic.no_column", column=column, source=path.name, columns=", ".join(map(str, frame.columns))
        )
    return ["" if v is None or v != v else str(v) for v in frame[column].tolist()]


def _text_column(columns: list[str], source: str) -> str:
    named = [
        c for c in columns if str(c).strip().lower() in ("text", "comment", "question", "متن", "نظر", "پرسش")
    ]
    if len(named) == 1:
        return named[0]
    raise InputError("topic.which_column", source=Path(source).name, columns=", ".join(map(str, columns)))


# The taxonomy ---------------------------------------------------------------------------------------


def _out(topic: store.StoredTopic, lang: str) -> TopicOut:
    return TopicOut(
        key=topic.key,
        name=(topic.name_fa or topic.name_en) if lang == "fa" else (topic.name_en or topic.name_fa),
        name_fa=topic.name_fa,
        name_en=topic.name_en,
        phrases=list(topic.phrases),
        keywords=list(topic.keywords),
    )


def taxonomy(ctx: Context) -> list[TopicOut]:
    with Session(ctx.engine) as s:
        return [_out(t, ctx.lang) for t in store.topics(s, ctx.workspace.workspace_id)]


def _clean(items: list[str], what: str) -> list[str]:
    out: list[str] = []
    for item in items:
        text = " ".join(str(item).replace("\x00", "").split())
        if not text:
            continue
        if len(text) > MAX_TEXT:
            raise InputError("topic.too_long", what=what, most=MAX_TEXT, value=text[:40])
        if text not in out:
            out.append(text)
    if len(out) > MAX_PHRASES:
        raise InputError("topic.too_many", what=what, most=MAX_PHRASES, count=len(out))
    return out


def _names(name_fa: str, name_en: str) -> tuple[str, str]:
    fa, en = " ".join((name_fa or "").split()), " ".join((name_en or "").split())
    if not fa and not en:
        raise InputError("topic.no_name")
    if len(fa) > MAX_TEXT or len(en) > MAX_TEXT:
        raise InputError("topic.too_long", what="name", most=MAX_TEXT, value=(fa or en)[:40])
    return fa, en


def add_topic(
    ctx: Context,
    *,
    name_fa: str,
    name_en: str,
    phrases: list[str],
    keywords: list[str] | None = None,
    actor: str,
) -> TopicOut:
    """A topic of the workspace's own (a discovered one accepted, or one written by hand); its key is made
    from its English name (or numbered)."""
    fa, en = _names(name_fa, name_en)
    said = _clean(phrases, "phrases")
    if not said:
        raise InputError("topic.no_phrases")
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        taken = {t.key for t in store.topics(s, ctx.workspace.workspace_id)}
        base = re.sub(r"[^a-z0-9]+", "-", en.lower()).strip("-")[:48] or "topic"
        key, n = base, 1
        while key in taken:
            n += 1
            key = f"{base}-{n}"
        made = store.add_topic(
            s,
            ctx.workspace.workspace_id,
            key=key,
            name_fa=fa,
            name_en=en,
            phrases=said,
            keywords=_clean(keywords or [], "keywords"),
            created_by=actor,
        )
    return _out(made, ctx.lang)


def change_topic(
    ctx: Context,
    key: str,
    *,
    name_fa: str | None = None,
    name_en: str | None = None,
    phrases: list[str] | None = None,
    keywords: list[str] | None = None,
) -> TopicOut:
    """Rename a topic, or give it other phrases or keywords (``None``: as it is)."""
    fields: dict[str, Any] = {}
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        current = next((t for t in store.topics(s, ctx.workspace.workspace_id) if t.key == key), None)
        if name_fa is not None or name_en is not None:
            fa, en = _names(
                name_fa if name_fa is not None else (current.name_fa if current else ""),
                name_en if name_en is not None else (current.name_en if current else ""),
            )
            fields.update(name_fa=fa, name_en=en)
        if phrases is not None:
            said = _clean(phrases, "phrases")
            if not said:
                raise InputError("topic.no_phrases")
            fields["phrases"] = said
        if keywords is not None:
            fields["keywords"] = _clean(keywords, "keywords")
        changed = store.change_topic(s, ctx.workspace.workspace_id, key, **fields)
    return _out(changed, ctx.lang)


def merge_topics(ctx: Context, key: str, into: str) -> TopicOut:
    """``key``'s phrases and keywords join ``into``'s, and ``key`` goes."""
    if key == into:
        raise InputError("topic.merge_itself", topic=key)
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        gone = store.remove_topic(s, ctx.workspace.workspace_id, key)
        target = next((t for t in store.topics(s, ctx.workspace.workspace_id) if t.key == into), None)
        phrases = _clean([*(target.phrases if target else ()), *gone.phrases], "phrases")
        keywords = _clean([*(target.keywords if target else ()), *gone.keywords], "keywords")
        merged = store.change_topic(s, ctx.workspace.workspace_id, into, phrases=phrases, keywords=keywords)
    return _out(merged, ctx.lang)


def remove_topic(ctx: Context, key: str) -> TopicOut:
    with Session(ctx.engine, expire_on_commit=False) as s, s.begin():
        return _out(store.remove_topic(s, ctx.workspace.workspace_id, key), ctx.lang)


def definitions(ctx: Context) -> list[TopicDefinition]:
    with Session(ctx.engine) as s:
        return [
            TopicDefinition(t.key, t.phrases, t.keywords) for t in store.topics(s, ctx.workspace.workspace_id)
        ]


# A map's topics -------------------------------------------------------------------------------------


def rise(recent: int, recent_n: int, base: int, base_n: int) -> tuple[float | None, bool, bool]:
    """A group's p-value, and whether it is rising or new: ``recent`` of ``recent_n`` texts in the recent window
    against ``base`` of ``base_n`` before (the module text says the guard)."""
    from safar.alerts.stats import two_proportion_test

    p_value = None
    if recent_n and base_n:
        p_value = two_proportion_test(base, base_n, recent, recent_n, falling=False).p_value
    enough = recent_n >= MIN_N and base_n >= MIN_N and recent >= MIN_RECENT
    significant = enough and p_value is not None and p_value < ALPHA
    return p_value, bool(significant and base > 0), bool(significant and base == 0)


def windows_of(moments: list[Any]) -> tuple[datetime | None, datetime | None, Any]:
    """The recent window's start and end (the last :data:`WINDOW_DAYS` days of ``moments``) and a function
    naming the window of a moment (``recent``, ``baseline`` or ``None``)."""
    found = [m for m in moments if isinstance(m, datetime)]
    end = max(found) if found else None
    start = end - timedelta(days=WINDOW_DAYS) if end else None
    first = start - timedelta(days=BASELINE_DAYS) if start else None

    def window(moment: Any) -> str | None:
        if end is None or start is None or first is None or not isinstance(moment, datetime):
            return None
        return "recent" if moment > start else "baseline" if moment > first else None

    return start, end, window


def _months(ctx: Context) -> Any:
    """The start of the reader's calendar month (Jalali or Gregorian, in the reader's time zone) of a stored
    moment (naive UTC)."""
    from datetime import UTC, date
    from zoneinfo import ZoneInfo

    import jdatetime

    calendar = ctx.calendar
    zone = ZoneInfo(calendar.tz)

    def month_of(moment: Any) -> date | None:
        if not isinstance(moment, datetime):
            return None
        day = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone).date()
        if calendar.system == "jalali":
            j = jdatetime.date.fromgregorian(date=day)
            first: date = jdatetime.date(j.year, j.month, 1).togregorian()
            return first
        return day.replace(day=1)

    return month_of


def _months_to(last: Any, system: str) -> list[Any]:
    """The :data:`MONTHS` months up to the one starting on ``last``, in the calendar ``system``, oldest first."""
    import jdatetime

    out = [last]
    for _ in range(MONTHS - 1):
        if system == "jalali":
            j = jdatetime.date.fromgregorian(date=out[0])
            year, month = (j.year, j.month - 1) if j.month > 1 else (j.year - 1, 12)
            out.insert(0, jdatetime.date(year, month, 1).togregorian())
        else:
            day = out[0]
            out.insert(
                0,
                day.replace(year=day.year - 1, month=12)
                if day.month == 1
                else day.replace(month=day.month - 1),
            )
    return out


def topics_on_map(ctx: Context, map_id: int) -> MapTopicsOut:
    """The map's topics as every screen shows them: kept (safar.services.results) until the map's comments,
    their labels or the workspace's topics change, so a page does not assign every comment again."""
    from safar.services.results import current

    return current(ctx, map_topics, map_id, topics_version=taxonomy_version(ctx))


def taxonomy_version(ctx: Context) -> str:
    """One hash of the workspace's topics as assignment reads them (a kept result of older topics is not read)."""
    import hashlib
    import json

    said = [[t.key, t.name_fa, t.name_en, t.phrases, t.keywords] for t in taxonomy(ctx)]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()[:16]


def map_topics(ctx: Context, map_id: int, topics_version: str | None = None) -> MapTopicsOut:
    """Each of the workspace's topics in the map's comments: how many, how negative, where, and whether it
    rises or is new in the last :data:`WINDOW_DAYS` days of the data. ``topics_version`` is the version of the
    topics it is computed with (:func:`taxonomy_version`: part of its kept result's key)."""
    ctx.workspace.get_map(map_id)
    found = comments_of(ctx, map_id=map_id)
    topics = taxonomy(ctx)
    given = assign([c["text"] for c in found], definitions(ctx))
    start, end, window = windows_of([c["ts"] for c in found])
    month_of = _months(ctx)
    seen = [month_of(c["ts"]) for c in found if isinstance(c["ts"], datetime)]
    months = _months_to(max(seen), ctx.calendar.system) if seen else []

    windows = Counter(window(c["ts"]) for c in found)
    out = []
    for topic in topics:
        mine = [c for c, a in zip(found, given, strict=True) if a.topic == topic.key]
        negative = sum(1 for c in mine if c["label"] == "negative")
        counts = Counter(window(c["ts"]) for c in mine)
        recent_n, base_n = windows["recent"], windows["baseline"]
        recent, base = counts["recent"], counts["baseline"]
        p_value, rising, new = rise(recent, recent_n, base, base_n)
        touchpoints = Counter(c["touchpoint_id"] for c in mine if c["touchpoint_id"])
        out.append(
            TopicFiguresOut(
                key=topic.key,
                name=topic.name,
                comments=len(mine),
                months=[
                    MonthOut(
                        comments=sum(1 for c in mine if month_of(c["ts"]) == m),
                        negative=sum(1 for c in mine if month_of(c["ts"]) == m and c["label"] == "negative"),
                    )
                    for m in months
                ],
                negative=negative,
                negative_share=round(negative / len(mine), 4) if mine else None,
                touchpoints=dict(touchpoints.most_common()),
                recent=recent,
                baseline=base,
                recent_share=round(recent / recent_n, 4) if recent_n else None,
                baseline_share=round(base / base_n, 4) if base_n else None,
                p_value=round(p_value, 6) if p_value is not None else None,
                rising=rising,
                new=new,
                quotes=list(dict.fromkeys(c["text"] for c in mine))[:3],
            )
        )
    out.sort(key=lambda t: (-t.comments, t.key))
    from safar.i18n.periods import period_label

    calendar = ctx.calendar
    return MapTopicsOut(
        map_id=map_id,
        months=[m.isoformat() for m in months],
        month_labels=[period_label(m, "month", calendar.system, ctx.lang) for m in months],
        comments=len(found),
        unassigned=sum(1 for a in given if a.topic is None),
        recent_from=start.isoformat() if start else None,
        recent_to=end.isoformat() if end else None,
        topics=out,
    )


map_topics.events = False  # type: ignore[attr-defined]  # its kept result does not depend on events
