"""One customer's whole history (issue 19, item 5): the service, its page, its JSON twin and
``safar customer``, on a small log whose every answer is known by construction.

Three customers of a dataset ``shop`` on the insurance map bound to it (each touchpoint's id is its
activity): ``C1`` goes from an advert to comparing quotes, with a newsletter in between that is on no map
and a comment on the call; ``C2`` goes all the way to renewing; ``ك-۱`` (an Arabic kaf and a Persian digit,
as a CRM typed it) saw an advert in Karaj, typed with an Arabic kaf too.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from safar.cli import app as cli
from safar.config import Settings
from safar.context import Context
from safar.demo import bind_to_dataset
from safar.errors import InputError, NotFoundError
from safar.maps.templates import load_template
from safar.services.customer_history import CustomerQuery, customer_history, find_customers
from safar.services.ingestion import ingest_events
from safar.voice.corrections import correct
from safar.voice.feedback import ingest_feedback
from safar.workspace import Workspace

from .conftest import Site

EVENTS = """customer_id,activity,timestamp,channel,segment,city
C1,see_advertisement,2024-03-01 09:00,website,young,Tehran
C1,newsletter_opened,2024-03-01 10:00,email,young,Tehran
C1,call_contact_centre,2024-03-02 08:00,call_centre,young,Tehran
C1,compare_quotes_online,2024-03-03 12:00,website,family,Tehran
C2,see_advertisement,2024-02-01 09:00,website,family,Shiraz
C2,fill_application,2024-02-02 09:00,website,family,Shiraz
C2,renew_online,2025-02-01 09:00,mobile_app,family,Shiraz
ك-۱,see_advertisement,2024-04-01 09:00,website,young,كرج
"""
COMMENTS = """customer,text,time,touchpoint
C1,"Terrible service, the agent was rude and I waited an hour",2024-03-02 09:00,call_contact_centre
"""
# Where each event of C1 is on the map: (touchpoint name, stage name), or None for the newsletter.
C1_PLACES = [
    ("Compares quotes on the website", "Enquiry and evaluation"),
    ("Calls the contact centre", "Contacting insurance companies / consideration"),
    None,
    ("Sees an advertisement", "Awareness of an insurance policy"),
]


@pytest.fixture
def shop(sqlite_site: Site, tmp_path: Path) -> int:
    """The log ingested into ``shop``, the map bound to it and C1's comment; the map's id."""
    settings = Settings.from_env()
    ws = Workspace.open(settings)
    stored = ws.create_map(bind_to_dataset(load_template("insurance", "en"), "shop"))
    (tmp_path / "events.csv").write_text(EVENTS, encoding="utf-8")
    ingest_events(ws, tmp_path / "events.csv", dataset="shop", time_col="timestamp", channel_col="channel")
    (tmp_path / "comments.csv").write_text(COMMENTS, encoding="utf-8")
    with Context(ws, "en").warehouse() as wh:
        ingest_feedback(
            wh,
            tmp_path / "comments.csv",
            dataset="shop-comments",
            map_id=stored.id,
            journey=stored.document,
            text_col="text",
            customer_col="customer",
            time_col="time",
            touchpoint_col="touchpoint",
        )
    ws.close()
    return stored.id


def _history(customer: str, lang: str = "en", **given: object) -> object:
    with Context.open(lang=lang) as ctx:
        return customer_history(ctx, CustomerQuery(customer_id=customer, **given))


def test_the_history_says_who_they_are_where_they_are_and_everything_they_did(shop: int) -> None:
    history = _history("C1")
    assert history.customer_id == "C1" and history.dataset is None  # type: ignore[attr-defined]
    (d,) = history.datasets  # type: ignore[attr-defined]
    assert (d.dataset, d.events, d.first_at, d.last_at) == (
        "shop",
        4,
        dt.datetime(2024, 3, 1, 9, 0, tzinfo=dt.UTC),
        dt.datetime(2024, 3, 3, 12, 0, tzinfo=dt.UTC),
    )
    assert d.on_events == {"city": "Tehran", "segment": "family"}  # the newest value of each
    assert (d.first, d.last) == ("2024-03-01 09:00", "2024-03-03 12:00")  # English: Gregorian, UTC
    (j,) = history.journeys  # type: ignore[attr-defined]
    assert j.model_dump(exclude={"map_title", "last_at"}) == {
        "map_id": shop,
        "dataset": "shop",
        "steps": 3,
        "last_touchpoint": "compare_quotes_online",
        "last_touchpoint_name": "Compares quotes on the website",
        "last_stage_name": "Enquiry and evaluation",
        "last": "2024-03-03 12:00",
        "furthest_stage_name": "Enquiry and evaluation",
        "stage_number": 3,
        "stages": 7,
        "at_the_end": False,
    }
    assert history.counts == {"event": 4, "comment": 1, "answer": 0}  # type: ignore[attr-defined]
    assert history.total == 5 and history.shown == 5  # type: ignore[attr-defined]
    kinds = [(i.kind, i.time) for i in history.timeline]  # type: ignore[attr-defined]
    assert kinds == [
        ("event", "2024-03-03 12:00"),
        ("comment", "2024-03-02 09:00"),
        ("event", "2024-03-02 08:00"),
        ("event", "2024-03-01 10:00"),
        ("event", "2024-03-01 09:00"),
    ]
    events = [i for i in history.timeline if i.kind == "event"]  # type: ignore[attr-defined]
    assert [i.activity for i in events] == [
        "compare_quotes_online",
        "call_contact_centre",
        "newsletter_opened",
        "see_advertisement",
    ]
    assert [i.channel_name for i in events] == ["Website", "Call centre", "E-mail", "Website"]
    places = [(i.places[0].touchpoint_name, i.places[0].stage_name) if i.places else None for i in events]
    assert places == C1_PLACES
    comment = history.timeline[1]  # type: ignore[attr-defined]
    assert (comment.text, comment.label, comment.label_by, comment.touchpoint_name) == (
        "Terrible service, the agent was rude and I waited an hour",
        "negative",
        "model",
        "Calls the contact centre",
    )


def test_the_end_of_the_map_a_limit_and_the_readers_calendar(shop: int) -> None:
    history = _history("C2", lang="fa", limit=2)
    (j,) = history.journeys  # type: ignore[attr-defined]
    assert (j.last_touchpoint, j.stage_number, j.at_the_end) == ("renew_online", 7, True)
    assert history.total == 3 and history.shown == 2  # type: ignore[attr-defined]
    # Persian: Jalali in Tehran time, Persian digits (2025-02-01 09:00 UTC is 13 Bahman 1403, 12:30)
    assert [i.time for i in history.timeline] == ["۱۴۰۳/۱۱/۱۳ ۱۲:۳۰", "۱۴۰۲/۱۱/۱۳ ۱۲:۳۰"]  # type: ignore[attr-defined]


def test_a_persian_id_is_found_as_typed_and_unknown_ones_say_so(shop: int) -> None:
    history = _history("ک-1")  # the Arabic kaf and the Persian digit were stored as Persian and ASCII
    assert history.customer_id == "ک-1"  # type: ignore[attr-defined]
    assert _history("ك-۱").customer_id == "ک-1"  # type: ignore[attr-defined]
    with pytest.raises(NotFoundError) as missing:
        _history("C404")
    assert missing.value.code == "customer.not_found"
    with pytest.raises(NotFoundError) as other:
        _history("C1", dataset="elsewhere")
    assert other.value.code == "dataset.not_found"


def test_customers_are_found_by_part_of_their_id_or_an_attribute(shop: int) -> None:
    with Context.open(lang="en") as ctx:
        by_id = find_customers(ctx, "c")
        by_city = find_customers(ctx, "كرج")  # typed with an Arabic kaf, stored with a Persian one
        one = find_customers(ctx, "c", limit=1)
        nobody = find_customers(ctx, "Isfahan")
        with pytest.raises(InputError) as empty:
            find_customers(ctx, "  ")
    assert [(c.customer_id, c.events) for c in by_id.customers] == [("C1", 4), ("C2", 3)]
    assert [c.customer_id for c in by_city.customers] == ["ک-1"]
    assert (len(one.customers), one.more) == (1, True)
    assert nobody.customers == [] and not nobody.more
    assert empty.value.code == "customer.search_empty"


def test_a_persons_correction_is_the_label_shown(shop: int) -> None:
    with Context.open(lang="en") as ctx, ctx.warehouse() as wh:
        (comment_id,) = [r[0] for r in wh.raw.execute("SELECT comment_id FROM comments").fetchall()]  # type: ignore[union-attr]
        correct(wh, map_id=shop, dataset="shop-comments", comment_id=comment_id, label="neutral", by="ana")
    (comment,) = [i for i in _history("C1").timeline if i.kind == "comment"]  # type: ignore[attr-defined]
    assert (comment.label, comment.label_by) == ("neutral", "person")


def test_the_page_the_api_and_the_cli_show_the_same_history(shop: int, sqlite_site: Site) -> None:
    editor, viewer, outsider = (sqlite_site.client(u) for u in ("ana", "vic", "otto"))
    api = viewer.get("/api/v1/workspaces/default/customers/C1?lang=en")
    assert api.status_code == 200, api.text
    assert api.json() == json.loads(_history("C1").model_dump_json())  # type: ignore[attr-defined]
    run = CliRunner().invoke(cli, ["customer", "show", "C1", "--json"], env={"SAFAR_LANG": "en"})
    assert run.exit_code == 0, run.output
    assert json.loads(run.output) == api.json()
    found = CliRunner().invoke(cli, ["customer", "find", "c", "--json"], env={"SAFAR_LANG": "en"})
    assert [c["customer_id"] for c in json.loads(found.output)["customers"]] == ["C1", "C2"]
    assert (
        viewer.get("/api/v1/workspaces/default/customers?q=c&lang=en").json()["customers"]
        == json.loads(found.output)["customers"]
    )
    page = viewer.get("/w/default/customers/C1?lang=fa")
    assert page.status_code == 200
    for shown in (
        'مشتری <bdi dir="ltr" translate="no">C1</bdi>',
        "۴ رویداد، ۱ نظر، ۰ پاسخ پرسش‌نامه",
        "Terrible service, the agent was rude and I waited an hour",
    ):
        assert shown in page.text
    search = editor.get("/w/default/customers?q=ك&lang=en")
    assert 'href="/w/default/customers/%DA%A9-1?dataset=shop"' in search.text
    assert outsider.get("/api/v1/workspaces/default/customers/C1").status_code == 404
    unknown = viewer.get("/api/v1/workspaces/default/customers/C404?lang=en")
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "customer.not_found"
