"""Journey-as-code: import → export is lossless, for any map (property-based) and every template."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safar.maps.templates import TEMPLATES, load_template
from safar.maps.validate import parse_map_bytes, read_map_file
from safar.maps.yamlio import dump_text
from safar.model import (
    BUILTIN_CHANNELS,
    BindingRule,
    Emotion,
    EvidenceSource,
    JourneyMap,
    MapType,
    Metric,
    MomentOfTruth,
    Persona,
    Scope,
    Stage,
    Touchpoint,
    normalize_text,
)
from safar.workspace import Workspace

# any text a map may hold: no surrogates, and no NUL (refused wherever a map comes in; PostgreSQL cannot
# store it — tests/web/test_bad_input.py)
texts = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=30)
persian = st.text(st.sampled_from("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی \u200c۰۱۲۳"), min_size=1, max_size=20)
# Names must stay non-empty after Persian normalisation (a lone ZWNJ is removed).
names = st.one_of(
    persian,
    st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), min_size=1, max_size=20),
).filter(lambda s: normalize_text(s) != "")
lines = st.lists(st.one_of(texts, persian), max_size=3)
slugs = st.from_regex(r"[a-z0-9][a-z0-9_\-]{0,12}", fullmatch=True)

metrics = st.builds(
    Metric,
    name=names,
    unit=texts,
    target=st.none() | st.floats(allow_nan=False, allow_infinity=False),
    higher_is_better=st.booleans(),
)
emotions = st.builds(Emotion, score=st.integers(-2, 2), label=texts)
rules = st.builds(
    BindingRule,
    activity=st.none() | names,
    activity_in=st.lists(texts, max_size=2),
    channel=st.none() | names,
    attributes=st.dictionaries(slugs, texts, max_size=2),
    dataset=st.just("log"),
)


@st.composite
def journeys(draw: st.DrawFn) -> JourneyMap:
    ids = draw(st.lists(slugs, min_size=0, max_size=12, unique=True))
    stage_count = draw(st.integers(0, min(4, len(ids))))
    stage_ids, tp_ids = ids[:stage_count], ids[stage_count:]
    stages = []
    for i, sid in enumerate(stage_ids):
        mine = tp_ids[i::stage_count] if stage_count else []
        touchpoints = [
            Touchpoint(
                id=tid,
                name=draw(names),
                description=draw(texts),
                customer_activity=draw(texts),
                experience=draw(texts),
                channel=draw(st.sampled_from(sorted(BUILTIN_CHANNELS))),
                expectations=draw(texts),
                device=draw(texts),
                questions=draw(lines),
                motivations=draw(lines),
                emotion=draw(st.none() | emotions),
                owner=draw(texts),
                pain_points=draw(lines),
                opportunities=draw(lines),
                frontstage=draw(lines),
                backstage=draw(lines),
                support=draw(lines),
                moment_of_truth=draw(
                    st.none()
                    | st.builds(
                        MomentOfTruth,
                        evidence=st.lists(st.sampled_from(EvidenceSource), min_size=1, max_size=3),
                        note=texts,
                    )
                ),
                metrics=draw(st.lists(metrics, max_size=2)),
                improves=draw(st.lists(slugs, max_size=2)),
                bind=draw(st.lists(rules, max_size=2)),
            )
            for tid in mine
        ]
        stages.append(
            Stage(
                id=sid, name=draw(names), description=draw(texts), goal=draw(texts), touchpoints=touchpoints
            )
        )
    personas = [
        Persona(
            id=pid,
            name=draw(names),
            description=draw(texts),
            segment=draw(texts),
            goals=draw(lines),
            pains=draw(lines),
            triggers=draw(lines),
        )
        for pid in draw(st.lists(slugs, max_size=2, unique=True))
    ]
    return JourneyMap(
        title=draw(names),
        type=draw(st.sampled_from(MapType)),
        lang=draw(st.sampled_from(["fa", "en"])),
        description=draw(texts),
        scope=Scope(timeline=draw(texts)),
        personas=personas,
        stages=stages,
        metrics=draw(st.lists(metrics, max_size=2)),
        tags=draw(lines),
    )


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey=journeys(), fmt=st.sampled_from(["yaml", "json"]))
def test_export_then_import_gives_the_same_map(journey: JourneyMap, fmt: str) -> None:
    text = dump_text(journey.to_document(), fmt)
    again = parse_map_bytes(text.encode(), source="generated", fmt=fmt)
    assert again == journey
    assert dump_text(again.to_document(), fmt) == text


@pytest.mark.parametrize("name", sorted(TEMPLATES))
@pytest.mark.parametrize("lang", ["fa", "en"])
def test_templates_survive_store_and_export(
    workspace: Workspace, tmp_path: Path, name: str, lang: str
) -> None:
    template = load_template(name, lang)
    base = workspace.new_from_template("saas", lang).id if name == "saas-future" else None
    stored = workspace.new_from_template(name, lang, based_on=base)
    out = tmp_path / "out.yaml"
    out.write_text(dump_text(stored.document.to_document(), "yaml"), encoding="utf-8")
    back = read_map_file(out)
    if base is not None:
        template.based_on = back.based_on
    assert back == template
    result = workspace.import_map(out, map_id=stored.id, base_revision=1)
    assert (result.created, result.revision) == (False, 1)
