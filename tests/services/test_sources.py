"""Database sources (issue 16, item 4) against the PostgreSQL and MariaDB servers of this machine: a pull loads
exactly what the same rows as a CSV file load (identity, duplicates, quarantine), a second pull loads nothing
twice, a wrong password is a clear error that never shows it, the stored URL is sealed, and the server's
schedule pulls a source when it is due."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sources_helpers import CSV, MYSQL_URL, PG_URL, Server
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from safar.accounts import Accounts, Actor
from safar.config import Settings
from safar.context import Context
from safar.errors import InputError
from safar.events.quarantine import rejected_rows
from safar.services import sources as svc
from safar.services.ingestion import ingest_events
from safar.warehouse import open_warehouse

ANA = Actor("ana", "cli")


def _context() -> Context:
    return Context.open(Settings.from_env(), lang="en")


def _add(ctx: Context, server: Server, **extra: object) -> svc.SourceOut:
    """The source of the server's table, its time column chosen (no name Safar guesses: a person maps it)."""
    new = svc.SourceIn.model_validate(
        {"kind": server.kind, "url": server.url, "query": server.query, "dataset": "crm", **extra}
    )
    made = svc.add_source(ctx, ANA, new)
    change = svc.SourceChange(columns={"time": "happened_at"}, every_minutes=made.every_minutes)
    return svc.change_source(ctx, ANA, made.id, change)


def _dataset(ctx: Context, name: str) -> tuple[int, int, dt.datetime | None, dt.datetime | None]:
    with open_warehouse(ctx.settings) as wh:
        found = next(d for d in wh.datasets() if d.name == name)
    return found.events, found.customers, found.first, found.last


def test_a_pull_loads_what_the_same_rows_in_a_file_load(server: Server, tmp_path: Path) -> None:
    with _context() as ctx:
        made = _add(ctx, server)
        first = svc.pull_source(ctx, made.id, actor=ANA)
        again = svc.pull_source(ctx, made.id, actor=ANA)
        (tmp_path / "crm.csv").write_text(CSV, encoding="utf-8")
        as_file = ingest_events(
            ctx.workspace,
            tmp_path / "crm.csv",
            dataset="crm-file",
            customer_col="customer_id",
            activity_col="activity",
            time_col="happened_at",
            channel_col="channel",
            tz="UTC",
        )
        listed = svc.list_sources(ctx).sources
        assert first is not None and again is not None
        counts = ("read", "loaded", "duplicates", "rejected")
        assert {k: first.report.summary()[k] for k in counts} == {
            "read": 4,
            "loaded": 3,
            "duplicates": 0,
            "rejected": 1,
        }
        assert first.report.summary() == as_file.report.summary()
        assert first.report.columns == as_file.report.columns
        assert _dataset(ctx, "crm") == _dataset(ctx, "crm-file")
        assert {k: again.report.summary()[k] for k in counts} == {
            "read": 4,
            "loaded": 0,
            "duplicates": 3,
            "rejected": 1,
        }
        assert [
            (s.id, s.last_pull.state, s.last_pull.loaded, s.last_pull.duplicates)
            for s in listed
            if s.last_pull
        ] == [(made.id, "done", 0, 3)]
        with open_warehouse(ctx.settings) as wh:
            rejected = [(r["source"], r["row_number"]) for r in rejected_rows(wh, "crm", "en")]
        assert rejected == [
            (f"{server.kind}:{made.where} #{made.id}", 4)
        ]  # replaced, not added, by the second pull
        actions = [(e.action, e.target) for e in Accounts(ctx.engine).audit()[0]]
        assert actions == [
            ("source.pull", "crm"),
            ("source.pull", "crm"),
            ("source.change", "crm"),
            ("source.create", "crm"),
        ]


