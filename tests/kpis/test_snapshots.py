"""Revisions remember their numbers: snapshots across two revisions and how the values moved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safar.cli import app
from safar.kpis import metrics_history, snapshot, snapshots
from safar.workspace import Workspace


@pytest.fixture
def shop_ws(
    workspace: Workspace, tmp_path: Path, shop: Any, kpi_metric: Any, events_loader: Any, journeys: Any
) -> Workspace:
    m = kpi_metric
    workspace.create_map(
        shop([m("all customers", "customers", 5)], home=[m("conversion", "conversion", 70, unit="%")])
    )
    events_loader(workspace, tmp_path, journeys)
    return workspace


def run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_two_revisions_remember_their_numbers_and_the_change(
    shop_ws: Workspace, tmp_path: Path, events_loader: Any, shop: Any, kpi_metric: Any
) -> None:
    first = snapshot(shop_ws, 1)
    assert (first.revision, first.dataset, first.data_map, first.author) == (1, "shop", 1, "tester")
    assert {m["key"]: (m["value"], m["n"]) for m in first.metrics} == {
        "all customers": (4.0, 4),
        "home/conversion": (pytest.approx(200 / 3, abs=1e-3), 3),
    }
    # A new revision (a stage metric added) and more data: eve visits home and buys
    m = kpi_metric
    doc = shop(
        [m("all customers", "customers", 5), m("buy customers", "customers", stage="buy")],
        home=[m("conversion", "conversion", 70, unit="%")],
    )
    assert shop_ws.save_map(1, doc).revision == 2
    events_loader(shop_ws, tmp_path, {"eve": [("home", dt(3)), ("cart", dt(4))]}, name="more")
    second = snapshot(shop_ws, 1)
    assert second.revision == 2

    history = metrics_history(shop_ws, 1, lang="en")
    assert [r["revision"] for r in history["revisions"]] == [2, 1]
    [at_two] = history["revisions"][0]["snapshots"]
    [at_one] = history["revisions"][1]["snapshots"]
    assert at_one["previous"] is None and all(m["change"] is None for m in at_one["metrics"])
    assert at_two["previous"] == {"id": first.id, "revision": 1}
    moved = {m["key"]: (m["value"], m["change"]) for m in at_two["metrics"]}
    assert moved["all customers"] == (5.0, 1.0)
    assert moved["home/conversion"] == (75.0, pytest.approx(75 - 200 / 3, abs=1e-3))
    assert moved["buy customers"] == (3.0, None)  # new in revision 2: nothing to compare with
    assert at_two["metrics"][0]["met"] is True  # 5 customers reach the target of 5


def dt(day: int) -> Any:
    import datetime

    return datetime.datetime(2024, 3, day, 12, 0)


def test_cli_snapshot_and_kpis_at_a_revision(shop_ws: Workspace, tmp_path: Path, events_loader: Any) -> None:
    shot = run("map", "snapshot", "1", "--json")
    assert shot["revision"] == 1 and [m["key"] for m in shot["metrics"]] == [
        "all customers",
        "home/conversion",
    ]
    events_loader(shop_ws, tmp_path, {"eve": [("home", dt(3))]}, name="more")
    now = run("map", "kpis", "1", "--json")
    assert now["snapshot"]["id"] == shot["id"]
    by_key = {m["key"]: m for m in now["metrics"]}
    assert (
        by_key["all customers"]["value"],
        by_key["all customers"]["then"],
        by_key["all customers"]["change"],
    ) == (
        5.0,
        4.0,
        1.0,
    )
    then = run("map", "kpis", "1", "--revision", "1", "--json")
    assert then["revision"] == 1
    row = {m["key"]: m for m in then["metrics"]}["home/conversion"]
    assert row["value"] == pytest.approx(200 / 3, abs=1e-3) and row["now"] == 50.0
    assert row["change"] == pytest.approx(50 - 200 / 3, abs=1e-3)


def test_kpis_at_a_revision_without_snapshot_is_an_error(shop_ws: Workspace) -> None:
    result = CliRunner().invoke(app, ["map", "kpis", "1", "--revision", "1"])
    assert result.exit_code == 2
    assert "safar map snapshot 1 --revision 1" in result.output


def test_the_plain_output_is_a_table_with_the_change(shop_ws: Workspace) -> None:
    runner = CliRunner()
    assert "2 of 2 metrics measured" in runner.invoke(app, ["map", "snapshot", "1"]).stdout
    table = runner.invoke(app, ["map", "kpis", "1"])
    assert table.exit_code == 0 and "change since the snapshot of revision 1" in table.stdout
    assert "±0" in table.stdout


def test_snapshot_of_an_old_revision_measures_that_revisions_metrics(
    shop_ws: Workspace, shop: Any, kpi_metric: Any
) -> None:
    shop_ws.save_map(1, shop([kpi_metric("all customers", "customers", 5)]))
    shot = snapshot(shop_ws, 1, revision=1)
    assert shot.revision == 1 and [m["key"] for m in shot.metrics] == ["all customers", "home/conversion"]
    assert [s.id for s in snapshots(shop_ws, 1)] == [shot.id]


def test_snapshots_belong_to_the_workspace_of_the_map(shop_ws: Workspace) -> None:
    from safar.errors import NotFoundError

    other = Workspace.attach(shop_ws.engine, shop_ws.settings, "other")
    with pytest.raises(NotFoundError):
        snapshot(other, 1)
    with pytest.raises(NotFoundError):
        metrics_history(other, 1, lang="en")
