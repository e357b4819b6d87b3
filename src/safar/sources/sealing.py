"""A source's connection URL kept encrypted (Fernet: AES-128-CBC with an HMAC) under a key derived from the
installation's secret (:func:`safar.keys.installation_secret`) with HKDF-SHA256.

>>> sealed = seal("postgresql://reader:pw@db/crm", "the installation's secret")
>>> "reader:pw@db" in sealed, open_sealed(sealed, "the installation's secret")
(False, 'postgresql://reader:pw@db/crm')
>>> open_sealed(sealed, "another secret")
Traceback (most recent call last):
...
safar.errors.ConfigError: The connection of this database source cannot be opened: it was saved with another secret key (SAFAR_SECRET_KEY or SAFAR_HOME/secret_key changed). Remove the source and add it again.
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from safar.errors import ConfigError

_INFO = b"safar database source connection"


def _fernet(secret: str) -> Fernet:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(secret.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))


def seal(url: str, secret: str) -> str:
    """``url`` encrypted with ``secret``: text to store."""
    return _fernet(secret).encrypt(url.encode("utf-8")).decode("ascii")


def open_sealed(sealed: str, secret: str) -> str:
    """The URL ``sealed`` holds; a ``ConfigError`` when ``secret`` is not the one it was sealed with."""
    try:
        return _fernet(secret).decrypt(sealed.encode("ascii")).decode("utf-8")
    except (InvalidToken, ValueError):
        raise ConfigError("source.cannot_open") from None
