"""The one SQL step every format goes through: source rows → staged events or quarantine reasons.

A *source relation* has ``_row`` (1-based position in the file), the role columns
(any DuckDB type), extra columns (become attributes), and optionally ``_attrs``
(a ready attribute map) or ``_json`` (ready attributes as JSON object text), ``_raw`` (the row's original text) and ``_bad`` (a
reader-level reason such as ``row.bad_json``). Everything here is vectorised SQL:
Python only writes the statement.
"""

from __future__ import annotations

from collections.abc import Mapping

from safar.events.columns import KEPT_ROLES
from safar.events.dates import IN_RANGE, TimeReading, ambiguous_sql, normalized, time_sql
from safar.events.digits import MACROS as DIGIT_MACROS
from safar.events.letters import MACROS as LETTER_MACROS
from safar.events.letters import normalize_letters

STAGE_DDL = """CREATE OR REPLACE TEMP TABLE {name} (
    seq BIGINT, event_id VARCHAR, customer_id VARCHAR, activity VARCHAR, ts TIMESTAMP,
    channel VARCHAR, lifecycle VARCHAR, resource VARCHAR, attributes VARCHAR,
    reason VARCHAR, field VARCHAR, value VARCHAR, raw VARCHAR
)"""

_SPECIAL = ("_row", "_attrs", "_json", "_raw", "_bad")
# Python's str.isspace() set, spelled for RE2 (whose \s is ASCII-only).
_WS = r"[\t\n\x{0b}\f\r \x{1c}-\x{1f}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}]"
_ZWNJ = r"\x{200c}"

_NORM = (
    # Same result as safar.model.text.normalize_text (a property test checks it).
    f"""CREATE OR REPLACE TEMP MACRO safar_norm(s) AS CASE
        WHEN s IS NULL OR strlen(s) = length(s) THEN s  -- pure ASCII: nothing to normalise, and cheap to tell
        WHEN NOT regexp_matches(s, '[\u064a\u0649\u0643{_ZWNJ}]') THEN s
        ELSE regexp_replace(regexp_replace(regexp_replace(
               translate(s, '\u064a\u0649\u0643', '\u06cc\u06cc\u06a9'),
               '{_ZWNJ}{{2,}}', '\u200c', 'g'),
             '(^|{_WS}){_ZWNJ}', '\\1', 'g'),
           '{_ZWNJ}({_WS}|$)', '\\1', 'g')
    END""",
)
# The input-reading layer's macros, after safar_norm which they use; Stage installs dates' too.
MACROS = (*_NORM, *DIGIT_MACROS, *LETTER_MACROS)


def qi(name: str) -> str:
    """Quote an SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def ql(text: str) -> str:
    """Quote an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _typed_time(col: str, dtype: str, tz: str) -> str | None:
    """The time of a typed column (a timestamp or a date), ``None`` for a column read as text."""
    upper = dtype.upper()
    if upper.startswith("TIMESTAMP WITH TIME ZONE") or upper == "TIMESTAMPTZ":
        return f"CAST({col} AS TIMESTAMP)"
    if upper.startswith(("TIMESTAMP", "DATE")):
        naive = f"CAST({col} AS TIMESTAMP)"
        return naive if tz == "UTC" else f"CAST(timezone({ql(tz)}, {naive}) AS TIMESTAMP)"
    return None


_NATIVE_JSON = (
    "BOOLEAN",
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "FLOAT",
    "DOUBLE",
)


def _json_value(dtype: str, text: str) -> str:
    """The extra column's value for the attributes object: the source's own number or boolean, else text."""
    if dtype.upper() in _NATIVE_JSON:
        return f"s_{text}"
    return f"safar_value({text})" if dtype.upper() in ("VARCHAR", "BLOB") else text


