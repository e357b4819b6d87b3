"""The installation's secret: ``SAFAR_SECRET_KEY``, else a random key made once in ``SAFAR_HOME/secret_key``.

It signs the web app's sessions and seals what Safar keeps that must stay secret (a database source's
connection URL, :mod:`safar.sources.sealing`). A backup carries the file (:mod:`safar.backup`), so a restored
installation still opens what it sealed; an installation whose key changed must be given those again.

>>> import tempfile, pathlib
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> installation_secret(home) == installation_secret(home), installation_secret(home, "given")
(True, 'given')
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def installation_secret(home: Path, configured: str | None = None) -> str:
    """``configured`` (``SAFAR_SECRET_KEY``) when given, else the key kept in ``home`` (made on first use)."""
    if configured:
        return configured
    path = home / "secret_key"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it between the check and the open
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path.read_text().strip()
