"""``safar backup`` / ``safar restore``: a whole installation comes back identical — every map and
revision, survey and response, dataset and event, user login and the secret key — within SQLite, within
PostgreSQL and across the two; what cannot be restored is refused before anything changes."""

from __future__ import annotations

import io
import json
import re
import stat
import tarfile
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy import MetaData, create_engine, select, text
from typer.testing import CliRunner

from safar import __version__
from safar.accounts import Accounts
from safar.alerts import Alerts
from safar.backup import backup, restore
from safar.cli.backup import backup_command, restore_command
from safar.cli.output import SafarGroup
from safar.config import Settings
from safar.demo import create_demo_map
from safar.errors import ConfigError, ConflictError, InputError
from safar.events import ingest_file
from safar.i18n import to_persian_digits
from safar.i18n.catalogue_backup import BACKUP_MESSAGES
from safar.model import Channel, ChannelKind
from safar.store.engine import head_revision, make_engine
from safar.surveys import Surveys
from safar.voice.responses import response_counts
from safar.warehouse import open_warehouse
from safar.web.security import secret_key
from safar.workspace import Workspace

HEAD = head_revision()  # the schema revision of the newest numbered migration

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct horse battery staple"
# 0014 added the sessions, 0015 the cases, their rules and history and the mail tables, 0016 topics and articles,
# 0017 the survey answers waiting for the warehouse
TABLES_AT_HEAD = 29


@pytest.fixture(autouse=True)
def _own_secret_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAFAR_SECRET_KEY", raising=False)  # the key comes from SAFAR_HOME, as by default
    monkeypatch.delenv("SAFAR_WAREHOUSE_URL", raising=False)


@pytest.fixture
def pg_schema(pg_url: str) -> Iterator[Callable[[], str]]:
    """More fresh PostgreSQL schemas on the server of ``pg_url``, each dropped afterwards."""
    base = pg_url.split("?", 1)[0]
    admin = create_engine(base)
    made: list[str] = []

    def make() -> str:
        schema = "t_" + uuid.uuid4().hex[:12]
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        made.append(schema)
        return f"{base}?options=-csearch_path%3D{schema}"

    yield make
    with admin.begin() as conn:
        for schema in made:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def settings_for(home: Path, url: str | None = None) -> Settings:
    env = {"SAFAR_HOME": str(home), "SAFAR_USER": "tester"}
    return Settings.from_env({**env, "SAFAR_DATABASE_URL": url} if url else env)


def build(settings: Settings) -> dict[str, str]:
    """An installation with real content: the demo (maps, revisions, a dataset, a survey with responses,
    comments, alerts), a map edited by hand, a second workspace, invitations, a channel, users, a token
    and the secret key."""
    with Workspace.open(settings) as ws:
        map_id = create_demo_map(ws, settings, "fa")
        stored = ws.get_map(map_id)
        document = stored.document
        document.stages[0].name += " (بازبینی)"
        ws.save_map(map_id, document, base_revision=stored.revision, message="rename", author="ana")
        ws.add_channel(Channel(id="kiosk", name_fa="کیوسک", name_en="Kiosk", kind=ChannelKind.PHYSICAL))
        surveys = Surveys(ws)
        surveys.invite(surveys.list()[0].id, ["C00001", None], channel="sms")
    with Workspace.open(settings, workspace="team") as team:
        team.new_from_template("ecommerce", "en", author="bob")
    engine = make_engine(settings.database_url)
    try:
        accounts = Accounts(engine)
        accounts.create_user("ana", PASSWORD, display_name="Ana", admin=True)
        token = accounts.create_token("ana", "ci")
        demo = "demo password 42"  # as `safar demo` keeps it: a user, and the password in SAFAR_HOME
        accounts.create_user("demo", demo, admin=True)
        (settings.home / "demo_password").write_text(demo, encoding="utf-8")
    finally:
        engine.dispose()
    return {"token": token, "demo": demo, "key": secret_key(settings.home)}


