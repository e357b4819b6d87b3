"""Knowledge-base articles read from each kind of file, every bad row rejected with its row and field, and
questions matched to them in their own language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safar.errors import InputError
from safar.kb.articles import Article, Rejected, read_file
from safar.kb.match import match

ARTICLES = [
    (
        "a1",
        "بازیابی رمز عبور",
        "در صفحه ورود «فراموشی رمز» را بزنید تا پیامک بازیابی بیاید.",
        "رمز;ورود",
        "fa",
    ),
    (
        "a2",
        "Reset your password",
        "On the login page press Forgot password and follow the text message.",
        "login",
        "en",
    ),
    (
        "a3",
        "Delivery times",
        "Parcels arrive within three working days; track them in the app.",
        "delivery",
        "en",
    ),
]


def test_csv_json_and_markdown_give_the_same_articles(tmp_path: Path) -> None:
    csv_file = tmp_path / "kb.csv"
    csv_file.write_text(
        "id,title,body,tags,lang\n"
        + "".join(f'{k},"{t}","{b}","{g}",{lang}\n' for k, t, b, g, lang in ARTICLES),
        encoding="utf-8",
    )
    json_file = tmp_path / "kb.json"
    json_file.write_text(
        json.dumps([{"id": k, "title": t, "body": b, "tags": g.split(";"), "lang": lang} for k, t, b, g, lang in ARTICLES],
                   ensure_ascii=False),
        encoding="utf-8",
    )  # fmt: skip
    expected = [Article(k, t, b, tuple(g.split(";")), lang) for k, t, b, g, lang in ARTICLES]
    assert read_file(csv_file).articles == expected
    assert read_file(json_file).articles == expected
    md = tmp_path / "kb.md"
    md.write_text(
        "".join(f"# {t}\ntags: {g.replace(';', ', ')}\n{b}\n\n" for _, t, b, g, _ in ARTICLES),
        encoding="utf-8",
    )
    read = read_file(md)
    assert [(a.title, a.body, a.tags, a.lang) for a in read.articles] == [
        (a.title, a.body, a.tags, a.lang) for a in expected
    ]
    assert all(a.key.startswith("kb-") for a in read.articles)  # no ids in Markdown: made from the titles


def test_bad_rows_are_rejected_with_row_and_field_and_nothing_else_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "kb.csv"
    path.write_text(
        "عنوان,متن,زبان\nپرداخت قسطی,در سه قسط,\n,بدون عنوان,fa\nعنوان تنها,,fa\nدرست,متن,de\nكارت,متن كارت,fa\n",
        encoding="utf-8",
    )
    read = read_file(path)
    assert [a.title for a in read.articles] == ["پرداخت قسطی", "کارت"]  # Arabic ك read as Persian ک
    assert read.articles[1].body == "متن کارت"
    assert read.rejected == [
        Rejected(3, "title", "kb.row.empty"), Rejected(4, "body", "kb.row.empty"), Rejected(5, "lang", "kb.row.bad_lang"),
    ]  # fmt: skip
    twice = tmp_path / "twice.json"
    twice.write_text(
        '[{"id": "x", "title": "a", "body": "b"}, {"id": "x", "title": "c", "body": "d"}]', "utf-8"
    )
    with pytest.raises(InputError) as caught:
        read_file(twice)
    assert (caught.value.code, caught.value.details["ids"]) == ("kb.same_id", "x")
    for name, text, code in (
        ("bad.json", "[{", "kb.bad_json"), ("shape.json", '{"a": 1}', "kb.bad_json_shape"),
        ("empty.md", "no heading here\n", "kb.no_articles"), ("kb.pdf", "x", "kb.bad_kind"),
    ):  # fmt: skip
        (tmp_path / name).write_text(text, encoding="utf-8")
        with pytest.raises(InputError) as bad:
            read_file(tmp_path / name)
        assert bad.value.code == code
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("heading,text\na,b\n", encoding="utf-8")
    with pytest.raises(InputError) as which:
        read_file(nocol)
    assert which.value.details == {"field": "title", "source": "nocol.csv", "columns": "heading, text"}
    assert read_file(nocol, {"title": "heading", "body": "text"}).articles[0].title == "a"


def test_questions_meet_articles_in_their_own_language() -> None:
    kb = [Article(k, t, b, tuple(g.split(";")), lang) for k, t, b, g, lang in ARTICLES]
    found = match(["رمز عبورم را فراموش کرده‌ام", "I forgot my password", "where is my parcel, delivery late?",
                   "شعبه‌ها کی باز می‌شوند؟", ""], kb)  # fmt: skip
    assert [m.article for m in found] == ["a1", "a2", "a3", None, None]
    assert all(0 <= m.likeness <= 1 for m in found)
