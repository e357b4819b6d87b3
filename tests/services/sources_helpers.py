"""Real PostgreSQL and MariaDB servers holding a tiny table of events for the database-source tests.

Each test gets its own PostgreSQL schema or MariaDB database, dropped afterwards. Where a server cannot be
reached the test is skipped on a developer's machine and fails under CI (``CI=true``), as for PostgreSQL
in tests/conftest.py.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get("SAFAR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
MYSQL_URL = os.environ.get("SAFAR_TEST_MYSQL_URL", "mysql+pymysql://root@127.0.0.1:3306/test")

# Persian text, times, and one bad row (no customer): what a CRM's table holds.
ROWS = [
    ("c1", "بازدید از سایت", "2024-03-20 05:30:00", "وب"),
    ("c1", "خرید", "2024-03-21 07:00:00", "وب"),
    ("c2", "تماس با پشتیبانی", "2024-03-22 08:00:00", "تلفن"),
    (None, "خرید", "2024-03-22 09:00:00", "وب"),
]
CSV = "customer_id,activity,happened_at,channel\n" + "".join(
    f"{c or ''},{a},{t.replace(' ', 'T')}Z,{ch}\n" for c, a, t, ch in ROWS
)


@dataclass(frozen=True)
class Server:
    kind: str  # postgres or mysql
    url: str  # the test user's URL, without a password (trust / root without one)
    table: str  # the qualified table of ROWS

    @property
    def query(self) -> str:
        return f"SELECT customer_id, activity, happened_at, channel FROM {self.table} ORDER BY happened_at"


def unavailable(what: str, reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI: {reason}")
    pytest.skip(f"{what} not reachable: {reason}")


def postgres_server() -> Iterator[Server]:
    schema = "src_" + uuid.uuid4().hex[:12]
    try:
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # any failure to reach the server
        unavailable("PostgreSQL", str(exc).splitlines()[0])
    with admin.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE {schema}.visits (customer_id TEXT, activity TEXT, "
                "happened_at TIMESTAMP WITH TIME ZONE, channel TEXT)"
            )
        )
        for c, a, t, ch in ROWS:
            conn.execute(
                text(f"INSERT INTO {schema}.visits VALUES (:c, :a, CAST(:t AS TIMESTAMPTZ), :ch)"),
                {"c": c, "a": a, "t": t + "+00", "ch": ch},
            )
    yield Server(
        "postgres", make_url(PG_URL).set(drivername="postgresql").render_as_string(False), f"{schema}.visits"
    )
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def mariadb_server() -> Iterator[Server]:
    name = "src_" + uuid.uuid4().hex[:12]
    try:
        admin = create_engine(MYSQL_URL)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE DATABASE {name} CHARACTER SET utf8mb4"))
    except Exception as exc:  # any failure to reach the server
        unavailable("MariaDB", str(exc).splitlines()[0])
    with admin.begin() as conn:
        conn.execute(
            text(
                f"CREATE TABLE {name}.visits (customer_id VARCHAR(20), activity VARCHAR(100), "
                "happened_at DATETIME, channel VARCHAR(20)) CHARACTER SET utf8mb4"
            )
        )
        for c, a, t, ch in ROWS:
            conn.execute(
                text(f"INSERT INTO {name}.visits VALUES (:c, :a, :t, :ch)"),
                {"c": c, "a": a, "t": t, "ch": ch},
            )
    url = make_url(MYSQL_URL).set(drivername="mysql", database=name)
    yield Server("mysql", url.render_as_string(False), f"{name}.visits")
    with admin.begin() as conn:
        conn.execute(text(f"DROP DATABASE {name}"))
    admin.dispose()


SERVERS = [
    pytest.param("postgres", marks=pytest.mark.postgres),
    pytest.param("mysql", marks=pytest.mark.mariadb),
]
