"""``safar map customers``: the same customers as the page and the API, as a table, JSON or a file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from safar import demo
from safar.cli import app
from safar.config import Settings
from safar.context import Context
from safar.events import ingest_file
from safar.maps.templates import load_template
from safar.services.customers import CustomerFilter, map_customers
from safar.workspace import Workspace

runner = CliRunner()


def safar(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _demo_map(folder: Path) -> int:
    settings = Settings.from_env()
    with Workspace.open(settings) as ws:
        stored = ws.create_map(load_template("insurance", "en"))
        ws.claim_dataset(demo.DATASET)
        rows = demo.synthetic_events(stored.document, customers=60, seed=11)
        ingest_file(settings, demo.write_csv(rows, folder / "events.csv"), dataset=demo.DATASET)
        ws.save_map(stored.id, demo.bind_to_dataset(stored.document), base_revision=stored.revision)
        return stored.id


def test_the_cli_lists_what_the_service_lists(tmp_path: Path) -> None:
    map_id = _demo_map(tmp_path)
    code, out, err = safar("map", "customers", str(map_id), "--dropped-after", "wait_for_agent", "--json")
    assert code == 0, err
    with Context.open(lang="en") as ctx:
        chosen = CustomerFilter(kind="dropped", step="wait_for_agent")
        assert json.loads(out) == map_customers(ctx, map_id, chosen).model_dump(mode="json")
        stage = map_customers(ctx, map_id, CustomerFilter(kind="funnel", index=2), per_page=3)
    assert json.loads(out)["filter"]["level"] == "touchpoint"
    code, out, _ = safar("map", "customers", str(map_id), "--funnel-step", "2", "--per-page", "3")
    assert code == 0
    assert "Customers who reached step 2 of 7 of the stage funnel" in out
    assert f"{stage.total} customers · page 1 of {stage.pages}" in out
    assert all(c.customer_id in out for c in stage.customers)
    assert "--page 2" in out


def test_the_whole_list_to_a_file(tmp_path: Path) -> None:
    map_id = _demo_map(tmp_path)
    target = tmp_path / "stopped.csv"
    code, out, _ = safar("map", "customers", str(map_id), "--stage", "contact", "--out", str(target))
    assert code == 0
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    with Context.open(lang="en") as ctx:
        total = map_customers(
            ctx, map_id, CustomerFilter(kind="reached", level="stage", step="contact")
        ).total
    assert len(table) == total + 1 and table[0][0] == "Customer"
    assert out == f"{total} customers written to {target}.\n"
    book = tmp_path / "all.xlsx"
    assert safar("map", "customers", str(map_id), "--out", str(book), "--json")[0] == 0
    assert openpyxl.load_workbook(book).active.max_row == 61


def test_bad_filters_are_refused_with_what_to_do(tmp_path: Path) -> None:
    map_id = _demo_map(tmp_path)
    code, out, err = safar("map", "customers", str(map_id), "--touchpoint", "nowhere")
    assert (code, out) == (2, "")
    assert "has no touchpoint “nowhere”. Choose one of its touchpoints: see_advertisement" in err
    code, _, err = safar("map", "customers", str(map_id), "--touchpoint", "wait_for_agent", "--completed")
    assert code == 2 and "Choose one list of customers at a time; given: --touchpoint, --completed." in err
    code, _, err = safar("map", "customers", str(map_id), "--at", "renew_online")
    assert code == 2 and "use it with --completed or --unobserved" in err
    code, _, err = safar("map", "customers", str(map_id), "--out", str(tmp_path / "x.pdf"))
    assert code == 2 and "Cannot export the customers as “.pdf”" in err
