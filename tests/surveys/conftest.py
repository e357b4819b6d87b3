"""A workspace with the English insurance map, and helpers to write response files."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from safar.config import Settings
from safar.maps.templates import load_template
from safar.workspace import Workspace


@dataclass
class Setup:
    settings: Settings
    workspace: Workspace
    map_id: int
    folder: Path

    def csv(self, name: str, header: list[str], rows: list[list[str]]) -> Path:
        path = self.folder / name
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        return path


@pytest.fixture
def setup(workspace: Workspace, tmp_path: Path) -> Iterator[Setup]:
    stored = workspace.create_map(load_template("insurance", "en"))
    yield Setup(workspace.settings, workspace, stored.id, tmp_path)
