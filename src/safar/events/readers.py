"""Readers for CSV, JSON Lines, Parquet and Excel: stream the file into the stage.

CSV and JSON Lines are parsed by Arrow in blocks (memory stays flat with file
size), Parquet is scanned by DuckDB directly. Text columns travel as bytes so that
one row with broken bytes is quarantined instead of failing the file.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from safar.errors import InputError
from safar.events.columns import resolve_columns
from safar.events.sheets import read_sheet
from safar.events.sniff import (
    check_encoding,
    check_width,
    label,
    open_bytes,
    read_sample,
    sniff_delimiter,
    sniff_encoding,
    split_rows,
)
from safar.events.stage import Stage
from safar.events.transform import qi, ql

BLOCK = 1 << 22


def _with_rows(batch: pa.RecordBatch, rows: np.ndarray) -> pa.Table:
    table = pa.Table.from_batches([batch])
    return table.append_column("_row", pa.array(rows, pa.int64()))


def load_csv(
    stage: Stage,
    path: str,
    *,
    given: dict[str, str | None],
    delimiter: str | None,
    encoding: str | None,
) -> dict[str, str]:
    sample = read_sample(path)
    encoding = check_encoding(encoding) if encoding else sniff_encoding(sample)
    native = encoding in ("utf-8", "utf-8-sig", "utf8")
    text = sample.decode("utf-8" if native else encoding, errors="replace").lstrip("\ufeff")
    if not text.strip():
        raise InputError("events.empty_file", path=path)
    delimiter = delimiter or sniff_delimiter(text)
    header = check_width(split_rows([text.splitlines()[0]], delimiter, path)[0], path)
    roles = resolve_columns(header, path=path, given=given)
    stage.roles = roles
    stage.encoding_label = label(encoding)
    stage.single_line = True
    invalid: list[tuple[int | None, str, int, int]] = []

    def on_invalid(row: Any) -> str:
        invalid.append((row.number, row.text, row.expected_columns, row.actual_columns))
        return "skip"

    kind = pa.binary() if native else pa.string()
    raw, handle = open_bytes(path)  # gunzipped when it is gzip; the file's position feeds the progress bar
    try:
        reader = _opened(
            handle,
            path,
            read_options=pacsv.ReadOptions(
                block_size=BLOCK, use_threads=False, encoding="utf8" if native else encoding
            ),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(
                column_types={name: kind for name in header},
                strings_can_be_null=True,
                quoted_strings_can_be_null=False,
                null_values=[""],
            ),
        )
        next_row = 1
        for batch in _batches(reader, path):
            bad = [(n - 1 if n is not None else None, t, e, a) for n, t, e, a in invalid]
            invalid.clear()
            span = np.arange(next_row, next_row + batch.num_rows + len(bad), dtype=np.int64)
            bad_rows = np.array([b[0] for b in bad if b[0] is not None], dtype=np.int64)
            rows = np.setdiff1d(span, bad_rows, assume_unique=True)[: batch.num_rows]
            next_row += batch.num_rows + len(bad)
            stage.add_rejects(
                [(n or 0, "row.broken_csv", None, f"expected {e} fields, found {a}", t) for n, t, e, a in bad]
            )
            stage.add_batch(_with_rows(batch, rows))
            stage.tick(raw.tell())
        stage.add_rejects(
            [
                (n - 1 if n else 0, "row.broken_csv", None, f"expected {e} fields, found {a}", t)
                for n, t, e, a in invalid
            ]
        )
    finally:
        handle.close()
        raw.close()
    return roles


def _opened(handle: Any, path: str, **options: Any) -> pacsv.CSVStreamingReader:
    """Arrow's streaming CSV reader (which reads the first block at once), its refusals said as Safar's."""
    try:
        return pacsv.open_csv(handle, **options)
    except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
        raise _unreadable(exc, path) from None


def _unreadable(exc: Exception, path: str) -> InputError:
    if "straddl" in str(exc):  # one row longer than a whole block: an unclosed quote, or not events
        return InputError("events.row_too_long", path=path, limit_kb=BLOCK // 1024)
    return InputError("events.unreadable", path=path, format="CSV", detail=str(exc)[:300])


def _batches(reader: pacsv.CSVStreamingReader, path: str) -> Any:
    while True:
        try:
            batch = reader.read_next_batch()
        except StopIteration:
            return
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise _unreadable(exc, path) from None
        yield batch


def load_jsonl(stage: Stage, path: str, *, given: dict[str, str | None]) -> dict[str, str]:
    """Each non-blank line is a JSON object; other lines are quarantined as ``row.bad_json``."""
    if read_sample(path).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"["):
        raise InputError(
            "events.unreadable",
            path=path,
            format="JSON Lines",
            detail="it is one JSON array, not one object per line",
        )
    raw, handle = open_bytes(path)  # gunzipped when it is gzip
    con = stage.con
    try:
        reader = pacsv.open_csv(
            handle,
            read_options=pacsv.ReadOptions(block_size=BLOCK, use_threads=False, column_names=["line"]),
            parse_options=pacsv.ParseOptions(
                delimiter="\x1e",
                quote_char=False,
                escape_char=False,
                ignore_empty_lines=False,
                invalid_row_handler=lambda row: "skip",
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={"line": pa.binary()}, strings_can_be_null=False
            ),
        )
        next_row = 1
        roles: dict[str, str] | None = None
        for batch in _batches(reader, path):
            rows = np.arange(next_row, next_row + batch.num_rows, dtype=np.int64)
            next_row += batch.num_rows
            con.register("safar_lines", _with_rows(batch, rows))
            con.execute(
                """CREATE OR REPLACE TEMP VIEW safar_json AS
                SELECT _row, t, CASE WHEN t IS NOT NULL AND json_valid(t) AND json_type(t) = 'OBJECT'
                                THEN CAST(CAST(t AS JSON) AS MAP(VARCHAR, JSON)) END AS jm
                FROM (SELECT _row, try(decode(line)) AS t, line FROM safar_lines)
                WHERE t IS NULL OR trim(t) <> ''"""
            )
            if roles is None:
                keys = [
                    r[0]
                    for r in con.execute(
                        "SELECT k FROM (SELECT unnest(map_keys(jm)) AS k, _row FROM safar_json) "
                        "GROUP BY k ORDER BY min(_row), k"
                    ).fetchall()
                ]
                roles = resolve_columns(keys, path=path, given=given)
                stage.roles = roles
            picks = ", ".join(
                f"json_extract_string(map_extract_value(jm, {ql(c)}), '$') AS {qi(c)}" for c in roles.values()
            )
            skip = ", ".join(ql(c) for c in roles.values())
            # A direct stage scans its source twice: parse the JSON once.
            kind = "TABLE" if stage.direct else "VIEW"
            con.execute(
                f"""CREATE OR REPLACE TEMP {kind} safar_jsrc AS
                SELECT _row, coalesce(t, '(not UTF-8)') AS _raw,
                  CASE WHEN jm IS NULL THEN 'row.bad_json' END AS _bad, {picks},
                  map_from_entries(list_transform(
                    list_filter(map_entries(jm), lambda e: e.key NOT IN ({skip}) AND json_type(e.value) <> 'NULL'),
                    lambda e: struct_pack(k := safar_letters(e.key),
                      v := safar_number(safar_letters(json_extract_string(e.value, '$')))))) AS _attrs
                FROM safar_json"""
            )
            types = {
                "_row": "BIGINT",
                "_raw": "VARCHAR",
                "_bad": "VARCHAR",
                "_attrs": "MAP(VARCHAR, VARCHAR)",
            }
            types.update({c: "VARCHAR" for c in roles.values()})
            stage.add_relation("safar_jsrc", types)
            con.execute(f"DROP {kind} safar_jsrc")
            con.unregister("safar_lines")
            stage.tick(raw.tell())
    finally:
        handle.close()
        raw.close()
    if roles is None:
        raise InputError("events.empty_file", path=path)
    return roles


def load_parquet(stage: Stage, path: str, *, given: dict[str, str | None]) -> dict[str, str]:
    """DuckDB scans the Parquet file in parallel; ``file_row_number`` gives each row its position."""
    con = stage.con
    try:
        con.execute(
            f"""CREATE OR REPLACE TEMP VIEW safar_psrc AS
            SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS _row
            FROM read_parquet({ql(path)}, file_row_number = true)"""
        )
        types = {row[0]: row[1] for row in con.execute("DESCRIBE safar_psrc").fetchall()}
    except Exception as exc:  # duckdb raises several kinds for a broken file
        raise InputError("events.unreadable", path=path, format="Parquet", detail=str(exc)[:300]) from None
    roles = resolve_columns([c for c in types if c != "_row"], path=path, given=given)
    stage.roles = roles
    stage.add_relation("safar_psrc", types)
    stage.tick(stage.total or 0)
    return roles


def load_excel(stage: Stage, path: str, *, given: dict[str, str | None], sheet: str | None) -> dict[str, str]:
    """The first sheet (or ``sheet``) of an Excel workbook, every cell as the text Excel shows."""
    frame = read_sheet(path, sheet)
    if not len(frame.columns):
        raise InputError("events.empty_file", path=path)
    roles = resolve_columns(list(frame.columns), path=path, given=given)
    stage.roles = roles
    stage.encoding_label = "xlsx"
    table = pa.table({name: pa.array(frame[name].tolist(), pa.string()) for name in frame.columns})
    stage.add_batch(table.append_column("_row", pa.array(np.arange(1, len(frame) + 1), pa.int64())))
    stage.tick(stage.total or 0)
    return roles
