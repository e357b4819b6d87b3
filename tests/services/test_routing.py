"""The routing table (issue 19, item 3): a synthetic log whose figures are known by construction, read
through ``safar contact route-table`` and the service, and the real helpdesk log against pandas."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.conftest import SHARED_DATA
from tests.services.test_contact import read_and_ingest
from typer.testing import CliRunner

from safar.cli import app
from safar.context import Context
from safar.errors import InputError
from safar.services.routing import RouteQuery, route_table

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]

T0 = dt.datetime(2024, 5, 4, 8, 0)
# reason, agent, contacts answered, of which resolved at first contact, handle (s), satisfaction 1-5
CELLS = [
    ("bill", "ali", 20, 18, 60, 4),
    ("bill", "sara", 20, 10, 300, 5),
    ("claim", "ali", 20, 10, 200, 5),
    ("claim", "sara", 20, 12, 100, 3),
]


def _rows() -> list[dict[str, str]]:
    """Each contact by its own customer: queued, answered 10 s later, ended after its handle time with a
    score; a customer not resolved at first contact queues again a day later and abandons. A last,
    unanswered contact 30 days on lets every repeat window pass."""
    out: list[dict[str, str]] = []
    at = T0

    def add(contact: str, customer: str, when: dt.datetime, what: str, **extra: str) -> None:
        row = {"contact_id": contact, "customer": customer, "time": when.isoformat(sep=" "), "activity": what}
        out.append(row | {"agent": "", "reason": "", "csat": ""} | extra)

    n = 0
    for reason, agent, answered, resolved, handle, score in CELLS:
        for i in range(answered):
            n += 1
            contact, customer = f"c{n:03d}", f"cu{n:03d}"
            add(contact, customer, at, "queued", reason=reason)
            add(contact, customer, at + dt.timedelta(seconds=10), "answered", agent=agent)
            end = at + dt.timedelta(seconds=10 + handle)
            add(contact, customer, end, "ended", agent=agent, csat=str(score))
            if i >= resolved:  # back the next day: not resolved at first contact
                again = at + dt.timedelta(days=1)
                add(f"r{n:03d}", customer, again, "queued", reason=reason)
                add(f"r{n:03d}", customer, again + dt.timedelta(seconds=30), "abandoned")
            at += dt.timedelta(minutes=10)
    add("last", "late", T0 + dt.timedelta(days=30), "queued")
    return out


def ingest_routing(tmp_path: Path) -> str:
    path = tmp_path / "routed.csv"
    rows = _rows()
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(app, ["events", "ingest", str(path), "--dataset", "routed", "--tz", "UTC"])
    assert result.exit_code == 0, result.output
    return "routed"


ROLES = {"enter": "queued", "answer": "answered", "abandon": "abandoned", "end": "ended"}


def _table(**extra: Any) -> dict[str, Any]:
    with Context.open(lang="en") as ctx:
        return route_table(ctx, RouteQuery(dataset="routed", **ROLES, **extra)).model_dump(mode="json")


def test_the_routing_of_a_log_known_by_construction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    ingest_routing(tmp_path)
    found = _table(score_col="csat")
    # the cells' expectations, each with its reason's rate counted as 10 contacts more (bill 28/40, claim 22/40)
    p = {
        ("bill", "ali"): 25 / 30,
        ("bill", "sara"): 17 / 30,
        ("claim", "ali"): 15.5 / 30,
        ("claim", "sara"): 17.5 / 30,
    }
    today = sum(20 * v for v in p.values()) / 80
    then = (40 * p["bill", "ali"] + 40 * p["claim", "sara"]) / 80
    half = 1.959963984540054 * math.sqrt(sum(400 * v * (1 - v) / 30 for v in p.values())) / 80
    assert {k: found[k] for k in ("contacts", "moved", "without_reason", "without_who")} == {
        "contacts": 80, "moved": 40, "without_reason": 0, "without_who": 0,
    }  # fmt: skip
    assert [found[k] for k in ("today", "recommended", "gain", "gain_low", "gain_high")] == pytest.approx(
        [today, then, then - today, then - today - half, then - today + half]
    )
    assert [(r["reason"], [(a["who"], a["today"], a["recommended"]) for a in r["assignments"]]) for r in found["reasons"]] == [
        ("bill", [("ali", 20, 40), ("sara", 20, 0)]),
        ("claim", [("ali", 20, 0), ("sara", 20, 40)]),
    ]  # fmt: skip
    assert found["loads"] == [
        {"who": "ali", "today": 40, "recommended": 40},
        {"who": "sara", "today": 40, "recommended": 40},
    ]
    evidence = {(e["reason"], e["who"]): e for e in found["evidence"]}
    ali_bill = evidence["bill", "ali"]
    assert ali_bill["answered"] == 20 and ali_bill["best"] == ["fcr", "handle"]
    fcr = ali_bill["first_contact_resolution"]
    assert (fcr["n"], fcr["value"]) == (20, 0.9)
    # Wilson 95% for 18 of 20, worked out: centre (0.9 + z²/40) / (1 + z²/20)
    z = 1.959963984540054
    centre, spread = (
        (0.9 + z * z / 40) / (1 + z * z / 20),
        z * math.sqrt(0.09 / 20 + z * z / 1600) / (1 + z * z / 20),
    )
    assert (fcr["low"], fcr["high"]) == pytest.approx((centre - spread, centre + spread))
    # every one of ali's bill contacts took 60 s and scored 4: no spread, a zero-width interval
    assert ali_bill["handle_time"] == {"n": 20, "value": 60.0, "low": 60.0, "high": 60.0}
    assert ali_bill["satisfaction"] == {"n": 20, "value": 4.0, "low": 4.0, "high": 4.0}
    assert evidence["bill", "sara"]["best"] == ["score"]
    assert evidence["claim", "sara"]["best"] == ["fcr", "handle"] and evidence["claim", "ali"]["best"] == [
        "score"
    ]

    # handle time, each with its reason's mean (bill 180 s, claim 150 s) as 10 contacts more: ali on bill
    # (20·60 + 1800) / 30 = 100 s, sara 260 s; ali on claim 183⅓ s, sara 116⅔ s: bill to ali, claim to sara
    fast = _table(goal="handle")
    assert [fast["today"], fast["recommended"]] == pytest.approx([165.0, (40 * 100 + 40 * 350 / 3) / 80])
    # satisfaction (bill 4.5, claim 4): bill to sara (145/30), claim to ali (140/30)
    happy = _table(goal="score", score_col="csat")
    assert [happy["today"], happy["recommended"]] == pytest.approx([4.25, 4.75])
    assert [(a["who"], a["recommended"]) for a in happy["reasons"][0]["assignments"]] == [
        ("ali", 0),
        ("sara", 40),
    ]
    by_group = _table(route_by="group")  # this log names no group: nobody to route to
    assert (by_group["contacts"], by_group["without_who"], by_group["reasons"]) == (0, 80, [])


def test_the_cli_prints_the_table_and_its_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    ingest_routing(tmp_path)
    args = ["contact", "route-table", "--dataset", "routed", "--enter", "queued", "--answer", "answered",
            "--abandon", "abandoned", "--end", "ended"]  # fmt: skip
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == _table()
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 0, shown.output
    assert "80 answered contacts of 2 reasons, routed for first-contact resolution: 62.5%" in shown.output
    assert "70.8% with the recommended one (+8.3 percentage points per contact" in " ".join(
        shown.output.split()
    )
    assert "ali 100%" in shown.output and "sara 100%" in shown.output and "ali 50% ·" in shown.output
    monkeypatch.setenv("SAFAR_LANG", "fa")
    farsi = CliRunner().invoke(app, args)
    assert farsi.exit_code == 0, farsi.output
    assert "۸۰ تماس پاسخ‌داده از ۲ علت" in farsi.output and "۶۲٫۵٪" in farsi.output
    for bad, code in (
        (["--goal", "score"], "--score-col"),
        (["--goal", "speed"], "Cannot route for “speed”"),
        (["--route-by", "queue"], "Cannot route by “queue”"),
        (["--min-contacts", "0"], "--min-contacts"),
    ):
        monkeypatch.setenv("SAFAR_LANG", "en")
        refused = CliRunner().invoke(app, [*args, *bad])
        assert refused.exit_code == 2 and code in refused.output, refused.output


def test_an_estimate_reads_in_the_readers_units() -> None:
    from safar.services.routing import Estimate, estimate_text

    handle = Estimate(n=12, value=90.0, low=-20.0, high=200.0)  # a t interval below zero: no handle is
    assert estimate_text(handle, "handle", "en") == "2 min (0 s…3 min; n 12)"  # shorter than nothing
    assert estimate_text(handle, "handle", "fa") == "۲ دقیقه (\u2068۰ ثانیه…۳ دقیقه\u2069؛ n ۱۲)"
    fcr = Estimate(n=20, value=0.9, low=0.699, high=0.972)
    assert estimate_text(fcr, "fcr", "en") == "90.0% (69.9…97.2; n 20)"
    assert estimate_text(Estimate(n=0, value=None, low=None, high=None), "score", "fa") == "—"


def test_a_query_that_cannot_be_read_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    ingest_routing(tmp_path)
    with pytest.raises(InputError) as caught:
        _table(goal="score")
    assert caught.value.code == "contact.no_score_col"
    with pytest.raises(InputError) as caught:
        _table(contact_col="ticket")
    assert caught.value.code == "contact.no_contacts"


HELPDESK = SHARED_DATA / "helpdesk" / "helpdesk.xes.gz"


def _reference_cells(events: pd.DataFrame, within: float) -> dict[tuple[str, str], dict[str, float]]:
    """Per product and answering resource, in plain pandas: answered tickets, those whose first-contact
    outcome is known, those resolved, and the handle times' n and sum."""
    ev = events.rename(
        columns={"case:concept:name": "ticket", "concept:name": "activity", "time:timestamp": "ts"}
    )
    by = ev.groupby("ticket")
    t = pd.DataFrame({
        "customer": ev.sort_values("ts", kind="stable").groupby("ticket").customer.first(),
        "enter": ev.ts.where(ev.activity == "Assign seriousness").groupby(ev.ticket).min(),
        "answer": ev.ts.where(ev.activity == "Take in charge ticket").groupby(ev.ticket).min(),
        "end": ev.ts.where(ev.activity == "Closed").groupby(ev.ticket).max(),
        "product": ev.sort_values("ts", kind="stable").dropna(subset=["product"]).groupby("ticket")["product"].first(),
    })  # fmt: skip
    assert len(t) == by.ngroups
    first_answer = ev[ev.activity == "Take in charge ticket"].sort_values("ts", kind="stable")
    t["agent"] = first_answer.dropna(subset=["org:resource"]).groupby("ticket")["org:resource"].first()
    bad = (
        t.enter.isna()
        | (t.answer < t.enter)
        | (t.end < t.answer.fillna(t.enter))
        | (t.end.notna() & t.answer.isna())
    )
    t = t[~bad].reset_index().sort_values(["customer", "enter", "ticket"])
    after = (t.groupby("customer").enter.shift(-1) - t.enter).dt.total_seconds()
    t["followed"] = after <= within
    t["known"] = t.followed | ((t.enter.max() - t.enter).dt.total_seconds() >= within)
    t["handle"] = (t.end - t.answer).dt.total_seconds()
    a = t[t.answer.notna() & t["product"].notna() & t.agent.notna()]
    out = {}
    for (product, agent), g in a.groupby(["product", "agent"]):
        out[str(product), str(agent)] = {
            "answered": len(g),
            "fcr_known": int(g.known.sum()),
            "resolved_first": int((g.known & ~g.followed).sum()),
            "handle_n": int(g.handle.notna().sum()),
            "handle_sum": float(g.handle.sum()),
        }
    return out


