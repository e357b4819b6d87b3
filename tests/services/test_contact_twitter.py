"""The Twitter example of issue 19 from the raw export (items 2 and 7): the "Customer Support on Twitter"
sample read with options only (``--reply-to-col`` pairing the threads, ``--inbound-col`` telling the
customers' tweets from the brands'), then the channel's response times and the contact-centre report per
brand, each checked against a plain pandas computation that walks the reply chains of the raw file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from tests.conftest import SHARED_DATA
from typer.testing import CliRunner

from safar.cli import app

pytestmark = pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning")
SAMPLE = SHARED_DATA / "twcs-sample-en" / "sample.csv"
TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"
INGEST = [
    "events", "ingest", str(SAMPLE), "--dataset", "twitter", "--customer-col", "author_id",
    "--time-col", "created_at", "--time-format", TWITTER_TIME, "--id-col", "tweet_id",
    "--reply-to-col", "in_response_to_tweet_id", "--inbound-col", "inbound", "--json",
]  # fmt: skip


def _threads() -> pd.DataFrame:
    """Each tweet with its thread (the first tweet up its reply chain), the thread's customer (that tweet's
    author) and its role by the ``inbound`` flag; tweets whose chain leaves the file have no thread."""
    raw = pd.read_csv(SAMPLE, dtype=str)
    parent = dict(zip(raw.tweet_id, raw.in_response_to_tweet_id, strict=True))
    author = dict(zip(raw.tweet_id, raw.author_id, strict=True))

    def top(tweet: str) -> str | None:
        seen = set()
        while isinstance(parent[tweet], str):
            if parent[tweet] not in parent or tweet in seen:
                return None
            seen.add(tweet)
            tweet = parent[tweet]
        return tweet

    raw["thread"] = raw.tweet_id.map(top)
    raw["customer"] = raw.thread.map(author)
    raw["role"] = np.where(raw.inbound == "True", "request", "response")
    raw["ts"] = pd.to_datetime(raw.created_at, format=TWITTER_TIME, utc=True)
    return raw


def _responses(threads: pd.DataFrame) -> pd.Series:
    """Seconds from each request to the next response in its customer's journey (NaN: none came)."""
    kept = threads[threads.thread.notna()].sort_values(["customer", "ts", "tweet_id"])
    out = {}
    for _, journey in kept.groupby("customer"):
        for i, row in enumerate(journey.itertuples()):
            if row.role != "request":
                continue
            later = journey.iloc[i + 1 :]
            answer = later[later.role == "response"].ts.min()
            out[row.tweet_id] = (answer - row.ts).total_seconds() if pd.notna(answer) else np.nan
    return pd.Series(out)


def _contacts(threads: pd.DataFrame) -> pd.DataFrame:
    """Each thread a contact: its first request enters, the first response after it answers, and the brand
    that wrote that response is its agent."""
    kept = threads[threads.thread.notna()]
    rows = []
    for thread, tweets in kept.groupby("thread"):
        enter = tweets[tweets.role == "request"].ts.min()
        after = tweets[(tweets.role == "response") & (tweets.ts > enter)].sort_values("ts")
        answer = after.iloc[0] if len(after) else None
        rows.append({
            "thread": thread,
            "wait": None if answer is None else (answer.ts - enter).total_seconds(),
            "agent": None if answer is None else answer.author_id,
        })  # fmt: skip
    return pd.DataFrame(rows)


def _run(args: list[str]) -> Any:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_the_twitter_sample_from_the_raw_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    if not SAMPLE.exists():
        pytest.skip(f"the real data set is not at {SAMPLE}")
    threads = _threads()
    report = _run(INGEST)
    lost = int(threads.thread.isna().sum())
    assert (report["read"], report["loaded"], report["rejected"]) == (93, 93 - lost, lost)
    assert lost == 10  # two brand replies to tweets outside the sample, and the replies below them

    # The channel's response times: every request of the sample, answered or not, to the second.
    channels = _run([
        "analyze", "channels", "--dataset", "twitter", "--request", "request", "--response", "response",
        "--sla", "1h", "--json",
    ])["overall"]  # fmt: skip
    waits = _responses(threads)
    answered = waits.dropna()
    assert channels["requests"] == len(waits) == 45
    assert channels["answered"] == len(answered)
    assert channels["within_sla"] == int((answered <= 3600).sum())
    assert channels["response_seconds"]["n"] == len(answered)
    assert channels["response_seconds"]["mean"] == pytest.approx(answered.mean())
    assert channels["response_seconds"]["median"] == pytest.approx(answered.median())

    # The contact-centre report per brand: each thread a contact, the brand that first answered its agent.
    contacts = _contacts(threads)
    report = _run([
        "contact", "report", "--dataset", "twitter", "--enter", "request", "--answer", "response",
        "--contact-col", "thread_id", "--agent-col", "author_id", "--by", "agent", "--sla", "1h", "--json",
    ])  # fmt: skip
    overall = report["overall"]
    assert (overall["offered"], overall["answered"], overall["open"]) == (
        len(contacts),
        int(contacts.wait.notna().sum()),
        int(contacts.wait.isna().sum()),
    )
    assert overall["speed_of_answer"]["mean"] == pytest.approx(contacts.wait.mean())
    assert overall["answered_within_sla"] == int((contacts.wait <= 3600).sum())
    brands = contacts.dropna().groupby("agent").wait.agg(["count", "mean"])
    found = {
        g["group"]: (g["answered"], g["speed_of_answer"]["mean"]) for g in report["groups"] if g["answered"]
    }
    assert set(found) == set(brands.index)
    for brand, (count, mean) in found.items():
        assert (count, mean) == (brands.loc[brand, "count"], pytest.approx(brands.loc[brand, "mean"])), brand
