"""Which source column plays which role (customer, activity, time, …).

Given names win; otherwise the first candidate present is chosen (exact name, then
ignoring case and Persian letter forms), following the XES conventions, their usual CSV
spellings and the Persian names Iranian CRM and call-centre exports use.

>>> resolve_columns(["case_id", "Activity", "timestamp", "amount"], path="x.csv")
{'customer': 'case_id', 'activity': 'Activity', 'time': 'timestamp'}
>>> resolve_columns(["كد مشتري", "فعالیت", "تاریخ", "کانال"], path="x.csv")
{'customer': 'كد مشتري', 'activity': 'فعالیت', 'time': 'تاریخ', 'channel': 'کانال'}
"""

from __future__ import annotations

from collections.abc import Sequence

from safar.errors import InputError
from safar.events.letters import normalize_letters
from safar.model.text import normalize_text

CANDIDATES: dict[str, tuple[str, ...]] = {
    "customer": (
        "case:concept:name",
        "case_id",
        "case",
        "customer_id",
        "customer",
        "کد مشتری",
        "شناسه مشتری",
        "شماره مشتری",
        "مشتری",
    ),
    "activity": ("concept:name", "activity", "event", "فعالیت", "رویداد"),
    "time": ("time:timestamp", "timestamp", "time", "زمان", "تاریخ", "تاریخ و زمان"),
    "channel": ("channel", "case:channel", "کانال"),
    "lifecycle": ("lifecycle:transition", "lifecycle"),
    "resource": ("org:resource", "resource"),
    "id": (),
    "reply_to": (),  # only when named: reading threads changes whose events the messages are
    "inbound": (),  # with reply_to: whether a message came from the customer (true) or the company
}
# The roles whose columns stay attributes too (safar.events.threads reads them there).
KEPT_ROLES = ("reply_to", "inbound")
REQUIRED = ("customer", "activity", "time")
OPTIONS = {
    "customer": "--customer-col",
    "activity": "--activity-col",
    "time": "--time-col",
    "channel": "--channel-col",
    "id": "--id-col",
    "reply_to": "--reply-to-col",
    "inbound": "--inbound-col",
}


def resolve_columns(
    present: Sequence[str], *, path: str, given: dict[str, str | None] | None = None
) -> dict[str, str]:
    """Map each role to a column of ``present``; required roles must be found, optional ones may not.

    With a ``reply_to`` column the activity is not required: conversation threads give it
    (:mod:`safar.events.threads`) when the file has no activity column.
    """
    given = given or {}
    required = REQUIRED if not given.get("reply_to") else tuple(r for r in REQUIRED if r != "activity")
    chosen: dict[str, str] = {}
    lowered = {_folded(name): name for name in reversed(present)}

    def missing(role: str, candidates: Sequence[str]) -> InputError:
        return InputError(
            "events.no_column",
            path=path,
            role=role,
            candidates=list(candidates),
            columns=list(present),
            option=OPTIONS[role],
        )

    for role, candidates in CANDIDATES.items():
        name = given.get(role)
        if name == "":  # the user said this file has no such column: for a role it must have, an error
            if role in required:
                raise missing(role, candidates)
            continue
        if name is not None:
            if name not in present:
                # Persian typed on a Persian keyboard should find a header written with Arabic letters.
                name = next((c for c in present if normalize_text(c) == normalize_text(name)), name)
            if name not in present:
                raise InputError(
                    "events.column_not_found", path=path, column=name, role=role, columns=list(present)
                )
            chosen[role] = name
            continue
        found = _candidate(candidates, present, lowered)
        if found is not None and found not in chosen.values():
            chosen[role] = found
        elif role in required:
            raise missing(role, candidates)
    return chosen


def propose_columns(present: Sequence[str]) -> dict[str, str | None]:
    """The column each event role would take if none were named (``None``: not found), for a person to
    confirm or change before an import; nothing is refused here.

    >>> propose_columns(["شماره مشتری", "رویداد", "تاریخ", "مبلغ"])["time"]
    'تاریخ'
    """
    lowered = {_folded(name): name for name in reversed(present)}
    chosen: dict[str, str | None] = {}
    for role, candidates in CANDIDATES.items():
        found = _candidate(candidates, present, lowered)
        chosen[role] = found if found not in chosen.values() else None
    return chosen


