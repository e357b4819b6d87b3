"""Choosing what a key metric measures: its ``measure`` set (or cleared) as a new revision of the map.

The web page's form and its JSON twin both come here, so a bad value is the same translated
:class:`~safar.errors.ValidationError` (HTTP 422) from either. ``where`` names the scope as the page's
dropdown does: ``""`` (the metric's own touchpoint, or the whole map for a map metric),
``"touchpoint:ID"`` or ``"stage:ID"``; ids must be of the map's own touchpoints and stages.

>>> from safar.model import JourneyMap, Metric, Stage, Touchpoint
>>> m = JourneyMap(title="t", metrics=[Metric(name="NPS")], stages=[Stage(id="buy", name="Buy",
...     touchpoints=[Touchpoint(id="cart", name="Cart", channel="website")])])
>>> with_measure(m, "NPS", kind="nps", where="stage:buy").metrics[0].measure.stage
'buy'
>>> with_measure(m, "NPS", kind="", where="").metrics[0].measure is None
True
>>> with_contact_roles(m, {"enter": "ورود به صف، queued", "answer": "پاسخ", "sla": "30s"}).contact_centre.enter
['ورود به صف', 'queued']
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError as PydanticError

from safar.errors import ValidationError
from safar.i18n.message import Message
from safar.kpis.values import bound_metrics
from safar.model import JourneyMap
from safar.model.journey import ContactCentre, Measure, MeasureKind
from safar.workspace import SaveResult, Workspace

SCOPES = ("touchpoint", "stage")


def with_measure(journey: JourneyMap, key: str, *, kind: str, where: str = "") -> JourneyMap:
    """``journey`` with the metric ``key`` measuring ``kind`` at ``where`` (no kind: not measured)."""
    keys = [b.key for b in bound_metrics(journey)]
    if key not in keys:
        raise _bad("key", key, keys)
    kind = kind.strip()
    measure: Measure | None = None
    if kind:
        if kind not in {k.value for k in MeasureKind}:
            raise _bad("kind", kind, [k.value for k in MeasureKind])
        measure = Measure(kind=MeasureKind(kind), **_scope(journey, where.strip()))
    changed = journey.model_copy(deep=True)
    index = keys.index(key)
    metric = bound_metrics(changed)[index].metric
    if measure is not None:
        metric.needs = None  # a metric measured says no longer what other data it would need
    metric.measure = measure
    return changed


def set_measure(
    workspace: Workspace,
    map_id: int,
    key: str,
    *,
    kind: str,
    where: str = "",
    base_revision: int,
    author: str | None = None,
    message: str | Message | None = None,
) -> SaveResult:
    """Save ``map_id`` with the metric ``key`` measuring ``kind`` at ``where``, on top of ``base_revision``."""
    stored = workspace.get_map(map_id, base_revision)
    changed = with_measure(stored.document, key, kind=kind, where=where)
    return workspace.save_map(
        map_id, changed, base_revision=stored.revision, author=author, message=message or None
    )


def _scope(journey: JourneyMap, where: str) -> dict[str, Any]:
    if not where:
        return {}
    scope, _, ident = where.partition(":")
    known = {
        "touchpoint": [t.id for t in journey.touchpoints()],
        "stage": [s.id for s in journey.stages],
    }
    if scope not in known or ident not in known[scope]:
        allowed = [f"{name}:{i}" for name in SCOPES for i in known[name]]
        raise _bad("where", where, allowed)
    return {scope: ident}


def _bad(field: str, value: str, allowed: list[str]) -> ValidationError:
    return ValidationError(f"kpis.bad_{field}", field=field, value=value, allowed=allowed)


# The contact-centre roles as the page's form and the API send them: activity lists comma-separated.
ROLE_LISTS = ("enter", "answer", "abandon", "end", "reopen")
ROLE_FIELDS = (*ROLE_LISTS, "contact_col", "queue_col", "agent_col", "sla", "short_abandon", "repeat_within")


def with_contact_roles(journey: JourneyMap, given: Mapping[str, str]) -> JourneyMap:
    """``journey`` with the contact-centre roles ``given`` (field → text; activities separated by commas,
    Persian «،» too); no field given at all clears them. A field left empty keeps its default."""
    texts = {name: str(given.get(name) or "").strip() for name in ROLE_FIELDS}
    unknown = sorted(set(given) - set(ROLE_FIELDS))
    if unknown:
        raise _bad("contact_field", unknown[0], list(ROLE_FIELDS))
    changed = journey.model_copy(deep=True)
    if not any(texts.values()):
        changed.contact_centre = None
        return changed
    values: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for name, text in texts.items():
        if name in ROLE_LISTS:
            values[name] = [part.strip() for part in text.replace("،", ",").split(",") if part.strip()]
            for activity in values[name]:
                if activity in seen:
                    raise ValidationError(
                        "kpis.contact_role_twice", field=name, value=activity, first=seen[activity]
                    )
                seen[activity] = name
        elif text:
            values[name] = text
    for name in ("enter", "answer"):
        if not values[name]:
            raise ValidationError("kpis.contact_role_needed", field=name, value="")
    try:
        changed.contact_centre = ContactCentre(**values)
    except PydanticError as err:
        field = str(err.errors()[0]["loc"][0])
        code = (
            "kpis.bad_contact_duration"
            if field in ("sla", "short_abandon", "repeat_within")
            else "kpis.bad_contact_column"
        )
        raise ValidationError(code, field=field, value=texts.get(field, "")) from None
    return changed


def set_contact_roles(
    workspace: Workspace,
    map_id: int,
    given: Mapping[str, str],
    *,
    base_revision: int,
    author: str | None = None,
) -> SaveResult:
    """Save ``map_id`` with the contact-centre roles ``given`` (:func:`with_contact_roles`), on top of
    ``base_revision``."""
    stored = workspace.get_map(map_id, base_revision)
    changed = with_contact_roles(stored.document, given)
    code = "kpis.contact_roles_saved" if changed.contact_centre else "kpis.contact_roles_cleared"
    return workspace.save_map(
        map_id, changed, base_revision=stored.revision, author=author, message=Message(code, {})
    )
