"""The knowledge base (پایگاه دانش): the one service behind the knowledge-base page, its API twin and ``safar kb``.

* **Import** articles or chatbot intents from CSV/Excel, JSON or Markdown (:mod:`safar.kb.articles`): every row
  imported or rejected with its row, field and reason; importing again updates articles by their id.
* **Gaps**: customer questions — a map's comments that ask something (a question mark or a question word) and
  its touchpoints' recorded questions, or a file's texts — matched to the articles (:mod:`safar.kb.match`). The
  questions no article answers are **grouped** (by the workspace's topics, the rest by topics discovered among
  them), ranked by how many ask and marked **rising** or **new** as topics are (:func:`safar.services.topics.rise`);
  the articles no question needs are listed.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy.orm import Session

from safar.context import Context  # at run time: the kept result's type hints are read
from safar.i18n import translate
from safar.kb.articles import Article, read_file
from safar.kb.match import match
from safar.store import kb as store

EXAMPLES = 5


class RejectedOut(BaseModel):
    row: int
    field: str
    reason: str
    message: str


class ImportOut(BaseModel):
    source: str
    read: int
    imported: int
    updated: int
    rejected: list[RejectedOut]


class ArticleOut(BaseModel):
    key: str
    title: str
    lang: str
    tags: list[str]
    source: str
    imported_at: str


class GroupOut(BaseModel):
    name: str
    topic: str | None  # the workspace topic's key, when one holds these questions
    questions: int
    recent: int
    baseline: int
    p_value: float | None
    rising: bool
    new: bool
    examples: list[str]
    other: bool = False  # the questions no topic or discovered group holds (never "surging" as a group)


class RowOut(BaseModel):
    row: int
    article: str | None
    title: str | None
    likeness: float


class GapsOut(BaseModel):
    source: str
    articles: int
    questions: int
    answered: int
    unanswered: int
    groups: list[GroupOut]
    unused_articles: list[ArticleOut]
    rows: list[RowOut] | None = None
    # the windows a group's rise is judged in (the last 30 days of the questions' data and the 90 before)
    baseline_from: str | None = None
    recent_from: str | None = None
    recent_to: str | None = None
    recent_questions: int = 0  # the questions asked in the recent window, answered or not
    baseline_questions: int = 0


def _out(stored: store.StoredArticle) -> ArticleOut:
    a = stored.article
    return ArticleOut(
        key=a.key,
        title=a.title,
        lang=a.lang,
        tags=list(a.tags),
        source=stored.source,
        imported_at=stored.imported_at.isoformat(),
    )


def import_file(
    ctx: Context,
    path: Path,
    *,
    columns: dict[str, str | None] | None = None,
    source: str | None = None,
    actor: str,
) -> ImportOut:
    """Read ``path`` and keep its articles; ``source`` is the name it was sent with."""
    name = source or path.name
    try:
        found = read_file(path, columns)
    except Exception as exc:
        from safar.errors import SafarError

        if isinstance(exc, SafarError):
            raise exc.renamed(str(path), name) from None
        raise
    with Session(ctx.engine) as s, s.begin():
        new, updated = store.upsert(s, ctx.workspace.workspace_id, found.articles, source=name, by=actor)
    return ImportOut(
        source=name,
        read=len(found.articles) + len(found.rejected),
        imported=new,
        updated=updated,
        rejected=[
            RejectedOut(
                row=r.row,
                field=r.field,
                reason=r.reason,
                message=translate(
                    r.reason, ctx.lang, row=r.row, field=translate(f"kb.field.{r.field or 'row'}", ctx.lang)
                ),
            )
            for r in found.rejected
        ],
    )


def articles(ctx: Context) -> list[ArticleOut]:
    with Session(ctx.engine) as s:
        return [_out(a) for a in store.articles(s, ctx.workspace.workspace_id)]


def remove_article(ctx: Context, key: str) -> None:
    with Session(ctx.engine) as s, s.begin():
        store.remove(s, ctx.workspace.workspace_id, key)


def _kept(ctx: Context) -> list[store.StoredArticle]:
    with Session(ctx.engine) as s:
        return store.articles(s, ctx.workspace.workspace_id)


def map_questions(ctx: Context, map_id: int) -> list[dict[str, Any]]:
    """A map's customer questions: its comments that ask something, and its touchpoints' recorded questions."""
    from safar.services.topics import comments_of
    from safar.voice.lang import detect_lang
    from safar.voice.service import asks

    journey = ctx.workspace.get_map(map_id).document
    found = [
        {"text": c["text"], "ts": c["ts"]}
        for c in comments_of(ctx, map_id=map_id)
        if asks(c["text"], detect_lang(c["text"]))
    ]
    found += [{"text": q, "ts": None} for tp in journey.touchpoints() for q in tp.questions if q.strip()]
    return found


def gaps_for_map(ctx: Context, map_id: int) -> GapsOut:
    """The map's gaps as every screen shows them: kept (safar.services.results) until the map, its comments,
    the articles or the workspace's topics change."""
    from safar.services.results import current
    from safar.services.topics import taxonomy_version

    return current(
        ctx, map_gaps, map_id, articles_version=articles_version(ctx), topics_version=taxonomy_version(ctx)
    )


