"""The semantic diff follows stages and touchpoints by id."""

from __future__ import annotations

from safar.maps.diff import diff_maps
from safar.model import Emotion, JourneyMap, Stage, Touchpoint


def journey(**stages: list[str]) -> JourneyMap:
    return JourneyMap(
        title="t",
        lang="en",
        stages=[
            Stage(
                id=sid,
                name=sid.upper(),
                touchpoints=[Touchpoint(id=t, name=t.upper(), channel="sms") for t in tps],
            )
            for sid, tps in stages.items()
        ],
    )


def changes(old: JourneyMap, new: JourneyMap) -> list[dict[str, object]]:
    return [c.to_dict() for c in diff_maps(old, new)]


def test_identical_maps_have_no_changes() -> None:
    assert changes(journey(a=["x"]), journey(a=["x"])) == []


def test_added_removed_and_moved_stages_and_touchpoints() -> None:
    old = journey(aware=["ad", "friend"], buy=["pay", "receipt"], renew=["sms"])
    new = journey(buy=["receipt", "pay"], aware=["ad"], use=["claim"], renew=["sms", "friend"])
    assert changes(old, new) == [
        {"kind": "moved", "target": "stage", "id": "aware", "field": "position", "before": 0, "after": 1},
        {
            "kind": "added",
            "target": "stage",
            "id": "use",
            "before": None,
            "after": {"name": "USE", "position": 2},
        },
        {
            "kind": "moved",
            "target": "touchpoint",
            "id": "pay",
            "field": "position",
            "before": 0,
            "after": 1,
            "stage": "buy",
        },
        {
            "kind": "added",
            "target": "touchpoint",
            "id": "claim",
            "before": None,
            "after": {"name": "CLAIM", "position": 0},
            "stage": "use",
        },
        {
            "kind": "moved",
            "target": "touchpoint",
            "id": "friend",
            "field": "stage",
            "before": "aware",
            "after": "renew",
            "stage": "renew",
        },
    ]
    assert changes(new, old)[-1] == {
        "kind": "removed",
        "target": "touchpoint",
        "id": "claim",
        "before": {"name": "CLAIM", "position": 0},
        "after": None,
        "stage": "use",
    }


def test_field_changes_from_and_to() -> None:
    old = journey(aware=["ad"])
    new = old.model_copy(deep=True)
    new.title = "new title"
    tp = new.stages[0].touchpoints[0]
    tp.channel = "email"
    tp.emotion = Emotion(score=-1, label="annoyed")
    tp.pain_points = ["too many ads"]
    assert changes(old, new) == [
        {"kind": "changed", "target": "map", "field": "title", "before": "t", "after": "new title"},
        {
            "kind": "changed",
            "target": "touchpoint",
            "id": "ad",
            "field": "channel",
            "before": "sms",
            "after": "email",
            "stage": "aware",
        },
        {
            "kind": "changed",
            "target": "touchpoint",
            "id": "ad",
            "field": "emotion",
            "before": None,
            "after": {"score": -1, "label": "annoyed"},
            "stage": "aware",
        },
        {
            "kind": "changed",
            "target": "touchpoint",
            "id": "ad",
            "field": "pain_points",
            "before": [],
            "after": ["too many ads"],
            "stage": "aware",
        },
    ]
    newer = new.model_copy(deep=True)
    newer.stages[0].touchpoints[0].emotion = Emotion(score=1, label="annoyed")
    assert changes(new, newer) == [
        {
            "kind": "changed",
            "target": "touchpoint",
            "id": "ad",
            "field": "emotion.score",
            "before": -1,
            "after": 1,
            "stage": "aware",
        },
    ]


def test_every_field_a_change_can_name_has_a_label_in_both_languages() -> None:
    """The history names a changed field by its label («* پرسونا «سارا»: به زبان خودش …»), never its key."""
    import typing

    from pydantic import BaseModel

    from safar.i18n.catalogue import MESSAGES

    names: set[str] = set()
    seen: set[type] = set()

    def walk(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            names.add(name)
            stack = [info.annotation]
            while stack:
                kind = stack.pop()
                stack += typing.get_args(kind)
                if isinstance(kind, type) and issubclass(kind, BaseModel) and kind not in seen:
                    seen.add(kind)
                    walk(kind)

    walk(JourneyMap)
    containers = {"id", "safar", "stages", "touchpoints", "personas", "channels", "bind", "metrics"}
    missing = sorted(
        n for n in names - containers if f"field.{n}" not in MESSAGES and f"attr.{n}" not in MESSAGES
    )
    assert missing == []