def test_the_first_rows_and_the_proposed_columns(server: Server) -> None:
    with _context() as ctx:
        made = svc.add_source(
            ctx,
            ANA,
            svc.SourceIn(kind=server.kind, url=server.url, query=server.query, dataset="crm"),  # type: ignore[arg-type]
        )
        proposed = svc.source_screen(ctx, made.id).preview
        svc.change_source(ctx, ANA, made.id, svc.SourceChange(columns={"time": "happened_at", "channel": ""}))
        screen = svc.source_screen(ctx, made.id)
    assert proposed is not None and proposed.roles["time"] is None and proposed.roles["channel"] == "channel"
    assert screen.problem is None and screen.preview is not None
    assert screen.preview.columns == ["customer_id", "activity", "happened_at", "channel"]
    assert screen.preview.roles == {
        "customer": "customer_id",
        "activity": "activity",
        "time": "happened_at",
        "channel": None,
        "id": None,
        "reply_to": None,  # the thread roles: never proposed, a person chooses them (as on an upload)
        "inbound": None,
    }
    assert [row[1] for row in screen.preview.rows] == ["بازدید از سایت", "خرید", "تماس با پشتیبانی", "خرید"]
    assert screen.preview.times[0] == dt.datetime(2024, 3, 20, 5, 30, tzinfo=dt.UTC)


# A helpdesk's messages, each replying to another: c1's thread of four, c2's of three.
MESSAGES = [
    ("1", "c1", "2024-03-01 09:00:00", None),
    ("2", "agent_a", "2024-03-01 09:05:00", "1"),
    ("3", "c1", "2024-03-01 09:06:00", "2"),
    ("4", "agent_b", "2024-03-01 09:20:00", "3"),
    ("5", "c2", "2024-03-01 10:00:00", None),
    ("6", "agent_a", "2024-03-01 10:30:00", "5"),
    ("7", "agent_b", "2024-03-01 10:31:00", "5"),
]


def test_a_source_of_threaded_messages_loads_the_threads_a_file_of_them_loads(
    server: Server, tmp_path: Path
) -> None:
    """The reply-to role on a source's page, as on an upload's: the messages are filed under their thread's
    customer as requests and responses, exactly as the same rows in a CSV file are."""
    where = server.table.rsplit(".", 1)[0]
    admin = create_engine(PG_URL if server.kind == "postgres" else MYSQL_URL)
    with admin.begin() as conn:
        conn.execute(text(f"CREATE TABLE {where}.messages (msg VARCHAR(10), author VARCHAR(20), "
                          "sent VARCHAR(30), in_reply_to VARCHAR(10))"))  # fmt: skip
        for row in MESSAGES:
            conn.execute(
                text(f"INSERT INTO {where}.messages VALUES (:m, :a, :s, :r)"),
                dict(zip("masr", row, strict=True)),
            )
    admin.dispose()
    query = f"SELECT msg, author, sent, in_reply_to FROM {where}.messages ORDER BY msg"
    columns = {"customer": "author", "time": "sent", "id": "msg", "reply_to": "in_reply_to", "activity": ""}
    with _context() as ctx:
        new = svc.SourceIn.model_validate(
            {"kind": server.kind, "url": server.url, "query": query, "dataset": "chat"}
        )
        made = svc.add_source(ctx, ANA, new)
        svc.change_source(ctx, ANA, made.id, svc.SourceChange(columns=columns, tz="UTC"))
        pulled = svc.pull_source(ctx, made.id, actor=ANA)
        (tmp_path / "chat.csv").write_text(
            "msg,author,sent,in_reply_to\n" + "".join(f"{m},{a},{t},{r or ''}\n" for m, a, t, r in MESSAGES),
            encoding="utf-8",
        )
        as_file = ingest_events(
            ctx.workspace, tmp_path / "chat.csv", dataset="chat-file", customer_col="author",
            time_col="sent", id_col="msg", reply_to_col="in_reply_to", tz="UTC",
        )  # fmt: skip
        with open_warehouse(ctx.settings) as wh:
            stored = {
                name: sorted(
                    (r["event_id"], r["customer_id"], r["activity"])
                    for r in wh.events(name)
                    .select("event_id", "customer_id", "activity")
                    .to_pyarrow()
                    .to_pylist()
                )
                for name in ("chat", "chat-file")
            }
    assert pulled is not None and pulled.report.summary() == as_file.report.summary()
    assert pulled.report.columns == as_file.report.columns == {
        "customer": "author", "time": "sent", "id": "msg", "reply_to": "in_reply_to"
    }  # fmt: skip
    assert stored["chat"] == stored["chat-file"] == [
        ("1", "c1", "request"), ("2", "c1", "response"), ("3", "c1", "request"), ("4", "c1", "response"),
        ("5", "c2", "request"), ("6", "c2", "response"), ("7", "c2", "response"),
    ]  # fmt: skip


