"""`safar map kpis` as a person reads it: every metric, touchpoints by their names, Persian percentages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from safar.cli import app
from safar.i18n import format_percent, translate
from safar.model import Metric
from safar.workspace import Workspace


@pytest.fixture
def shop_ws(
    workspace: Workspace, tmp_path: Path, shop: Any, kpi_metric: Any, events_loader: Any, journeys: Any
) -> Workspace:
    m = kpi_metric
    basket = Metric(name="Basket value", unit="IRR", needs="revenue")  # says what data it would need
    workspace.create_map(
        shop(
            [m("all customers", "customers", 5)],
            home=[m("conversion", "conversion", 70, unit="%")],
            cart=[basket],
        )
    )
    events_loader(workspace, tmp_path, journeys)
    return workspace


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_every_metric_by_name_with_its_reason_and_the_readers_percent(
    shop_ws: Workspace, lang: str, monkeypatch: pytest.MonkeyPatch, terminal_width: Callable[[int], None]
) -> None:
    monkeypatch.setenv("SAFAR_LANG", lang)
    terminal_width(400)  # one line per row, so each cell reads whole
    result = CliRunner().invoke(app, ["map", "kpis", "1"])
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if line.count("│") > 2}
    assert {"all customers", "conversion", "Basket value"} <= set(rows)
    # Touchpoints by the map's names (Home, Cart), never their ids (home, cart).
    assert "Home" in rows["conversion"] and " home " not in rows["conversion"]
    assert "Cart" in rows["Basket value"] and " cart " not in rows["Basket value"]
    # Not measured, and why, in the reader's language.
    assert translate("kpis.reason.needs_revenue", lang)[:20] in rows["Basket value"]
    # Two of the three customers at home convert: 66.7 % written as the reader writes it.
    assert format_percent(200 / 3, lang) in rows["conversion"]
    if lang == "fa":
        assert "%" not in result.stdout and "٪" in rows["conversion"]
