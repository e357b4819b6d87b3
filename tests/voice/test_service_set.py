"""The service comments sets (issue 17): balanced, unique, in their language, and apart from any training data."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SNAPPFOOD = Path(__file__).resolve().parents[3] / "shared" / "data" / "snappfood-fa" / "snappfood.csv"
DOMAINS = {"contact_centre", "insurance", "banking", "telecom", "delivery"}
PERSIAN = re.compile(r"[\u0600-\u06FF]")


def rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("name", ["service_fa.csv", "service_en.csv"])
def test_each_set_has_20_comments_per_domain_and_label_all_different(name: str) -> None:
    found = rows(name)
    cells = Counter((r["domain"], r["label"]) for r in found)
    assert set(cells) == {(d, lab) for d in DOMAINS for lab in ("positive", "negative", "neutral")}
    assert set(cells.values()) == {20}
    texts = [r["text"].strip() for r in found]
    assert len(set(texts)) == len(texts) == 300 and all(texts)
    persian = [bool(PERSIAN.search(t)) for t in texts]
    assert all(persian) if name == "service_fa.csv" else not any(persian)


def test_no_service_comment_is_in_the_training_data() -> None:
    with SNAPPFOOD.open(encoding="utf-8", newline="") as f:
        trained = {" ".join(str(r.get("comment") or r.get("text") or "").split()) for r in csv.DictReader(f)}
    assert len(trained) > 5000
    ours = {" ".join(r["text"].split()) for name in ("service_fa.csv", "service_en.csv") for r in rows(name)}
    assert ours.isdisjoint(trained)


TRAINING = Path(__file__).resolve().parents[2] / "training" / "voice"


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_no_training_comment_is_close_to_a_test_comment(lang: str) -> None:
    """The service models' training comments (training/voice) stay apart from the test set: none within
    0.7 cosine similarity of character 2–4-grams of any test comment (the leakage filter's rule)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    trained = []
    for path in sorted(TRAINING.glob(f"service_train_{lang}*.csv")):
        with path.open(encoding="utf-8", newline="") as f:
            trained += [r["text"] for r in csv.DictReader(f)]
    tested = [r["text"] for r in rows(f"service_{lang}.csv")]
    assert len(trained) > 1000
    vectors = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4)).fit(trained + tested)
    closest = (vectors.transform(trained) @ vectors.transform(tested).T).max(axis=1).toarray().ravel()
    assert float(closest.max()) < 0.7
