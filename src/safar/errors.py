"""One error hierarchy for Safar.

Every error carries a stable ``code`` (for programs), a ``message`` in the
user's language (for people) and ``details`` (for both: the file, row, field,
bad value and what is allowed). Each edge — CLI, web, API — turns a
:class:`SafarError` into its own shape exactly once.

>>> err = NotFoundError("map.not_found", map_id=7)
>>> err.code, err.details
('map.not_found', {'map_id': 7})
>>> "7" in err.message_for("en")
True
"""

from __future__ import annotations

from typing import Any

from safar.i18n import translate
from safar.i18n.catalogue import MESSAGES


class SafarError(Exception):
    """Base of every error Safar reports to a user."""

    exit_code = 2
    http_status = 400

    def __init__(self, code: str, /, **details: Any) -> None:
        self.code = code
        self.details = details
        super().__init__(self.message_for("en"))

    def message_for(self, lang: str) -> str:
        details = dict(self.details)
        role = details.get("role")  # a column's role ("customer", "time", …) reads in the reader's language
        if isinstance(role, str) and f"column_role.{role}" in MESSAGES:
            details["role"] = translate(f"column_role.{role}", lang)
        return translate(self.code, lang, **details)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"code": self.code, "message": self.message_for(lang), "details": _jsonable(self.details)}

    def renamed(self, path: str, name: str) -> SafarError:
        """The same error with the file ``path`` called ``name`` wherever its details say it: an uploaded
        file is read from a temporary path the person who sent it never saw.

        >>> InputError("file.not_found", source="/tmp/x1/upload.csv").renamed("/tmp/x1/upload.csv", "a.csv").details
        {'source': 'a.csv'}
        """
        error = type(self)(self.code, **{k: _renamed(v, path, name) for k, v in self.details.items()})
        error.__cause__ = self.__cause__
        return error


class InputError(SafarError):
    """A file or value given by the user cannot be read or used."""


class ValidationError(SafarError):
    """A document was read but breaks the rules; ``details['errors']`` lists every problem."""

    http_status = 422


class TooManyError(SafarError):
    """Too many attempts or requests for now: wait (wrong passwords, a survey's answers from one address)."""

    http_status = 429


class TooLargeError(SafarError):
    """A request body over what its route takes (``safar.web.limits``)."""

    http_status = 413


class TooSlowError(SafarError):
    """A request body that stalled or trickled (``safar.web.slow_body``)."""

    http_status = 408


class NotFoundError(SafarError):
    http_status = 404


class ConflictError(SafarError):
    """A save was based on a revision that is no longer the latest."""

    http_status = 409


class WarehouseLockedError(ConflictError):
    """The warehouse is held by another program (``warehouse.locked``, naming its file and process)."""


class ConfigError(SafarError):
    """Safar's own set-up (home folder, database URL) is wrong."""


def _renamed(value: Any, path: str, name: str) -> Any:
    if isinstance(value, str):
        return value.replace(path, name)
    if isinstance(value, list | tuple):
        return type(value)(_renamed(v, path, name) for v in value)
    if isinstance(value, dict):
        return {k: _renamed(v, path, name) for k, v in value.items()}
    return value


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)
