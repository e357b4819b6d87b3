"""Bringing an event file in from the browser (issue 16, item 1): send it, confirm or change the proposed
columns on a preview, follow the import as a job, then read / loaded / duplicates / rejected and the
quarantine; send it again (nothing twice), add another file to the dataset, and remove the dataset (admins,
after typing its name). The pages in Persian and English, their API twins, and who may do what."""

from __future__ import annotations

import gzip
import json
import re
import time
from pathlib import Path
from typing import Any

from safar.context import Context
from safar.events import ingest_file
from safar.workspace import Workspace

# An Iranian CRM export: Persian headers, Jalali dates with Persian digits, Windows-1256 text, one bad row.
CRM = (
    "شماره مشتري,رويداد,تاريخ,كانال,شعبه\n"
    "م-1,ثبت خسارت,1402/05/14 10:30,حضوري,تهران\n"
    "م-1,ارزيابي,1402/05/15 09:00,تلفن,تهران\n"
    "م-2,ثبت خسارت,1402/05/20 11:00,وب,شيراز\n"
    "م-3,ثبت خسارت,ديروز,وب,شيراز\n"
)


def _send(client: Any, csrf: str, name: str, body: bytes, dataset: str = "") -> str:
    sent = client.post(
        "/w/default/datasets/upload",
        data={"csrf": csrf, "dataset": dataset},
        files={"file": (name, body, "application/octet-stream")},
    )
    assert sent.status_code == 303, sent.text
    return str(sent.headers["location"])


def _csrf(client: Any) -> str:
    page = client.get("/w/default/datasets/upload").text
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]


def _finish(client: Any, job_url: str) -> dict[str, Any]:
    job = job_url.rsplit("/", 1)[1]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state = client.get(f"/api/v1/workspaces/default/imports/{job}").json()
        if state["state"] != "running":
            return dict(state)
        time.sleep(0.05)
    raise AssertionError("the import did not finish in a minute")