def _candidate(candidates: Sequence[str], present: Sequence[str], lowered: dict[str, str]) -> str | None:
    found = next((c for c in candidates if c in present), None)
    return found or next((lowered[_folded(c)] for c in candidates if _folded(c) in lowered), None)


def _folded(name: str) -> str:
    """A header as compared with the candidates: case, Arabic/Persian letter forms, ZWNJ and spacing folded."""
    return " ".join(normalize_letters(name).replace("\u200c", " ").split()).casefold()


def find_column(name: str, present: Sequence[str]) -> str | None:
    """The column of ``present`` a user means by ``name``: the same name, else the same once case and
    Persian letter forms are folded (a header saved with Arabic ك/ي, typed on a Persian keyboard).

    >>> find_column("کد مشتری", ["كد مشتري", "زمان"])
    'كد مشتري'
    """
    if name in present:
        return name
    return next((c for c in present if _folded(c) == _folded(name)), None)


# The roles of a comments file and of a survey-answers file: found as an event file's are, with the names
# feedback exports use, in English and Persian.
TEXT_CANDIDATES = (
    "text",
    "comment",
    "comments",
    "feedback",
    "message",
    "متن",
    "نظر",
    "متن نظر",
    "پیام",
    "توضیحات",
)
TOUCHPOINT_CANDIDATES = ("touchpoint", "touchpoint_id", "نقطه تماس", "نقطه‌ی تماس")
COMMENT_ROLES: dict[str, tuple[str, ...]] = {
    "text": TEXT_CANDIDATES,
    "touchpoint": TOUCHPOINT_CANDIDATES,
    "customer": CANDIDATES["customer"],
    "time": CANDIDATES["time"],
    "channel": CANDIDATES["channel"],
}
RESPONSE_ROLES: dict[str, tuple[str, ...]] = {
    "response": ("response_id", "response", "شناسه پاسخ", "کد پاسخ", "شماره پاسخ"),
    "customer": CANDIDATES["customer"],
    "time": CANDIDATES["time"],
    "channel": CANDIDATES["channel"],
    "lang": ("lang", "language", "زبان"),
}


def pick_columns(
    present: Sequence[str],
    roles: dict[str, tuple[str, ...]],
    *,
    given: dict[str, str | None],
    source: str,
    required: dict[str, str] | None = None,
    taken: Sequence[str] = (),
    absent: Sequence[str] = (),
) -> dict[str, str]:
    """Role → column of ``present`` for a comments or answers file: a given name (found as
    :func:`find_column` finds it) or else the first candidate present that no other role or ``taken``
    (the columns answering questions) already has. ``required`` names each role that must be found and
    the option that names it; the roles in ``absent`` are not looked for (the person said the file has none).

    >>> pick_columns(["شماره مشتری", "نظر", "زمان"], COMMENT_ROLES, given={}, source="x.csv")
    {'text': 'نظر', 'customer': 'شماره مشتری', 'time': 'زمان'}
    """
    required = required or {}
    used = set(taken)
    chosen: dict[str, str] = {}
    for role, name in given.items():
        if name is None:
            continue
        found = find_column(name, present)
        if found is None:
            raise InputError("feedback.no_column", column=name, columns=list(present), source=source)
        chosen[role] = found
        used.add(found)
    for role, candidates in roles.items():
        if role in chosen or role in absent:
            continue
        found = next(
            (c for name in candidates if (c := find_column(name, present)) is not None and c not in used),
            None,
        )
        if found is not None:
            chosen[role] = found
            used.add(found)
        elif role in required:
            raise InputError(
                "events.no_column",
                path=source,
                role=role,
                candidates=list(candidates),
                columns=list(present),
                option=required[role],
            )
    return {role: chosen[role] for role in roles if role in chosen}
