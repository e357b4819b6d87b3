"""Back up and restore a whole installation: the app database, the warehouse and the home folder's keys.

A backup is one ``.tar.gz`` file holding

- ``manifest.json``: the format, Safar's version, when it was made, the app database's dialect and
  schema (Alembic) revision with every table and its row count, the warehouse's tables and row counts,
  and the home folder's files;
- ``database/<table>.jsonl``: every row of every app database table, one JSON object a line (times in
  UTC, ISO 8601), so a backup of SQLite restores into PostgreSQL and back;
- ``warehouse/``: the DuckDB warehouse as DuckDB's ``EXPORT DATABASE`` writes it (Parquet files and
  the SQL that loads them), taken while this process holds the warehouse's single-writer lock;
- ``home/secret_key`` (and ``home/demo_password``): the session key the web app signs with and the
  demo user's password, when ``SAFAR_HOME`` has them.

Restoring builds the app database at the backup's schema revision, loads the rows in foreign-key
order, moves PostgreSQL's id sequences past the largest id and then migrates to the latest schema:
a backup made by an older Safar restores into a newer one. It refuses to replace an installation
that holds data unless asked to (``force``), and a backup of a newer schema than this code knows.

>>> import tempfile
>>> from safar.workspace import Workspace
>>> old, new = (Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()}) for _ in range(2))
>>> with Workspace.open(old) as ws:
...     _ = ws.new_from_template("insurance", "en")
>>> made = backup(old, old.home / "all.tar.gz")
>>> from safar.store.engine import head_revision
>>> made.manifest["database"]["revision"] == head_revision(), made.manifest["warehouse"], made.manifest["home"]
(True, None, [])
>>> restore(new, old.home / "all.tar.gz").revision == head_revision()
True
>>> with Workspace.open(new) as ws:
...     [m.title for m in ws.list_maps()]
['Buying car insurance — current-state journey']
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
import tarfile
import tempfile
import zlib
from collections.abc import Sequence
from contextlib import closing
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import duckdb
from alembic import command
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from pydantic import BaseModel, Field
from pydantic import ValidationError as PydanticError
from sqlalchemy import Connection, DateTime, Engine, Integer, MetaData, Table, func, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from safar import __version__
from safar.config import Settings
from safar.errors import ConfigError, ConflictError, InputError
from safar.store.engine import alembic_config, head_revision, make_engine, unreachable
from safar.store.tables import Base
from safar.warehouse import connect_duckdb
from safar.warehouse.spark import SparkLocation, is_spark_url

FORMAT, FORMAT_VERSION = "safar-backup", 1
# The files safar.web.security.secret_key and `safar demo` keep in SAFAR_HOME.
HOME_FILES = ("secret_key", "demo_password")
_MEMBER = re.compile(r"manifest\.json|database/[a-z0-9_]+\.jsonl|warehouse/[A-Za-z0-9_.-]+|home/[a-z_]+")
_SCAFFOLD = {"workspaces"}  # any command makes the default workspace: a workspace alone is not data
_BATCH = 1000


class TableCount(BaseModel):
    name: str = Field(pattern=r"^[a-z0-9_]+$")
    rows: int = Field(ge=0)


class DatabasePart(BaseModel):
    dialect: str
    revision: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    tables: list[TableCount]


class WarehousePart(BaseModel):
    engine: Literal["duckdb"]
    tables: list[TableCount]


class Manifest(BaseModel):
    """What ``manifest.json`` says about the backup."""

    format: Literal["safar-backup"]
    format_version: int
    safar_version: str
    created_at: datetime
    database: DatabasePart
    warehouse: WarehousePart | None
    home: list[Literal["secret_key", "demo_password"]]


@dataclass(frozen=True)
class BackupReport:
    file: Path
    size: int
    manifest: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "file": str(self.file)}


@dataclass(frozen=True)
class RestoreReport:
    file: Path
    manifest: dict[str, Any]
    dialect: str  # of the app database restored into
    revision: str  # the backup's schema revision
    head: str  # the schema revision the app database is at now

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "file": str(self.file)}


def warehouse_file(settings: Settings) -> Path:
    """The DuckDB file of the warehouse; a Spark or other Ibis warehouse is refused with what to do."""
    url = settings.warehouse_url
    if url and is_spark_url(url):
        path = SparkLocation.parse(url, settings.home).path
        raise ConfigError("backup.spark_warehouse", url=url, path=str(path))
    if not url:
        return settings.warehouse_path
    location = url.removeprefix("duckdb://")
    if location == url or location in ("", ":memory:"):
        raise ConfigError("backup.warehouse_url", url=url)
    return Path(location).expanduser().absolute()


# Backing up --------------------------------------------------------------------------------------
def backup(settings: Settings, file: Path, *, overwrite: bool = False) -> BackupReport:
    """Write the installation ``settings`` names into the one file ``file`` (mode 600: it holds the
    password hashes and the secret key)."""
    warehouse = warehouse_file(settings)
    file = Path(file).expanduser().absolute()
    if file.exists() and not overwrite:
        raise InputError("backup.file_exists", file=str(file))
    file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".safar-backup-", dir=file.parent) as folder:
        staging = Path(folder)
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "safar_version": __version__,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": _dump_database(settings.database_url, staging),
            "warehouse": _export_warehouse(warehouse, staging / "warehouse"),
            "home": _copy_home(settings.home, staging / "home"),
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8")
        partial = staging / "backup.tar.gz"
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(staging / "manifest.json", arcname="manifest.json")
            for part in ("database", "warehouse", "home"):
                for path in sorted((staging / part).glob("*")):
                    archive.add(path, arcname=f"{part}/{path.name}")
        partial.chmod(0o600)
        os.replace(partial, file)
    return BackupReport(file, file.stat().st_size, manifest)


def _dump_database(url: str, staging: Path) -> dict[str, Any]:
    """Every Safar table's rows as JSON lines in ``staging/database``, from one consistent snapshot."""
    shown = _shown(url)
    path = _sqlite_file(url)
    if path is not None:
        if not path.exists():
            raise InputError("backup.nothing", url=shown)
        copy = staging / "snapshot.db"  # SQLite's online backup: a consistent copy while others write
        _sqlite_copy(path, copy, url)
        url = f"sqlite:///{copy}"
    engine = make_engine(url)
    try:
        with _connect(engine) as plain:
            conn = plain
            if plain.dialect.name == "postgresql":
                conn = plain.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
            with conn.begin():
                revision = MigrationContext.configure(conn).get_current_revision()
                if revision is None:
                    raise InputError("backup.nothing", url=shown)
                if not _known(revision):
                    raise ConfigError(
                        "backup.database_newer", url=shown, revision=revision, head=head_revision()
                    )
                (staging / "database").mkdir()
                tables = [
                    {"name": table.name, "rows": _dump_table(conn, table, staging / "database")}
                    for table in _reflect(conn).sorted_tables
                ]
        return {"dialect": engine.dialect.name, "revision": revision, "tables": tables}
    finally:
        engine.dispose()


