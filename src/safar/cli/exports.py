"""The ``--out FILE`` of the drill-down commands (``map customers``, ``map respondents``, ``alerts rows``):
the file's format from its suffix, and what is said once the whole list is written."""

from __future__ import annotations

from pathlib import Path

import typer

from safar.cli.output import print_json, t
from safar.errors import InputError

FORMATS = ("csv", "xlsx")


def out_format(out: Path | None) -> str | None:
    """``csv`` or ``xlsx`` for an ``--out`` file (None without one); another suffix is refused."""
    if out is None:
        return None
    fmt = out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise InputError("customers.bad_format", format=out.suffix or out.name, allowed=list(FORMATS))
    return fmt


def write_out(out: Path, body: bytes, *, total: int, description: str, written: str, as_json: bool) -> None:
    """Write the exported list and say so: as JSON (file, total, which list) or with the ``written`` message."""
    out.write_bytes(body)
    if as_json:
        print_json({"file": str(out), "total": total, "description": description})
    else:
        typer.echo(t(written, n=total, file=str(out)))
