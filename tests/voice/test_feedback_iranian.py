"""Comments from an Iranian export: Windows-1256 or UTF-8, Jalali times, Persian digits in customer ids."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from safar.config import Settings
from safar.errors import InputError
from safar.services.ingestion import ingest_comments
from safar.warehouse import open_warehouse
from safar.workspace import Workspace

HEADER = "نقطه تماس,نظر,کد مشتری,تاریخ"
ROWS = [
    "online_payment,پرداخت خيلي سريع بود,C۰۰۱,۱۴۰۲/۱۲/۲۹ ۲۳:۳۰",
    "online_payment,عالي بود,C001,1403/01/01 10:30",
    "call_contact_centre,كسي جواب نداد,C۰۰۲,1403/12/30 08:00",
]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace.open(Settings.from_env())


@pytest.mark.parametrize(("encoding", "label"), [("cp1256", "Windows-1256"), ("utf-8", "UTF-8")])
def test_comments_with_jalali_times_and_persian_digits(workspace, tmp_path, encoding, label):
    map_id = workspace.new_from_template("insurance", "fa").id
    text = "\r\n".join([HEADER, *ROWS]) + "\r\n"
    if encoding == "cp1256":
        text = text.translate(str.maketrans("ی۰۱۲۳۴۵۶۷۸۹", "ي0123456789"))
    path = tmp_path / "comments.csv"
    path.write_bytes(text.encode(encoding))
    done = ingest_comments(
        workspace,
        path,
        map_id=map_id,
        dataset="c",
        text_col="نظر",
        touchpoint_col="نقطه تماس",
        customer_col="کد مشتری",
        time_col="تاریخ",
        tz="Asia/Tehran",
    )
    assert (done.report.loaded, done.report.rejected) == (3, 0)
    assert done.report.reading == {"encoding": label, "calendar": "jalali", "tz": "Asia/Tehran"}
    with open_warehouse(workspace.settings) as wh:
        assert wh.raw is not None
        stored = wh.raw.execute("SELECT customer_id, ts FROM comments ORDER BY row_number").fetchall()
    assert stored == [
        ("C001", datetime(2024, 3, 19, 20, 0)),
        ("C001", datetime(2024, 3, 20, 7, 0)),
        ("C002", datetime(2025, 3, 20, 4, 30)),
    ]


def test_comments_whose_every_row_is_rejected_are_an_error(workspace, tmp_path):
    map_id = workspace.new_from_template("insurance", "fa").id
    path = tmp_path / "comments.csv"
    path.write_text("text,when\nخوب,1402/12/30\nبد,1402/13/01\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest_comments(workspace, path, map_id=map_id, dataset="c", time_col="when", tz="Asia/Tehran")
    assert caught.value.code == "input.all_rejected"
    assert caught.value.details["rejected"] == 2


def test_a_mixed_time_column_is_refused_with_the_rows(workspace, tmp_path):
    map_id = workspace.new_from_template("insurance", "fa").id
    path = tmp_path / "comments.csv"
    path.write_text("text,when\nخوب,1402/05/14\nبد,2023-08-05\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ingest_comments(workspace, path, map_id=map_id, dataset="c", time_col="when", tz="Asia/Tehran")
    assert caught.value.code == "time.mixed_calendars"
    assert (caught.value.details["jalali_rows"], caught.value.details["gregorian_rows"]) == ([1], [2])


def test_comments_from_json_lines_and_parquet_read_the_same(workspace, tmp_path):
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    map_id = workspace.new_from_template("insurance", "fa").id
    records = [dict(zip(HEADER.split(","), row.split(","), strict=True)) for row in ROWS]
    jsonl = tmp_path / "comments.jsonl"
    jsonl.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n\n", encoding="utf-8")
    parquet = tmp_path / "comments.parquet"
    pq.write_table(pa.table({k: [r[k] for r in records] for k in records[0]}), parquet)
    for path, dataset in ((jsonl, "j"), (parquet, "p")):
        done = ingest_comments(
            workspace,
            path,
            map_id=map_id,
            dataset=dataset,
            text_col="نظر",
            customer_col="کد مشتری",
            time_col="تاریخ",
            tz="Asia/Tehran",
        )
        assert (done.report.loaded, done.report.rejected, done.report.reading["calendar"]) == (3, 0, "jalali")
    with open_warehouse(workspace.settings) as wh:
        assert wh.raw is not None
        stored = wh.raw.execute(
            "SELECT dataset, customer_id, ts FROM comments ORDER BY dataset, row_number"
        ).fetchall()
    expected = [
        ("C001", datetime(2024, 3, 19, 20, 0)),
        ("C001", datetime(2024, 3, 20, 7, 0)),
        ("C002", datetime(2025, 3, 20, 4, 30)),
    ]
    assert stored == [("j", *e) for e in expected] + [("p", *e) for e in expected]


def test_the_channel_a_comment_came_through_is_kept_and_listed(workspace, tmp_path):
    """A «کانال» column is found by its name; its values (Arabic letters folded) are kept with each comment,
    listed with it, and an empty one is no channel."""
    from safar.context import Context
    from safar.services.comments import comments

    map_id = workspace.new_from_template("insurance", "fa").id
    path = tmp_path / "app reviews.csv"
    path.write_text(
        "نظر,کانال,تاریخ\nعالي بود,اپليكيشن,1403/01/01 10:30\nبد بود,,1403/01/02 10:30\n", encoding="utf-8"
    )
    done = ingest_comments(workspace, path, map_id=map_id, dataset="reviews", tz="Asia/Tehran")
    assert done.report.columns == {"text": "نظر", "time": "تاریخ", "channel": "کانال"}
    with Context(workspace, "fa") as ctx:
        listed = comments(ctx, map_id)
    assert [(c.text, c.channel) for c in listed.comments] == [("بد بود", None), ("عالی بود", "اپلیکیشن")]
