"""The installation's folder (``SAFAR_HOME``) is private to the account that runs Safar.

It holds the app database, the warehouse, the secret key that signs sessions and seals database-source
passwords, the demo's password and files sent through the web app: nobody else on the machine may read
them. So

- files and folders Safar creates are made private from the start: :func:`keep_private` sets the
  process's file-creation mask (``umask 077``: folders 0700, files 0600), at the start of the ``safar``
  command and of the server;
- an installation made before that (files 0644, the folder 0755) is mended on start
  (:func:`make_private`): the folder 0700 and Safar's own files and folders in it 0600 and 0700. Only
  Safar's own names are touched (a ``SAFAR_HOME`` that is a shared folder keeps everything else as it
  is), and a folder others may write in (``/tmp``: the sticky bit) is never narrowed;
- the spools that an ingestion killed midway left behind (``safar-stage-PID-…`` next to the warehouse,
  up to the size of the file) are removed on start when the process that made them is gone. A spool of
  Safar 0.x (no process id in its name) is removed once it is an hour old.

>>> import tempfile, stat
>>> home = Path(tempfile.mkdtemp()) / "home"
>>> done = make_private(home)
>>> oct(stat.S_IMODE(home.stat().st_mode))
'0o700'
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["OWN_NAMES", "Mended", "keep_private", "make_private", "spool_prefix"]

log = logging.getLogger("safar.home")

# What Safar writes in its folder (config.py, keys.py, demo.py, services/uploads.py, warehouse/spark.py),
# with the journals SQLite and DuckDB keep beside their files.
OWN_NAMES = re.compile(
    r"^(safar\.db(-journal|-wal|-shm)?|warehouse\.duckdb(\.wal|\.tmp)?|secret_key|demo_password|uploads|spark"
    r"|safar-stage-.*)$"
)
_SPOOL = re.compile(r"^safar-stage-(?:(\d+)-)?")
_LEGACY_SPOOL_AGE = 3600.0


@dataclass
class Mended:
    """What :func:`make_private` changed: paths made private, spools removed."""

    narrowed: list[Path] = field(default_factory=list)
    spools: list[Path] = field(default_factory=list)


def keep_private() -> None:
    """Files and folders this process creates from now on are its account's only (0600, 0700)."""
    os.umask(0o077)


def spool_prefix() -> str:
    """The name an ingestion's spool starts with: it says which process made it."""
    return f"safar-stage-{os.getpid()}-"


def make_private(home: Path) -> Mended:
    """Create ``home`` (0700) when missing; otherwise narrow it and Safar's own files in it, and remove the
    spools of ingestions whose process is gone (see the module's text)."""
    mended = Mended()
    if not home.exists():
        home.mkdir(parents=True, mode=0o700)
        home.chmod(0o700)  # mkdir's mode goes through the umask
        return mended
    mode = home.stat().st_mode
    if mode & stat.S_ISVTX:  # a folder everybody writes in: not ours to narrow
        log.warning(
            "SAFAR_HOME %s is a shared folder (sticky bit): its permissions are left as they are", home
        )
        return mended
    _narrow(home, 0o700, mended)
    for entry in home.iterdir():
        if not OWN_NAMES.match(entry.name):
            continue
        if _SPOOL.match(entry.name) and entry.is_dir() and _abandoned(entry):
            shutil.rmtree(entry, ignore_errors=True)
            mended.spools.append(entry)
            continue
        _narrow_tree(entry, mended)
    return mended


def _abandoned(spool: Path) -> bool:
    found = _SPOOL.match(spool.name)
    pid = found.group(1) if found else None
    if pid is None:
        return time.time() - spool.stat().st_mtime > _LEGACY_SPOOL_AGE
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # a live process of another account
        return False
    return False


def _narrow_tree(path: Path, mended: Mended) -> None:
    if path.is_symlink():
        return
    if path.is_dir():
        _narrow(path, 0o700, mended)
        for child in path.iterdir():
            _narrow_tree(child, mended)
    else:
        _narrow(path, 0o600, mended)


def _narrow(path: Path, mode: int, mended: Mended) -> None:
    current = stat.S_IMODE(path.stat().st_mode)
    if current & 0o077 and path.stat().st_uid == os.getuid():
        path.chmod(current & ~0o077 & 0o777 | (mode & 0o700))
        mended.narrowed.append(path)
