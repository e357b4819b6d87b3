"""The survey document and the reading of one response: every problem named, nothing clipped or guessed."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from safar.model.survey import Choice, Local, Question, Survey
from safar.voice.answers import read_answers

SURVEY = Survey(
    title=Local(fa="نظرسنجی خسارت", en="Claims survey"),
    questions=[
        Question(id="nps", kind="nps", text=Local(en="Recommend?"), required=True),
        Question(id="csat_claim", kind="csat", touchpoint="report_claim", text=Local(fa="رضایت؟")),
        Question(id="effort", kind="ces", touchpoint="report_claim", text=Local(en="Effort?")),
        Question(id="agree", kind="likert", scale=(1, 7), stage="claims", text=Local(en="Fair?")),
        Question(id="speed", kind="gap", touchpoint="report_claim", text=Local(en="Speed")),
        Question(
            id="why",
            kind="multiple",
            text=Local(en="Why?"),
            choices=[
                Choice(id="price", text=Local(en="Price", fa="قیمت")),
                Choice(id="staff", text=Local(en="Staff")),
            ],
        ),
        Question(id="note", kind="text", text=Local(en="Anything else?")),
    ],
)


def test_a_full_response_is_read_into_typed_answers() -> None:
    answers, problems = read_answers(
        SURVEY,
        {
            "nps": "۱۰",
            "csat_claim": "4",
            "effort": "2",
            "agree": "6",
            "speed": "3",
            "speed_expected": "6",
            "why": ["قیمت", "staff"],
            "note": "كارشناس خوب بود",
        },
    )
    assert problems == []
    assert [(a.question.id, a.value, a.expected, a.choice, a.text) for a in answers] == [
        ("nps", 10.0, None, None, None),
        ("csat_claim", 4.0, None, None, None),
        ("effort", 2.0, None, None, None),
        ("agree", 6.0, None, None, None),
        ("speed", 3.0, 6.0, None, None),
        ("why", None, None, "price;staff", None),
        ("note", None, None, None, "کارشناس خوب بود"),
    ]


def test_every_problem_is_named_with_its_field_and_value() -> None:
    answers, problems = read_answers(
        SURVEY,
        {"csat_claim": "6", "effort": "2.5", "agree": "x", "speed": "3", "why": "cheap", "note": "ok"},
    )
    assert [p.to_dict() for p in problems] == [
        {"question": "nps", "field": "nps", "reason": "survey.required", "value": ""},
        {"question": "csat_claim", "field": "csat_claim", "reason": "survey.off_scale", "value": "6 ∉ 1–5"},
        {"question": "effort", "field": "effort", "reason": "survey.not_whole", "value": "2.5"},
        {"question": "agree", "field": "agree", "reason": "survey.not_a_number", "value": "x"},
        {"question": "speed", "field": "speed_expected", "reason": "survey.required", "value": ""},
        {"question": "why", "field": "why", "reason": "survey.unknown_choice", "value": "cheap"},
    ]
    assert [a.question.id for a in answers] == ["note"]


def test_empty_optional_answers_are_no_answers() -> None:
    answers, problems = read_answers(SURVEY, {"nps": "7", "csat_claim": "", "note": "  "})
    assert problems == []
    assert [a.question.id for a in answers] == ["nps"]


@pytest.mark.parametrize(
    ("question", "message"),
    [
        ({"id": "q", "kind": "nps", "text": {"en": "?"}, "scale": [1, 5]}, "no configurable scale"),
        ({"id": "q", "kind": "single", "text": {"en": "?"}}, "at least two choices"),
        ({"id": "q", "kind": "csat", "text": {}}, "Persian \\(fa\\), English \\(en\\) or both"),
        ({"id": "q", "kind": "csat", "text": {"en": "?"}, "touchpoint": "a", "stage": "b"}, "not both"),
        ({"id": "q", "kind": "likert", "text": {"en": "?"}, "scale": [5, 1]}, "lower to a higher"),
    ],
)
def test_inconsistent_questions_are_refused(question: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Survey.model_validate({"title": {"en": "t"}, "questions": [question]})


def test_question_ids_are_unique() -> None:
    q = {"id": "q", "kind": "nps", "text": {"en": "?"}}
    with pytest.raises(ValidationError, match="unique: q"):
        Survey.model_validate({"title": {"en": "t"}, "questions": [q, q]})
