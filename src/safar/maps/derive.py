"""Maps made from nothing or from another map: a blank map, a copy, the future state of a current map.

Each returns a new document and leaves the one it was made from untouched; the workspace saves it as a
new map at revision 1 (:mod:`safar.services.portfolio`).

>>> m = blank_map("Claims", "en", "current_state")
>>> [(s.id, s.name, s.touchpoints) for s in m.stages]
[('stage-1', 'Stage 1', [])]
>>> copy_of(m).title, m.title
('Copy of Claims', 'Claims')
>>> future = future_state_of(m, 7, 3)
>>> future.type.value, future.based_on.model_dump(), future.title
('future_state', {'map': 7, 'revision': 3}, 'Future state: Claims')
"""

from __future__ import annotations

from safar.errors import InputError
from safar.i18n import translate
from safar.maps.edits import new_id
from safar.model import BasedOn, JourneyMap, MapType, Stage

TITLE_MAX = 300


def blank_map(title: str, lang: str, map_type: str, first_stage: str = "") -> JourneyMap:
    """A map with a title, a language, a type and one empty stage (named ``first_stage``, or "Stage 1")."""
    name = first_stage.strip() or translate("map.first_stage", lang)
    stage = Stage(id=new_id(name, "stage", set()), name=name)
    return JourneyMap(title=title.strip(), lang=lang, type=MapType(map_type), stages=[stage])


def copy_of(journey: JourneyMap) -> JourneyMap:
    """The same document titled "Copy of …" in the map's language."""
    copy = journey.model_copy(deep=True)
    copy.title = _title("map.copy_title", journey)
    return copy


def future_state_of(journey: JourneyMap, map_id: int, revision: int) -> JourneyMap:
    """The future state of a map (``map_id`` at ``revision``): the same stages and touchpoints, each one
    improving the touchpoint it copies, its key metrics and targets kept to be raised, and no binding
    rules: a future-state map is measured on the data of the map it is based on."""
    if journey.type is MapType.FUTURE_STATE:
        raise InputError("map.future_of_future", map_id=map_id)
    future = journey.model_copy(deep=True)
    future.type = MapType.FUTURE_STATE
    future.based_on = BasedOn(map=map_id, revision=revision)
    future.title = _title("map.future_title", journey)
    for touchpoint in future.touchpoints():
        touchpoint.improves = [touchpoint.id]
        touchpoint.bind = []
    return future


def _title(code: str, journey: JourneyMap) -> str:
    return translate(code, journey.lang, title=journey.title)[:TITLE_MAX]