def observe(settings: Settings, made: dict[str, str]) -> dict[str, Any]:
    """Everything a user of the installation can see, as plain data."""
    engine = make_engine(settings.database_url)
    try:
        accounts = Accounts(engine)
        ana = accounts.authenticate("ana", PASSWORD)
        seen: dict[str, Any] = {
            "tables": table_rows(settings.database_url),
            "ana": ana,
            "ana's workspaces": accounts.workspaces(ana) if ana else None,
            "wrong password": accounts.authenticate("ana", "not the password"),
            "token": accounts.user_for_token(made["token"]),
            "demo login": accounts.authenticate("demo", made["demo"]),
        }
    finally:
        engine.dispose()
    survey_ids: list[int] = []
    for slug in ("default", "team"):
        with Workspace.open(settings, workspace=slug) as ws:
            maps = ws.list_maps()
            surveys = Surveys(ws).list()
            survey_ids += [s.id for s in surveys]
            seen[slug] = {
                "maps": [m.to_dict() for m in maps],
                "revisions": [
                    ws.get_map(m.id, r.number).to_dict("en") for m in maps for r in ws.history(m.id)
                ],
                "channels": sorted(ws.channels()),
                "datasets": ws.datasets(),
                # SurveyInfo.to_dict() shows SQLite's naive times as they come: compared as UTC here.
                "surveys": [{**s.to_dict(), "created_at": _utc(s.created_at)} for s in surveys],
                "invitations": [Surveys(ws).invitations(s.id) for s in surveys],
                "rules": [r.to_dict() for r in Alerts(ws).rules()],
                "alerts": [a.to_dict() for a in Alerts(ws).feed()],
            }
    with open_warehouse(settings) as warehouse:
        assert warehouse.raw is not None
        seen["datasets"] = [d.to_dict() for d in warehouse.datasets()]
        seen["responses"] = response_counts(warehouse, survey_ids)
        seen["warehouse"] = {
            name: warehouse.raw.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()
            for name in ("events", "customers", "comments", "responses", "rejected", "ingestions")
        }
    seen["secret key"] = secret_key(settings.home)
    seen["demo password"] = (settings.home / "demo_password").read_text(encoding="utf-8")
    return seen