def _text(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(?:p|table|fieldset|strong)>', html, re.S)
    assert found, testid
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def _import(client: Any, mapping_url: str, csrf: str, **fields: str) -> str:
    started = client.post(mapping_url.split("?")[0], data={"csrf": csrf, **fields})
    assert started.status_code == 303, started.text
    return str(started.headers["location"])


def test_a_persian_crm_export_is_previewed_mapped_and_imported_from_the_browser(sqlite_site: Any) -> None:
    client = sqlite_site.client("ana")
    csrf = _csrf(client)
    mapping = _send(client, csrf, "خروجی CRM.csv", CRM.encode("cp1256"))
    page = client.get(mapping + "?lang=fa").text
    # The proposal, from the Persian headers; the text read as Windows-1256, the dates as Jalali in Tehran.
    chosen = dict(re.findall(r'<select name="col_(\w+)".*?<option value="([^"]*)" selected>', page, re.S))
    assert chosen == {
        "customer": "شماره مشتري",
        "activity": "رويداد",
        "time": "تاريخ",
        "channel": "كانال",
        "id": "",
        "reply_to": "",  # never proposed
        "inbound": "",
    }
    assert "Windows-1256" in _text(page, "file-facts")
    assert _text(page, "read-calendar") == "تاریخ‌های زیر جلالی (خورشیدی) خوانده شدند."
    assert _text(page, "attributes") == "نگه‌داشته به‌عنوان ویژگی: شعبه"
    read = [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'data-testid="time-read">(.*?)</td>', page, re.S)
    ]
    assert read == ["۱۴۰۲/۰۵/۱۴ ۱۰:۳۰", "۱۴۰۲/۰۵/۱۵ ۰۹:۰۰", "۱۴۰۲/۰۵/۲۰ ۱۱:۰۰", "—"]
    assert 'value="خروجی-CRM"' in page  # the dataset name proposed from the file's name

    job_url = _import(
        client,
        mapping,
        csrf,
        dataset="crm",
        col_customer="شماره مشتری",
        col_activity="رویداد",
        col_time="تاریخ",
        col_channel="",
        col_id="",
        encoding="cp1256",
        calendar="auto",
        tz="Asia/Tehran",
    )
    done = _finish(client, job_url)
    assert {
        k: done[k] for k in ("state", "read", "loaded", "duplicates", "rejected", "source", "dataset")
    } == {
        "state": "done",
        "read": 4,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 1,
        "source": "خروجی CRM.csv",
        "dataset": "crm",
    }
    assert done["columns"] == {"customer": "شماره مشتري", "activity": "رويداد", "time": "تاريخ"}
    assert done["reading"] == {"encoding": "Windows-1256", "calendar": "jalali", "tz": "Asia/Tehran"}
    result = client.get(job_url + "?lang=fa").text
    assert _text(result, "import-result") == "انجام شد: ۴ سطر خوانده، ۳ بارگذاری، ۰ از پیش موجود، ۱ رد شد."
    rejected = client.get(
        re.search(r'href="([^"]+)" data-testid="import-rejected"', result).group(1) + "?lang=fa"
    ).text  # type: ignore[union-attr]
    assert "خروجی CRM.csv" in rejected and "ديروز" in rejected

    # The channel left out on purpose: the events hold none, and the column is kept as an attribute instead.
    svc = sqlite_site.app.state.services
    with Context(Workspace.attach(svc.engine, svc.settings, "default"), "en") as ctx, ctx.warehouse() as w:
        events = w.events("crm").order_by("ts").to_pyarrow().to_pylist()
    assert [(e["customer_id"], e["activity"], e["channel"]) for e in events] == [
        ("م-1", "ثبت خسارت", None),
        ("م-1", "ارزیابی", None),
        ("م-2", "ثبت خسارت", None),
    ]
    assert str(events[0]["ts"]) == "2023-08-05 07:00:00"  # 1402/05/14 10:30 Tehran, in UTC
    assert json.loads(events[0]["attributes"]) == {"کانال": "حضوری", "شعبه": "تهران"}

    # The same file again loads nothing twice; its quarantine is replaced, not added to.
    again = _finish(
        client,
        _import(
            client,
            _send(client, csrf, "خروجی CRM.csv", CRM.encode("cp1256"), "crm"),
            csrf,
            dataset="crm",
            col_channel="",
            encoding="cp1256",
            tz="Asia/Tehran",
        ),
    )
    assert (again["read"], again["loaded"], again["duplicates"], again["rejected"]) == (4, 0, 3, 1)
    listed = client.get("/api/v1/workspaces/default/datasets").json()["datasets"]
    [crm] = [d for d in listed if d["name"] == "crm"]
    assert (crm["events"], crm["customers"], crm["imports"], crm["quarantined"]) == (3, 2, 2, 1)


def test_an_xes_log_and_a_second_file_added_to_the_same_dataset(sqlite_site: Any, tmp_path: Path) -> None:
    client = sqlite_site.client("ana")
    csrf = _csrf(client)
    body = b"""<?xml version="1.0" encoding="UTF-8"?>
<log xes.version="1.0"><trace><string key="concept:name" value="t1"/>
<event><string key="concept:name" value="open"/><date key="time:timestamp" value="2024-01-01T10:00:00+00:00"/></event>
<event><string key="concept:name" value="close"/><date key="time:timestamp" value="2024-01-02T10:00:00+00:00"/></event>
</trace></log>"""
    mapping = _send(client, csrf, "tickets.xes.gz", gzip.compress(body))
    page = client.get(mapping + "?lang=en").text
    assert "An XES log names its own columns" in page and 'name="col_customer"' not in page
    first = _finish(client, _import(client, mapping, csrf, dataset="tickets"))
    assert first["state"] == "done" and first["rejected"] == 0 and first["loaded"] == first["read"] > 0
    extra = b"case:concept:name,concept:name,time:timestamp\nt9,open,2024-02-01T10:00:00Z\n"
    mapping = _send(client, csrf, "more.csv", extra, dataset="tickets")
    assert "dataset=tickets" in mapping
    assert 'value="tickets"' in client.get(mapping).text  # the chosen dataset is the one proposed
    second = _finish(client, _import(client, mapping, csrf, dataset="tickets"))
    assert (second["read"], second["loaded"]) == (1, 1)
    [tickets] = [
        d
        for d in client.get("/api/v1/workspaces/default/datasets").json()["datasets"]
        if d["name"] == "tickets"
    ]
    assert tickets["events"] == first["loaded"] + 1 and tickets["imports"] == 2


