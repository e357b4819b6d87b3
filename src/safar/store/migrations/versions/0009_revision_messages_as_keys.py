"""Revision messages as a catalogue key and JSON values: ``map_revisions.message`` becomes
``message_key`` + ``message_values``, so each reader reads them in their own language.

Texts Safar wrote itself, in English or Persian (created, imported, from a template, a revert, the
demo's two, an edit's summary such as ``1 moved, 2 changed``), become their key and values; any other
text (a person's words, or a form this migration does not know) is kept as written under ``msg.legacy``.
The forms are copied here as they were when this migration was written, so later catalogue changes do
not change what it reads. Downgrading writes every message back as English text (typed words as typed).

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# key -> (English, Persian) as the catalogue had them; {name} is a value.
FORMS: dict[str, tuple[str, str]] = {
    "msg.created": ("Created", "ساخته شد"),
    "msg.imported": ("Imported {file}", "از {file} وارد شد"),
    "msg.from_template": (
        "Created from template {template} ({lang})",
        "ساخته شده از الگوی {template} ({lang})",
    ),
    "msg.revert": ("Revert to revision {revision}", "بازگشت به نسخه {revision}"),
    "ui.demo_bound": (
        "Bound every touchpoint to the synthetic demo events ({dataset})",
        "اتصال همه نقاط تماس به رویدادهای ساختگی نمایشی ({dataset})",
    ),
    "ui.demo_future": (
        "Future state of the demo map, with targets to measure against today's data",
        "وضعیت آینده نقشه نمایشی، با هدف‌هایی برای سنجش در برابر داده‌های امروز",
    ),
}
SUMMARY = re.compile(r"(\d+) (added|removed|moved|changed)")
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789", "\u2066\u2067\u2068\u2069")

revisions = sa.table(
    "map_revisions",
    sa.column("id", sa.Integer),
    sa.column("message", sa.Text),
    sa.column("message_key", sa.String),
    sa.column("message_values", sa.JSON),
)


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out = []
    for key, texts in FORMS.items():
        for text in texts:
            pieces = re.split(r"\{(\w+)\}", text)
            regex = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
            out.append((key, re.compile(regex)))
    return out


def parse(message: str | None) -> tuple[str, dict[str, Any]]:
    """The key and values of an old message text; ``msg.legacy`` with the text when it is no known form.

    >>> parse("1 moved, 2 changed")
    ('msg.summary', {'counts': [['moved', 1], ['changed', 2]]})
    >>> parse("بازگشت به نسخه ۳"), parse("Imported shop 2.yaml")
    (('msg.revert', {'revision': 3}), ('msg.imported', {'file': 'shop 2.yaml'}))
    >>> parse("Rename the first stage")
    ('msg.legacy', {'text': 'Rename the first stage'})
    """
    text = message or ""
    parts = [SUMMARY.fullmatch(p.strip()) for p in text.split(",")]
    if text and all(parts):
        return "msg.summary", {"counts": [[m.group(2), int(m.group(1))] for m in parts if m]}
    for key, pattern in _patterns():
        found = pattern.fullmatch(text)
        if found:
            values: dict[str, Any] = dict(found.groupdict())
            if "revision" in values:
                number = values["revision"].translate(_DIGITS)
                if not number.isdecimal():
                    continue
                values["revision"] = int(number)
            return key, values
    return "msg.legacy", {"text": text}


def english(key: str, values: dict[str, Any]) -> str:
    """A stored message as English text (for a downgrade)."""
    if key in ("msg.text", "msg.legacy"):
        return str(values.get("text", ""))
    if key == "msg.summary":
        return ", ".join(f"{n} {kind}" for kind, n in values.get("counts", []))
    if key in FORMS:
        return FORMS[key][0].format(**values)
    return key


def upgrade() -> None:
    with op.batch_alter_table("map_revisions") as batch:
        batch.add_column(sa.Column("message_key", sa.String(100), nullable=True))
        batch.add_column(sa.Column("message_values", sa.JSON(), nullable=True))
    conn = op.get_bind()
    for row in conn.execute(sa.select(revisions.c.id, revisions.c.message)).all():
        key, values = parse(row.message)
        conn.execute(
            revisions.update().where(revisions.c.id == row.id).values(message_key=key, message_values=values)
        )
    with op.batch_alter_table("map_revisions") as batch:
        batch.alter_column("message_key", existing_type=sa.String(100), nullable=False)
        batch.alter_column("message_values", existing_type=sa.JSON(), nullable=False)
        batch.drop_column("message")


def downgrade() -> None:
    with op.batch_alter_table("map_revisions") as batch:
        batch.add_column(sa.Column("message", sa.Text(), nullable=True))
    conn = op.get_bind()
    query = sa.select(revisions.c.id, revisions.c.message_key, revisions.c.message_values)
    for row in conn.execute(query).all():
        text = english(row.message_key, dict(row.message_values or {}))
        conn.execute(revisions.update().where(revisions.c.id == row.id).values(message=text))
    with op.batch_alter_table("map_revisions") as batch:
        batch.alter_column("message", existing_type=sa.Text(), nullable=False)
        batch.drop_column("message_values")
        batch.drop_column("message_key")
