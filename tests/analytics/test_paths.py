from __future__ import annotations

import itertools
from collections import Counter

import pytest
from analytics_helpers import T0, H, journeys_for, simple_map
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safar.analytics import paths
from safar.errors import InputError

JOURNEYS = {
    "ana": [("visit", T0), ("cart", T0 + H), ("buy", T0 + 2 * H)],
    "bob": [("visit", T0), ("cart", T0 + H), ("buy", T0 + 2 * H)],
    "cem": [("visit", T0), ("visit", T0 + H)],
    "dan": [("cart", T0 + H), ("visit", T0)],  # written out of time order: time decides
}


def test_paths_whole_result():
    assert paths(journeys_for(JOURNEYS), sankey_depth=2).to_dict() == {
        "edges": [
            {"source": "visit", "target": "cart", "count": 3},
            {"source": "cart", "target": "buy", "count": 2},
            {"source": "visit", "target": "visit", "count": 1},
        ],
        "variants": [
            {"steps": ["visit", "cart", "buy"], "count": 2},
            {"steps": ["visit", "cart"], "count": 1},
            {"steps": ["visit", "visit"], "count": 1},
        ],
        "n_variants": 3,
        "start": {"visit": 4},
        "end": {"buy": 2, "cart": 1, "visit": 1},
        "sankey": {
            "nodes": [
                {"id": "0:visit", "step": "visit", "depth": 0, "customers": 4},
                {"id": "1:cart", "step": "cart", "depth": 1, "customers": 3},
                {"id": "1:visit", "step": "visit", "depth": 1, "customers": 1},
            ],
            "links": [
                {"source": "0:visit", "target": "1:cart", "count": 3},
                {"source": "0:visit", "target": "1:visit", "count": 1},
            ],
        },
    }


def test_top_limits_variants_but_not_their_number():
    result = paths(journeys_for(JOURNEYS), top=1).to_dict()
    assert result["variants"] == [{"steps": ["visit", "cart", "buy"], "count": 2}]
    assert result["n_variants"] == 3


def test_stage_level_takes_consecutive_events_in_one_stage_as_one_visit():
    journeys = {
        "ana": [("ad", T0), ("site", T0 + H), ("call", T0 + 2 * H), ("order", T0 + 3 * H)],
        "bob": [("site", T0), ("noise", T0 + H), ("call", T0 + 2 * H), ("ad", T0 + 3 * H)],
    }
    result = paths(journeys_for(journeys), level="stage", journey_map=simple_map()).to_dict()
    assert result["edges"] == [
        {"source": "aware", "target": "consider", "count": 1},
        {"source": "consider", "target": "aware", "count": 1},
        {"source": "consider", "target": "buy", "count": 1},
    ]
    assert result["variants"] == [
        {"steps": ["aware", "consider", "buy"], "count": 1},
        {"steps": ["consider", "aware"], "count": 1},
    ]
    touch = paths(journeys_for(journeys), level="touchpoint", journey_map=simple_map()).to_dict()
    assert touch["variants"] == [
        {"steps": ["ad", "site", "call", "order"], "count": 1},
        {"steps": ["site", "call", "ad"], "count": 1},
    ]


def test_bad_numbers_are_refused():
    with pytest.raises(InputError) as err:
        paths(journeys_for(JOURNEYS), top=-1)
    assert err.value.code == "analytics.bad_number"


journey_strategy = st.dictionaries(
    st.sampled_from(["c1", "c2", "c3", "c4"]),
    st.lists(
        st.tuples(st.sampled_from("ABC"), st.integers(0, 3).map(lambda h: T0 + h * H)), min_size=1, max_size=6
    ),
    min_size=1,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journeys=journey_strategy)
def test_paths_equal_a_plain_reference_on_random_journeys(journeys):
    """Equal timestamps are frequent here, so source order (seq) decides often."""
    sequences = {}
    for customer, events in journeys.items():
        ordered = sorted(enumerate(events), key=lambda ie: (ie[1][1], ie[0]))
        sequences[customer] = tuple(e[0] for _, e in ordered)
    edges = Counter((a, b) for seq in sequences.values() for a, b in itertools.pairwise(seq))
    variants = Counter(sequences.values())

    result = paths(journeys_for(journeys), top=0)

    assert {(a, b): n for a, b, n in result.edges} == edges
    assert dict(result.variants) == variants
    assert dict(result.start) == Counter(seq[0] for seq in sequences.values())
    assert dict(result.end) == Counter(seq[-1] for seq in sequences.values())
