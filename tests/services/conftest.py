"""Fixtures of the service tests: the real database servers a database source reads (sources_helpers.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sources_helpers import SERVERS, Server, mariadb_server, postgres_server


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    """A tiny table of events on PostgreSQL, then on MariaDB."""
    yield from (postgres_server() if request.param == "postgres" else mariadb_server())
