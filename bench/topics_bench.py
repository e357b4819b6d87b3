"""Topics benchmark: how well discovery finds the intents of customer questions, and assignment keeps them.

    .venv/bin/python bench/topics_bench.py
    .venv/bin/python bench/topics_bench.py --json

On the hand-written labelled set bench/data/intents/questions.csv (600 questions, 20 intents, 15 Persian and
15 English each; README there), in the same run:

* **discovery** (``safar.voice.topics.discover``, the number of topics chosen by the silhouette, and with k
  given as the true number of intents): adjusted mutual information (AMI) and adjusted Rand index (ARI) with
  the intents, for all 600 questions and for each language alone; and the time;
* the **peer**: scikit-learn's own TF-IDF (word uni- and bigrams, no Persian normalisation, no stop-words)
  with k-means at the true k, the plain direct computation the discovery is built on; the AMI ratio
  Safar / peer (> 1: Safar finds the intents better);
* **assignment** (``safar.voice.topics.assign``): a taxonomy made of each intent's first 5 questions in each
  language as its phrases; the other 10 of each are assigned: accuracy among those assigned, and the share
  assigned at all (coverage).

* **knowledge base** (``safar.kb.match``) with bench/data/intents/articles.csv (15 intents with an article in
  each language, 5 deliberately without, 4 articles nobody asks about): of the questions flagged unanswered, the
  share whose intent really has no article (precision) and the share of those questions flagged (recall); among
  the questions given an article, the share given their own intent's.

Seeded and deterministic: the same figures every run of the same version.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "intents" / "questions.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _scores(labels: list[str], found: list[str | None]) -> dict[str, float]:
    from sklearn.metrics import adjusted_mutual_info_score, adjusted_rand_score

    predicted = [f if f is not None else "-" for f in found]
    return {
        "ami": round(float(adjusted_mutual_info_score(labels, predicted)), 4),
        "ari": round(float(adjusted_rand_score(labels, predicted)), 4),
    }


def _peer(texts: list[str], labels: list[str], k: int) -> dict[str, Any]:
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    started = time.perf_counter()
    matrix = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit_transform(texts)
    found = KMeans(n_clusters=k, n_init=4, random_state=0).fit_predict(matrix)
    seconds = time.perf_counter() - started
    return {**_scores(labels, [str(f) for f in found]), "k": k, "seconds": round(seconds, 3)}


def _safar(texts: list[str], labels: list[str], k: int | None) -> dict[str, Any]:
    from safar.voice.topics import discover

    started = time.perf_counter()
    found = discover(texts, k=k, max_k=30)
    seconds = time.perf_counter() - started
    return {
        **_scores(labels, [a.topic for a in found.assignments]),
        "k": found.k,
        "silhouette": found.silhouette,
        "seconds": round(seconds, 3),
    }


def _assignment(rows: list[dict[str, str]]) -> dict[str, Any]:
    from safar.voice.topics import TopicDefinition, assign

    seen: dict[tuple[str, str], int] = {}
    phrases: dict[str, list[str]] = {}
    held: list[dict[str, str]] = []
    for row in rows:
        n = seen.get((row["intent"], row["lang"]), 0)
        seen[(row["intent"], row["lang"])] = n + 1
        if n < 5:
            phrases.setdefault(row["intent"], []).append(row["text"])
        else:
            held.append(row)
    topics = [TopicDefinition(intent, tuple(said)) for intent, said in sorted(phrases.items())]
    given = assign([r["text"] for r in held], topics)
    assigned = [(r, a) for r, a in zip(held, given, strict=True) if a.topic is not None]
    right = sum(1 for r, a in assigned if a.topic == r["intent"])
    return {
        "held_out": len(held),
        "assigned": len(assigned),
        "coverage": round(len(assigned) / len(held), 4),
        "accuracy_of_assigned": round(right / len(assigned), 4) if assigned else None,
        "accuracy_all": round(right / len(held), 4),
    }


def _kb(rows: list[dict[str, str]], path: Path) -> dict[str, Any]:
    from safar.kb.articles import read_file
    from safar.kb.match import match

    read = read_file(path)
    intent = {a["id"]: a["intent"] for a in _rows(path)}
    covered = {i for i in intent.values() if i != "none"}
    found = match([r["text"] for r in rows], read.articles)
    flagged = [r for r, m in zip(rows, found, strict=True) if m.article is None]
    missing = [r for r in rows if r["intent"] not in covered]
    given = [
        (r, m) for r, m in zip(rows, found, strict=True) if m.article is not None and r["intent"] in covered
    ]
    return {
        "articles": len(read.articles),
        "questions_without_article": len(missing),
        "flagged_unanswered": len(flagged),
        "precision_unanswered": round(sum(r["intent"] not in covered for r in flagged) / len(flagged), 4)
        if flagged
        else None,
        "recall_unanswered": round(sum(r["intent"] not in covered for r in flagged) / len(missing), 4)
        if missing
        else None,
        "right_article": round(sum(intent[m.article] == r["intent"] for r, m in given) / len(given), 4)
        if given
        else None,
    }


def run(path: Path, *, auto: bool = True) -> dict[str, Any]:
    rows = _rows(path)
    intents = sorted({r["intent"] for r in rows})
    out: dict[str, Any] = {"data": str(path.name), "questions": len(rows), "intents": len(intents)}
    for name, part in (("all", rows), ("fa", [r for r in rows if r["lang"] == "fa"]),
                       ("en", [r for r in rows if r["lang"] == "en"])):  # fmt: skip
        texts, labels = [r["text"] for r in part], [r["intent"] for r in part]
        true_k = len(set(labels))
        safar_k = _safar(texts, labels, true_k)
        safar_auto = _safar(texts, labels, None) if auto else None
        peer = _peer(texts, labels, true_k)
        out[name] = {
            "safar_auto_k": safar_auto,
            "safar_true_k": safar_k,
            "peer_true_k": peer,
            "ami_ratio_safar_true_k_to_peer": round(safar_k["ami"] / peer["ami"], 3) if peer["ami"] else None,
        }
    out["assignment"] = _assignment(rows)
    out["knowledge_base"] = _kb(rows, path.with_name("articles.csv"))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--no-auto", action="store_true", help="Skip choosing k by the silhouette (the CI run)."
    )
    args = parser.parse_args()
    found = run(args.data, auto=not args.no_auto)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
        return
    print(f"{found['questions']} questions, {found['intents']} intents ({found['data']})")
    for name in ("all", "fa", "en"):
        part = found[name]
        a, k, p = part["safar_auto_k"], part["safar_true_k"], part["peer_true_k"]
        chosen = (
            f"safar (k={a['k']} by silhouette) AMI {a['ami']:.3f} ARI {a['ari']:.3f} {a['seconds']:.2f} s | "
            if a
            else ""
        )
        print(
            f"  {name:>3}: {chosen}safar (k={k['k']}) AMI {k['ami']:.3f} ARI {k['ari']:.3f}"
            f" | peer TF-IDF+k-means (k={p['k']}) AMI {p['ami']:.3f} ARI {p['ari']:.3f}"
            f" | AMI ratio safar/peer {part['ami_ratio_safar_true_k_to_peer']}"
        )
    s = found["assignment"]
    print(
        f"  assignment: {s['assigned']} of {s['held_out']} held-out questions assigned (coverage {s['coverage']:.2f}),"
        f" {s['accuracy_of_assigned']} right among them, {s['accuracy_all']} of all"
    )
    b = found["knowledge_base"]
    print(
        f"  knowledge base: {b['flagged_unanswered']} questions flagged unanswered, precision {b['precision_unanswered']}"
        f" recall {b['recall_unanswered']} ({b['questions_without_article']} have no article; base rate"
        f" {b['questions_without_article'] / found['questions']:.2f}); right article for {b['right_article']} of the"
        " answered"
    )


if __name__ == "__main__":
    main()
