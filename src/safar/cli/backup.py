"""``safar backup FILE`` and ``safar restore FILE``: the whole installation in one file, and back.

A thin adapter over :mod:`safar.backup`, imported when a command runs so that the command's start
stays light: with ``--json`` only the JSON document on stdout, otherwise a few lines in the user's
language.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import typer

from safar.cli.output import console, print_json, t, use_json
from safar.config import Settings


def backup_command(
    file: Path = typer.Argument(..., help="The backup file to write, e.g. safar-backup.tar.gz."),
    force: bool = typer.Option(False, "--force", help="Replace FILE when it exists."),
    as_json: bool = typer.Option(False, "--json", help="Print what was backed up as JSON."),
) -> None:
    """Back up the app database, the warehouse and the secret key into one file."""
    from safar.backup import backup

    use_json(as_json)
    made = backup(Settings.from_env(), file, overwrite=force)
    if as_json:
        print_json(made.to_dict())
        return
    manifest = made.manifest
    _say("backup.written", file=str(made.file), size=round(made.size / 1_000_000, 1))
    _parts(manifest, manifest["database"]["dialect"])


def restore_command(
    file: Path = typer.Argument(..., help="The backup file to restore (made by `safar backup`)."),
    force: bool = typer.Option(
        False, "--force", help="Replace an installation that already holds data (all of it)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print what was restored as JSON."),
) -> None:
    """Restore a backup into this installation (SAFAR_HOME, SAFAR_DATABASE_URL) and upgrade it."""
    from safar.backup import restore
    from safar.i18n import current_lang, format_datetime

    use_json(as_json)
    done = restore(Settings.from_env(), file, force=force)
    if as_json:
        print_json(done.to_dict())
        return
    manifest = done.manifest
    created = format_datetime(datetime.fromisoformat(manifest["created_at"]), current_lang())
    _say("backup.restored", file=str(done.file), created=created, version=manifest["safar_version"])
    _parts(manifest, done.dialect)
    if done.revision != done.head:
        _say("backup.part_upgraded", revision=done.revision, head=done.head)


def _parts(manifest: dict[str, Any], dialect: str) -> None:
    database = manifest["database"]
    _say(
        "backup.part_database",
        dialect=dialect,
        revision=database["revision"],
        rows=sum(table["rows"] for table in database["tables"]),
        tables=len(database["tables"]),
    )
    warehouse = manifest["warehouse"]
    if warehouse is None:
        _say("backup.part_no_warehouse")
    else:
        rows = sum(table["rows"] for table in warehouse["tables"])
        _say("backup.part_warehouse", rows=rows, tables=len(warehouse["tables"]))
    if manifest["home"]:
        _say("backup.part_home", files=manifest["home"])
    else:
        _say("backup.part_no_home")


def _say(code: str, /, **params: Any) -> None:
    console.print(t(code, **params), markup=False, highlight=False)
