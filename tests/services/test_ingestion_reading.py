"""The services read naive times in the workspace's zone and refuse a file whose every row is rejected."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from safar.config import Settings
from safar.errors import InputError
from safar.services.ingestion import ingest_events
from safar.workspace import Workspace


def _ingest(tmp_path: Path, text: str) -> tuple[object, list[tuple[object, ...]]]:
    path = tmp_path / "log.csv"
    path.write_text(text, encoding="utf-8")
    settings = Settings.from_env()
    with Workspace.open(settings) as ws:
        done = ingest_events(ws, path, dataset="d")
    con = duckdb.connect(str(settings.warehouse_path), read_only=True)
    try:
        return done.report.reading, con.execute("SELECT ts FROM events").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("lang", "tz", "zone", "instant"),
    [
        ("fa", None, "Asia/Tehran", datetime(2023, 8, 5, 7, 0)),
        ("en", None, "UTC", datetime(2023, 8, 5, 10, 30)),
        ("en", "Asia/Dubai", "Asia/Dubai", datetime(2023, 8, 5, 6, 30)),
    ],
)
def test_naive_times_default_to_the_workspace_zone(tmp_path, monkeypatch, lang, tz, zone, instant):
    monkeypatch.setenv("SAFAR_LANG", lang)
    if tz:
        monkeypatch.setenv("SAFAR_TZ", tz)
    else:
        monkeypatch.delenv("SAFAR_TZ", raising=False)
    reading, stored = _ingest(tmp_path, "customer,time,activity\nc1,1402/05/14 10:30,visit\n")
    assert reading == {"encoding": "UTF-8", "calendar": "jalali", "tz": zone}
    assert stored == [(instant,)]


def test_a_file_whose_every_row_is_rejected_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv("SAFAR_LANG", "en")
    with pytest.raises(InputError) as caught:
        _ingest(tmp_path, "customer,time,activity\nc1,yesterday,visit\nc2,,visit\n")
    assert caught.value.code == "input.all_rejected"
    assert caught.value.details["rejected"] == 2
    assert caught.value.details["row"] == 1
    assert caught.value.details["reason"].startswith("Row 1: time = 'yesterday' is not a time")
