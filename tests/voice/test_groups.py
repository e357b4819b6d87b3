"""Metrics per group and over periods, from pandas frames and from an Ibis table on DuckDB."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ibis
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from safar.errors import InputError
from safar.voice.groups import metric_by, trend
from safar.voice.metrics import ces, csat, nps

ANSWERS = pd.DataFrame(
    {
        "touchpoint": ["app", "app", "app", "call", "call", "web"],
        "channel": ["mobile", "mobile", "web", "phone", "phone", "web"],
        "score": [10, 9, 3, 7, 0, 10],
        "time": pd.to_datetime(
            ["2026-01-03", "2026-01-20", "2026-02-01", "2026-02-11", "2026-02-12", "2026-03-01"]
        ),
    }
)


def test_nps_by_touchpoint_equals_the_metric_on_each_group() -> None:
    out = metric_by(ANSWERS, "nps", by="touchpoint")
    assert out["touchpoint"].tolist() == ["app", "call", "web"]
    for rec in out.to_dict("records"):
        group = ANSWERS[ANSWERS["touchpoint"] == rec.pop("touchpoint")]
        assert rec == pytest.approx(nps(group["score"].tolist()).to_dict())
    assert out["value"].tolist() == pytest.approx([100 / 3, -50.0, 100.0])


def test_two_keys_and_other_metrics() -> None:
    frame = ANSWERS.assign(score=[5, 4, 1, 3, 2, 5])
    out = metric_by(frame, "csat", by=["touchpoint", "channel"])
    assert out[["touchpoint", "channel", "n", "satisfied", "value"]].to_dict("records") == [
        {"touchpoint": "app", "channel": "mobile", "n": 2, "satisfied": 2, "value": 100.0},
        {"touchpoint": "app", "channel": "web", "n": 1, "satisfied": 0, "value": 0.0},
        {"touchpoint": "call", "channel": "phone", "n": 2, "satisfied": 0, "value": 0.0},
        {"touchpoint": "web", "channel": "web", "n": 1, "satisfied": 1, "value": 100.0},
    ]
    effort = metric_by(frame, "ces", by="channel")
    mobile = effort[effort["channel"] == "mobile"].iloc[0]
    reference = ces([5, 4])
    assert (mobile["value"], mobile["ci_low"]) == (4.5, pytest.approx(reference.ci_low))
    assert csat([5, 4]).value == 100.0


# Not ours: Ibis 12's DuckDB backend calls DuckDB's deprecated fetch_arrow_table() on tables it reads.
@pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning")
def test_ibis_table_on_duckdb_gives_the_same_answer(tmp_path: Path) -> None:
    path = tmp_path / "answers.parquet"
    pq.write_table(pa.Table.from_pandas(ANSWERS, preserve_index=False), path)
    table = ibis.duckdb.connect().read_parquet(path)
    from_engine = metric_by(table, "nps", by="channel")
    from_pandas = metric_by(ANSWERS, "nps", by="channel")
    pd.testing.assert_frame_equal(from_engine, from_pandas)


def test_off_scale_value_named_with_position_or_group() -> None:
    bad = ANSWERS.assign(score=[10, 9, 11, 7, 0, 10])
    with pytest.raises(InputError) as exc:
        metric_by(bad, "nps", by="touchpoint")
    assert (exc.value.code, exc.value.details["value"], exc.value.details["position"]) == (
        "voice.out_of_scale",
        11,
        2,
    )
    table = ibis.memtable(pa.Table.from_pandas(bad, preserve_index=False))
    with pytest.raises(InputError) as exc:
        metric_by(table, "nps", by="touchpoint")
    assert exc.value.details["value"] == 11
    assert exc.value.details["position"] == "touchpoint=app"


def test_unknown_metric_and_missing_column() -> None:
    with pytest.raises(InputError) as exc:
        metric_by(ANSWERS, "nsp")
    assert exc.value.code == "voice.unknown_metric"
    with pytest.raises(InputError) as exc:
        metric_by(ANSWERS, "nps", by="stage")
    assert exc.value.code == "voice.missing_column"
    assert exc.value.details["column"] == "stage"


def test_trend_by_month_with_change() -> None:
    out = trend(ANSWERS, "nps", time_col="time", period="month")
    assert out[["period", "n", "value"]].to_dict("records") == [
        {"period": dt.date(2026, 1, 1), "n": 2, "value": 100.0},
        {"period": dt.date(2026, 2, 1), "n": 3, "value": pytest.approx(-200 / 3)},
        {"period": dt.date(2026, 3, 1), "n": 1, "value": 100.0},
    ]
    assert out["change"].tolist()[1:] == pytest.approx([-500 / 3, 500 / 3])


def test_trend_per_group_and_bad_period() -> None:
    out = trend(ANSWERS, "nps", period="quarter", by="channel")
    assert out[["channel", "period", "n"]].to_dict("records") == [
        {"channel": "mobile", "period": dt.date(2026, 1, 1), "n": 2},
        {"channel": "phone", "period": dt.date(2026, 1, 1), "n": 2},
        {"channel": "web", "period": dt.date(2026, 1, 1), "n": 2},
    ]
    with pytest.raises(InputError) as exc:
        trend(ANSWERS, "nps", period="fortnight")
    assert exc.value.code == "voice.bad_period"


def test_csat_on_a_seven_point_scale_by_group() -> None:
    frame = pd.DataFrame({"stage": ["buy", "buy", "use"], "score": [7, 5, 6]})
    out = metric_by(frame, "csat", by="stage", scale=(1, 7), top=2)
    assert out[["stage", "value", "top_box"]].to_dict("records") == [
        {"stage": "buy", "value": 50.0, "top_box": [6, 7]},
        {"stage": "use", "value": 100.0, "top_box": [6, 7]},
    ]
    with pytest.raises(InputError) as exc:
        metric_by(frame, "csat", by="stage")  # 7 is off the default 1–5 scale
    assert exc.value.code == "voice.out_of_scale"
    with pytest.raises(InputError) as exc:
        metric_by(frame, "csat", by="stage", scale=(1, 7), top=9)
    assert exc.value.code == "voice.bad_top_box"
