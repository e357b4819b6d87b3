"""Iranian exports in: Jalali dates, Persian digits and headers, Windows-1256, ISO-8859-6, UTF-16 and Excel.

Each file is generated here, small, the way an Iranian CRM, call centre or Excel sheet writes it,
and the stored UTC instants, customers and attributes are asserted exactly.
"""

from __future__ import annotations

import json
from datetime import datetime

import openpyxl
import pytest

from safar.errors import InputError
from safar.events import ingest_file

# Jalali across Nowruz 1403 and the leap day 1403/12/30; Persian digits in ids and amounts; Arabic ي/ك.
ROWS = [
    ("C۰۰۱", "۱۴۰۲/۱۲/۲۹ ۲۳:۳۰", "ورود به سايت", "وب", "۱۲۵٬۰۰۰"),
    ("C001", "1403/01/01 10:30", "خريد", "وب", "2500"),
    ("C۰۰۲", "1403-12-30 08:00", "تماس با پشتيباني", "تلفن", "۰"),
    ("C002", "1404.01.01 00:00", "ثبت شكايت", "تلفن", "۳۲٫۵"),
]
HEADER = ("کد مشتری", "زمان", "فعالیت", "کانال", "مبلغ")
# The same instants in UTC (Tehran is +03:30 all year since 1402: no more daylight saving).
INSTANTS = [
    datetime(2024, 3, 19, 20, 0),
    datetime(2024, 3, 20, 7, 0),
    datetime(2025, 3, 20, 4, 30),
    datetime(2025, 3, 20, 20, 30),
]
EXPECTED = [
    ("C001", "ورود به سایت", INSTANTS[0], "وب", {"مبلغ": "125000"}),
    ("C001", "خرید", INSTANTS[1], "وب", {"مبلغ": "2500"}),
    ("C002", "تماس با پشتیبانی", INSTANTS[2], "تلفن", {"مبلغ": "0"}),
    ("C002", "ثبت شکایت", INSTANTS[3], "تلفن", {"مبلغ": "32.5"}),
]


def _csv(rows: list[tuple[str, ...]], delimiter: str = ",") -> str:
    return "\r\n".join(delimiter.join(r) for r in [HEADER, *rows]) + "\r\n"


def _stored(look, dataset: str) -> list[tuple[object, ...]]:
    return [
        (c, a, ts, ch, json.loads(attrs))
        for c, a, ts, ch, attrs in look.query(
            "SELECT customer_id, activity, ts, channel, attributes FROM events WHERE dataset = ? ORDER BY seq",
            [dataset],
        )
    ]


@pytest.fixture
def look(settings):
    from tests.events.conftest import Look

    return Look(settings)