def map_gaps(
    ctx: Context, map_id: int, articles_version: str | None = None, topics_version: str | None = None
) -> GapsOut:
    """The questions of map ``map_id`` no article answers; the versions of the articles and the topics it is
    computed with are part of its kept result's key."""
    return _gaps(ctx, map_questions(ctx, map_id), source=f"map:{map_id}")


map_gaps.events = False  # type: ignore[attr-defined]  # its kept result does not depend on events


def articles_version(ctx: Context) -> str:
    """One hash of the workspace's articles as matching reads them (a kept result of older articles is not read)."""
    import hashlib
    import json

    said = [
        [k.article.key, k.article.title, k.article.body, k.article.lang, list(k.article.tags)]
        for k in _kept(ctx)
    ]
    return hashlib.sha256(json.dumps(said, ensure_ascii=False).encode()).hexdigest()[:16]


def gaps_for_dataset(
    ctx: Context, dataset: str, *, text_col: str | None = None, activity: str | None = None
) -> GapsOut:
    """The questions of a dataset: its comments, or an event log's texts (chat messages, contact transcripts;
    :func:`safar.services.topics.dataset_texts`), those that ask something, as a map's comments are read."""
    from safar.services.topics import dataset_texts
    from safar.voice.lang import detect_lang
    from safar.voice.service import asks

    found = [
        {"text": c["text"], "ts": c["ts"]}
        for c in dataset_texts(ctx, dataset, text_col=text_col, activity=activity)
        if asks(c["text"], detect_lang(c["text"]))
    ]
    return _gaps(ctx, found, source=f"dataset:{dataset}")


def gaps_for_file(ctx: Context, path: Path, text_col: str | None) -> GapsOut:
    """The questions of a file's text column (or its only text-like one), with each row's best article."""
    from safar.services.topics import file_texts

    texts = file_texts(path, text_col)
    return _gaps(ctx, [{"text": t, "ts": None} for t in texts], source=f"file:{path.name}", rows=True)


def _gaps(ctx: Context, questions: list[dict[str, Any]], *, source: str, rows: bool = False) -> GapsOut:
    from safar.services.topics import BASELINE_DAYS, definitions, rise, taxonomy, windows_of
    from safar.voice.stopwords import QUESTION_WORDS
    from safar.voice.topics import assign, discover

    kept = _kept(ctx)
    known: list[Article] = [k.article for k in kept]
    texts = [q["text"] for q in questions]
    asked = [i for i, t in enumerate(texts) if t.strip()]
    found = match([texts[i] for i in asked], known)
    by_row = dict(zip(asked, found, strict=True))
    open_ = [i for i in asked if by_row[i].article is None]
    used = Counter(by_row[i].article for i in asked if by_row[i].article)
    recent_from, recent_to, window = windows_of([q["ts"] for q in questions])
    names = {t.key: t.name for t in taxonomy(ctx)}
    given = assign([texts[i] for i in open_], definitions(ctx))
    groups: dict[tuple[str | None, str], list[int]] = {}
    rest: list[int] = []
    for i, a in zip(open_, given, strict=True):
        if a.topic is not None:
            groups.setdefault((a.topic, names.get(a.topic, a.topic)), []).append(i)
        else:
            rest.append(i)
    discovered = discover([texts[i] for i in rest], ignore=QUESTION_WORDS)
    for t in discovered.topics:
        members = [rest[n] for n, a in enumerate(discovered.assignments) if a.topic == t.key]
        groups.setdefault((None, " · ".join(t.phrases[:3])), []).extend(members)
    alone = [rest[n] for n, a in enumerate(discovered.assignments) if a.topic is None]
    other = translate("kb.other_questions", ctx.lang)
    if alone:
        groups.setdefault((None, other), []).extend(alone)
    windows = Counter(window(q["ts"]) for q in questions)
    out = []
    for (topic, name), members in groups.items():
        counts = Counter(window(questions[i]["ts"]) for i in members)
        p_value, rising, new = rise(
            counts["recent"], windows["recent"], counts["baseline"], windows["baseline"]
        )
        out.append(
            GroupOut(
                name=name,
                topic=topic,
                questions=len(members),
                recent=counts["recent"],
                baseline=counts["baseline"],
                p_value=round(p_value, 6) if p_value is not None else None,
                rising=rising,
                new=new,
                examples=list(dict.fromkeys(texts[i] for i in members))[:EXAMPLES],
                other=topic is None and name == other,
            )
        )
    out.sort(key=lambda g: (-g.questions, -(g.recent - g.baseline), g.name))
    titles = {a.key: a.title for a in known}
    return GapsOut(
        source=source,
        articles=len(known),
        questions=len(asked),
        answered=len(asked) - len(open_),
        unanswered=len(open_),
        groups=out,
        unused_articles=[_out(k) for k in kept if not used[k.article.key]],
        rows=[
            RowOut(
                row=i,
                article=by_row[i].article if i in by_row else None,
                title=titles.get(by_row[i].article or "") if i in by_row else None,
                likeness=by_row[i].likeness if i in by_row else 0.0,
            )
            for i in range(len(texts))
        ]
        if rows
        else None,
        baseline_from=(recent_from - timedelta(days=BASELINE_DAYS)).isoformat() if recent_from else None,
        recent_from=recent_from.isoformat() if recent_from else None,
        recent_to=recent_to.isoformat() if recent_to else None,
        recent_questions=windows["recent"],
        baseline_questions=windows["baseline"],
    )
