from __future__ import annotations

import csv
import json

from typer.testing import CliRunner

from safar.cli.events import app
from safar.i18n import translate

runner = CliRunner()
LOG = "case,event,time\nc1,visit,2024-01-01 10:00\nc1,buy,not a time\n"


def test_ingest_json_prints_only_the_report(settings, write):
    path = write("log.csv", LOG)
    result = runner.invoke(app, ["ingest", str(path), "--dataset", "d", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "read": 2,
        "loaded": 1,
        "duplicates": 0,
        "rejected": 1,
        "quarantine": "rejected",
        "columns": {"customer": "case", "activity": "event", "time": "time"},
        "reading": {"encoding": "UTF-8", "calendar": "gregorian", "tz": "UTC"},
    }


def test_ingest_text_report_names_the_columns(settings, write):
    result = runner.invoke(
        app, ["ingest", str(write("log.csv", LOG)), "--dataset", "d", "--tz", "Asia/Tehran"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "read as: encoding UTF-8, calendar gregorian, time zone Asia/Tehran",
        "columns: customer ← case, activity ← event, time ← time",
        "read 2, loaded 1, duplicates 0, rejected 1",
        "See the rejected rows with `safar events rejected --dataset d`.",
    ]


def test_errors_are_one_line_in_the_users_language(settings, write, monkeypatch):
    path = write("log.csv", LOG)
    result = runner.invoke(app, ["ingest", str(path), "--dataset", "d", "--tz", "Nowhere/City", "--json"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == "Unknown time zone 'Nowhere/City'. Use an IANA name such as `Asia/Tehran` or `UTC`.\n"
    )
    monkeypatch.setenv("SAFAR_LANG", "fa")
    result = runner.invoke(app, ["ingest", str(path), "--dataset", "d", "--tz", "Nowhere/City"])
    assert result.exit_code == 2 and result.stderr.startswith("منطقه زمانی «Nowhere/City» شناخته نیست")


def test_datasets_and_rejected_export(settings, write, tmp_path, monkeypatch):
    runner.invoke(app, ["ingest", str(write("log.csv", LOG)), "--dataset", "d", "--json"])
    result = runner.invoke(app, ["datasets", "--json"])
    assert json.loads(result.stdout) == [
        {
            "name": "d",
            "events": 1,
            "customers": 1,
            "activities": 1,
            "first": "2024-01-01T10:00:00",
            "last": "2024-01-01T10:00:00",
        }
    ]
    rows = json.loads(runner.invoke(app, ["rejected", "--dataset", "d", "--json"]).stdout)
    assert [(r["row_number"], r["field"], r["reason"]) for r in rows] == [(2, "time", "row.bad_time")]
    # The reason as stored (its code and values) and as read in the user's language.
    values = {"row": 2, "field": "time", "value": "not a time"}
    assert (rows[0]["reason_values"], rows[0]["message"]) == (
        values,
        translate("row.bad_time", "en", **values),
    )
    monkeypatch.setenv("SAFAR_LANG", "fa")
    persian = json.loads(runner.invoke(app, ["rejected", "--dataset", "d", "--json"]).stdout)
    assert persian[0]["message"] == translate("row.bad_time", "fa", **values)
    monkeypatch.setenv("SAFAR_LANG", "en")
    out = tmp_path / "q.csv"
    result = runner.invoke(app, ["rejected", "--dataset", "d", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open() as handle:
        exported = list(csv.DictReader(handle))
    assert [(r["row_number"], r["reason"], r["raw"]) for r in exported] == [
        ("2", "row.bad_time", '{"case":"c1","event":"buy","time":"not a time"}')
    ]
    assert exported[0]["message"] == translate("row.bad_time", "en", **values)


def test_rejected_of_an_unknown_dataset_names_the_known_ones(settings, write):
    runner.invoke(app, ["ingest", str(write("log.csv", LOG)), "--dataset", "d", "--json"])
    result = runner.invoke(app, ["rejected", "--dataset", "nope", "--json"])
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("No events in dataset 'nope'. Known datasets: d.")


def test_a_windows_1256_jalali_export_says_how_it_was_read(settings, tmp_path):
    path = tmp_path / "crm.csv"
    path.write_bytes("كد مشتري,تاريخ,فعاليت\r\nC1,1403/01/01 10:30,خريد\r\n".encode("cp1256"))
    result = runner.invoke(app, ["ingest", str(path), "--dataset", "crm", "--tz", "Asia/Tehran"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "read as: encoding Windows-1256, calendar jalali, time zone Asia/Tehran",
        "columns: customer ← كد مشتري, activity ← فعاليت, time ← تاريخ",
    ]


def test_a_file_whose_every_row_is_rejected_exits_non_zero(settings, write):
    path = write("log.csv", "case,event,time\nc1,visit,yesterday\n")
    result = runner.invoke(app, ["ingest", str(path), "--dataset", "d"])
    assert result.exit_code == 2
    assert "all 1 rows were rejected" in result.output
    assert "safar events rejected --dataset d" in result.output


def test_a_mixed_calendar_column_exits_non_zero_and_says_what_to_pass(settings, write):
    path = write("log.csv", "case,event,time\nc1,visit,1402/05/14\nc2,visit,2023-08-05\n")
    result = runner.invoke(app, ["ingest", str(path), "--dataset", "d"])
    assert result.exit_code == 2
    assert "--calendar jalali or --calendar gregorian" in result.output


CRM = "کد مشتری,رویداد,تاریخ,شعبه\nc1,ثبت,1402/05/14 10:30,تهران\nc2,ارزیابی,دیروز,شیراز\n"


def test_preview_shows_the_first_rows_as_an_ingest_would_read_them(settings, write):
    result = runner.invoke(app, ["preview", str(write("crm.csv", CRM)), "--tz", "Asia/Tehran"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "read as: encoding UTF-8, calendar jalali, time zone Asia/Tehran",
        "columns: customer ← کد مشتری, activity ← رویداد, time ← تاریخ",
        "Kept as attributes: شعبه",
        "The first 2 rows, as they will be read",
    ]
    rows = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert [[cell.strip() for cell in row.strip("│").split("│")] for row in rows] == [
        ["c1", "ثبت", "1402/05/14 10:30", "تهران", "2023-08-05 10:30"],
        ["c2", "ارزیابی", "دیروز", "شیراز", "—"],
    ]
    # Nothing was loaded.
    assert not settings.warehouse_path.exists()


def test_preview_json_gives_the_mapping_steps_facts(settings, write):
    from safar.services.uploads import UploadScreen

    path = write("crm.csv", CRM)
    result = runner.invoke(
        app, ["preview", str(path), "--tz", "Asia/Tehran", "--customer-col", "شعبه", "--json"]
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found == {
        "format": "csv",
        "columns": ["کد مشتری", "رویداد", "تاریخ", "شعبه"],
        "rows": [["c1", "ثبت", "1402/05/14 10:30", "تهران"], ["c2", "ارزیابی", "دیروز", "شیراز"]],
        "roles": {
            "customer": "شعبه",
            "activity": "رویداد",
            "time": "تاریخ",
            "channel": None,
            "id": None,
            "reply_to": None,
            "inbound": None,
        },
        "fixed": False,
        "attributes": ["کد مشتری"],
        "encoding": "UTF-8",
        "sheets": [],
        "sheet": None,
        "calendar": "auto",
        "read_calendar": "jalali",
        "tz": "Asia/Tehran",
        "time_format": None,
        "times": ["2023-08-05T07:00:00Z", None],
        "time_problem": None,
    }
    # The same facts, under the same names, as the web app's mapping step.
    assert set(found) <= set(UploadScreen.model_fields)


def test_preview_says_which_role_has_no_column_and_why_times_do_not_read(settings, write):
    path = write("odd.csv", "who,what,when\nc1,visit,1402/05/14\nc2,visit,2023-08-05\n")
    result = runner.invoke(app, ["preview", str(path), "--time-col", "when"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:4] == [
        "read as: encoding UTF-8, calendar -, time zone UTC",
        "columns: time ← when",
        "No column was found for the customer: name it with `--customer-col`.",
        "No column was found for the activity: name it with `--activity-col`.",
    ]
    assert "--calendar jalali or --calendar gregorian" in result.stdout


def test_remove_asks_first_then_removes_the_dataset(settings, write, look):
    runner.invoke(app, ["ingest", str(write("log.csv", LOG)), "--dataset", "d", "--json"])
    runner.invoke(app, ["ingest", str(write("other.csv", LOG.replace("c1", "c9"))), "--dataset", "e"])
    kept = runner.invoke(app, ["remove", "d"], input="n\n")
    assert kept.exit_code == 1
    assert kept.stdout == (
        "This removes its 1 events of 1 customers, its comments, its 1 rejected rows and its import records. "
        "It cannot be undone.\nRemove dataset d? [y/N]: n\n"
    )
    assert kept.stderr == "Nothing was removed.\n"
    assert look.query("SELECT count(*) FROM events WHERE dataset = 'd'") == [(1,)]
    gone = runner.invoke(app, ["remove", "d"], input="y\n")
    assert gone.exit_code == 0, gone.output
    assert gone.stdout.splitlines()[-1] == (
        "Dataset d was removed: 1 events, 1 customers, 0 comments, 1 rejected rows and 1 import records."
    )
    assert look.query("SELECT dataset, count(*) FROM events GROUP BY dataset") == [("e", 1)]
    assert look.query("SELECT dataset FROM ingestions") == [("e",)]


def test_remove_yes_json_prints_what_was_removed(settings, write, monkeypatch):
    runner.invoke(app, ["ingest", str(write("log.csv", LOG)), "--dataset", "d", "--json"])
    result = runner.invoke(app, ["remove", "d", "--yes", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "dataset": "d",
        "removed": {"events": 1, "customers": 1, "comments": 0, "rejected": 1, "ingestions": 1},
        "maps": [],
    }
    again = runner.invoke(app, ["remove", "d", "--yes"])
    assert again.exit_code == 2
    assert again.stderr.startswith("Workspace 'default' has no dataset 'd'.")
    monkeypatch.setenv("SAFAR_LANG", "fa")
    runner.invoke(app, ["ingest", str(write("log.csv", LOG)), "--dataset", "d", "--json"])
    said = runner.invoke(app, ["remove", "d", "--yes"])
    assert said.stdout == "مجموعه‌داده d حذف شد: ۱ رویداد، ۱ مشتری، ۰ نظر، ۱ سطر ردشده و ۱ سابقه ورود.\n"
