"""Knowledge-base articles read from a file: CSV or Excel (one article a row), JSON (a list of objects) or
Markdown (each ``# `` heading an article, an optional ``tags:`` line under it).

Columns and fields: ``title`` and ``body`` (both needed), ``tags`` (``;`` or ``,`` between them), ``id`` (kept as
the article's key, so importing the file again updates its articles; else a key made from the title) and
``lang`` (``fa``/``en``; else read from the script). A row without a title or body is rejected with its row and
field, never dropped silently.

>>> found = read_markdown("# بازیابی رمز عبور\\ntags: رمز; ورود\\nاز صفحه ورود «فراموشی رمز» را بزنید.\\n", "kb.md")
>>> [(a.title, a.tags, a.lang) for a in found.articles], found.rejected
([('بازیابی رمز عبور', ('رمز', 'ورود'), 'fa')], [])
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safar.errors import InputError
from safar.events.letters import normalize_letters
from safar.voice.lang import detect_lang

MAX_TITLE = 300
MAX_BODY = 20_000
MAX_ARTICLES = 5_000


@dataclass(frozen=True)
class Article:
    key: str
    title: str
    body: str
    tags: tuple[str, ...]
    lang: str


@dataclass(frozen=True)
class Rejected:
    row: int
    field: str
    reason: str  # a catalogue code (kb.row.*)


@dataclass
class Read:
    articles: list[Article] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)


def _tags(value: Any) -> tuple[str, ...]:
    parts = [str(v) for v in value] if isinstance(value, list) else re.split(r"[;,،]", str(value or ""))
    return tuple(dict.fromkeys(normalize_letters(p.strip()) for p in parts if p.strip()))


def _key(given: Any, title: str) -> str:
    text = str(given or "").strip()
    if text:
        return text[:100]
    return "kb-" + hashlib.sha256(title.encode()).hexdigest()[:12]


def _article(row: int, values: dict[str, Any], out: Read) -> None:
    title = normalize_letters(" ".join(str(values.get("title") or "").split()))
    body = normalize_letters(str(values.get("body") or "").strip())
    for name, value, most in (("title", title, MAX_TITLE), ("body", body, MAX_BODY)):
        if not value:
            out.rejected.append(Rejected(row, name, "kb.row.empty"))
            return
        if len(value) > most:
            out.rejected.append(Rejected(row, name, "kb.row.too_long"))
            return
    lang = str(values.get("lang") or "").strip().lower()
    if lang and lang not in ("fa", "en"):
        out.rejected.append(Rejected(row, "lang", "kb.row.bad_lang"))
        return
    out.articles.append(
        Article(
            _key(values.get("id"), title),
            title,
            body,
            _tags(values.get("tags")),
            lang or detect_lang(title + " " + body),
        )
    )


def read_table_file(path: Path, columns: dict[str, str | None]) -> Read:
    """Articles from a CSV or Excel file; ``columns`` names the file's column for each field (``None``: the
    field's own name, or its Persian name: عنوان، متن، برچسب‌ها، شناسه، زبان)."""
    from safar.voice.tables import read_table

    frame = read_table(path).frame
    names = {str(c).strip().lower(): c for c in frame.columns}
    persian = {"title": "عنوان", "body": "متن", "tags": "برچسب‌ها", "id": "شناسه", "lang": "زبان"}
    chosen: dict[str, Any] = {}
    for name in ("title", "body", "tags", "id", "lang"):
        given = columns.get(name)
        if given is not None:
            if given not in frame.columns:
                raise InputError(
                    "kb.no_column", column=given, source=path.name, columns=", ".join(map(str, frame.columns))
                )
            chosen[name] = given
        elif name in names or persian[name] in names:
            chosen[name] = names.get(name, names.get(persian[name]))
    for needed in ("title", "body"):
        if needed not in chosen:
            raise InputError(
                "kb.which_column", field=needed, source=path.name, columns=", ".join(map(str, frame.columns))
            )
    out = Read()
    for n, record in enumerate(frame.to_dict("records"), start=2):  # row 1 is the header
        values = {name: (None if record[col] != record[col] else record[col]) for name, col in chosen.items()}
        _article(n, values, out)
    return _checked(out, path)


def read_json(text: str, source: str) -> Read:
    try:
        found = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("kb.bad_json", source=source, line=exc.lineno, column=exc.colno) from None
    items = found.get("articles") if isinstance(found, dict) else found
    if not isinstance(items, list):
        raise InputError("kb.bad_json_shape", source=source)
    out = Read()
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            out.rejected.append(Rejected(n, "", "kb.row.not_an_object"))
            continue
        _article(n, {k: item.get(k) for k in ("title", "body", "tags", "id", "lang")}, out)
    return _checked(out, Path(source))


def read_markdown(text: str, source: str) -> Read:
    out = Read()
    current: dict[str, Any] | None = None
    start = 0
    lines: list[str] = []

    def close() -> None:
        if current is not None:
            _article(start, {**current, "body": "\n".join(lines).strip()}, out)

    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("# "):
            close()
            current, start, lines = {"title": line[2:].strip()}, number, []
        elif current is not None and not lines and line.lower().startswith(("tags:", "برچسب‌ها:")):
            current["tags"] = line.split(":", 1)[1]
        elif current is not None:
            lines.append(line)
    close()
    if not out.articles and not out.rejected:
        raise InputError("kb.no_articles", source=source)
    return _checked(out, Path(source))


def _checked(found: Read, path: Path) -> Read:
    if len(found.articles) > MAX_ARTICLES:
        raise InputError("kb.too_many", source=path.name, count=len(found.articles), most=MAX_ARTICLES)
    keys = [a.key for a in found.articles]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise InputError("kb.same_id", source=path.name, ids=", ".join(twice[:10]))
    return found


def read_file(path: Path, columns: dict[str, str | None] | None = None) -> Read:
    """The articles of ``path`` by its kind: .csv/.xlsx, .json or .md."""
    suffix = path.suffix.lower()
    if suffix in (".csv", ".xlsx", ".tsv", ".txt"):
        return read_table_file(path, columns or {})
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("kb.not_utf8", source=path.name) from None
    if suffix == ".json":
        return read_json(text, path.name)
    if suffix in (".md", ".markdown"):
        return read_markdown(text, path.name)
    raise InputError("kb.bad_kind", source=path.name)
