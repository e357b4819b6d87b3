from __future__ import annotations

import datetime as dt

import pytest
from analytics_helpers import T0, H, journeys_for

from safar.analytics import Filters, funnel, parse_duration, parse_segment, parse_time, paths
from safar.errors import InputError

JOURNEYS = {
    "ana": [("visit", T0, "web", {"tier": "gold"}), ("buy", T0 + H, "app")],
    "bob": [("visit", T0, "web", {"tier": "silver"}), ("buy", T0 + 30 * H, "web")],
    "cem": [("visit", T0 + 40 * H, "app")],
}


def _variants(filters):
    return paths(journeys_for(JOURNEYS), filters=filters).to_dict()["variants"]


def test_time_range_is_start_inclusive_end_exclusive():
    assert _variants(Filters(start=T0 + H, end=T0 + 40 * H)) == [{"steps": ["buy"], "count": 2}]


def test_channel_keeps_only_events_in_the_channel():
    assert _variants(Filters(channel="app")) == [
        {"steps": ["buy"], "count": 1},
        {"steps": ["visit"], "count": 1},
    ]


def test_segment_keeps_whole_journeys_of_customers_in_it():
    # ana's buy has no tier attribute, but ana is in the gold segment, so her whole journey stays
    assert _variants(Filters(segment=(("tier", "gold"),))) == [{"steps": ["visit", "buy"], "count": 1}]
    counts = [
        s.customers
        for s in funnel(
            journeys_for(JOURNEYS), ["visit", "buy"], filters=Filters(segment=(("tier", "silver"),))
        ).steps
    ]
    assert counts == [1, 1]


def test_parsers():
    assert parse_duration("90s") == dt.timedelta(seconds=90)
    assert parse_duration("2w") == dt.timedelta(weeks=2)
    assert parse_duration("۳۰d") == dt.timedelta(days=30)  # Persian digits, as a Persian keyboard types them
    assert parse_segment(" tier = gold ") == ("tier", "gold")
    assert parse_time("2024-03-20T12:00:00+03:30") == dt.datetime(2024, 3, 20, 8, 30)
    assert parse_time("2024-03-20") == dt.datetime(2024, 3, 20)


@pytest.mark.parametrize(
    ("parse", "text", "code"),
    [
        (parse_duration, "30 days", "analytics.bad_duration"),
        (parse_segment, "tier", "analytics.bad_segment"),
        (parse_time, "yesterday", "analytics.bad_time"),
    ],
)
def test_bad_filter_values_name_the_value(parse, text, code):
    with pytest.raises(InputError) as err:
        parse(text)
    assert (err.value.code, err.value.details["value"]) == (code, text)
    assert text in err.value.message_for("en")
