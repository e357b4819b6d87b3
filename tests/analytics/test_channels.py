from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from analytics_helpers import T0, H, M, journeys_for

from safar.analytics import channels
from safar.errors import InputError

JOURNEYS = {
    "ana": [("ask", T0, "tw"), ("ask", T0 + 10 * M, "tw"), ("reply", T0 + 30 * M, "tw")],
    "bob": [("ask", T0, "email"), ("reply", T0 + 2 * H, "email"), ("ask", T0 + 3 * H, "email")],
    "cem": [("reply", T0, "tw"), ("ask", T0 + M, "tw")],
}


def stats(*secs):
    s = pd.Series(secs, dtype=float)
    return {
        "n": len(s),
        "mean": s.mean(),
        "p25": s.quantile(0.25),
        "median": s.median(),
        "p75": s.quantile(0.75),
        "p90": s.quantile(0.9),
    }


def test_responsiveness_whole_result():
    result = channels(journeys_for(JOURNEYS), request=["ask"], response=["reply"], sla=dt.timedelta(hours=1))
    assert result.to_dict() == {
        "request": ["ask"],
        "response": ["reply"],
        "sla_seconds": 3600.0,
        "overall": {
            "requests": 5,
            "answered": 3,
            "unanswered": 2,
            "unanswered_share": 0.4,
            "within_sla": 2,
            "within_sla_share": 0.4,
            "response_seconds": stats(1800, 1200, 7200),
        },
        "channels": [
            {
                "channel": "tw",
                "requests": 3,
                "answered": 2,
                "unanswered": 1,
                "unanswered_share": 1 / 3,
                "within_sla": 2,
                "within_sla_share": 2 / 3,
                "response_seconds": stats(1800, 1200),
            },
            {
                "channel": "email",
                "requests": 2,
                "answered": 1,
                "unanswered": 1,
                "unanswered_share": 0.5,
                "within_sla": 0,
                "within_sla_share": 0.0,
                "response_seconds": stats(7200),
            },
        ],
    }


def test_without_sla_there_is_no_within_sla():
    overall = channels(journeys_for(JOURNEYS), request=["ask"], response=["reply"]).to_dict()["overall"]
    assert (overall["within_sla"], overall["within_sla_share"]) == (None, None)


def test_all_unanswered():
    result = channels(
        journeys_for({"ana": [("ask", T0, "tw")]}), request=["ask"], response=["reply"]
    ).to_dict()
    assert result["overall"]["unanswered_share"] == 1.0
    assert result["overall"]["response_seconds"]["n"] == 0


@pytest.mark.parametrize(
    ("request_", "response", "code"),
    [([], ["r"], "analytics.no_requests"), (["a", "r"], ["r"], "analytics.request_response_overlap")],
)
def test_bad_pairs(request_, response, code):
    with pytest.raises(InputError) as err:
        channels(journeys_for(JOURNEYS), request=request_, response=response)
    assert err.value.code == code
