from __future__ import annotations

import pydantic
import pytest

from safar.model import BindingRule, Emotion, JourneyMap, Stage, Touchpoint, normalize_text


def test_text_fields_are_normalised_to_persian_letters() -> None:
    journey = JourneyMap(
        title="خريد بيمه",
        stages=[
            Stage(
                id="s",
                name="مرحله\u200c\u200cيك",
                touchpoints=[
                    Touchpoint(
                        id="t", name="تماس با مركز", channel="call_centre", pain_points=["انتظار طولاني"]
                    )
                ],
            )
        ],
    )
    assert journey.title == "خرید بیمه"
    assert journey.stages[0].name == "مرحله\u200cیک"
    assert journey.stages[0].touchpoints[0].name == "تماس با مرکز"
    assert journey.stages[0].touchpoints[0].pain_points == ["انتظار طولانی"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("\u200cسلام\u200c", "سلام"),
        ("می \u200cروم", "می روم"),
        ("كيك", "کیک"),
        ("plain English", "plain English"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_emotion_is_bounded() -> None:
    with pytest.raises(pydantic.ValidationError):
        Emotion(score=3)


def test_binding_rule_needs_a_condition_and_a_valid_regex() -> None:
    with pytest.raises(pydantic.ValidationError, match="at least one condition"):
        BindingRule()
    with pytest.raises(pydantic.ValidationError, match="regular expression"):
        BindingRule(activity_regex="(")
    assert BindingRule(attributes={"product": "car"}).conditions() == ["attributes"]


def test_to_document_leaves_out_empty_fields() -> None:
    journey = JourneyMap(
        title="t",
        lang="en",
        stages=[
            Stage(
                id="s",
                name="S",
                touchpoints=[Touchpoint(id="a", name="A", channel="sms", emotion=Emotion(score=0))],
            )
        ],
    )
    assert journey.to_document() == {
        "safar": 1,
        "title": "t",
        "type": "current_state",
        "lang": "en",
        "stages": [
            {
                "id": "s",
                "name": "S",
                "touchpoints": [{"id": "a", "name": "A", "channel": "sms", "emotion": {"score": 0}}],
            }
        ],
    }


def test_lookups() -> None:
    journey = JourneyMap(
        title="t",
        stages=[
            Stage(id="s1", name="S1", touchpoints=[Touchpoint(id="a", name="A", channel="sms")]),
            Stage(id="s2", name="S2", touchpoints=[Touchpoint(id="b", name="B", channel="email")]),
        ],
    )
    assert [t.id for t in journey.touchpoints()] == ["a", "b"]
    stage = journey.stage_of("b")
    assert stage is not None and stage.id == "s2"
    assert journey.stage_of("zz") is None


def test_a_persona_says_who_it_is_in_the_data_as_key_value_conditions() -> None:
    from safar.model import Persona

    persona = Persona(id="p", name="P", data_segment=" segment=new ;plan=gold; ")
    assert persona.conditions() == ["segment=new", "plan=gold"]
    assert Persona(id="q", name="Q").conditions() == []
    with pytest.raises(ValueError, match="KEY=VALUE"):
        Persona(id="r", name="R", data_segment="segment=new; gold")