@pytest.mark.slow
def test_the_helpdesk_log_against_a_pandas_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    raw = read_and_ingest(HELPDESK, "helpdesk")
    ref = _reference_cells(raw, within=7 * 86400.0)
    query = RouteQuery(
        dataset="helpdesk", enter="Assign seriousness", answer="Take in charge ticket", end="Closed",
        contact_col="case:concept:name", customer_col="customer", agent_col="org:resource", reason_col="product",
    )  # fmt: skip
    with Context.open(lang="en") as ctx:
        found = route_table(ctx, query)
    got = {
        (e.reason, e.who): {
            "answered": e.answered,
            "fcr_known": e.first_contact_resolution.n,
            "resolved_first": round((e.first_contact_resolution.value or 0) * e.first_contact_resolution.n),
            "handle_n": e.handle_time.n,
            "handle_sum": (e.handle_time.value or 0.0) * e.handle_time.n,
        }
        for e in found.evidence
    }
    assert got.keys() == ref.keys()
    for key, want in ref.items():
        assert got[key] == pytest.approx(want), key
    # the recommendation keeps every product's tickets and nobody's load grows; an agent without ten
    # known tickets of a product takes no more of it than today; it does at least as well as today
    for r in found.reasons:
        assert sum(a.recommended for a in r.assignments) == r.contacts
        for a in r.assignments:
            assert a.evidence or a.recommended <= a.today
    assert all(load.recommended <= load.today for load in found.loads)
    assert found.gain is not None and found.gain >= 0
    assert found.gain_low is not None and found.gain_high is not None
    assert found.gain_low <= found.gain <= found.gain_high
