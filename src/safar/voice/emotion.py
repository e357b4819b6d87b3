"""The measured emotion: survey scores and comment sentiment on the map's −2..+2 scale.

An NPS answer counts +2 for a promoter (9–10), 0 for a passive and −2 for a detractor (0–6), so the
mean is NPS / 50. Any other rating ``v`` on a scale ``lo..hi`` maps linearly: ``4·(v − lo)/(hi − lo) − 2``
(CSAT 1–5 gives ``v − 3``); CES is turned round, less effort being better. A
comment's sentiment score (−1..1) counts ``2 × score``. A touchpoint's measured emotion is the mean
over all its answers and comments (each one counts once), with ``n`` the number of them; it is
flagged when it is ``FLAG_AT`` or more away from the emotion the map assumed.

>>> rating_emotion(4.5, "csat"), rating_emotion(2, "ces", (1, 7))
(1.5, 1.33)
>>> Measured.combine([Measured(10, 1.0), Measured(30, -1.0)]).to_dict()
{'n': 40, 'emotion': -0.5}
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from safar.model.survey import DEFAULT_SCALES, QuestionKind

FLAG_AT = 1.0
REVERSED = frozenset({"ces"})


def rating_emotion(mean: float, kind: str, scale: tuple[int, int] | None = None) -> float:
    """The emotion of a mean rating of a question of ``kind`` on ``scale`` (default: the kind's)."""
    lo, hi = scale or DEFAULT_SCALES[QuestionKind(kind)]
    value = 4 * (mean - lo) / (hi - lo) - 2
    return round(-value if kind in REVERSED else value, 2)


@dataclass(frozen=True)
class Measured:
    """How many answers and comments, and their mean emotion."""

    n: int
    emotion: float

    @classmethod
    def combine(cls, parts: Iterable[Measured]) -> Measured:
        items = [p for p in parts if p.n > 0]
        n = sum(p.n for p in items)
        if n == 0:
            return cls(0, 0.0)
        return cls(n, round(sum(p.n * p.emotion for p in items) / n, 2))

    def differs(self, assumed: int | None) -> bool:
        return assumed is not None and self.n > 0 and abs(self.emotion - assumed) >= FLAG_AT

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "emotion": self.emotion}