def table_rows(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table of the app database, times as aware UTC (SQLite keeps them naive)."""
    engine = make_engine(url)
    metadata = MetaData()
    try:
        with engine.connect() as conn:
            metadata.reflect(conn)
            return {
                table.name: [
                    {k: _utc(v) for k, v in row.items()}
                    for row in conn.execute(select(table).order_by(*table.primary_key.columns)).mappings()
                ]
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _utc(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC)
    return value


def check_round_trip(source: Settings, target: Settings, tmp_path: Path) -> None:
    made = build(source)
    before = observe(source, made)
    file = tmp_path / "safar.tar.gz"
    backup(source, file)
    report = restore(target, file)
    assert (report.revision, report.head) == (HEAD, HEAD)
    after = observe(target, made)
    assert after == before
    # The substance, stated once more without the plumbing: what the demo and build() made.
    assert [m["title"] for m in after["default"]["maps"]] == [
        "خرید بیمه خودرو — نقشه سفر وضعیت فعلی",
        "نقشه آینده: خرید بیمه خودرو — نقشه سفر وضعیت فعلی",
    ]
    assert [(r["id"], r["revision"]) for r in after["default"]["revisions"]] == [
        (1, 1),
        (1, 2),
        (1, 3),
        (2, 1),
    ]
    assert after["ana"] is not None and after["ana"].username == "ana" and after["wrong password"] is None
    assert after["datasets"][0]["name"] == "insurance-demo" and after["datasets"][0]["events"] > 10_000
    assert after["responses"][1] > 500 and after["default"]["invitations"] == [(2, 0)]
    assert after["secret key"] == made["key"]
    # New rows get fresh ids after the restored ones (PostgreSQL's sequences were moved on).
    with Workspace.open(target) as ws:
        assert ws.new_from_template("insurance", "en").id == 4
        assert ws.save_map(1, ws.get_map(1, 1).document, message="back to 1").revision == 4
        assert Surveys(ws).create(4, Surveys(ws).get(1).survey).id == 2
    engine = make_engine(target.database_url)
    try:
        assert Accounts(engine).create_user("cyrus", PASSWORD).id == 3
    finally:
        engine.dispose()


def test_a_backup_restores_identically(database: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    source = Settings.from_env()
    target_url = request.getfixturevalue("pg_schema")() if database == "postgres" else None
    check_round_trip(source, settings_for(tmp_path / "restored", target_url), tmp_path)


@pytest.mark.postgres
def test_a_sqlite_backup_restores_into_postgresql(
    tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAFAR_DATABASE_URL")
    check_round_trip(settings_for(tmp_path / "home"), settings_for(tmp_path / "restored", pg_url), tmp_path)


@pytest.mark.postgres
def test_a_postgresql_backup_restores_into_sqlite(tmp_path: Path, pg_url: str) -> None:
    check_round_trip(settings_for(tmp_path / "home", pg_url), settings_for(tmp_path / "restored"), tmp_path)


# What is in the file ------------------------------------------------------------------------------------
def small(settings: Settings) -> None:
    with Workspace.open(settings) as ws:
        ws.new_from_template("insurance", "en")


def test_the_file_holds_a_manifest_the_rows_the_warehouse_and_the_key(tmp_path: Path) -> None:
    settings = Settings.from_env()
    small(settings)
    (tmp_path / "log.csv").write_text(
        "customer,activity,time\nana,visit,2024-03-01 10:00\n", encoding="utf-8"
    )
    ingest_file(settings, tmp_path / "log.csv", dataset="web")
    key = secret_key(settings.home)
    made = backup(settings, tmp_path / "out" / "safar.tar.gz")
    assert made.file == tmp_path / "out" / "safar.tar.gz"
    assert stat.S_IMODE(made.file.stat().st_mode) == 0o600  # password hashes and the secret key
    assert list((tmp_path / "out").iterdir()) == [made.file]  # no staging left behind
    manifest = made.manifest
    created = datetime.fromisoformat(manifest.pop("created_at"))
    assert abs((datetime.now(UTC) - created).total_seconds()) < 60
    database = manifest["database"]
    assert [t for t in database["tables"] if t["rows"]] == [
        {"name": "workspaces", "rows": 1},
        {"name": "journey_maps", "rows": 1},
        {"name": "map_revisions", "rows": 1},
    ]
    assert len(database["tables"]) == TABLES_AT_HEAD
    assert {k: v for k, v in manifest.items() if k != "database"} == {
        "format": "safar-backup",
        "format_version": 1,
        "safar_version": __version__,
        "warehouse": {
            "engine": "duckdb",
            "tables": [
                {"name": "comment_labels", "rows": 0},
                {"name": "comments", "rows": 0},
                {"name": "customers", "rows": 1},
                {"name": "events", "rows": 1},
                {"name": "ingestions", "rows": 1},
                {"name": "rejected", "rows": 0},
                {"name": "responses", "rows": 0},
            ],
        },
        "home": ["secret_key"],
    }
    assert (database["dialect"], database["revision"]) == ("sqlite", HEAD)
    with tarfile.open(made.file) as archive:
        names = archive.getnames()
        assert json.load(archive.extractfile("manifest.json")) == {
            **manifest,
            "created_at": created.isoformat(),
        }  # type: ignore[arg-type]
        revision = json.loads(archive.extractfile("database/map_revisions.jsonl").read())  # type: ignore[union-attr]
        assert archive.extractfile("home/secret_key").read().decode() == key  # type: ignore[union-attr]
    assert names[0] == "manifest.json"
    assert sorted(n for n in names if n.startswith("database/")) == sorted(
        f"database/{t['name']}.jsonl" for t in database["tables"]
    )
    assert {"warehouse/schema.sql", "warehouse/load.sql", "warehouse/events.parquet"} <= set(names)
    assert revision["document"]["title"] == "Buying car insurance — current-state journey"
    assert revision["created_at"].endswith("+00:00")


def test_a_backup_file_is_not_overwritten_unless_asked(tmp_path: Path) -> None:
    settings = Settings.from_env()
    small(settings)
    file = tmp_path / "safar.tar.gz"
    file.write_text("keep me", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        backup(settings, file)
    assert (raised.value.code, raised.value.details) == ("backup.file_exists", {"file": str(file)})
    assert file.read_text(encoding="utf-8") == "keep me"
    assert backup(settings, file, overwrite=True).manifest["database"]["revision"] == HEAD


def test_an_installation_never_used_has_nothing_to_back_up(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        backup(Settings.from_env(), tmp_path / "safar.tar.gz")
    assert raised.value.code == "backup.nothing"
    assert not (tmp_path / "safar.tar.gz").exists()


@pytest.mark.parametrize(
    ("url", "code", "details"),
    [
        ("spark:local[1]?path=/data/spark", "backup.spark_warehouse", {"path": "/data/spark"}),
        ("postgres://warehouse.example/analytics", "backup.warehouse_url", {}),
    ],
)
def test_a_warehouse_that_is_not_duckdb_is_refused(
    tmp_path: Path, url: str, code: str, details: dict[str, str]
) -> None:
    settings = Settings.from_env({"SAFAR_HOME": str(tmp_path / "home"), "SAFAR_WAREHOUSE_URL": url})
    for action in (backup, restore):
        with pytest.raises(ConfigError) as raised:
            action(settings, tmp_path / "safar.tar.gz")
        assert (raised.value.code, raised.value.details) == (code, {"url": url, **details})


# Restoring refuses what it cannot do, before anything changes -----------------------------------------
@pytest.fixture
def made(tmp_path: Path) -> Path:
    """A backup of a small installation (one map), made from a home of its own."""
    source = settings_for(tmp_path / "source")
    small(source)
    secret_key(source.home)
    return backup(source, tmp_path / "small.tar.gz").file


def rewrite(
    file: Path, out: Path, change: Callable[[str, bytes], bytes | None], extra: dict[str, bytes] | None = None
) -> Path:
    """A copy of the backup ``file`` with its members changed by ``change`` (``None`` leaves one out)."""
    with tarfile.open(file) as old, tarfile.open(out, "w:gz") as new:
        members = [(m.name, old.extractfile(m).read()) for m in old.getmembers()]  # type: ignore[union-attr]
        for name, data in [*members, *(extra or {}).items()]:
            changed = change(name, data)
            if changed is not None:
                info = tarfile.TarInfo(name)
                info.size = len(changed)
                new.addfile(info, io.BytesIO(changed))
    return out


def with_manifest(**changes: Any) -> Callable[[str, bytes], bytes | None]:
    def change(name: str, data: bytes) -> bytes | None:
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        for key, value in changes.items():
            part, _, field = key.partition("__")
            if field:
                manifest[part][field] = value
            else:
                manifest[part] = value
        return json.dumps(manifest).encode()

    return change


def test_restore_refuses_to_replace_data_unless_forced(made: Path, tmp_path: Path) -> None:
    settings = Settings.from_env()
    with Workspace.open(settings) as ws:
        ws.new_from_template("ecommerce", "fa")
    (tmp_path / "log.csv").write_text(
        "customer,activity,time\nana,visit,2024-03-01 10:00\n", encoding="utf-8"
    )
    ingest_file(settings, tmp_path / "log.csv", dataset="web")
    before = table_rows(settings.database_url)
    with pytest.raises(ConflictError) as raised:
        restore(settings, made)
    assert raised.value.code == "backup.not_empty"
    assert raised.value.details == {
        "found": ["journey_maps", "map_revisions", "customers", "events", "ingestions"],
        "target": [settings.database_url, str(settings.warehouse_path)],
    }
    assert table_rows(settings.database_url) == before

    report = restore(settings, made, force=True)
    assert report.manifest["warehouse"] is None
    with Workspace.open(settings) as ws:
        assert [(m.id, m.title) for m in ws.list_maps()] == [
            (1, "Buying car insurance — current-state journey")
        ]
        assert ws.datasets() == []
    assert not settings.warehouse_path.exists()  # the backup had no warehouse: the old one is gone
    assert secret_key(settings.home) == (tmp_path / "source" / "secret_key").read_text()
    assert [p.name for p in settings.home.iterdir() if p.name.startswith(".")] == []


def test_an_empty_installation_or_a_lone_workspace_is_restored_into_without_force(made: Path) -> None:
    settings = Settings.from_env()
    Workspace.open(settings).close()  # any command makes the default workspace
    assert restore(settings, made).revision == HEAD


@pytest.mark.parametrize(
    ("change", "extra", "code", "details"),
    [
        (
            with_manifest(database__revision="0099", safar_version="9.0.0"),
            None,
            "backup.newer_schema",
            {"version": "9.0.0", "revision": "0099", "head": HEAD},
        ),
        (
            with_manifest(format_version=2, safar_version="9.0.0"),
            None,
            "backup.newer_format",
            {"found": 2, "known": 1, "version": "9.0.0"},
        ),
        (with_manifest(format="something-else"), None, "backup.no_manifest", {}),
        (with_manifest(home=["passwords"]), None, "backup.no_manifest", {}),
        (lambda n, d: None if n == "manifest.json" else d, None, "backup.no_manifest", {}),
        (
            lambda n, d: None if n == "database/map_revisions.jsonl" else d,
            None,
            "backup.missing_member",
            {"member": "database/map_revisions.jsonl"},
        ),
        (lambda n, d: d, {"../outside": b"x"}, "backup.unexpected_member", {"member": "../outside"}),
        (
            lambda n, d: d + d if n == "database/map_revisions.jsonl" else d,
            None,
            "backup.row_count",
            {"table": "map_revisions", "expected": 1, "found": 2},
        ),
        (
            lambda n, d: (
                d.replace(b'"slug"', b'"colour": "red", "slug"') if n.endswith("workspaces.jsonl") else d
            ),
            None,
            "backup.unknown_column",
            {"table": "workspaces", "line": 1, "column": "colour", "revision": HEAD},
        ),
        (
            lambda n, d: b"[1, 2]\n" if n.endswith("journey_maps.jsonl") else d,
            None,
            "backup.bad_row",
            {"table": "journey_maps", "line": 1, "problem": "list, not an object"},
        ),
        (
            with_manifest(database__tables=[{"name": "workspaces", "rows": 1}]),
            None,
            "backup.tables_differ",
            {"found": ["workspaces"], "revision": HEAD},
        ),
    ],
    ids=[
        "newer schema",
        "newer format",
        "other format",
        "bad manifest",
        "no manifest",
        "missing table",
        "escaping path",
        "row count",
        "unknown column",
        "bad row",
        "tables differ",
    ],
)
def test_a_backup_that_cannot_be_restored_is_refused_and_nothing_changes(
    made: Path,
    tmp_path: Path,
    change: Callable[[str, bytes], bytes | None],
    extra: dict[str, bytes] | None,
    code: str,
    details: dict[str, Any],
) -> None:
    broken = rewrite(made, tmp_path / "broken.tar.gz", change, extra)
    settings = Settings.from_env()
    with pytest.raises(InputError) as raised:
        restore(settings, broken)
    assert raised.value.code == code
    assert {k: v for k, v in raised.value.details.items() if k in details} == details
    assert raised.value.details["file"] == str(broken)
    assert [p.name for p in settings.home.iterdir()] == []  # no database, warehouse or leftovers


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path) -> None:
    for name, data in (("notes.tar.gz", b"just some text"), ("empty.tar.gz", b"")):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(InputError) as raised:
            restore(Settings.from_env(), tmp_path / name)
        assert raised.value.code == "backup.not_a_backup"
    with pytest.raises(InputError) as raised:
        restore(Settings.from_env(), tmp_path / "missing.tar.gz")
    assert (raised.value.code, raised.value.details) == (
        "backup.file_not_found",
        {"file": str(tmp_path / "missing.tar.gz")},
    )


# The commands -------------------------------------------------------------------------------------------
def cli() -> typer.Typer:
    """The two commands as the lead registers them on ``safar``, on a group that reports errors the same way."""
    app = typer.Typer(cls=SafarGroup)
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
    return app


def test_the_commands_back_up_and_restore(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    small(Settings.from_env())
    file = tmp_path / "safar.tar.gz"
    result = runner.invoke(cli(), ["backup", str(file)])
    size = round(file.stat().st_size / 1_000_000, 1)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        f"Backed up to {file} ({size} MB).",
        f"App database (sqlite, schema revision {HEAD}): 3 rows in {TABLES_AT_HEAD} tables.",
        "Warehouse: none yet.",
        "Files of the home folder: none (the secret key may come from SAFAR_SECRET_KEY).",
    ]

    result = runner.invoke(cli(), ["restore", str(file)])
    assert result.exit_code == 2
    assert result.stderr.startswith("This installation already holds data (journey_maps, map_revisions) in ")

    monkeypatch.setenv("SAFAR_HOME", str(tmp_path / "elsewhere"))
    result = runner.invoke(cli(), ["restore", str(file), "--json"])
    assert result.exit_code == 0
    shown = json.loads(result.stdout)
    assert {k: shown[k] for k in ("file", "dialect", "revision", "head")} == {
        "file": str(file),
        "dialect": "sqlite",
        "revision": HEAD,
        "head": HEAD,
    }
    monkeypatch.setenv("SAFAR_LANG", "fa")
    monkeypatch.setenv("SAFAR_HOME", str(tmp_path / "third"))
    result = runner.invoke(cli(), ["restore", str(file)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"{file} بازیابی شد؛ ساخته‌شده در ۱۴")  # a Jalali date in Persian digits
    assert lines[1:] == [
        f"پایگاه داده برنامه (sqlite، نسخه طرح {HEAD}): ۳ سطر در {to_persian_digits(str(TABLES_AT_HEAD))} جدول.",
        "انبار داده: هنوز ساخته نشده.",
        "فایل‌های پوشه خانه: هیچ (شاید کلید مخفی از متغیر محیطی SAFAR_SECRET_KEY می‌آید).",
    ]


# The messages -------------------------------------------------------------------------------------------
LABELS = ("backup.written", "backup.restored", "backup.part_")
FILES = [ROOT / "src" / "safar" / "backup.py", ROOT / "src" / "safar" / "cli" / "backup.py"]


@pytest.mark.parametrize("code", sorted(BACKUP_MESSAGES))
def test_every_message_has_both_languages_and_persian_words(code: str, catalogue: Any) -> None:
    entry = BACKUP_MESSAGES[code]
    assert set(entry) == {"fa", "en"}
    assert catalogue.placeholders(entry["fa"]) == catalogue.placeholders(entry["en"])
    # Persian text names no English words (file names, options and settings are not words) and no digits.
    bare = re.sub(r"\{\w+\}|\S*\.(json|tar\.gz)|\u200e?--\w+|SAFAR_\w+", "", entry["fa"])
    assert re.findall(r"[A-Za-z0-9]+", bare) == []


def test_every_error_raised_is_written_and_documented(catalogue: Any) -> None:
    raised = catalogue.raised_codes(FILES, "backup.")
    written = {code for code in BACKUP_MESSAGES if not code.startswith(LABELS)}
    assert sorted(raised ^ written) == []
    guide = (ROOT / "docs" / "backup.md").read_text(encoding="utf-8")
    assert [code for code in sorted(written) if f"`{code}`" not in guide] == []
    commands = FILES[1].read_text(encoding="utf-8")
    assert [c for c in sorted(BACKUP_MESSAGES) if c.startswith(LABELS) and f'"{c}"' not in commands] == []
