"""The connection URL of a database source, made from a URL or from its parts, and shown without its password.

>>> found = source_url("postgres", url="postgres://reader:s3cret@db.example:5433/crm")
>>> found.kind, found.shown, found.where
('postgres', 'postgresql+psycopg://reader:***@db.example:5433/crm', 'db.example/crm')
>>> source_url("mysql", host="127.0.0.1", database="shop", user="ro", password="p@ss").url
'mysql+pymysql://ro:p%40ss@127.0.0.1/shop?charset=utf8mb4'
>>> try:
...     source_url("mysql", host="db\x80", database="shop")
... except InputError as refused:
...     refused.code
'source.bad_host'
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from safar.errors import InputError

KINDS = ("postgres", "mysql")
# The driver of each kind (psycopg is the app database's; PyMySQL is pure Python, so nothing to compile).
DRIVERS = {"postgres": "postgresql+psycopg", "mysql": "mysql+pymysql"}
_SCHEMES = {
    "postgres": "postgres",
    "postgresql": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
}


@dataclass(frozen=True)
class SourceUrl:
    kind: str
    url: str  # with its password: only ever stored sealed (safar.sources.sealing)
    shown: str  # the same with the password as ***
    host: str
    database: str
    password: str

    @property
    def where(self) -> str:
        """The server and database, as a source's name says them."""
        return f"{self.host}/{self.database}"


def source_url(
    kind: str,
    *,
    url: str | None = None,
    host: str | None = None,
    port: int | None = None,
    database: str | None = None,
    user: str | None = None,
    password: str | None = None,
) -> SourceUrl:
    """The connection of a ``kind`` source (``postgres`` or ``mysql``, MariaDB included): ``url``, or the parts.

    A URL's own scheme (``postgresql://``, ``mysql://``, ``mariadb://``, with or without a driver) must be
    of ``kind``; Safar picks the driver.
    """
    if kind not in KINDS:
        raise InputError("source.bad_kind", kind=kind, allowed=list(KINDS))
    if url:
        try:
            parsed = make_url(url.strip())
        except ArgumentError:
            raise InputError("source.bad_url", kind=kind) from None
        scheme = _SCHEMES.get(parsed.drivername.split("+")[0])
        if scheme != kind:
            raise InputError("source.url_kind", kind=kind, scheme=parsed.drivername.split("+")[0])
        parsed = parsed.set(drivername=DRIVERS[kind])
    else:
        parsed = URL.create(
            DRIVERS[kind],
            username=user or None,
            password=password or None,
            host=(host or "").strip() or None,
            port=port,
            database=(database or "").strip() or None,
        )
    if not parsed.host or not parsed.database:
        raise InputError("source.incomplete", missing="host" if not parsed.host else "database")
    try:  # a name the network can look up: letters of any script become punycode, control characters cannot
        str(parsed.host).encode("idna")
    except UnicodeError:
        raise InputError("source.bad_host", host=str(parsed.host)[:80]) from None
    if kind == "mysql" and "charset" not in parsed.query:
        parsed = parsed.update_query_dict(
            {"charset": "utf8mb4"}
        )  # Persian text, whatever the server's default
    return SourceUrl(
        kind=kind,
        url=parsed.render_as_string(hide_password=False),
        shown=parsed.render_as_string(hide_password=True),
        host=str(parsed.host),
        database=str(parsed.database),
        password=parsed.password or "",
    )
