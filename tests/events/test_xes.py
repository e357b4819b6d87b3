from __future__ import annotations

import gzip
from datetime import datetime

from safar.events import ingest_file

XES = """<?xml version="1.0" encoding="UTF-8" ?>
<log xes.version="1849-2016" xmlns="http://www.xes-standard.org/">
  <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
  <global scope="event"><string key="concept:name" value="UNKNOWN"/></global>
  <string key="concept:name" value="the log"/>
  <trace>
    <string key="concept:name" value="علي"/>
    <string key="channel" value="Desk"/>
    <int key="age" value="41"/>
    <event>
      <string key="concept:name" value="register"/>
      <date key="time:timestamp" value="2024-01-01T10:00:00.000+03:30"/>
      <string key="lifecycle:transition" value="complete"/>
      <string key="org:resource" value="Pete"/>
      <float key="cost" value="50.5"/>
      <list key="tags"><string key="t" value="x"/></list>
    </event>
    <event>
      <string key="concept:name" value="check &amp; pay"/>
      <date key="time:timestamp" value="2024-01-01T10:00:00.000+03:30"/>
      <string key="channel" value="Web"/>
    </event>
    <event>
      <string key="concept:name" value="no time"/>
    </event>
  </trace>
  <trace>
    <event>
      <string key="concept:name" value="orphan"/>
      <date key="time:timestamp" value="2024-01-02T00:00:00Z"/>
    </event>
  </trace>
</log>
"""


def test_xes_events_trace_attributes_and_quarantine(settings, look, tmp_path):
    path = tmp_path / "log.xes.gz"
    path.write_bytes(gzip.compress(XES.encode()))
    report = ingest_file(settings, path, dataset="x")
    assert report.summary() == {
        "read": 4,
        "loaded": 2,
        "duplicates": 0,
        "rejected": 2,
        "quarantine": "rejected",
    }
    assert look.query(
        "SELECT customer_id, activity, ts, seq, channel, lifecycle, resource, attributes::JSON::MAP(VARCHAR, VARCHAR) FROM events ORDER BY seq"
    ) == [
        (
            "علی",
            "register",
            datetime(2024, 1, 1, 6, 30),
            1,
            "Desk",
            "complete",
            "Pete",
            {"cost": "50.5", "tags": ""},
        ),
        ("علی", "check & pay", datetime(2024, 1, 1, 6, 30), 2, "Web", None, None, {"channel": "Web"}),
    ]
    assert look.query("SELECT customer_id, attributes::JSON::MAP(VARCHAR, VARCHAR) FROM customers") == [
        ("علی", {"channel": "Desk", "age": "41"})
    ]
    assert look.rejected("x") == [
        (3, "time:timestamp", "row.missing_time"),
        (4, "case:concept:name", "row.missing_customer"),
    ]
    assert ingest_file(settings, path, dataset="x").summary()["duplicates"] == 2


def test_broken_xes_is_an_input_error(settings, tmp_path):
    import pytest

    from safar.errors import InputError

    path = tmp_path / "broken.xes"
    path.write_text(XES[: len(XES) // 2] + "<oops")
    with pytest.raises(InputError) as caught:
        ingest_file(settings, path, dataset="x")
    assert caught.value.code == "events.unreadable"
