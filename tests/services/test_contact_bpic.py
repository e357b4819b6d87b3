"""The contact-centre report on the BPI Challenge 2013 incidents (issue 19, item 7): Volvo IT's incident
tickets, queued to support groups (``org:group``), accepted and completed by their people
(``org:resource``), read with options only and checked against a plain pandas computation from pm4py's
reading of the XES file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.conftest import SHARED_DATA
from tests.services.test_contact import read_and_ingest

from safar.context import Context
from safar.services.contact import ContactQuery, contact_report

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
    pytest.mark.slow,
]
INCIDENTS = SHARED_DATA / "bpic2013" / "07_bpic2013_incidents.xes.gz"


def _reference(events: pd.DataFrame) -> dict[str, Any]:
    """Each incident a contact: its first Queued enters the queue, its first Accepted answers, its last
    Completed ends it; the agents are the people on its events other than Queued; its group is that of its
    earliest event naming one (``tied`` counts incidents whose earliest such events name two groups)."""
    ev = events.rename(
        columns={"case:concept:name": "contact", "concept:name": "activity", "time:timestamp": "ts"}
    )
    by = ev.groupby("contact")
    c = pd.DataFrame({
        "enter": ev.ts.where(ev.activity == "Queued").groupby(ev.contact).min(),
        "answer": ev.ts.where(ev.activity == "Accepted").groupby(ev.contact).min(),
        "end": ev.ts.where(ev.activity == "Completed").groupby(ev.contact).max(),
        "agents": ev["org:resource"].where(ev.activity != "Queued").groupby(ev.contact).nunique(),
    })  # fmt: skip
    grouped = ev[ev["org:group"].notna()]
    earliest = grouped[grouped.ts == grouped.groupby("contact").ts.transform("min")]
    firsts = earliest.groupby("contact")["org:group"].unique()
    c["group"] = firsts.map(lambda g: g[0] if len(g) == 1 else None)
    c["tied"] = firsts.map(len).reindex(c.index).fillna(0) > 1
    assert len(c) == by.ngroups
    outcome = c.answer
    c["status"] = "open"
    c.loc[c.answer.notna(), "status"] = "answered"
    c.loc[c.end.notna() & c.answer.isna(), "status"] = "ended_unanswered"
    c.loc[c.end.notna() & (c.end < outcome.fillna(c.enter)), "status"] = "end_before_outcome"
    c.loc[outcome < c.enter, "status"] = "before_enter"
    c.loc[c.enter.isna(), "status"] = "no_enter"
    offered = c[c.status.isin(["answered", "open"])]
    answered = offered[offered.status == "answered"]
    handles = (answered.end - answered.answer).dt.total_seconds().dropna()
    return {
        "offered": len(offered),
        "answered": len(answered),
        "open": int((offered.status == "open").sum()),
        "not_read": c[~c.status.isin(["answered", "open"])].status.value_counts().to_dict(),
        "transferred": int((answered.agents > 1).sum()),
        "handle": [len(handles), handles.mean(), handles.quantile(0.5), handles.quantile(0.9)],
        "wait_mean": (answered.answer - answered.enter).dt.total_seconds().mean(),
        "tied": int(offered.tied.sum()),
        "by_group": {
            g: (
                len(part),
                int((part.status == "answered").sum()),
                int(((part.status == "answered") & (part.agents > 1)).sum()),
            )
            for g, part in offered.groupby("group")
        },
    }


def test_the_incidents_by_support_group_against_a_pandas_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    raw = read_and_ingest(INCIDENTS, "incidents")
    ref = _reference(raw)
    query = ContactQuery(
        dataset="incidents", enter="Queued", answer="Accepted", end="Completed",
        contact_col="case:concept:name", agent_col="org:resource", by="group",
    )  # fmt: skip
    with Context.open(lang="en") as ctx:
        report = contact_report(ctx, query)
    o = report.overall
    assert (o.offered, o.answered, o.open, o.abandoned) == (ref["offered"], ref["answered"], ref["open"], 0)
    assert {k: v for k, v in report.not_read.items() if v} == ref["not_read"]
    assert o.transferred == ref["transferred"]
    h = o.handle_time
    assert [h.n, h.mean, h.p50, h.p90] == pytest.approx(ref["handle"])
    assert o.speed_of_answer.mean == pytest.approx(ref["wait_mean"])
    # per support group (the group of an incident's earliest event naming one; no incident of this log
    # names two at that moment): offered, answered and transferred incidents
    assert ref["tied"] == 0
    assert {g.group: (g.offered, g.answered, g.transferred) for g in report.groups} == ref["by_group"]