def _dump_table(conn: Connection, table: Table, folder: Path) -> int:
    count = 0
    query = select(table).order_by(*table.primary_key.columns).execution_options(yield_per=_BATCH)
    with (folder / f"{table.name}.jsonl").open("w", encoding="utf-8") as out:
        for row in conn.execute(query).mappings():
            out.write(json.dumps(dict(row), ensure_ascii=False, default=_encode) + "\n")
            count += 1
    return count


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):  # SQLite gives naive times; everything stored is UTC
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    raise TypeError(f"a backup cannot hold a {type(value).__name__} value")


def _export_warehouse(path: Path, folder: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    con = connect_duckdb(path)  # the single-writer lock: nothing writes while the export runs
    try:
        tables = _warehouse_tables(con)
        con.execute(f"EXPORT DATABASE {_sql_string(folder)} (FORMAT PARQUET)")
    finally:
        con.close()
    return {"engine": "duckdb", "tables": tables}


def _copy_home(home: Path, folder: Path) -> list[str]:
    found = [name for name in HOME_FILES if (home / name).is_file()]
    if found:
        folder.mkdir()
    for name in found:
        (folder / name).write_bytes((home / name).read_bytes())
    return found


# Restoring ---------------------------------------------------------------------------------------
def restore(settings: Settings, file: Path, *, force: bool = False) -> RestoreReport:
    """Make the installation ``settings`` names what the backup ``file`` holds.

    An installation with data is replaced only with ``force``. The app database is replaced in one
    transaction on PostgreSQL, and as a whole file on SQLite; the warehouse as a whole file.
    """
    warehouse = warehouse_file(settings)
    file = Path(file).expanduser().absolute()
    if not file.is_file():
        raise InputError("backup.file_not_found", file=str(file))
    settings.home.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".safar-restore-", dir=settings.home) as folder:
        unpacked = Path(folder)
        manifest = _unpack(file, unpacked)
        head = head_revision()
        if not _known(manifest.database.revision):
            raise InputError(
                "backup.newer_schema",
                file=str(file),
                version=manifest.safar_version,
                revision=manifest.database.revision,
                head=head,
            )
        found = _contents(settings.database_url, warehouse)
        if found and not force:
            raise ConflictError(
                "backup.not_empty", found=found, target=[_shown(settings.database_url), str(warehouse)]
            )
        staged = None
        if manifest.warehouse is not None:
            staged = _import_warehouse(unpacked / "warehouse", manifest.warehouse, warehouse, file)
        try:
            dialect = _load_database(settings.database_url, unpacked / "database", manifest, file)
        except BaseException:
            if staged is not None:
                _remove_duckdb(staged)
            raise
        _remove_duckdb(warehouse)
        if staged is not None:
            os.replace(staged, warehouse)
        _restore_home(unpacked / "home", manifest.home, settings.home)
    return RestoreReport(file, manifest.model_dump(mode="json"), dialect, manifest.database.revision, head)


