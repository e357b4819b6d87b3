"""A survey (پرسشنامه) attached to a map's touchpoints and stages, as pure data.

Each question is about one touchpoint, one stage, or — with neither — the journey as a whole (the
outcome a key-driver analysis explains). Kinds and their scales:

* ``nps`` 0–10, ``csat`` 1–5, ``ces`` 1–7 (lower is less effort), ``likert`` 1–5 unless ``scale`` says
  otherwise;
* ``gap``: an expectation + perception pair on one scale (1–7 unless ``scale`` says otherwise), the raw
  material of gap analysis;
* ``single`` / ``multiple`` choice among ``choices``; ``text`` for an open answer (scored for sentiment).

Texts are bilingual (``fa`` and ``en``; at least one). Like a map, the document holds no store ids.

>>> s = Survey(title=Local(fa="نظرسنجی", en="Survey"), questions=[
...     Question(id="q1", kind="nps", touchpoint="claim", text=Local(en="Recommend us?"))])
>>> s.questions[0].bounds(), s.questions[0].text.get("fa")
((0, 10), 'Recommend us?')
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safar.model.ids import Slug
from safar.model.text import Text


class QuestionKind(StrEnum):
    NPS = "nps"
    CSAT = "csat"
    CES = "ces"
    LIKERT = "likert"
    GAP = "gap"
    SINGLE = "single"
    MULTIPLE = "multiple"
    TEXT = "text"


DEFAULT_SCALES: dict[QuestionKind, tuple[int, int]] = {
    QuestionKind.NPS: (0, 10),
    QuestionKind.CSAT: (1, 5),
    QuestionKind.CES: (1, 7),
    QuestionKind.LIKERT: (1, 5),
    QuestionKind.GAP: (1, 7),
}
RATED = frozenset(DEFAULT_SCALES)
FIXED_SCALES = frozenset({QuestionKind.NPS, QuestionKind.CSAT, QuestionKind.CES})


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Local(_Part):
    """A text in Persian and English; either may be missing, not both."""

    fa: Text = ""
    en: Text = ""

    @model_validator(mode="after")
    def _one_language(self) -> Local:
        if not (self.fa.strip() or self.en.strip()):
            raise ValueError("give the text in Persian (fa), English (en) or both")
        return self

    def get(self, lang: str) -> str:
        """The text in ``lang``, else in the other language."""
        mine, other = (self.fa, self.en) if lang == "fa" else (self.en, self.fa)
        return mine or other


class Choice(_Part):
    id: Slug
    text: Local


class Question(_Part):
    id: Slug
    kind: QuestionKind
    text: Local
    touchpoint: Slug | None = None
    stage: Slug | None = None
    required: bool = False
    scale: tuple[int, int] | None = None
    choices: list[Choice] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.touchpoint and self.stage:
            raise ValueError("a question is about a touchpoint or a stage, not both")
        if self.scale is not None:
            if self.kind not in RATED or self.kind in FIXED_SCALES:
                raise ValueError(f"a {self.kind.value} question has no configurable scale")
            low, high = self.scale
            if not (0 <= low < high <= 10):
                raise ValueError("a scale runs from a lower to a higher whole number within 0..10")
        choosing = self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
        if choosing and len(self.choices) < 2:
            raise ValueError("a choice question needs at least two choices")
        if not choosing and self.choices:
            raise ValueError(f"a {self.kind.value} question has no choices")
        ids = [c.id for c in self.choices]
        if len(set(ids)) != len(ids):
            raise ValueError("choice ids must be unique")
        return self

    def bounds(self) -> tuple[int, int] | None:
        """The rating scale of the question, or ``None`` when it is not rated."""
        if self.kind not in RATED:
            return None
        return self.scale or DEFAULT_SCALES[self.kind]


class Survey(_Part):
    title: Local
    intro: Local | None = None
    thanks: Local | None = None
    questions: list[Question] = Field(min_length=1)
    # Ask the respondent whether they may be contacted about their answers (a case then shows who they are
    # and may send them a follow-up survey); without a yes, nobody working a case sees who answered.
    ask_consent: bool = False

    @model_validator(mode="after")
    def _unique(self) -> Survey:
        ids = [q.id for q in self.questions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"question ids must be unique: {', '.join(twice)}")
        return self

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def to_document(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_defaults=True)