def test_what_cannot_be_imported_is_said_and_the_file_kept_to_map_again(sqlite_site: Any) -> None:
    client = sqlite_site.client("ana")
    csrf = _csrf(client)
    body = b"who,what,when\nc1,visit,2024-01-01 10:00\n"
    mapping = _send(client, csrf, "odd.csv", body)
    page = client.get(mapping + "?lang=en").text
    chosen = dict(re.findall(r'<select name="col_(\w+)".*?<option value="([^"]*)" selected>', page, re.S))
    assert chosen["customer"] == "" and chosen["time"] == ""  # nothing proposed: the person chooses
    failed = _finish(client, _import(client, mapping, csrf, dataset="odd"))
    assert failed["state"] == "failed" and "odd.csv" in failed["problem"] and "/tmp" not in failed["problem"]
    job_url = _import(client, mapping, csrf, dataset="odd")
    _finish(client, job_url)
    result = client.get(job_url + "?lang=en").text
    again = re.search(r'href="([^"]+)" data-testid="map-again"', result)
    assert again, result
    fixed = _finish(
        client,
        _import(
            client, mapping, csrf, dataset="odd", col_customer="who", col_activity="what", col_time="when"
        ),
    )
    assert (fixed["state"], fixed["loaded"]) == ("done", 1)
    # Once imported the file is no longer kept.
    assert client.get(mapping).status_code == 404
    # A format Safar does not read, and an empty file, are refused when sent, with what to do.
    refused = client.post(
        "/w/default/datasets/upload?lang=en",
        data={"csrf": csrf},
        files={"file": ("notes.docx", b"x", "application/octet-stream")},
    )
    assert refused.status_code == 400 and "notes.docx" in refused.text
    empty = client.post(
        "/w/default/datasets/upload?lang=en",
        data={"csrf": csrf},
        files={"file": ("empty.csv", b"", "text/csv")},
    )
    assert empty.status_code == 400 and "empty.csv is empty" in empty.text