def _unpack(file: Path, folder: Path) -> Manifest:
    try:
        with tarfile.open(file, "r:*") as archive:
            members = archive.getmembers()
            for member in members:
                if not member.isfile() or not _MEMBER.fullmatch(member.name):
                    raise InputError("backup.unexpected_member", file=str(file), member=member.name)
            archive.extractall(folder, members=members, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise InputError("backup.not_a_backup", file=str(file), problem=str(exc)) from None
    try:
        data = json.loads((folder / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        raise InputError("backup.no_manifest", file=str(file)) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError("backup.no_manifest", file=str(file))
    found = data.get("format_version")
    if isinstance(found, int) and found > FORMAT_VERSION:
        raise InputError(
            "backup.newer_format",
            file=str(file),
            found=found,
            known=FORMAT_VERSION,
            version=str(data.get("safar_version", "?")),
        )
    try:
        manifest = Manifest.model_validate(data)
    except PydanticError:
        raise InputError("backup.no_manifest", file=str(file)) from None
    needed = [f"database/{t.name}.jsonl" for t in manifest.database.tables]
    needed += [f"home/{name}" for name in manifest.home]
    for part in needed:
        if not (folder / part).is_file():
            raise InputError("backup.missing_member", file=str(file), member=part)
    return manifest


def _contents(url: str, warehouse: Path) -> list[str]:
    """The tables of the installation that hold data (the warehouse's lock is checked on the way)."""
    found: list[str] = []
    path = _sqlite_file(url)
    if path is None or path.exists():
        engine = make_engine(url)
        try:
            with _connect(engine) as conn:
                for table in _reflect(conn).sorted_tables:
                    if table.name not in _SCAFFOLD and conn.scalar(select(func.count()).select_from(table)):
                        found.append(table.name)
        finally:
            engine.dispose()
    if warehouse.exists():
        con = connect_duckdb(warehouse)
        try:
            found += [t["name"] for t in _warehouse_tables(con) if t["rows"]]
        finally:
            con.close()
    return found


def _import_warehouse(folder: Path, part: WarehousePart, target: Path, file: Path) -> Path:
    """The backup's warehouse as a DuckDB file next to ``target``, checked against the manifest."""
    staged = target.with_name(f".{target.name}.restoring")
    _remove_duckdb(staged)
    con = connect_duckdb(staged)
    try:
        con.execute(f"IMPORT DATABASE {_sql_string(folder)}")
        counts = {t["name"]: t["rows"] for t in _warehouse_tables(con)}
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        con.close()
        _remove_duckdb(staged)
        raise InputError("backup.not_a_backup", file=str(file), problem=str(exc).splitlines()[0]) from None
    con.close()
    for table in part.tables:
        if counts.get(table.name) != table.rows:
            _remove_duckdb(staged)
            raise InputError(
                "backup.row_count",
                file=str(file),
                table=table.name,
                expected=table.rows,
                found=counts.get(table.name, 0),
            )
    return staged


def _load_database(url: str, folder: Path, manifest: Manifest, file: Path) -> str:
    """Replace the app database with the backup's rows; returns its dialect."""
    path = _sqlite_file(url)
    if path is None:
        engine = make_engine(url)
        try:
            with _connect(engine) as conn, conn.begin():
                _drop_safar_tables(conn)
                _load_rows(conn, folder, manifest, file)
            return engine.dialect.name
        finally:
            engine.dispose()
    staged = path.with_name(f".{path.name}.restoring")
    staged.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{staged}")
    try:
        with engine.connect() as conn, conn.begin():
            _load_rows(conn, folder, manifest, file)
    except BaseException:
        engine.dispose()
        staged.unlink(missing_ok=True)
        raise
    engine.dispose()
    for stale in ("-journal", "-wal", "-shm"):  # a hot journal of the old file must not roll back the new one
        Path(f"{path}{stale}").unlink(missing_ok=True)
    os.replace(staged, path)
    return "sqlite"


def _load_rows(conn: Connection, folder: Path, manifest: Manifest, file: Path) -> None:
    revision = manifest.database.revision
    _upgrade(conn, revision)
    metadata = _reflect(conn)
    given = {t.name: t.rows for t in manifest.database.tables}
    expected = sorted(metadata.tables)
    if sorted(given) != expected:
        raise InputError(
            "backup.tables_differ", file=str(file), found=sorted(given), expected=expected, revision=revision
        )
    for table in metadata.sorted_tables:
        path = folder / f"{table.name}.jsonl"
        with path.open(encoding="utf-8") as lines:
            read = sum(1 for line in lines if line.strip())
        if read != given[table.name]:  # counted before loading: a doubled row is a damaged file too
            raise InputError(
                "backup.row_count", file=str(file), table=table.name, expected=given[table.name], found=read
            )
        _load_table(conn, table, path, file, revision)
    if conn.dialect.name == "postgresql":
        _reset_sequences(conn, metadata)
    _upgrade(conn, "head")  # after the sequences, so a migration that adds rows gets fresh ids


def _load_table(conn: Connection, table: Table, path: Path, file: Path, revision: str) -> None:
    times = {c.name for c in table.columns if isinstance(c.type, DateTime)}
    batch: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict):
                    raise ValueError(f"{type(row).__name__}, not an object")
                for name in times & row.keys():
                    if row[name] is not None:
                        row[name] = datetime.fromisoformat(row[name])
            except (ValueError, TypeError) as exc:
                raise InputError(
                    "backup.bad_row", file=str(file), table=table.name, line=number, problem=str(exc)
                ) from None
            unknown = sorted(set(row) - set(table.columns.keys()))
            if unknown:
                raise InputError(
                    "backup.unknown_column",
                    file=str(file),
                    table=table.name,
                    line=number,
                    column=unknown[0],
                    revision=revision,
                )
            batch.append({c.name: row.get(c.name) for c in table.columns})
            if len(batch) == _BATCH:
                conn.execute(table.insert(), batch)
                batch = []
    if batch:
        conn.execute(table.insert(), batch)


def _reset_sequences(conn: Connection, metadata: MetaData) -> None:
    """Rows came with their ids: each serial column's sequence goes on after the largest one."""
    quote = conn.dialect.identifier_preparer.quote
    for table in metadata.sorted_tables:
        for column in table.primary_key.columns:
            if not isinstance(column.type, Integer):
                continue
            sequence = conn.scalar(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": quote(table.name), "column": column.name},
            )
            if sequence:
                conn.execute(
                    text(
                        f"SELECT setval(:sequence, coalesce(max({quote(column.name)}), 0) + 1, false) "
                        f"FROM {quote(table.name)}"
                    ),
                    {"sequence": sequence},
                )


def _drop_safar_tables(conn: Connection) -> None:
    """Safar's tables only: a PostgreSQL schema may hold other programs' tables too."""
    names = set(inspect(conn).get_table_names()) & {*Base.metadata.tables, "alembic_version"}
    metadata = MetaData()
    metadata.reflect(conn, only=sorted(names))
    metadata.drop_all(conn)


def _restore_home(folder: Path, names: Sequence[str], home: Path) -> None:
    for name in names:
        staged = home / f".{name}.restoring"
        staged.unlink(missing_ok=True)
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write((folder / name).read_bytes())
        os.replace(staged, home / name)


# Shared ------------------------------------------------------------------------------------------
def _scripts() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def _known(revision: str) -> bool:
    try:
        script = _scripts().get_revision(revision)
    except CommandError:
        return False
    return script is not None and script.revision == revision


def _upgrade(conn: Connection, revision: str) -> None:
    config = alembic_config()
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


def _reflect(conn: Connection) -> MetaData:
    """Safar's tables as the database has them now (at any schema revision)."""
    metadata = MetaData()
    metadata.reflect(conn, only=sorted(set(inspect(conn).get_table_names()) & set(Base.metadata.tables)))
    return metadata


def _connect(engine: Engine) -> Connection:
    try:
        return engine.connect()
    except OperationalError as exc:
        raise unreachable(engine, exc) from exc


def _sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(str(parsed.database)).absolute()


def _sqlite_copy(path: Path, copy: Path, url: str) -> None:
    try:
        with (
            closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=5)) as source,
            closing(sqlite3.connect(copy)) as target,
        ):
            source.backup(target)
    except sqlite3.Error as exc:
        raise ConfigError("config.database_unreachable", url=_shown(url), problem=str(exc)) from exc


def _shown(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


def _warehouse_tables(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [
        row[0]
        for row in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() "
            "AND table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    return [
        {"name": name, "rows": int(con.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])}  # type: ignore[index]
        for name in names
    ]


def _remove_duckdb(path: Path) -> None:
    path.unlink(missing_ok=True)
    Path(f"{path}.wal").unlink(missing_ok=True)


def _sql_string(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
