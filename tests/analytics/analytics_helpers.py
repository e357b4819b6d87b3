"""Helpers that state journeys declaratively and load the real logs into the events schema."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd
import pyarrow as pa
import pytest

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
if not DATA.exists():
    DATA = Path("/work/shared/data")

T0 = dt.datetime(2024, 3, 20, 8, 0, 0)
H = dt.timedelta(hours=1)
M = dt.timedelta(minutes=1)

# The warehouse schema (safar.warehouse.schema), NOT NULL columns included.
EVENTS_SCHEMA = pa.schema(
    [
        pa.field("dataset", pa.string(), nullable=False),
        ("event_id", pa.string()),
        pa.field("customer_id", pa.string(), nullable=False),
        pa.field("activity", pa.string(), nullable=False),
        pa.field("ts", pa.timestamp("us"), nullable=False),
        pa.field("seq", pa.int64(), nullable=False),
        ("channel", pa.string()),
        ("lifecycle", pa.string()),
        ("resource", pa.string()),
        ("attributes", pa.string()),  # one JSON object of strings
    ]
)


def journeys_for(journeys: Mapping[str, Sequence[tuple[Any, ...]]], dataset: str = "test") -> ir.Table:
    """An events table from ``{"ana": [("visit", t0), ("buy", t0 + H, "web", {"tier": "gold"})]}``.

    Each event is ``(activity, ts[, channel[, attributes]])``; ``seq`` follows the order written.
    """
    records: list[dict[str, Any]] = []
    for customer, events in journeys.items():
        for event in events:
            activity, ts = event[0], event[1]
            channel = event[2] if len(event) > 2 else None
            attributes = event[3] if len(event) > 3 else {}
            seq = len(records)
            records.append(
                {
                    "dataset": dataset,
                    "event_id": f"e{seq}",
                    "customer_id": customer,
                    "activity": activity,
                    "ts": ts,
                    "seq": seq,
                    "channel": channel,
                    "lifecycle": None,
                    "resource": None,
                    "attributes": json.dumps(attributes, ensure_ascii=False),
                }
            )
    return ibis.memtable(pa.Table.from_pylist(records, schema=EVENTS_SCHEMA))


def events_from_pm4py(df: pd.DataFrame, dataset: str) -> pd.DataFrame:
    """pm4py's dataframe as the warehouse events schema, sorted by (case, timestamp, original row order)."""
    df = df.reset_index(drop=True)
    out = pd.DataFrame(
        {
            "dataset": dataset,
            "event_id": [f"{dataset}-{i}" for i in range(len(df))],
            "customer_id": df["case:concept:name"].astype(str),
            "activity": df["concept:name"].astype(str),
            "ts": df["time:timestamp"].dt.tz_convert("UTC").dt.tz_localize(None).astype("datetime64[us]"),
            "seq": range(len(df)),
            "channel": df["case:channel"].astype(str) if "case:channel" in df else None,
            "lifecycle": df["lifecycle:transition"].astype(str) if "lifecycle:transition" in df else None,
            "resource": df["org:resource"].astype(str) if "org:resource" in df else None,
        }
    )
    return out.sort_values(["customer_id", "ts", "seq"], kind="stable").reset_index(drop=True)


def to_events_table(frame: pd.DataFrame, attributes: Sequence[dict[str, str]] | None = None) -> ir.Table:
    data = {c: frame[c].tolist() if c in frame else [None] * len(frame) for c in EVENTS_SCHEMA.names}
    data["attributes"] = (
        [json.dumps(a, ensure_ascii=False) for a in attributes] if attributes else ["{}"] * len(frame)
    )
    data["channel"] = [None if v is None or v != v else v for v in data["channel"]]
    return ibis.memtable(pa.Table.from_pydict(data, schema=EVENTS_SCHEMA))


LOGS = {
    "receipt": "receipt/08_receipt.xes.gz",
    "helpdesk": "helpdesk/helpdesk.xes.gz",
    "bpic2013_closed": "bpic2013/06_bpic2013_closed.xes.gz",
}


@pytest.fixture(scope="session")
def real_logs() -> dict[str, tuple[pd.DataFrame, pd.DataFrame]]:
    """name -> (pm4py's dataframe, the same events in Safar's schema); read once per session."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pm4py

        loaded = {}
        for name, rel in LOGS.items():
            raw = pm4py.read_xes(str(DATA / rel), show_progress_bar=False)
            loaded[name] = (raw, events_from_pm4py(raw, name))
    return loaded


def tp(id: str, *rules: dict[str, Any], channel: str = "website") -> Any:
    from safar.model import BindingRule, Touchpoint

    return Touchpoint(id=id, name=id, channel=channel, bind=[BindingRule(**r) for r in rules])


def journey_map(stages: Mapping[str, Sequence[Any]]) -> Any:
    """A map from ``{"stage": [touchpoint, ...]}``; touchpoints from :func:`tp`."""
    from safar.model import JourneyMap, Stage

    return JourneyMap(
        title="test", stages=[Stage(id=s, name=s, touchpoints=list(tps)) for s, tps in stages.items()]
    )


def simple_map() -> Any:
    """aware: ad ; consider: site, call ; buy: order — each touchpoint bound to the same-named activity."""
    return journey_map(
        {
            "aware": [tp("ad", {"activity": "ad"})],
            "consider": [tp("site", {"activity": "site"}), tp("call", {"activity": "call"})],
            "buy": [tp("order", {"activity": "order"})],
        }
    )


def reference_funnel(journeys, steps, order, window=None):
    """Plain pandas/Python funnel: how many customers reach each step (docs/analytics.md#funnel)."""
    rows = [
        (c, a, ts, i)
        for i, (c, a, ts) in enumerate((c, e[0], e[1]) for c, es in journeys.items() for e in es)
    ]
    frame = pd.DataFrame(rows, columns=["customer", "step", "ts", "seq"]).sort_values(
        ["customer", "ts", "seq"]
    )
    limit = window if window is not None else dt.timedelta.max
    reached_by = []
    for _, g in frame.groupby("customer"):
        acts, times = g["step"].tolist(), g["ts"].tolist()
        reached = 0
        if order == "sequential":
            if steps[0] in acts:
                i = acts.index(steps[0])
                t0, reached = times[i], 1
                for step in steps[1:]:
                    nxt = next((j for j in range(i + 1, len(acts)) if acts[j] == step), None)
                    if nxt is None or times[nxt] - t0 > limit:
                        break
                    i, reached = nxt, reached + 1
        elif order == "strict":
            for i in range(len(acts)):
                k = 0
                while (
                    k < len(steps)
                    and i + k < len(acts)
                    and acts[i + k] == steps[k]
                    and times[i + k] - times[i] <= limit
                ):
                    k += 1
                reached = max(reached, k)
        else:
            firsts = {}
            for a, t in zip(acts, times, strict=True):
                firsts.setdefault(a, t)
            for k in range(1, len(steps) + 1):
                seen = [firsts.get(s) for s in steps[:k]]
                if None in seen or max(seen) - min(seen) > limit:
                    break
                reached = k
        reached_by.append(reached)
    return [sum(r >= k for r in reached_by) for k in range(1, len(steps) + 1)]