def stage_select(
    source: str,
    types: Mapping[str, str],
    roles: Mapping[str, str],
    *,
    reading: TimeReading,
    calendar: str = "gregorian",
    encoding_label: str = "UTF-8",
    single_line: bool = False,
    keep_raw: bool = False,
) -> str:
    """The SELECT producing the stage table's columns from ``source`` (see module doc).

    Times are read by :mod:`safar.events.dates` in ``calendar`` (the column's, decided);
    ids get :func:`safar.events.letters.normalize_id`, activities, channels and attributes
    :func:`safar.events.letters.normalize_letters`, and attribute values written as numbers
    in Persian digits become ASCII numbers (:func:`safar.events.digits.number_text`).

    The ``reply_to`` and ``inbound`` roles' columns stay attributes too (:mod:`safar.events.threads` reads it there), and
    with it the activity may have no column (the threads give it); ``keep_raw`` keeps every row's original
    text, not only the rejected rows', for rows the threads may still reject.
    """
    columns = [c for c in types if c not in _SPECIAL]
    alias = {c: f"c{i}" for i, c in enumerate(columns)}
    blobs = [c for c in columns if types[c].upper() == "BLOB"]
    decoded = []
    for c in columns:
        if c in blobs:
            decoded.append(f"try(decode(s.{qi(c)})) AS {alias[c]}, s.{qi(c)} AS b_{alias[c]}")
        elif types[c].upper() == "VARCHAR":
            decoded.append(f"s.{qi(c)} AS {alias[c]}")
        else:
            decoded.append(f"CAST(s.{qi(c)} AS VARCHAR) AS {alias[c]}")
            if types[c].upper() in _NATIVE_JSON:
                decoded.append(f"s.{qi(c)} AS s_{alias[c]}")
    typed_time = roles["time"]
    extras = ["s._row AS _row"]
    extras.append(f"s.{qi(typed_time)} AS _time_typed" if typed_time not in blobs else "NULL AS _time_typed")
    for special in ("_attrs", "_json", "_raw", "_bad"):
        extras.append(f"s.{special}" if special in types else f"NULL AS {special}")

    time_type = "VARCHAR" if typed_time in blobs else types[typed_time]
    time_src = alias[typed_time] if typed_time in blobs else "_time_typed"

    def text(role: str) -> str:
        return alias[roles[role]] if role in roles else "NULL"

    def present(value: str) -> str:
        return f"({value} IS NOT NULL AND trim({value}) <> '')"

    role_cols = {roles[r] for r in roles if r not in KEPT_ROLES}
    extra_cols = [c for c in columns if c not in role_cols]
    # The attributes as one JSON object (see safar.warehouse.schema): far cheaper to write than a MAP.
    # Text columns give strings; numbers and booleans stay JSON numbers and booleans (no cast to
    # text per value); anything else (times, blobs…) is given as text. A missing value is a JSON null.
    obj = (
        f"json_object({', '.join(f'{ql(normalize_letters(c))}, {_json_value(types[c], alias[c])}' for c in extra_cols)})"
        if extra_cols
        else None
    )
    if "_json" in types:
        given = "CAST(_json AS JSON)"
    elif "_attrs" in types:
        given = "to_json(coalesce(_attrs, MAP {}))"
    else:
        given = None
    if given and obj:
        attrs = f"CAST(json_merge_patch({given}, {obj}) AS VARCHAR)"
    else:
        attrs = f"CAST({given or obj} AS VARCHAR)" if (given or obj) else "'{}'"
    pairs = [
        f"{ql(c)}, " + (f"coalesce({alias[c]}, CAST(b_{alias[c]} AS VARCHAR))" if c in blobs else alias[c])
        for c in columns
    ]
    if "_json" in types and "_raw" not in types:
        pairs.append("'attributes', CAST(_json AS JSON)")
    elif "_attrs" in types and "_raw" not in types:
        pairs.append("'attributes', _attrs")
    raw_json = f"CAST(json_object({', '.join(pairs)}) AS VARCHAR)"
    raw = f"coalesce(_raw, {raw_json})" if "_raw" in types else raw_json
    # Without an id column an event is identified by its content (safar.events.ingest): no id stored.
    event_id = (
        f"safar_id(CAST({alias[roles['id']]} AS VARCHAR))" if "id" in roles else "CAST(NULL AS VARCHAR)"
    )
    bad_enc = (
        "coalesce("
        + ", ".join(
            f"CASE WHEN b_{alias[c]} IS NOT NULL AND {alias[c]} IS NULL THEN {ql(c)} END" for c in blobs
        )
        + ")"
        if blobs
        else "NULL"
    )
    typed_ts = _typed_time(time_src, time_type, reading.tz)
    ts = typed_ts or time_sql("_tn", reading, calendar)
    ambiguous = "false" if typed_ts else ambiguous_sql("_tn", reading, calendar)
    tn = f", {normalized(f'CAST({time_src} AS VARCHAR)')} AS _tn" if typed_ts is None else ""
    typed = time_type.upper() != "VARCHAR"
    time_missing = "_time_typed IS NULL" if typed else f"NOT {present(alias[roles['time']])}"
    checks = [
        ("_bad IS NOT NULL", "_bad", "NULL"),
        ("_enc IS NOT NULL", "'row.bad_encoding'", "_enc"),
        (f"NOT {present('customer_id')}", "'row.missing_customer'", ql(roles["customer"])),
        (time_missing, "'row.missing_time'", ql(roles["time"])),
        # Only a value that read as no time can be ambiguous: the costly test runs on those rows alone.
        (f"ts IS NULL AND {ambiguous}", "'row.ambiguous_time'", ql(roles["time"])),
        (f"ts IS NULL OR NOT ts {IN_RANGE}", "'row.bad_time'", ql(roles["time"])),
    ]
    if "activity" in roles:
        checks.insert(3, (f"NOT {present('activity')}", "'row.missing_activity'", ql(roles["activity"])))
    if single_line:
        # In CSV a line break inside a customer/activity/time is an unmatched quote swallowing lines.
        for role, value in (
            ("customer", "customer_id"),
            ("activity", "activity"),
            ("time", alias[roles["time"]]),
        ):
            if role not in roles:
                continue
            checks.insert(1, (f"regexp_matches({value}, '[\\r\\n]')", "'row.broken_csv'", ql(roles[role])))
    if "id" in roles:
        checks.append((f"NOT {present(alias[roles['id']])}", "'row.missing_id'", ql(roles["id"])))

    def case(pick: int) -> str:
        return "CASE " + " ".join(f"WHEN {c[0]} THEN {c[pick]}" for c in checks) + " END"

    value = (
        f"CASE reason WHEN 'row.bad_time' THEN CAST({time_src} AS VARCHAR) "
        f"WHEN 'row.ambiguous_time' THEN CAST({time_src} AS VARCHAR) "
        f"WHEN 'row.bad_encoding' THEN {ql(encoding_label)} "
        "WHEN 'row.broken_csv' THEN 'a line break inside ' || field END"
    )
    return f"""
WITH d AS (SELECT {", ".join(extras + decoded)} FROM {source} s),
p AS (
  SELECT *, _row AS seq,
    safar_id({text("customer")}) AS customer_id,
    safar_letters({text("activity")}) AS activity,
    {ts} AS ts,
    safar_letters({text("channel")}) AS channel, {text("lifecycle")} AS lifecycle, {text("resource")} AS resource,
    {bad_enc} AS _enc
  FROM (SELECT *{tn} FROM d) d),
q AS (SELECT *, {case(1)} AS reason, {case(2)} AS field FROM p)
SELECT seq, CASE WHEN reason IS NULL THEN {event_id} END AS event_id,
  customer_id, activity, ts, channel, lifecycle, resource,
  CASE WHEN reason IS NULL THEN {attrs} END AS attributes,
  reason, field, CASE WHEN reason IS NOT NULL THEN {value} END AS value,
  {raw if keep_raw else f"CASE WHEN reason IS NOT NULL THEN {raw} END"} AS raw
FROM q"""
