"""Whose journeys a map's screens count (مشتریان منتخب): the filter of the canvas and journeys screens.

The page, its API twin and the CLI read the same five inputs, as a person types them, through
:func:`read_audience`: ``start`` and ``end`` (the journeys that started in that period: ISO, Jalali, Persian or
Arabic-Indic digits, naive times in the reader's zone), ``channel`` (customers with an event on the map in
it), ``segment`` (``KEY=VALUE``: customers with an event with that attribute) and ``persona`` (a persona of
the map whose ``data_segment`` says who it is in the data: its conditions, with the segment's). The result is a
:class:`~safar.analytics.kept.Audience` in UTC, which is what the screen's kept result is keyed by: the same
moment typed in Persian or in English is one result.

>>> from safar.context import Context
>>> read_audience("UTC", start="۱۴۰۳/۰۱/۰۱", segment="segment=returning")
Audience(start=datetime.datetime(2024, 3, 20, 0, 0), end=None, channel=None, segment=(('segment', 'returning'),), persona=None)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel

from safar.analytics.kept import Audience
from safar.errors import InputError
from safar.model import Channel, Persona

__all__ = ["Audience", "AudienceShown", "audience_of", "read_audience"]


class AudienceShown(BaseModel):
    """The audience a screen's figures count, as the screen says it: the period in which the journeys started
    (UTC), the channel, the segment (``KEY=VALUE``, the persona's conditions included) and the persona (id)."""

    start: datetime | None = None
    end: datetime | None = None
    channel: str | None = None
    segment: str | None = None
    persona: str | None = None

    @classmethod
    def of(cls, audience: Audience | None) -> AudienceShown | None:
        if audience is None:
            return None
        segment = "; ".join(f"{key}={value}" for key, value in audience.segment) or None
        return cls(
            start=audience.start,
            end=audience.end,
            channel=audience.channel,
            segment=segment,
            persona=audience.persona,
        )


def read_audience(
    tz: str,
    *,
    start: str | None = None,
    end: str | None = None,
    channel: str | None = None,
    segment: str | None = None,
    persona: str | None = None,
    personas: Sequence[Persona] = (),
    names: tuple[str, str] = ("--since", "--until"),
) -> Audience | None:
    """The audience the inputs name (``None``: every customer); ``tz``: the zone of times without an offset
    (the reader's, :attr:`safar.context.Context.calendar`); ``personas``: the map's. A time that reads as
    none, or as two, or a segment without ``=``, is an :class:`~safar.errors.InputError` naming the input
    (``names``: the two times' names where the reader typed them: the CLI's options, the page's fields, the
    API's parameters); so is a persona the map does not have, or one that does not say who it is in the data."""
    from safar.analytics import parse_segment
    from safar.events.dates import read_moment

    start, end = (start or "").strip(), (end or "").strip()
    channel, segment = (channel or "").strip() or None, (segment or "").strip()
    conditions = [parse_segment(segment)] if segment else []
    chosen = (persona or "").strip() or None
    if chosen is not None:
        found = next((p for p in personas if p.id == chosen), None)
        if found is None:
            raise InputError("audience.no_persona", value=chosen, allowed=[p.id for p in personas])
        if not found.conditions():
            raise InputError("audience.persona_not_in_data", name=found.name)
        conditions += [parse_segment(part) for part in found.conditions()]
    audience = Audience(
        start=read_moment(start, tz, option=names[0]) if start else None,
        end=read_moment(end, tz, option=names[1]) if end else None,
        channel=channel,
        # each condition once, in a fixed order: the same customers are one kept result
        segment=tuple(sorted(set(conditions))),
        persona=chosen,
    )
    return None if audience.everyone() else audience


def audience_of(
    tz: str,
    typed: Mapping[str, str | None],
    names: tuple[str, str] = ("since", "until"),
    personas: Sequence[Persona] = (),
) -> Audience | None:
    """:func:`read_audience` of a query (``since``, ``until``, ``channel``, ``segment``, ``persona``: a
    page's, the API's); ``personas``: the map's."""
    return read_audience(
        tz,
        start=typed.get("since"),
        end=typed.get("until"),
        channel=typed.get("channel"),
        segment=typed.get("segment"),
        persona=typed.get("persona"),
        personas=personas,
        names=names,
    )


@dataclass(frozen=True)
class Breakdown:
    """How a funnel is broken down (``safar.analytics.funnel_analysis.breakdown``): ``by`` (``channel``,
    ``segment:ATTR`` or ``persona``), and for a persona its data-segment conditions and name."""

    by: str
    segment: tuple[tuple[str, str], ...] = ()
    persona_name: str = ""

    def group_name(
        self, value: str | None, lang: str, channels: dict[str, Channel] | None = None
    ) -> str | None:
        """One of its groups as the reader reads it: the persona's name or everyone else, a channel's name, an
        attribute's ``KEY = VALUE``; ``None`` for the group without a value (each caller says it its way)."""
        from safar.i18n import translate
        from safar.model import channel_name

        if self.by == "persona":
            return self.persona_name if value == "persona" else translate("funnel.others", lang)
        if value is None:
            return None
        if self.by == "channel":
            return channel_name(value, lang, channels)
        return f"{self.by.removeprefix('segment:')} = {value}"


def read_breakdown(
    text: str, tz: str, personas: Sequence[Persona] | None, *, segments: bool = True
) -> Breakdown:
    """``channel``, ``segment:ATTR`` (when ``segments``) or ``persona:ID`` of a map's ``personas`` (``None``: no
    map, so no persona) as a :class:`Breakdown`; anything else is ``analytics.bad_breakdown``.

    >>> read_breakdown("channel", "UTC", []).by
    'channel'
    """
    if text.startswith("persona:"):
        if personas is None:
            raise InputError("analytics.map_required", level="persona")
        pid = text.removeprefix("persona:")
        audience = read_audience(tz, persona=pid, personas=personas)
        name = next((p.name for p in personas if p.id == pid), pid)
        return Breakdown("persona", audience.segment if audience else (), name)
    if text == "channel" or (segments and text.startswith("segment:")):
        return Breakdown(text)
    raise InputError("analytics.bad_breakdown", value=text)
