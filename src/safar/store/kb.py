"""Reading and writing a workspace's knowledge-base articles: the only place with SQL for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from safar.errors import NotFoundError
from safar.kb.articles import Article
from safar.store.tables import ArticleRow, as_utc, utcnow


@dataclass(frozen=True)
class StoredArticle:
    article: Article
    source: str
    imported_by: str
    imported_at: datetime


def articles(s: Session, workspace_id: int) -> list[StoredArticle]:
    rows = s.scalars(
        select(ArticleRow).where(ArticleRow.workspace_id == workspace_id).order_by(ArticleRow.id)
    )
    return [
        StoredArticle(
            Article(r.key, r.title, r.body, tuple(r.tags or []), r.lang),
            r.source,
            r.imported_by,
            as_utc(r.imported_at),
        )
        for r in rows
    ]


def upsert(s: Session, workspace_id: int, found: list[Article], *, source: str, by: str) -> tuple[int, int]:
    """Store ``found``: an article whose key the workspace has is updated; how many were new and updated."""
    have = {r.key: r for r in s.scalars(select(ArticleRow).where(ArticleRow.workspace_id == workspace_id))}
    new = updated = 0
    now = utcnow()
    for article in found:
        row = have.get(article.key)
        if row is None:
            row = ArticleRow(workspace_id=workspace_id, key=article.key)
            s.add(row)
            have[article.key] = row
            new += 1
        else:
            updated += 1
        row.lang, row.title, row.body, row.tags = (
            article.lang,
            article.title,
            article.body,
            list(article.tags),
        )
        row.source, row.imported_by, row.imported_at = source[:300], by, now
    s.flush()
    return new, updated


def remove(s: Session, workspace_id: int, key: str) -> None:
    gone = s.execute(delete(ArticleRow).where(ArticleRow.workspace_id == workspace_id, ArticleRow.key == key))
    if not gone.rowcount:  # type: ignore[attr-defined]
        raise NotFoundError("kb.article_not_found", article=key[:100])
