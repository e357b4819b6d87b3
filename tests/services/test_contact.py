"""The contact-centre report (issue 19, item 1): a synthetic call-centre log whose every figure is known by
construction, ingested with ``safar events ingest`` as a manager would, read by the service and by
``safar contact report``; the helpdesk log against a plain pandas reference."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from tests.conftest import SHARED_DATA
from typer.testing import CliRunner

from safar.cli import app
from safar.context import Context
from safar.errors import InputError, NotFoundError
from safar.services.contact import ContactQuery, contact_report

pytestmark = [
    pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning"),
]

T0 = dt.datetime(2024, 5, 6, 8, 0)  # a Monday, 17 Ordibehesht 1403
S, H, D = dt.timedelta(seconds=1), dt.timedelta(hours=1), dt.timedelta(days=1)
# contact, customer, queue, channel, entered, outcome, wait (s), answering agent, handle (s) or None (no end)
CONTACTS: list[tuple[str, str, str, str, dt.datetime, str, int | None, str | None, int | None]] = [
    ("c01", "cu1", "sales", "phone", T0, "answered", 10, "ali", 120),
    ("c02", "cu2", "sales", "phone", T0 + 60 * S, "answered", 15, "sara", 300),
    ("c03", "cu3", "sales", "phone", T0 + 120 * S, "answered", 30, "ali", 60),
    ("c04", "cu1", "sales", "phone", T0 + D, "answered", 20, "sara", 180),  # cu1 again after 1 day
    ("c05", "cu4", "sales", "chat", T0 + 180 * S, "abandoned", 3, None, None),  # a short abandon
    ("c06", "cu5", "sales", "chat", T0 + 240 * S, "abandoned", 45, None, None),
    ("c07", "cu6", "support", "phone", T0 + 6 * H, "answered", 5, "ali", 240),
    ("c08", "cu7", "support", "phone", T0 + 6 * H + 60 * S, "answered", 25, "sara", None),
    ("c09", "cu8", "support", "phone", T0 + 6 * H + 120 * S, "answered", 60, "ali", 90),
    ("c10", "cu6", "support", "chat", T0 + 3 * D + 6 * H, "answered", 8, "sara", 150),  # cu6 again, 3 days
    ("c11", "cu9", "support", "phone", T0 + 6 * H + 300 * S, "open", None, None, None),  # still waiting
    ("c12", "cu2", "support", "chat", T0 + 20 * D + 6 * H, "answered", 40, "ali", 600),  # cu2, 20 days on
]
ARGS = [
    "--enter", "queued", "--answer", "answered", "--abandon", "abandoned", "--end", "ended",
    "--reopen", "reopened",
]  # fmt: skip


def _rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []

    def add(
        contact: str, customer: str, queue: str, channel: str, at: dt.datetime, what: str, agent: str
    ) -> None:
        out.append(
            {
                "contact_id": contact,
                "customer": customer,
                "time": at.isoformat(sep=" "),
                "activity": what,
                "queue": queue,
                "agent": agent,
                "channel": channel,
                # the agents' group follows the queue; cu1 and cu2 call about bills, the rest about claims
                "team": {"sales": "front", "support": "back"}.get(queue, ""),
                "reason": "billing" if customer in ("cu1", "cu2") else "claims" if queue else "",
            }
        )

    for contact, customer, queue, channel, entered, outcome, wait, agent, handle in CONTACTS:
        add(contact, customer, queue, channel, entered, "queued", "")
        if outcome == "open":
            continue
        assert wait is not None
        answered = entered + wait * S
        add(contact, customer, queue, channel, answered, outcome, agent or "")
        if contact == "c07":  # handed to sara a minute into the call: a transfer
            add(contact, customer, queue, channel, answered + 60 * S, "transferred", "sara")
        if handle is not None:
            add(contact, customer, queue, channel, answered + handle * S, "ended", agent or "")
        if contact == "c03":  # the ticket opened again an hour after it ended
            add(contact, customer, queue, channel, answered + handle * S + H, "reopened", "")
    # c13: answered ten seconds before it entered the queue: out of order, counted, never guessed.
    add("c13", "cu10", "sales", "phone", T0 + 500 * S, "answered", "ali")
    add("c13", "cu10", "sales", "phone", T0 + 510 * S, "queued", "")
    # a note about a customer outside any contact: in no contact, counted
    add("", "cu3", "", "", T0 + 3600 * S, "note", "")
    return out


def ingest_calls(tmp_path: Path) -> str:
    """The synthetic log written as a CSV and ingested with ``safar events ingest`` into dataset ``calls``."""
    path = tmp_path / "calls.csv"
    rows = _rows()
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(app, ["events", "ingest", str(path), "--dataset", "calls", "--tz", "UTC"])
    assert result.exit_code == 0, result.output
    return "calls"


@pytest.fixture
def calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SAFAR_LANG", "en")
    return ingest_calls(tmp_path)


def _query(**extra: Any) -> ContactQuery:
    return ContactQuery(
        dataset="calls",
        enter="queued",
        answer="answered",
        abandon="abandoned",
        end="ended",
        reopen="reopened",
        **extra,
    )


def _report(lang: str = "en", **extra: Any) -> dict[str, Any]:
    with Context.open(lang=lang) as ctx:
        return contact_report(ctx, _query(**extra)).model_dump(mode="json")


def _spread(n: int, mean: float | None, p50: float | None, p90: float | None) -> dict[str, Any]:
    return {"n": n, "mean": mean, "p50": p50, "p90": p90}


def figures(**f: Any) -> dict[str, Any]:
    return {
        "offered": f["offered"],
        "answered": f["answered"],
        "abandoned": f["abandoned"],
        "short_abandoned": f["short"],
        "open": f["open"],
        "customers": f["customers"],
        "answered_within_sla": f["within"],
        "service_level": f["sl"],
        "abandonment_rate": f["ar"],
        "repeats": f["repeats"],
        "repeat_share": f["rs"],
        "speed_of_answer": f["wait"],
        "handle_time": f["handle"],
        "talk_time": None,  # no --hold or --wrap: no split
        "hold_time": None,
        "wrap_time": None,
        "ended": f["ended"],
        "reopened": f["reopened"],
        "reopen_rate": f["ror"],
        "transferred": f["transferred"],
        "transfer_rate": f["tr"],
        "resolved_first": f["resolved"],
        "fcr_known": f["known"],
        "fcr_pending": f["pending"],
        "first_contact_resolution": f["fcr"],
    }


# Worked out by hand from CONTACTS. Answered waits 5, 8, 10, 15, 20, 25, 30, 40, 60 (5 within 20 s);
# handle times 60, 90, 120, 150, 180, 240, 300, 600; one short abandon (3 s) of two; c11 open.
# Transferred: c07 (ali answered, sara took over). First-contact resolution, 7-day window, the data's newest
# contact c12 (day 20): c01 and c07 were followed within 7 days (cu1's c04, cu6's c10), c02, c03, c04, c08,
# c09 and c10 were not and their window has passed (resolved), c12's window is still open (pending).
# Reopened: c03, an hour after it ended (8 answered contacts ended: all but c08).
OVERALL = figures(
    offered=12, answered=9, abandoned=2, short=1, open=1, customers=9, within=5,
    sl=0.5, ar=0.1, repeats=2, rs=2 / 12,
    wait=_spread(9, 213 / 9, 20.0, 44.0), handle=_spread(8, 217.5, 165.0, 390.0),
    transferred=1, tr=1 / 9, resolved=6, known=8, pending=1, fcr=0.75, ended=8, reopened=1, ror=0.125,
)  # fmt: skip
SALES = figures(
    offered=6, answered=4, abandoned=2, short=1, open=0, customers=5, within=3,
    sl=0.6, ar=0.2, repeats=1, rs=1 / 6,
    wait=_spread(4, 18.75, 17.5, 27.0), handle=_spread(4, 165.0, 150.0, 264.0),
    transferred=0, tr=0.0, resolved=3, known=4, pending=0, fcr=0.75, ended=4, reopened=1, ror=0.25,
)  # fmt: skip
SUPPORT = figures(
    offered=6, answered=5, abandoned=0, short=0, open=1, customers=5, within=2,
    sl=0.4, ar=0.0, repeats=1, rs=1 / 6,
    wait=_spread(5, 27.6, 25.0, 52.0), handle=_spread(4, 270.0, 195.0, 492.0),
    transferred=1, tr=0.2, resolved=3, known=4, pending=1, fcr=0.75, ended=4, reopened=0, ror=0.0,
)  # fmt: skip
NOT_READ = {
    "no_enter": 0,
    "answer_and_abandon": 0,
    "before_enter": 1,
    "end_before_outcome": 0,
    "ended_unanswered": 0,
}


def _close(found: Any, expected: Any) -> bool:
    if isinstance(expected, dict):
        return found.keys() == expected.keys() and all(_close(found[k], v) for k, v in expected.items())
    if isinstance(expected, float):
        return found == pytest.approx(expected)
    return bool(found == expected)


def test_the_figures_known_by_construction_by_queue(calls: str) -> None:
    report = _report(by="queue")
    assert _close(report["overall"], OVERALL), report["overall"]
    assert [g["group"] for g in report["groups"]] == ["sales", "support"]
    assert _close({k: v for k, v in report["groups"][0].items() if k not in ("period", "group")}, SALES)
    assert _close({k: v for k, v in report["groups"][1].items() if k not in ("period", "group")}, SUPPORT)
    assert report["not_read"] == NOT_READ
    assert report["events_without_contact"] == 1
    assert (report["sla_seconds"], report["short_abandon_seconds"], report["repeat_within_seconds"]) == (
        20.0,
        5.0,
        7 * 86400.0,
    )
    # answered waits 5, 8, 10 | 15, 20 | 25, 30 | 40 | 60
    assert report["wait_distribution"] == [
        {"from_seconds": 0.0, "to_seconds": 10.0, "contacts": 3},
        {"from_seconds": 10.0, "to_seconds": 20.0, "contacts": 2},
        {"from_seconds": 20.0, "to_seconds": 30.0, "contacts": 2},
        {"from_seconds": 30.0, "to_seconds": 60.0, "contacts": 2},
    ]


def test_groups_of_agents_and_reasons_are_read_from_their_columns(calls: str) -> None:
    by_queue = {g["group"]: g for g in _report(by="queue")["groups"]}
    by_team = {g["group"]: g for g in _report(by="group", group_col="team")["groups"]}
    assert list(by_team) == ["back", "front"]  # support's and sales' agents: the same contacts
    assert by_team["back"] | {"group": "support"} == by_queue["support"]
    assert by_team["front"] | {"group": "sales"} == by_queue["sales"]
    reasons = {g["group"]: (g["offered"], g["answered"]) for g in _report(by="reason")["groups"]}
    # billing: c01, c04 (cu1), c02, c12 (cu2), all answered; claims: the other 8, 5 answered
    assert reasons == {"billing": (4, 4), "claims": (8, 5)}


def test_agents_are_those_who_answered_and_the_unanswered_have_none(calls: str) -> None:
    groups = {g["group"]: g for g in _report(by="agent")["groups"]}
    assert list(groups) == ["ali", "sara", None]
    ali, sara, nobody = groups["ali"], groups["sara"], groups[None]
    # ali answered c01 (10 s), c03 (30), c07 (5), c09 (60), c12 (40); sara c02 (15), c04 (20), c08 (25), c10 (8)
    assert (ali["offered"], ali["answered_within_sla"], ali["service_level"]) == (5, 2, 0.4)
    assert (sara["offered"], sara["answered_within_sla"], sara["service_level"]) == (4, 3, 0.75)
    assert (nobody["offered"], nobody["abandoned"], nobody["open"], nobody["answered"]) == (3, 2, 1, 0)


def test_thresholds_change_the_counts_as_stated(calls: str) -> None:
    report = _report(sla="30s", short_abandon="1s", repeat_within="30d")["overall"]
    # within 30 s: 5, 8, 10, 15, 20, 25, 30; no short abandon now; cu2's contact 20 days on repeats too
    assert report["answered_within_sla"] == 7
    assert (report["short_abandoned"], report["service_level"], report["abandonment_rate"]) == (
        0,
        7 / 11,
        2 / 11,
    )
    assert report["repeats"] == 3


def test_hours_weekdays_and_periods_in_the_readers_calendar(calls: str) -> None:
    def counts(report: dict[str, Any]) -> list[tuple[Any, Any, int]]:
        return [(g["period"], g["group"], g["offered"]) for g in report["groups"]]

    assert counts(_report(by="hour")) == [(None, "8", 6), (None, "14", 6)]
    assert counts(_report(by="channel")) == [(None, "chat", 4), (None, "phone", 8)]
    # Tehran is 3:30 ahead of UTC: 08:00 UTC is 11:30 there
    assert counts(_report("fa", by="hour")) == [(None, "11", 6), (None, "17", 6)]
    assert counts(_report(by="weekday")) == [(None, "1", 9), (None, "2", 1), (None, "4", 1), (None, "7", 1)]
    # a Persian week starts on Saturday: Sunday (7) comes before Monday (1)
    assert counts(_report("fa", by="weekday")) == [
        (None, "7", 1),
        (None, "1", 9),
        (None, "2", 1),
        (None, "4", 1),
    ]
    # Gregorian May holds them all; in Jalali, 26 May 2024 is already 6 Khordad 1403 (from 21 May)
    assert counts(_report(period="month")) == [("2024-05-01", None, 12)]
    assert counts(_report("fa", period="month")) == [("2024-04-20", None, 11), ("2024-05-21", None, 1)]
    by_both = _report("fa", period="month", by="queue")
    assert counts(by_both) == [
        ("2024-04-20", "sales", 6),
        ("2024-04-20", "support", 5),
        ("2024-05-21", "support", 1),
    ]
    assert (by_both["calendar"], by_both["tz"]) == ("jalali", "Asia/Tehran")


def test_the_backlog_at_each_periods_end(calls: str) -> None:
    # Day 0 (6 May): nine entered (c01–c03, c05–c09, c11), eight left (c11 is still waiting); then one contact
    # a day that entered and left the same day (c04, c10, c12): c11 stays in the backlog to the end.
    assert _report(period="day")["backlog"] == [
        {"period": "2024-05-06", "entered": 9, "left": 8, "open_at_end": 1},
        {"period": "2024-05-07", "entered": 1, "left": 1, "open_at_end": 1},
        {"period": "2024-05-09", "entered": 1, "left": 1, "open_at_end": 1},
        {"period": "2024-05-26", "entered": 1, "left": 1, "open_at_end": 1},
    ]
    assert _report()["backlog"] == []  # without a period, the open count says it
    run = CliRunner().invoke(app, ["contact", "report", "--dataset", "calls", *ARGS, "--period", "month"])
    assert run.exit_code == 0, run.output
    assert "Backlog at each period's end" in run.stdout and "May 2024" in run.stdout


def test_the_cli_json_is_the_service_result(calls: str) -> None:
    result = CliRunner().invoke(
        app, ["contact", "report", "--dataset", "calls", *ARGS, "--by", "queue", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == _report(by="queue")


def test_the_cli_table_reads_as_a_manager_reads_it(calls: str) -> None:
    result = CliRunner().invoke(app, ["contact", "report", "--dataset", "calls", *ARGS, "--by", "queue"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for expected in ("All contacts", "sales", "support", "50.0%", "10.0%", "Service level within 20 s"):
        assert expected in out, (expected, out)
    assert (
        "Contacts not read, their events being incomplete or out of order: 1" in out
        and "answered or abandoned before entering the queue: 1" in out
    )


def test_the_cli_in_persian(calls: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "fa")
    result = CliRunner().invoke(app, ["contact", "report", "--dataset", "calls", *ARGS])
    assert result.exit_code == 0, result.output
    assert "همه تماس‌ها" in result.stdout and "۵۰٫۰٪" in result.stdout


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--answer", "answered"], "contact.no_role", "--enter"),
        (["--enter", "queued", "--answer", "queued"], "contact.role_twice", "“queued”"),
        ([*ARGS, "--sla", "soon"], "analytics.bad_duration", "“soon”"),
        ([*ARGS, "--sla", "0s"], "contact.negative_threshold", "--sla"),
        ([*ARGS, "--by", "colour"], "contact.bad_by", "queue, agent"),
        ([*ARGS, "--period", "decade"], "time.bad_period", "decade"),
        ([*ARGS, "--contact-col", "call"], "contact.no_contacts", "“call”"),
        ([*ARGS, "--queue-col", ""], "contact.bad_option", "--queue-col"),
    ],
)
def test_bad_input_is_one_clear_line(calls: str, args: list[str], code: str, words: str) -> None:
    result = CliRunner().invoke(app, ["contact", "report", "--dataset", "calls", *args, "--json"])
    assert result.exit_code == 2, result.output
    error = json.loads(result.stdout.split("\n}\n")[0] + "\n}")["error"]
    assert error["code"] == code
    assert words in result.stderr


def test_an_unknown_dataset_names_the_known_ones(calls: str) -> None:
    with Context.open(lang="en") as ctx, pytest.raises(NotFoundError) as caught:
        contact_report(ctx, ContactQuery(dataset="nope", enter="queued", answer="answered"))
    assert caught.value.code == "dataset.not_in_workspace"


def test_no_warehouse_yet_says_to_ingest(monkeypatch: pytest.MonkeyPatch) -> None:
    with Context.open(lang="en") as ctx, pytest.raises(InputError) as caught:
        contact_report(ctx, ContactQuery(dataset="calls", enter="queued", answer="answered"))
    assert caught.value.code == "contact.no_dataset"
    assert "safar events ingest" in caught.value.message_for("en")
    assert "safar events ingest" in caught.value.message_for("fa")


def read_and_ingest(path: Path, dataset: str) -> pd.DataFrame:
    """A real log as pm4py reads it (the reference's input), after ``safar events ingest`` loaded it into
    ``dataset``; skipped where the data set is not beside the repository (a failure under CI)."""
    import warnings

    if not path.exists():
        pytest.skip(f"the real data set is not at {path}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pm4py

        raw = pm4py.read_xes(str(path), show_progress_bar=False)
    result = CliRunner().invoke(app, ["events", "ingest", str(path), "--dataset", dataset])
    assert result.exit_code == 0, result.output
    return raw


HELPDESK = SHARED_DATA / "helpdesk" / "helpdesk.xes.gz"


def _reference(events: pd.DataFrame, sla: float, within: float) -> dict[str, Any]:
    """The helpdesk figures in plain pandas from pm4py's reading of the XES file: a ticket is a contact,
    assigning its seriousness opens it, taking it in charge answers it, closing it ends it."""
    ev = events.rename(
        columns={"case:concept:name": "contact", "concept:name": "activity", "time:timestamp": "ts"}
    )
    ev = ev.sort_values(["contact", "ts"], kind="stable")
    contacts = []
    for contact, e in ev.groupby("contact", sort=False):
        enter = e.ts[e.activity == "Assign seriousness"].min()
        answer = e.ts[e.activity == "Take in charge ticket"].min()
        end = e.ts[e.activity == "Closed"].max()
        if pd.isna(enter):
            status = "no_enter"
        elif pd.notna(answer) and answer < enter:
            status = "before_enter"
        elif pd.notna(end) and end < (answer if pd.notna(answer) else enter):
            status = "end_before_outcome"
        elif pd.notna(end) and pd.isna(answer):
            status = "ended_unanswered"
        else:
            status = "answered" if pd.notna(answer) else "open"
        first_answer = e[(e.activity == "Take in charge ticket") & (e.ts == answer)]
        contacts.append(
            {
                "contact": contact,
                "customer": e.customer.iloc[0],
                "status": status,
                "enter": enter,
                "wait": (answer - enter).total_seconds() if status == "answered" else None,
                "handle": (end - answer).total_seconds() if status == "answered" and pd.notna(end) else None,
                "agent": first_answer["org:resource"].iloc[0] if status == "answered" else None,
                "agents": e["org:resource"][e.activity != "Assign seriousness"].dropna().nunique(),
            }
        )
    c = pd.DataFrame(contacts)
    offered = c[c.status.isin(["answered", "open"])].sort_values(["customer", "enter", "contact"])
    previous = offered.groupby("customer").enter.shift()
    repeats = int(((offered.enter - previous).dt.total_seconds() <= within).sum())
    waits, handles = offered.wait.dropna(), offered.handle.dropna()
    answered = int((offered.status == "answered").sum())
    # First-contact resolution: the customer's next ticket within the window, or the window passed by
    # the newest ticket of the log; transfers: a ticket whose events name two or more resources.
    after = (offered.groupby("customer").enter.shift(-1) - offered.enter).dt.total_seconds()
    followed = after <= within
    passed = (offered.enter.max() - offered.enter).dt.total_seconds() >= within
    is_answered = (offered.status == "answered") & offered.customer.notna()
    known = is_answered & (followed | passed)
    return {
        "offered": len(offered),
        "answered": answered,
        "open": int((offered.status == "open").sum()),
        "within_sla": int((waits <= sla).sum()),
        "service_level": (waits <= sla).sum() / answered,
        "repeats": repeats,
        "customers": offered.customer.nunique(),
        "wait": [len(waits), waits.mean(), waits.quantile(0.5), waits.quantile(0.9)],
        "handle": [len(handles), handles.mean(), handles.quantile(0.5), handles.quantile(0.9)],
        "not_read": c[~c.status.isin(["answered", "open"])].status.value_counts().to_dict(),
        "agents": offered[offered.status == "answered"].agent.value_counts().to_dict(),
        "transferred": int(((offered.status == "answered") & (offered.agents > 1)).sum()),
        "fcr_known": int(known.sum()),
        "resolved_first": int((known & ~followed).sum()),
        "fcr_pending": int((is_answered & ~(followed | passed)).sum()),
        # a ticket's customer is the one on its first event (7 tickets name another later): never a tie
        "first_customer_is_one": bool(
            (
                ev[ev.ts == ev.groupby("contact").ts.transform("min")].groupby("contact").customer.nunique()
                == 1
            ).all()
        ),
    }


@pytest.mark.slow
def test_the_helpdesk_log_against_a_pandas_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    raw = read_and_ingest(HELPDESK, "helpdesk")
    ref = _reference(raw, sla=86400.0, within=7 * 86400.0)
    assert ref["first_customer_is_one"]
    query = ContactQuery(
        dataset="helpdesk",
        enter="Assign seriousness",
        answer="Take in charge ticket",
        end="Closed",
        contact_col="case:concept:name",
        customer_col="customer",
        agent_col="org:resource",
        sla="1d",
        by="agent",
    )
    with Context.open(lang="en") as ctx:
        report = contact_report(ctx, query)
    o = report.overall
    assert (o.offered, o.answered, o.open, o.abandoned) == (ref["offered"], ref["answered"], ref["open"], 0)
    assert (o.answered_within_sla, o.repeats, o.customers) == (
        ref["within_sla"],
        ref["repeats"],
        ref["customers"],
    )
    assert o.service_level == pytest.approx(ref["service_level"])
    for spread, expected in ((o.speed_of_answer, ref["wait"]), (o.handle_time, ref["handle"])):
        assert [spread.n, spread.mean, spread.p50, spread.p90] == pytest.approx(expected)
    assert {k: v for k, v in report.not_read.items() if v} == ref["not_read"]
    figures = (o.transferred, o.fcr_known, o.resolved_first, o.fcr_pending)
    assert figures == (ref["transferred"], ref["fcr_known"], ref["resolved_first"], ref["fcr_pending"])
    assert o.first_contact_resolution == pytest.approx(ref["resolved_first"] / ref["fcr_known"])
    assert 0 < ref["resolved_first"] < ref["fcr_known"] and ref["transferred"] > 0  # the log has both
    assert {g.group: g.answered for g in report.groups if g.answered} == ref["agents"]


def test_the_guide_names_every_error_option_and_reason() -> None:
    """docs/contact-centre.md says what each error code means, each option of the command does and each
    reason a contact is not read."""
    import typer

    from safar.cli import contact
    from safar.i18n.catalogue_contact import CONTACT_MESSAGES
    from safar.i18n.catalogue_routing import ROUTING_MESSAGES
    from safar.i18n.catalogue_wait import WAIT_MESSAGES
    from safar.metrics.contact import PROBLEMS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "contact-centre.md").read_text(encoding="utf-8")
    raised = {"contact.no_role", "contact.role_twice", "contact.negative_threshold", "contact.bad_by"}
    raised |= {"contact.no_contacts", "contact.no_dataset", "contact.bad_option"}
    routing = {"contact.bad_route_by", "contact.no_score_col", "route.bad_goal"}
    waits = {"wait.unknown_queue", "wait.one_queue"}
    assert (
        raised <= set(CONTACT_MESSAGES) and routing <= set(ROUTING_MESSAGES) and waits <= set(WAIT_MESSAGES)
    )
    raised |= routing | waits
    missing = [code for code in sorted(raised) if f"`{code}`" not in guide]
    missing += [reason for reason in PROBLEMS if f"`{reason}`" not in guide]
    group = typer.main.get_command(contact.app)
    commands = group.commands  # type: ignore[attr-defined]
    assert set(commands) == {"report", "route-table", "wait-estimate"}
    options = [
        opt
        for command in commands.values()
        for param in command.params
        for opt in param.opts
        if opt.startswith("--") and "completion" not in opt
    ]
    assert "--enter" in options and "--json" in options and "--goal" in options
    missing += [option for option in options if option not in guide]
    assert missing == []


# contact, [(seconds after it entered the queue, activity)]: a hold lasts to the next event or to the start
# of after-contact work; a hold before the answer (in the IVR) is not handle time.
SPLIT_LOG = {
    "h1": [(0, "queued"), (10, "answered"), (70, "hold"), (100, "resume"), (200, "wrap"), (260, "ended")],
    "h2": [(0, "queued"), (5, "answered"), (50, "hold"), (80, "wrap"), (100, "ended")],
    "h3": [(0, "queued"), (20, "answered"), (80, "ended")],
    "h4": [(0, "queued"), (5, "hold"), (30, "answered"), (90, "ended")],
}


def test_handle_time_split_into_talk_hold_and_after_contact_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    path = tmp_path / "split.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["contact_id", "customer", "time", "activity", "agent"])
        for i, (contact, steps) in enumerate(SPLIT_LOG.items()):
            for offset, activity in steps:
                at = T0 + i * H + offset * S
                writer.writerow([contact, f"cu-{contact}", at.isoformat(sep=" "), activity, "ali"])
    assert (
        CliRunner()
        .invoke(app, ["events", "ingest", str(path), "--dataset", "split", "--tz", "UTC"])
        .exit_code
        == 0
    )
    args = ["contact", "report", "--dataset", "split", "--enter", "queued", "--answer", "answered",
            "--end", "ended", "--hold", "hold", "--wrap", "wrap"]  # fmt: skip
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    overall = json.loads(result.output)["overall"]
    # handle 250, 95, 60, 60; hold 30 (70→100), 30 (50→80, cut by the wrap), 0, 0 (before the answer);
    # after-contact work 60, 20, 0, 0; talk the rest: 160, 45, 60, 60
    assert overall["handle_time"]["mean"] == pytest.approx(116.25)
    assert (overall["talk_time"], overall["hold_time"], overall["wrap_time"]) == pytest.approx(
        (81.25, 15.0, 20.0)
    )
    shown = CliRunner().invoke(app, args)
    assert shown.exit_code == 0 and "After-contact work" in shown.output, shown.output
    # without the roles there is no split, and the other figures do not move
    plain = CliRunner().invoke(app, [*args[:-4], "--json"])
    assert json.loads(plain.output)["overall"] == {
        **overall, "talk_time": None, "hold_time": None, "wrap_time": None,
    }  # fmt: skip
    refused = CliRunner().invoke(app, [*args[:-2], "--wrap", "hold"])
    assert refused.exit_code == 2 and "--hold" in refused.output and "--wrap" in refused.output


def test_the_contact_screens_are_kept_until_the_dataset_is_loaded_again(
    calls: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A report, a routing table and a wait estimate read twice are computed once; a new load of the dataset
    makes each computed again, with the new contacts in it (one ingestion's rows added to the dataset)."""
    import safar.services.contact as contact_service
    import safar.services.routing as routing_service
    import safar.services.wait as wait_service
    from safar.services.routing import RouteQuery, route_table
    from safar.services.wait import WaitQuery, wait_estimate

    computed: list[str] = []

    def counting(module: Any, name: str) -> None:
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a: computed.append(name) or real(*a))

    counting(contact_service, "_report")
    counting(routing_service, "_table")
    counting(wait_service, "_estimate")
    roles = {"enter": "queued", "answer": "answered", "abandon": "abandoned", "end": "ended"}
    route = RouteQuery(dataset="calls", **roles, reason_col="reason")
    wait = WaitQuery(dataset="calls", **roles)

    def read_all(lang: str = "en") -> tuple[Any, ...]:
        with Context.open(lang=lang) as ctx:
            return contact_report(ctx, _query()), route_table(ctx, route), wait_estimate(ctx, wait)

    first = read_all()
    assert read_all() == first and computed == ["_report", "_table", "_estimate"]
    read_all("fa")  # kept per language and calendar: the Persian reader's Jalali periods and notice
    assert computed == ["_report", "_table", "_estimate"] * 2

    late = tmp_path / "late.csv"
    late.write_text(
        "contact_id,customer,time,activity,queue,agent,channel,team,reason\n"
        "c99,cu99,2024-06-01 09:00:00,queued,sales,,phone,front,claims\n",
        encoding="utf-8",
    )
    added = CliRunner().invoke(app, ["events", "ingest", str(late), "--dataset", "calls", "--tz", "UTC"])
    assert added.exit_code == 0, added.output
    report, _, estimate = read_all()
    assert computed[-3:] == ["_report", "_table", "_estimate"]
    assert (report.overall.offered, report.overall.open) == (
        first[0].overall.offered + 1,
        first[0].overall.open + 1,
    )
    assert estimate.at > first[2].at
