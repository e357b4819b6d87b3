"""Shared fixtures: a hermetic SAFAR_HOME per test and small helpers to look into the warehouse."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from safar.config import Settings

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"

# ibis 12 still calls DuckDB 2's deprecated fetch_arrow_table(); not ours to fix.
_IBIS_DUCKDB = pytest.mark.filterwarnings("ignore:fetch_arrow_table:DeprecationWarning")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(_IBIS_DUCKDB)


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    home = tmp_path / "home"
    monkeypatch.setenv("SAFAR_HOME", str(home))
    monkeypatch.delenv("SAFAR_WAREHOUSE_URL", raising=False)
    monkeypatch.setenv("SAFAR_LANG", "en")
    return Settings.from_env()


class Look:
    """Read-only views into the warehouse for assertions."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        con = duckdb.connect(str(self.settings.warehouse_path), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()

    def events(self, dataset: str) -> list[tuple[Any, ...]]:
        """(customer_id, activity, ts, seq) of a dataset in journey order."""
        return self.query(
            "SELECT customer_id, activity, ts, seq FROM events WHERE dataset = ? ORDER BY customer_id, ts, seq",
            [dataset],
        )

    def rejected(self, dataset: str) -> list[tuple[Any, ...]]:
        """(row_number, field, reason) of a dataset's quarantine by row."""
        return self.query(
            "SELECT row_number, field, reason FROM rejected WHERE dataset = ? ORDER BY row_number, reason",
            [dataset],
        )


@pytest.fixture
def look(settings: Settings) -> Look:
    return Look(settings)


@pytest.fixture
def write(tmp_path: Path) -> Any:
    """write("name.csv", text_or_bytes) -> path in tmp_path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return _write
