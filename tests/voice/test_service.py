"""The service-language sentiment model (issue 17): what the demo and the issue's own examples say reads as
they mean it, the held-out service sets stay at their measured accuracy, and the negation scope it reads."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from safar.demo import _SAYS
from safar.voice.negation import clauses, negates, scoped
from safar.voice.sentiment import score
from safar.voice.service import cues

DATA = Path(__file__).parent / "data"

# Issue 17's own examples, as a new user tried them, and the plain forms of the demo's waiting complaint.
ISSUE = {
    "negative": [
        "زمان انتظار خیلی طولانی بود و خسته شدم",
        "صف خیلی طولانی بود",
        "خیلی معطل شدم",
        "I waited half an hour on the line and nobody answered",
    ],
    "positive": [
        "خسارت ظرف سه روز به حسابم واریز شد",
        "تمدید آنلاین در پنج دقیقه انجام شد",
        "پرداخت آنلاین خیلی راحت بود",
        "اصلاً طولانی نبود",
        "هیچ معطل نشدم",
        "Reporting the claim was quick and simple",
    ],
}


def test_the_demos_comments_read_as_their_customers_meant_them() -> None:
    """Every comment the demo's respondents write: complaints negative, praise positive, in both languages."""
    for says in _SAYS.values():
        for mood, label in (("bad", "negative"), ("good", "positive")):
            for lang, texts in says[mood].items():
                got = [s.label for s in score(list(texts), lang=lang)]
                assert got == [label] * len(texts), (lang, texts, got)


@pytest.mark.parametrize("label", ["negative", "positive"])
def test_the_issues_examples_read_right(label: str) -> None:
    assert [s.label for s in score(ISSUE[label])] == [label] * len(ISSUE[label])


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_held_out_service_set_stays_at_its_measured_accuracy(lang: str) -> None:
    """Measured (docs/voice.md §3): fa 0.9133, en 0.9067 of 300; this guards the ≥ 0.90 target."""
    with (DATA / f"service_{lang}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = score([r["text"] for r in rows], lang=lang)
    right = sum(s.label == r["label"] for s, r in zip(got, rows, strict=True))
    assert len(rows) == 300 and right / len(rows) >= 0.90


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_one_workspaces_own_phrasings_read_right(lang: str) -> None:
    """A car insurer's customers in its own words (15 situations × 8 wordings, written for the project in
    session 19 by a writer who saw no model or test): measured once, fa 0.9833 and en 0.9417 of 120."""
    with (DATA / f"workspace_{lang}.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    got = score([r["text"] for r in rows], lang=lang)
    right = sum(s.label == r["label"] for s, r in zip(got, rows, strict=True))
    assert len(rows) == 120 and len({r["situation"] for r in rows}) == 15 and right / len(rows) >= 0.90


def test_a_negation_reaches_the_end_of_its_clause_only() -> None:
    found = [(c.words, c.negated) for c in clauses("صف شعبه طولانی نبود، ولی فرم خسارت گیج‌کننده بود")]
    assert found == [
        (("صف", "شعبه", "طولانی", "نبود"), True),
        (("ولی",), False),
        (("فرم", "خسارت", "گیجکننده", "بود"), False),
    ]
    assert scoped("انتظار طولانی نکشیدم و سریع جواب دادند") == [
        "n:انتظار",
        "n:طولانی",
        "نکشیدم",
        "و",
        "سریع",
        "جواب",
        "دادند",
    ]
    assert [negates(w) for w in ("نموندم", "نمیشد", "نزدیک", "نشانی", "نان", "ماندم")] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]


def test_a_complaint_phrase_under_a_negation_counts_as_praise_unless_the_negation_is_its_own() -> None:
    one = 0.6931471805599453
    assert cues("اصلاً معطل نشدم", "fa") == (0.0, one)
    assert cues("هیچ‌کس جواب نداد", "fa") == (one, 0.0)  # «جواب نداد» is the complaint itself
    # the clause's only negation is the complaint's own, so nothing else in it is turned round (the model
    # weighs «سریع» against «جواب ندادند» and the rest of the comment)
    assert cues("سریع جواب ندادند", "fa") == (one, one)
    assert cues("خسته نباشید", "fa") == (0.0, one)
    assert cues("خیلی معطل شدم", "fa") == (one, 0.0)
