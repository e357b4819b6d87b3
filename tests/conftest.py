"""Shared fixtures: a fresh SAFAR_HOME per test, and the app database on SQLite and PostgreSQL.

PostgreSQL tests carry the ``postgres`` marker. When the server cannot be reached they are
skipped on a developer's machine but fail under CI (``CI=true``): a skipped real-component
test in CI is a failure, not a pass.
"""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

import safar.store.engine
from safar.config import Settings
from safar.store.engine import current_revision, make_engine

_migrate = safar.store.engine.migrate


def pytest_sessionstart(session: pytest.Session) -> None:
    """The server's collector settings (safar.web.server.quieter_collector) in each test process too: the
    tests allocate as a server does, and the default thresholds walked every object held many times."""
    from safar.web.server import quieter_collector

    quieter_collector()


PG_URL = os.environ.get("SAFAR_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
# A page waits for its numbers to be recomputed after new data for as long as that takes (in production
# SAFAR_PAGE_WAIT seconds, then it shows the earlier ones): tests read what their data gives, whatever the
# machine's load. tests/services/test_results.py sets its own wait to test the earlier-numbers path.
os.environ.setdefault("SAFAR_PAGE_WAIT", "600")
# Nor does a server started in a test recompute maps on its own schedule behind the test's back
# (tests/services/test_results.py calls that schedule's step itself).
os.environ.setdefault("SAFAR_RESULTS_EVERY", "0")
# … nor pull database sources on its schedule (tests/services/test_sources.py calls that step itself).
os.environ.setdefault("SAFAR_SOURCES_EVERY", "0")
# … nor sweep case rules and send mail (tests/cases call sweep and send_pending themselves).
os.environ.setdefault("SAFAR_CASES_EVERY", "0")
# … nor write waiting survey answers (tests/web/test_survey_waiting.py turns it on to see it run).
os.environ.setdefault("SAFAR_ANSWERS_EVERY", "0")
# Spark in the tests reads a few hundred rows a query: generating and JIT-compiling code for each plan costs
# more than interpreting it. Interpreted expressions, no adaptive re-planning and the JVM's quick (C1)
# compiler only took the Spark tests from 237 to 155 CPU-seconds (wall 139 s → 129 s, run alone), CPU the
# other test worker gets back. The product keeps Spark's defaults, made for large data. With C1 alone the JVM
# reserves 48 MB for compiled code, not the tiered 240 MB: the whole Spark group filled it ("CodeCache is full",
# then "Out of space in CodeCache for method handle intrinsic" killed the JVM and every later Spark test), so the
# code cache is set back to the tiered default.
os.environ.setdefault(
    "PYSPARK_SUBMIT_ARGS",
    "--conf spark.sql.codegen.wholeStage=false --conf spark.sql.codegen.factoryMode=NO_CODEGEN"
    " --conf spark.sql.adaptive.enabled=false"
    ' --driver-java-options "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=240m -XX:+UseSerialGC"'
    " pyspark-shell",
)


class _MigratedTemplate:
    """A new SQLite app database gets its tables by copying one that Alembic migrated, made once per test
    process (SQLite's backup API, 2 ms), instead of running every migration again (70 ms; about 540 new
    databases a run). Same file, page for page: the template is made by the real ``migrate``, which the
    tests of the migrations themselves (``empty_database``) still run, as does every old database upgraded.
    Commands run as subprocesses (the README's, the real servers) migrate as a user's would."""

    enabled = True

    def __init__(self) -> None:
        self.path: Path | None = None

    def migrate(self, engine: Any) -> None:
        if (
            self.enabled
            and engine.dialect.name == "sqlite"
            and engine.url.database not in (None, "", ":memory:")
        ):
            try:
                copied = self._copy_into(engine)
            except Exception:  # unreachable or unreadable: the real migration says what is wrong
                copied = False
            if copied:
                return
        _migrate(engine)

    def _copy_into(self, engine: Any) -> bool:
        import sqlite3

        from sqlalchemy import inspect

        if current_revision(engine) is not None or inspect(engine).get_table_names():
            return False
        source = sqlite3.connect(self._template())
        raw = engine.raw_connection()
        try:
            source.backup(raw.driver_connection)
        finally:
            raw.close()
            source.close()
        return True

    def _template(self) -> Path:
        if self.path is None:
            import atexit
            import shutil
            import tempfile

            folder = Path(tempfile.mkdtemp(prefix="safar-template-"))
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            engine = make_engine(f"sqlite:///{folder / 'safar.db'}")
            _migrate(engine)
            engine.dispose()
            self.path = folder / "safar.db"
        return self.path


_TEMPLATE = _MigratedTemplate()
safar.store.engine.migrate = _TEMPLATE.migrate  # before any module of Safar takes the name …
for _module in [m for name, m in list(sys.modules.items()) if name.startswith("safar.")]:
    if getattr(_module, "migrate", None) is _migrate:  # … or after, for one that took it already
        _module.migrate = _TEMPLATE.migrate  # type: ignore[attr-defined]

from safar.workspace import Workspace  # noqa: E402


@pytest.fixture(autouse=True, scope="session")
def _quick_password_hashing() -> None:
    """Hash the tests' passwords with argon2's least cost. The default cost (~0.13 s a hash or a check) is
    what guards a stored password in production; here thousands of test users and log-ins would pay it for
    nothing. The hashes stay argon2 (a hash names its own cost, so any is checked alike), and commands run
    as subprocesses keep the real cost."""
    from argon2 import PasswordHasher

    import safar.accounts

    safar.accounts._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _pg_unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL is required in CI: {reason}")
    pytest.skip(f"PostgreSQL not reachable: {reason}")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("SAFAR_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SAFAR_LANG", "en")
    monkeypatch.setenv("SAFAR_USER", "tester")
    monkeypatch.delenv("SAFAR_DATABASE_URL", raising=False)
    monkeypatch.delenv("SAFAR_WORKSPACE", raising=False)
    monkeypatch.delenv("SAFAR_TZ", raising=False)


@pytest.fixture
def pg_url(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a fresh schema, dropped afterwards."""
    schema = "t_" + uuid.uuid4().hex[:12]
    try:
        admin = create_engine(PG_URL)
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as exc:  # any failure to reach the server
        _pg_unavailable(str(exc).splitlines()[0])
    url = f"{PG_URL}?options=-csearch_path%3D{schema}"
    monkeypatch.setenv("SAFAR_DATABASE_URL", url)
    yield url
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="module")
def spark(spark_available: None) -> Iterator[Any]:
    """A local Spark session (2 cores, UTC) for one test module, stopped after it."""
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("safar-tests")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_available() -> None:
    """PySpark and a Java runtime are here; otherwise a skip that says what to install (a failure under CI)."""
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError:
        message = "PySpark is required for the Spark tests (pip install -e '.[test]')"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    if shutil.which("java") is None:
        message = "a Java runtime is required for Spark (apt-get install default-jre-headless)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)


class _PostgresSchema:
    """One PostgreSQL schema per test process, migrated once and emptied before each test that uses it
    (every table's rows deleted with its foreign keys' triggers off, every sequence restarted: 3–5 ms, where
    TRUNCATE … RESTART IDENTITY took 50 ms making new files for 28 tables; a new schema migrated for each took
    150 ms; about 310 tests a run) instead of a new schema migrated for each. Migrations add no rows, so an
    emptied schema is a newly migrated one. A test that leaves the schema changed (another revision, other
    tables) gets it dropped: the next test makes it again. Its connections do not wait for each commit to
    reach the disk (``synchronous_commit=off``): a test's data need not outlive a crash of the server."""

    def __init__(self) -> None:
        self.schema = "t_" + uuid.uuid4().hex[:12]
        self.admin: Any = None
        self.tables: list[str] = []
        self.sequences: list[str] = []
        self.abandoned: list[str] = []

    @property
    def url(self) -> str:
        return f"{PG_URL}?options=-csearch_path%3D{self.schema}%20-csynchronous_commit%3Doff"

    def clean(self) -> str:
        from safar.store.engine import head_revision

        if self.admin is None:
            self.admin = create_engine(PG_URL)
        if self.tables:
            try:
                with self.admin.begin() as conn:
                    conn.execute(text("SET LOCAL lock_timeout = '10s'"))
                    conn.execute(text("SET LOCAL session_replication_role = replica"))  # no FK triggers
                    emptied = [f"DELETE FROM {self.schema}.{table}" for table in self.tables]
                    emptied += [f"ALTER SEQUENCE {self.schema}.{seq} RESTART" for seq in self.sequences]
                    conn.execute(text("; ".join(emptied)))
            except Exception:  # a connection a test left open holds a lock: leave it, take a new schema
                self.abandoned.append(self.schema)
                self.schema, self.tables = "t_" + uuid.uuid4().hex[:12], []
        if not self.tables:
            with self.admin.begin() as conn:
                conn.execute(text(f"CREATE SCHEMA IF NOT EXISTS {self.schema}"))
            engine = make_engine(self.url)
            try:
                _migrate(engine)
                assert current_revision(engine) == head_revision()
            finally:
                engine.dispose()
            self.tables = self._tables()
            with self.admin.connect() as conn:
                found = conn.execute(
                    text("SELECT sequence_name FROM information_schema.sequences WHERE sequence_schema = :s"),
                    {"s": self.schema},
                )
                self.sequences = list(found.scalars())
        return self.url

    def _tables(self) -> list[str]:
        with self.admin.connect() as conn:
            found = conn.execute(
                text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s ORDER BY 1"),
                {"s": self.schema},
            )
            return [name for name in found.scalars() if name != "alembic_version"]

    def check(self) -> None:
        """After a test: the schema is still the one migrated, or it is dropped and made again."""
        from safar.store.engine import head_revision

        try:
            with self.admin.connect() as conn:
                query = text(f"SELECT max(version_num) FROM {self.schema}.alembic_version")
                unchanged = conn.execute(query).scalar() == head_revision() and self._tables() == self.tables
        except Exception:
            unchanged = False
        if not unchanged:
            self.abandoned.append(self.schema)
            self.schema, self.tables = "t_" + uuid.uuid4().hex[:12], []

    def drop(self) -> None:
        """At the end of the test process: every schema it made (one left locked is left to the server)."""
        if self.admin is None:
            return
        for schema in [*self.abandoned, self.schema]:
            try:
                with self.admin.begin() as conn:
                    conn.execute(text("SET LOCAL lock_timeout = '10s'"))
                    conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            except Exception:
                continue


@pytest.fixture(scope="session")
def _pg_schema() -> Iterator[_PostgresSchema]:
    schema = _PostgresSchema()
    yield schema
    schema.drop()
    if schema.admin is not None:
        schema.admin.dispose()


@pytest.fixture
def pg_migrated_url(monkeypatch: pytest.MonkeyPatch, _pg_schema: _PostgresSchema) -> Iterator[str]:
    """A PostgreSQL URL whose search_path is a schema at the newest revision with no rows."""
    try:
        url = _pg_schema.clean()
    except Exception as exc:  # any failure to reach the server
        _pg_unavailable(str(exc).splitlines()[0])
    monkeypatch.setenv("SAFAR_DATABASE_URL", url)
    yield url
    _pg_schema.check()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest) -> str:
    """Run the test on SQLite and on PostgreSQL, each at the newest schema with no rows; returns the
    backend name."""
    if request.param == "postgres":
        request.getfixturevalue("pg_migrated_url")
    return str(request.param)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the test on SQLite and on PostgreSQL, each a database with no tables, made by the real
    migrations when the test asks (for the tests of the migrations and of old databases)."""
    if request.param == "postgres":
        request.getfixturevalue("pg_url")
    _TEMPLATE.enabled = False
    try:
        yield str(request.param)
    finally:
        _TEMPLATE.enabled = True


@pytest.fixture
def workspace(database: str) -> Iterator[Workspace]:
    ws = Workspace.open(Settings.from_env())
    yield ws
    ws.close()


@pytest.hookimpl(tryfirst=True)  # before xdist's hook, which reads the groups (into the test ids)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``--dist loadgroup`` in the Makefile) every Spark test runs in one worker: one JVM
    at a time on a 2-core machine, while the other worker runs the rest. The tests of a module that share a
    module-scoped fixture (a demo workspace rendered once, say) also stay in one worker, or each worker would
    build that fixture again."""
    for item in items:
        if item.get_closest_marker("spark"):
            item.add_marker(pytest.mark.xdist_group("spark"))
        elif item.get_closest_marker("xdist_group") is None and _uses_module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    # The groups are the big pieces of work (the Spark tests take minutes): handed out first, then the slow
    # single tests (a real browser, real data sets), so the small tests even out the two workers at the end
    # instead of one worker finishing a long piece alone.
    items.sort(key=_order)


def _order(item: pytest.Item) -> int:
    if item.get_closest_marker("xdist_group") is not None:
        return 0
    return 1 if item.get_closest_marker("browser") or item.get_closest_marker("slow") else 2


def _uses_module_fixture(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(d.scope == "module" for defs in info.name2fixturedefs.values() for d in defs)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under CI every test must run: a skip (missing server, browser, data or package) is a failure."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if os.environ.get("CI") and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under CI, where every test must run: {report.longrepr}"


class CatalogueCheck:
    """What the catalogue tests of each area ask of their messages and their code."""

    @staticmethod
    def placeholders(text: str) -> set[str]:
        import string

        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    @staticmethod
    def raised_codes(files: list[Path], prefix: str = "") -> set[str]:
        """The codes given to ``SomethingError("code", …)`` in ``files`` (those starting with ``prefix``)."""
        import ast

        codes = set()
        for path in files:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id.endswith("Error")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and node.args[0].value.startswith(prefix)
                ):
                    codes.add(node.args[0].value)
        return codes


@pytest.fixture
def catalogue() -> CatalogueCheck:
    return CatalogueCheck()


@pytest.fixture
def terminal_width() -> Iterator[Callable[[int], None]]:
    """Sets the CLI's consoles to a width for the test. Rich fixes a console's width when the console is
    made (from COLUMNS, else the terminal), and in a test run the CLI's consoles are made once, by
    whichever test imports them first: a test that reads tables at a width says so here."""
    from safar.cli import output

    saved = output.console._width, output.errors._width

    def set_width(columns: int) -> None:
        output.console._width = output.errors._width = columns

    yield set_width
    output.console._width, output.errors._width = saved


class WarehouseHolder:
    """Opens the embedded warehouse in another process, as an ingest from the command line does, until
    ``release`` (or the test's end)."""

    def __init__(self) -> None:
        self.holders: list[Any] = []

    def hold(self, path: Path) -> int:
        """Hold the warehouse at ``path``; returns the holding process's id."""
        import subprocess
        import textwrap

        path.parent.mkdir(parents=True, exist_ok=True)
        holder = subprocess.Popen(
            [
                sys.executable,
                "-c",
                textwrap.dedent(f"""
                import duckdb, sys, time
                for _ in range(600):  # a server reading it lets go between its reads
                    try:
                        con = duckdb.connect({str(path)!r})
                        break
                    except duckdb.IOException:
                        time.sleep(0.05)
                print("ready", flush=True)
                sys.stdin.read()
                """),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.holders.append(holder)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        return int(holder.pid)

    def release(self) -> None:
        while self.holders:
            self.holders.pop().communicate("")


@pytest.fixture
def warehouse_holder() -> Iterator[WarehouseHolder]:
    holder = WarehouseHolder()
    yield holder
    holder.release()
