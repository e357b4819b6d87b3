"""Reading one response to a survey: raw fields in, checked answers or problems out.

The same rules serve the public response page and file imports. Fields are named by question id:
``<id>`` for the answer (the perception of a ``gap`` question) and ``<id>_expected`` for a gap
question's expectation. A rating must be a whole number on the question's scale (Persian and Arabic
digits accepted); a choice may be given by its id or its text in either language; several choices
are separated by ``;`` or ``|``. An empty field is no answer — a problem only for a required
question. Nothing is clipped or guessed: every problem names the question, the field and the value.

>>> from safar.model.survey import Local, Question, Survey
>>> s = Survey(title=Local(en="t"), questions=[Question(id="nps", kind="nps", text=Local(en="?"))])
>>> read_answers(s, {"nps": "۹"})[0][0].value
9.0
>>> read_answers(s, {"nps": "11"})[1][0].to_dict()["reason"]
'survey.off_scale'
>>> read_answers(s, {"nps": "nan"})[1][0].reason
'survey.not_a_number'
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from safar.events.digits import read_number
from safar.model.survey import Question, QuestionKind, Survey
from safar.model.text import normalize_text

EXPECTED_SUFFIX = "_expected"
MAX_TEXT = 5000
_SPLIT = re.compile(r"[;|]")


@dataclass(frozen=True)
class Answer:
    question: Question
    value: float | None = None
    expected: float | None = None
    choice: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class Problem:
    question: str
    field: str
    reason: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def read_answers(
    survey: Survey, fields: Mapping[str, str | list[str] | None]
) -> tuple[list[Answer], list[Problem]]:
    """Every question's answer from ``fields``; the problems found, in question order."""
    answers: list[Answer] = []
    problems: list[Problem] = []
    for q in survey.questions:
        answer, found = _read_one(q, fields)
        problems.extend(found)
        if answer is not None and not found:
            answers.append(answer)
    return answers, problems


def _text(raw: str | list[str] | None) -> str:
    if raw is None:
        return ""
    if isinstance(raw, list):
        return ";".join(str(r) for r in raw if str(r).strip())
    return str(raw)


def _read_one(
    q: Question, fields: Mapping[str, str | list[str] | None]
) -> tuple[Answer | None, list[Problem]]:
    raw = _text(fields.get(q.id)).strip()
    if q.kind is QuestionKind.GAP:
        expected_raw = _text(fields.get(q.id + EXPECTED_SUFFIX)).strip()
        if not raw and not expected_raw:
            return None, _missing(q)
        problems = [*_rating(q, q.id, raw), *_rating(q, q.id + EXPECTED_SUFFIX, expected_raw)]
        if problems:
            return None, problems
        return Answer(q, value=_number(raw), expected=_number(expected_raw)), []
    if not raw:
        return None, _missing(q)
    if q.bounds() is not None:
        problems = _rating(q, q.id, raw)
        return (None, problems) if problems else (Answer(q, value=_number(raw)), [])
    if q.kind is QuestionKind.TEXT:
        text = normalize_text(raw)
        if len(text) > MAX_TEXT:
            return None, [Problem(q.id, q.id, "survey.text_too_long", f"{len(text)} > {MAX_TEXT}")]
        return Answer(q, text=text), []
    given = [p.strip() for p in _SPLIT.split(raw) if p.strip()] if q.kind is QuestionKind.MULTIPLE else [raw]
    chosen: list[str] = []
    for item in given:
        choice = _choice(q, item)
        if choice is None:
            return None, [Problem(q.id, q.id, "survey.unknown_choice", item)]
        if choice not in chosen:
            chosen.append(choice)
    return Answer(q, choice=";".join(chosen)), []


def _missing(q: Question) -> list[Problem]:
    return [Problem(q.id, q.id, "survey.required", "")] if q.required else []


def _number(raw: str) -> float:
    return read_number(raw)


def _rating(q: Question, field: str, raw: str) -> list[Problem]:
    if not raw:
        return [Problem(q.id, field, "survey.required", "")]
    bounds = q.bounds()
    assert bounds is not None
    try:
        number = read_number(raw)
    except ValueError:
        return [Problem(q.id, field, "survey.not_a_number", raw)]
    if not math.isfinite(number):
        return [Problem(q.id, field, "survey.not_a_number", raw)]
    if number != int(number):
        return [Problem(q.id, field, "survey.not_whole", raw)]
    if not bounds[0] <= number <= bounds[1]:
        return [Problem(q.id, field, "survey.off_scale", f"{raw} ∉ {bounds[0]}–{bounds[1]}")]
    return []


def _choice(q: Question, given: str) -> str | None:
    wanted = normalize_text(given).casefold()
    for c in q.choices:
        if wanted in (c.id.casefold(), c.text.fa.casefold(), c.text.en.casefold()) and wanted:
            return c.id
    return None