def test_only_editors_bring_data_in_and_only_admins_remove_it(sqlite_site: Any, tmp_path: Path) -> None:
    svc = sqlite_site.app.state.services
    path = tmp_path / "log.csv"
    path.write_text("customer,activity,time\nc1,visit,2024-01-01T10:00:00\nc2,visit,2024-01-02T10:00:00\n")
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    ws.claim_dataset("web")
    ingest_file(svc.settings, path, dataset="web")
    viewer = sqlite_site.client("vic")
    assert viewer.get("/w/default/datasets/upload").status_code == 403
    assert "upload-link" not in viewer.get("/w/default/datasets").text
    assert viewer.get("/w/default/datasets/web/remove").status_code == 403
    admin = sqlite_site.client("ana")
    page = admin.get("/w/default/datasets/web/remove?lang=fa").text
    assert _text(page, "remove-what").startswith("این کار ۲ رویداد از ۲ مشتری")
    csrf = re.search(r'name="csrf" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    wrong = admin.post("/w/default/datasets/web/remove?lang=en", data={"csrf": csrf, "confirm": "WEB"})
    assert wrong.status_code == 400 and "Nothing was removed" in wrong.text
    assert "web" in ws.datasets()
    gone = admin.post("/w/default/datasets/web/remove", data={"csrf": csrf, "confirm": "web"})
    assert gone.status_code == 303 and gone.headers["location"] == "/w/default/datasets?removed=web"
    assert ws.datasets() == []
    with Context(ws, "en") as ctx, ctx.warehouse() as w:
        assert w.raw.execute("SELECT count(*) FROM events WHERE dataset = 'web'").fetchone() == (0,)
        assert w.raw.execute("SELECT count(*) FROM ingestions WHERE dataset = 'web'").fetchone() == (0,)
    # The API twin, for an admin's token; the name is free again for any workspace.
    ws.claim_dataset("web")
    ingest_file(svc.settings, path, dataset="web")
    token = sqlite_site.accounts.create_token("ana", "ops")
    removed = admin.delete(
        "/api/v1/workspaces/default/datasets/web", headers={"Authorization": f"Bearer {token}"}
    )
    assert removed.status_code == 200, removed.text
    assert removed.json() == {
        "dataset": "web",
        "removed": {"events": 2, "customers": 2, "comments": 0, "rejected": 0, "ingestions": 1},
        "maps": [],
    }


def test_rejected_rows_are_corrected_in_their_own_columns_and_sent_back(sqlite_site: Any) -> None:
    """The quarantine's rows of a file come back in the file's own columns; corrected and sent through the
    page's link they load, and the file's quarantine holds only what is still wrong."""
    import io

    import openpyxl

    client = sqlite_site.client("ana")
    csrf = _csrf(client)
    body = (
        b"customer,activity,time,plan\n"
        b"c1,visit,2024-01-01 10:00,gold\n"
        b"c2,visit,yesterday,silver\n"
        b"c3,,2024-01-03 10:00,gold\n"
        b"c4,buy,2024-01-04 10:00,gold\n"
    )
    first = _finish(client, _import(client, _send(client, csrf, "shop.csv", body), csrf, dataset="shop"))
    assert (first["loaded"], first["rejected"]) == (2, 2)
    page = client.get("/w/default/datasets/shop/rejected?lang=en").text
    download = re.search(r'href="([^"]+)" data-testid="correct-download"', page).group(1)  # type: ignore[union-attr]
    book = openpyxl.load_workbook(io.BytesIO(client.get(download.replace("&amp;", "&") + "&lang=en").content))
    rows = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert rows == [
        ["customer", "activity", "time", "plan"],
        ["c2", "visit", "yesterday", "silver"],
        ["c3", None, "2024-01-03 10:00", "gold"],
    ]
    reasons = [[c.value for c in row] for row in book.worksheets[1].iter_rows()]
    assert [r[0] for r in reasons] == ["Row 2 of the file", "Row 3 of the file"]
    # One row corrected, one still wrong; sent back through the page's link under the file's name.
    send = re.search(r'href="([^"]+)" data-testid="correct-send"', page).group(1).replace("&amp;", "&")  # type: ignore[union-attr]
    form = client.get(send).text
    assert 'name="corrects" value="shop.csv"' in form
    fixed = b"customer,activity,time,plan\nc2,visit,2024-01-02 10:00,silver\nc3,,2024-01-03 10:00,gold\n"
    sent = client.post(
        "/w/default/datasets/upload",
        data={"csrf": csrf, "dataset": "shop", "corrects": "shop.csv"},
        files={"file": ("shop-fixed.csv", fixed)},
    )
    mapping = str(sent.headers["location"])
    assert (
        "corrects=shop.csv" in mapping
        and "This file corrects the rejected rows of" in client.get(mapping + "&lang=en").text
    )
    again = _finish(client, _import(client, mapping, csrf, dataset="shop", corrects="shop.csv"))
    assert (again["read"], again["loaded"], again["rejected"]) == (2, 1, 1)
    screen = client.get("/api/v1/workspaces/default/datasets/shop/rejected").json()
    assert screen["sources"] == {"shop.csv": 1}  # the corrected row left the quarantine, the other stays
    [shop] = [
        d for d in client.get("/api/v1/workspaces/default/datasets").json()["datasets"] if d["name"] == "shop"
    ]
    assert shop["events"] == 3
    # A file of the dataset with no rejected rows cannot be corrected.
    refused = client.post(
        mapping.split("?")[0], data={"csrf": csrf, "dataset": "shop", "corrects": "other.csv"}
    )
    assert refused.status_code == 404


def test_a_gzipped_csv_export_is_previewed_and_imported_as_the_csv_it_holds(sqlite_site: Any) -> None:
    client = sqlite_site.client("ana")
    csrf = _csrf(client)
    body = gzip.compress(
        "کد مشتری,فعالیت,تاریخ\nم-۱,ثبت,۱۴۰۲/۰۵/۱۴ ۱۰:۳۰\nم-۲,ثبت,۱۴۰۲/۰۵/۱۵ ۱۰:۳۰\n".encode()
    )
    mapping = _send(client, csrf, "export.csv.gz", body)
    page = client.get(mapping + "?lang=en").text
    assert "CSV text" in _text(page, "file-facts") and 'value="export"' in page
    assert _text(page, "read-calendar") == "The dates below read as Jalali (Persian)."
    done = _finish(client, _import(client, mapping, csrf, dataset="export"))
    assert (done["state"], done["read"], done["loaded"], done["rejected"]) == ("done", 2, 2, 0)
    # A bare .gz says nothing of what it holds: refused, not guessed.
    refused = client.post(
        "/w/default/datasets/upload?lang=en", data={"csrf": csrf}, files={"file": ("export.gz", body)}
    )
    assert refused.status_code == 400 and "export.gz" in refused.text


# A Twitter/X export: no activity column, times in Twitter's layout, replies by id, a brand answering.
TWEETS = (
    "tweet_id,author_id,inbound,created_at,text,in_response_to_tweet_id\n"
    "1,u1,True,Wed Oct 11 06:55:44 +0000 2017,@Brand my order?,\n"
    "2,Brand,False,Wed Oct 11 07:05:44 +0000 2017,@u1 on its way,1\n"
    "3,u1,True,Wed Oct 11 07:06:00 +0000 2017,@Brand thanks,2\n"
    "4,Brand,False,Wed Oct 11 08:00:00 +0000 2017,@u7 sorry,99\n"
)


def test_a_twitter_export_is_paired_into_threads_from_the_browser(sqlite_site: Any) -> None:
    client = sqlite_site.client("ana")
    csrf = _csrf(client)
    mapping = _send(client, csrf, "tweets.csv", TWEETS.encode())
    fields = {
        "col_customer": "author_id",
        "col_activity": "",
        "col_time": "created_at",
        "col_channel": "",
        "col_id": "tweet_id",
        "col_reply_to": "in_response_to_tweet_id",
        "col_inbound": "inbound",
        "time_format": "%a %b %d %H:%M:%S %z %Y",
        "calendar": "auto",
        "tz": "UTC",
    }
    # Shown again with the layout of the times: the times read; the replies-to column explained.
    page = client.get(mapping.split("?")[0], params={**fields, "lang": "fa"}).text
    read = [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'data-testid="time-read">(.*?)</td>', page, re.S)
    ]
    assert read[0] == "۱۳۹۶/۰۷/۱۹ ۰۶:۵۵"
    assert 'value="%a %b %d %H:%M:%S %z %Y"' in page
    assert "پاسخ به: برای خروجی توییتر" in _text(page, "reply-help")
    assert re.search(
        r'<select name="col_reply_to".*?<option value="in_response_to_tweet_id" selected>', page, re.S
    )

    job_url = _import(client, mapping, csrf, dataset="tweets", **fields)
    done = _finish(client, job_url)
    assert {k: done[k] for k in ("state", "read", "loaded", "rejected")} == {
        "state": "done",
        "read": 4,
        "loaded": 3,
        "rejected": 1,
    }
    svc = sqlite_site.app.state.services
    with Context(Workspace.attach(svc.engine, svc.settings, "default"), "en") as ctx, ctx.warehouse() as w:
        events = w.events("tweets").order_by("ts").to_pyarrow().to_pylist()
    assert [(e["customer_id"], e["activity"], json.loads(e["attributes"])["thread_id"]) for e in events] == [
        ("u1", "request", "1"),
        ("u1", "response", "1"),
        ("u1", "request", "1"),
    ]
    # The brand's reply to a tweet outside the export is quarantined, and the page says why.
    result = client.get(job_url + "?lang=fa").text
    link = re.search(r'href="([^"]+)" data-testid="import-rejected"', result).group(1)  # type: ignore[union-attr]
    rejected = client.get(link + "?lang=fa").text
    assert "گفتگوی این پیام" in rejected and "in_response_to_tweet_id" in rejected