def test_a_wrong_password_is_a_clear_error_that_never_shows_it(server: Server) -> None:
    secret = "not-the-Password-42"
    with _context() as ctx:
        # MariaDB's root has no password (any is wrong); PostgreSQL trusts local users, so a user it lacks.
        user = "root" if server.kind == "mysql" else "no_such_reader"
        new = svc.SourceIn.model_validate(
            {"kind": server.kind, "url": server.url, "query": server.query, "dataset": "crm"}
        ).model_copy(update={"url": None})
        url = make_url(server.url)
        wrong = new.model_copy(
            update={
                "host": url.host,
                "port": url.port,
                "database": url.database,
                "user": user,
                "password": secret,
            }
        )
        with pytest.raises(InputError) as caught:
            svc.add_source(ctx, ANA, wrong)
        assert svc.list_sources(ctx).sources == []
    err = caught.value
    assert err.code == "source.failed"
    for lang in ("en", "fa"):
        message = err.message_for(lang)
        assert secret not in message and "***" in message
        assert ("Access denied" if server.kind == "mysql" else "no_such_reader") in message


def test_the_stored_url_is_sealed(server: Server) -> None:
    with _context() as ctx:
        with_password = (
            make_url(server.url).set(username="reader", password="Se3cret-pw").render_as_string(False)
        )
        made = _add(ctx, server, url=with_password, check=False)
        with create_engine(ctx.settings.database_url).connect() as conn:
            stored = conn.execute(text("SELECT sealed_url, shown FROM sources")).one()
    assert "Se3cret-pw" not in stored.sealed_url and "reader" not in stored.sealed_url
    assert stored.shown == made.shown and "Se3cret-pw" not in made.shown and "reader:***@" in made.shown


def test_the_schedule_pulls_a_due_source(server: Server) -> None:
    with _context() as ctx:
        made = _add(ctx, server, every_minutes=30)
        on_demand = _add(ctx, server, dataset="crm-2")
        now = dt.datetime.now(dt.UTC)
        assert svc.pull_due(ctx.engine, ctx.settings, now) == 1  # due since it was added; the other never is
        assert svc.pull_due(ctx.engine, ctx.settings, now) == 0
        later = svc.pull_due(ctx.engine, ctx.settings, now + dt.timedelta(minutes=31))
        pulled = svc.get_source(ctx, made.id)
        assert later == 1 and svc.get_source(ctx, on_demand.id).last_pull is None
    assert pulled.last_pull is not None and (pulled.last_pull.loaded, pulled.last_pull.duplicates) == (0, 3)
    assert pulled.next_pull_at == pulled.last_pull.at + dt.timedelta(minutes=30)


def test_the_commands_add_list_pull_and_remove(server: Server) -> None:
    from typer.testing import CliRunner

    from safar.cli.events import app

    runner = CliRunner()
    added = runner.invoke(
        app,
        [
            "source",
            "add",
            "--kind",
            server.kind,
            "--url",
            server.url,
            "--query",
            server.query,
            "--dataset",
            "crm",
            "--json",
        ],
    )
    assert added.exit_code == 0, added.output
    made = json.loads(added.stdout)
    with _context() as ctx:
        svc.change_source(ctx, ANA, made["id"], svc.SourceChange(columns={"time": "happened_at"}))
    pulled = runner.invoke(app, ["source", "pull", str(made["id"]), "--json"])
    assert pulled.exit_code == 0, pulled.output
    assert {k: json.loads(pulled.stdout)[k] for k in ("read", "loaded", "duplicates", "rejected")} == {
        "read": 4,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 1,
    }
    listed = runner.invoke(app, ["source", "list", "--json"])
    assert [(s["id"], s["last_pull"]["loaded"]) for s in json.loads(listed.stdout)] == [(made["id"], 3)]
    assert runner.invoke(app, ["source", "list"]).exit_code == 0
    removed = runner.invoke(app, ["source", "remove", str(made["id"])])
    assert (removed.exit_code, removed.stdout.strip()) == (0, f"Source {made['id']} removed.")
    missing = runner.invoke(app, ["source", "pull", str(made["id"])])
    assert missing.exit_code == 2