def _ascii_windows(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """What a Windows-1256 export holds: Arabic ي for ی (the code page has no Persian ye), ASCII digits."""
    table = str.maketrans("ی۰۱۲۳۴۵۶۷۸۹٬٫", "ي0123456789,.")
    fixed = []
    for row in rows:
        amount = row[4].replace("٬", "")
        fixed.append(tuple(v.translate(table) for v in (*row[:4], amount)))
    return fixed


def test_utf8_csv_with_persian_headers_digits_and_jalali(settings, tmp_path, look):
    path = tmp_path / "crm.csv"
    path.write_text(_csv(ROWS), encoding="utf-8-sig")
    report = ingest_file(settings, path, dataset="crm", tz="Asia/Tehran")
    assert (report.read, report.loaded, report.rejected) == (4, 4, 0)
    assert report.columns == {
        "customer": "کد مشتری",
        "activity": "فعالیت",
        "time": "زمان",
        "channel": "کانال",
    }
    assert report.reading == {"encoding": "UTF-8", "calendar": "jalali", "tz": "Asia/Tehran"}
    assert _stored(look, "crm") == EXPECTED
    assert look.query("SELECT customer_id FROM customers WHERE dataset = 'crm' ORDER BY 1") == [
        ("C001",),
        ("C002",),
    ]


def test_the_round_trip_of_the_issue(settings, tmp_path, look):
    path = tmp_path / "one.csv"
    path.write_text("customer,time,activity\nc1,1402/05/14 10:30,visit\n", encoding="utf-8")
    ingest_file(settings, path, dataset="one", tz="Asia/Tehran")
    assert look.query("SELECT strftime(ts, '%Y-%m-%dT%H:%M:%SZ') FROM events") == [("2023-08-05T07:00:00Z",)]


@pytest.mark.parametrize(
    ("encoding", "label"), [("cp1256", "Windows-1256"), ("utf-16", "UTF-16"), ("iso8859-6", "ISO-8859-6")]
)
def test_iranian_encodings_are_sniffed(settings, tmp_path, look, encoding, label):
    rows = ROWS if encoding == "utf-16" else _ascii_windows(ROWS)
    if encoding == "iso8859-6":  # no Persian letters in ISO-8859-6: an Arabic-letter export
        rows = [(c, t, "دخول", "ويب", a) for c, t, _, _, a in rows]
    text = _csv(rows, "\t" if encoding == "utf-16" else ",")
    header = "\t".join(HEADER) if encoding == "utf-16" else ",".join(HEADER)
    if encoding != "utf-16":  # an Arabic-script code page's export spells the headers with Arabic ك and ي
        text = text.replace(header, header.translate(str.maketrans("کی", "كي")))
    path = tmp_path / ("unicode.txt" if encoding == "utf-16" else "export.csv")
    path.write_bytes(text.encode(encoding))
    report = ingest_file(settings, path, dataset="enc", tz="Asia/Tehran")
    assert (report.loaded, report.rejected, report.reading["encoding"]) == (4, 0, label)
    stored = _stored(look, "enc")
    assert [(c, ts) for c, _, ts, _, _ in stored] == [(c, ts) for c, _, ts, _, _ in EXPECTED]
    if encoding == "iso8859-6":
        assert {a for _, a, _, _, _ in stored} == {"دخول"}
    else:
        assert [(a, ch) for _, a, _, ch, _ in stored] == [(a, ch) for _, a, _, ch, _ in EXPECTED]


def test_given_encoding_wins_over_the_sniff(settings, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(_csv(_ascii_windows(ROWS)).replace("ی", "ي").encode("cp1256"))
    report = ingest_file(settings, path, dataset="given", tz="Asia/Tehran", encoding="windows-1256")
    assert (report.loaded, report.reading["encoding"]) == (4, "Windows-1256")


def test_xlsx_events_with_persian_headers(settings, tmp_path, look):
    book = openpyxl.Workbook()
    first = book.active
    first.title = "خلاصه"
    first.append(["این برگه گزارش است"])
    sheet = book.create_sheet("رویدادها")
    sheet.append(list(HEADER))
    for row in ROWS:
        sheet.append(list(row))
    path = tmp_path / "events.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:  # the first sheet has no such columns: the message says which
        ingest_file(settings, path, dataset="xl", tz="Asia/Tehran")
    assert caught.value.code == "events.no_column"
    with pytest.raises(InputError) as caught:
        ingest_file(settings, path, dataset="xl", tz="Asia/Tehran", sheet="events")
    assert caught.value.code == "input.no_sheet"
    assert caught.value.details["sheets"] == ["خلاصه", "رویدادها"]
    report = ingest_file(settings, path, dataset="xl", tz="Asia/Tehran", sheet="رویدادها")
    assert (report.loaded, report.rejected, report.reading["encoding"]) == (4, 0, "xlsx")
    assert _stored(look, "xl") == EXPECTED


def test_a_mixed_column_is_an_error_naming_rows_and_nothing_is_loaded(settings, tmp_path, look):
    path = tmp_path / "mixed.csv"
    path.write_text(
        "customer,time,activity\nc1,1402/05/14 10:30,a\nc2,2023-08-05 10:30,b\nc3,1402/05/15,c\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        ingest_file(settings, path, dataset="mixed", tz="Asia/Tehran")
    assert caught.value.code == "time.mixed_calendars"
    assert (caught.value.details["jalali_rows"], caught.value.details["gregorian_rows"]) == ([1, 3], [2])
    assert look.query("SELECT count(*) FROM events") == [(0,)]
    report = ingest_file(settings, path, dataset="mixed", tz="Asia/Tehran", calendar="jalali")
    assert (report.loaded, report.rejected) == (2, 1)
    assert look.rejected("mixed") == [(2, "time", "row.bad_time")]


def test_ambiguous_and_twitter_times(settings, tmp_path, look):
    path = tmp_path / "day.csv"
    path.write_text(
        "customer,time,activity\nc1,13/02/2023 10:00,a\nc1,01/02/2023 10:00,b\n", encoding="utf-8"
    )
    report = ingest_file(settings, path, dataset="day", tz="UTC")
    assert (report.loaded, report.rejected) == (1, 1)
    assert look.rejected("day") == [(2, "time", "row.ambiguous_time")]
    tweets = tmp_path / "tweets.csv"
    tweets.write_text("user,created_at,text\nu1,Wed Oct 11 06:55:44 +0000 2017,hi\n", encoding="utf-8")
    report = ingest_file(
        settings,
        tweets,
        dataset="tweets",
        customer_col="user",
        time_col="created_at",
        activity_col="text",
        time_format="%a %b %d %H:%M:%S %z %Y",
    )
    assert report.loaded == 1
    assert look.query("SELECT ts FROM events WHERE dataset = 'tweets'") == [
        (datetime(2017, 10, 11, 6, 55, 44),)
    ]


def test_jsonl_and_parquet_read_the_same_way(settings, tmp_path, look):
    import pyarrow as pa
    import pyarrow.parquet as pq

    lines = [{"کد مشتری": c, "زمان": t, "فعالیت": a, "کانال": ch, "مبلغ": m} for c, t, a, ch, m in ROWS]
    jsonl = tmp_path / "crm.jsonl"
    jsonl.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", encoding="utf-8")
    ingest_file(settings, jsonl, dataset="j", tz="Asia/Tehran")
    assert _stored(look, "j") == EXPECTED
    parquet = tmp_path / "crm.parquet"
    pq.write_table(pa.table({k: [x[k] for x in lines] for k in HEADER}), parquet)
    ingest_file(settings, parquet, dataset="p", tz="Asia/Tehran")
    assert _stored(look, "p") == EXPECTED


def test_a_segment_typed_on_a_persian_keyboard_matches_what_an_arabic_one_stored():
    from safar.analytics import parse_segment

    assert parse_segment("شهر=كرج") == ("شهر", "کرج")
    assert parse_segment("مبلغ=۱۲۵٬۰۰۰") == ("مبلغ", "125000")
    assert parse_segment("نشانی=كوچه ۱۲") == ("نشانی", "کوچه ۱۲")  # text keeps its digits, as stored
