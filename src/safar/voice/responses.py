"""Survey responses in the warehouse: from the public page, imported from CSV/Excel, exported again.

One row per answer in the ``responses`` table. A touchpoint question's row carries the touchpoint's
stage and, unless the response says otherwise, its channel. Open-text answers are also scored for
sentiment and kept in ``comments`` (dataset ``survey-<id>``), beside comments from files.

Import rules are those of event ingestion: every row is loaded, a duplicate, or rejected with its row
number, field and reason into ``rejected`` (dataset ``survey-<id>``); nothing is dropped or guessed.
A file's columns are matched to questions by the question id (``<id>_expected`` for a gap question's
expectation) unless ``columns`` maps them; the response id, customer, time, channel and language columns
are named or found by their usual names (:data:`safar.events.columns.RESPONSE_ROLES`: «شناسه پاسخ»,
«کد مشتری», «زمان», «کانال», …). A response id column makes re-imports idempotent (else a row is
identified by its content); any other column is kept as a response attribute (a segment).
The same code stores them on DuckDB and on Spark (:mod:`safar.voice.loading`); reading is Ibis.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from safar.errors import InputError
from safar.events.columns import RESPONSE_ROLES, pick_columns
from safar.events.dates import TimeReading, read_times
from safar.events.digits import number_text
from safar.events.letters import normalize_id, normalize_letters
from safar.events.quarantine import neutralise_formulas
from safar.i18n import current_lang, translate
from safar.model import JourneyMap
from safar.model.survey import QuestionKind, Survey
from safar.voice.answers import EXPECTED_SUFFIX, Answer, read_answers
from safar.voice.feedback import zone_of
from safar.voice.loading import Rejection, VoiceLoad, check_writable, open_load
from safar.voice.sentiment import score
from safar.voice.tables import EXCEL, read_table
from safar.warehouse import Warehouse

FUTURE_SLACK = timedelta(days=1)


def dataset_of(survey_id: int) -> str:
    """The name a survey's quarantine and comments go under."""
    return f"survey-{survey_id}"


@dataclass(frozen=True)
class ImportReport:
    read: int
    loaded: int
    duplicates: int
    rejected: int
    answers: int
    dataset: str
    reading: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    columns: dict[str, str] = dataclasses.field(default_factory=dict, compare=False, repr=False)

    def to_dict(self) -> dict[str, Any]:
        counts = {k: v for k, v in self.__dict__.items() if k not in ("reading", "columns")}
        return {**counts, "quarantine": "rejected"}

    def described(self) -> dict[str, Any]:
        """The counts, and how the file was read: which column took which role (questions answer in
        the columns named by their ids), its encoding, calendar and time zone (what ``--json`` prints)."""
        return {**self.to_dict(), "columns": self.columns, "reading": self.reading}


@dataclass(frozen=True)
class Response:
    """One respondent's answers and what is known of them."""

    response_id: str
    answers: list[Answer]
    when: datetime
    customer_id: str | None = None
    channel: str | None = None
    lang: str | None = None
    row_number: int | None = None
    attributes: Mapping[str, str] | None = None


def answer_rows(
    survey_id: int, map_id: int, journey: JourneyMap, response: Response, source: str
) -> list[dict[str, Any]]:
    """The warehouse rows of one response (``ts`` naive UTC)."""
    where: dict[str, tuple[str | None, str | None]] = {}
    for stage in journey.stages:
        for tp in stage.touchpoints:
            where[tp.id] = (stage.id, tp.channel)
    when = response.when.astimezone(UTC).replace(tzinfo=None) if response.when.tzinfo else response.when
    rows = []
    for a in response.answers:
        q = a.question
        stage_id, channel = where.get(q.touchpoint or "", (q.stage, None))
        rows.append(
            {
                "survey_id": survey_id,
                "map_id": map_id,
                "response_id": response.response_id,
                "question_id": q.id,
                "kind": q.kind.value,
                "touchpoint_id": q.touchpoint,
                "stage_id": stage_id,
                "customer_id": response.customer_id,
                "channel": response.channel or channel,
                "ts": when,
                "value": a.value,
                "expected": a.expected,
                "choice": a.choice,
                "text": a.text,
                "lang": response.lang,
                "source": source,
                "row_number": response.row_number,
                "attributes": dict(response.attributes or {}),
            }
        )
    return rows


def live_response_rows(
    survey_id: int,
    map_id: int,
    journey: JourneyMap,
    answers: list[Answer],
    *,
    customer_id: str | None,
    channel: str | None,
    lang: str | None,
    when: datetime,
    source: str,
    attributes: Mapping[str, str] | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """A response given live: its new id and its warehouse rows."""
    response_id = f"{source}:" + secrets.token_hex(10)
    response = Response(response_id, answers, when, customer_id, channel, lang, attributes=attributes)
    return response_id, answer_rows(survey_id, map_id, journey, response, source)


def write_rows(warehouse: Warehouse, survey_id: int, rows: list[dict[str, Any]]) -> None:
    """One response's rows (of :func:`answer_rows`) into ``warehouse``, its texts scored as comments."""
    with open_load(warehouse) as load:
        _store(load, survey_id, rows, [], None)


def stored_responses(warehouse: Warehouse, response_ids: Sequence[str]) -> set[str]:
    """Which of ``response_ids`` the warehouse holds."""
    if not response_ids:
        return set()
    table = warehouse.con.table("responses")
    found = table.filter(table.response_id.isin(list(response_ids))).select("response_id").distinct()
    return {str(r["response_id"]) for r in found.to_pyarrow().to_pylist()}


def import_responses(
    warehouse: Warehouse,
    path: str | Path,
    *,
    survey_id: int,
    map_id: int,
    survey: Survey,
    journey: JourneyMap,
    columns: Mapping[str, str] | None = None,
    response_col: str | None = None,
    customer_col: str | None = None,
    time_col: str | None = None,
    channel_col: str | None = None,
    lang_col: str | None = None,
    tz: str = "UTC",
    source_name: str | None = None,
    calendar: str = "auto",
    time_format: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> ImportReport:
    """Read, check and store the responses in ``path`` (CSV or .xlsx) for one survey.

    ``source_name`` is how the file is named in reports and the quarantine (default: its path).
    """
    check_writable(warehouse)
    started = datetime.now(UTC).replace(tzinfo=None)
    source = Path(path)
    reading = TimeReading(tz=zone_of(tz).key, calendar=calendar, time_format=time_format).checked()
    table = read_table(source, encoding=encoding, sheet=sheet)
    frame = table.frame
    mapping = _mapping(survey, list(frame.columns), columns or {}, str(source))
    roles = pick_columns(
        list(frame.columns),
        RESPONSE_ROLES,
        given={
            "response": response_col,
            "customer": customer_col,
            "time": time_col,
            "channel": channel_col,
            "lang": lang_col,
        },
        source=str(source),
        taken=list(mapping.values()),
    )
    response_col, customer_col, time_col, channel_col, lang_col = (
        roles.get(r) for r in ("response", "customer", "time", "channel", "lang")
    )
    special = list(roles.values())
    used = set(mapping.values()) | set(special)
    extra = [c for c in frame.columns if c not in used]
    times = (
        read_times([str(v) for v in frame[time_col].tolist()], reading, path=str(source), field=time_col)
        if time_col
        else None
    )
    latest = started + FUTURE_SLACK  # an answer from the future is a typo, and would move every window
    dataset = dataset_of(survey_id)
    good: list[Response] = []
    bad: list[Rejection] = []
    seen: set[str] = set()
    duplicates = 0
    for i, record in enumerate(frame.to_dict("records")):
        number = i + 1
        raw = {str(k): str(v) for k, v in record.items()}
        fields = {field: raw.get(column, "") for field, column in mapping.items()}
        answers, problems = read_answers(survey, fields)
        if problems:
            first, *others = problems
            value = first.value + "".join(
                f"; {mapping.get(o.field, o.field)}: {translate(o.reason, current_lang())} {o.value}".rstrip()
                for o in others
            )
            bad.append((number, mapping.get(first.field, first.field), first.reason, value, raw))
            continue
        if not answers:
            bad.append((number, "", "survey.empty_response", "", raw))
            continue
        when = started.replace(tzinfo=UTC)
        if time_col and times is not None:
            parsed = times.times[i]
            if parsed is None:
                code = (
                    "feedback.ambiguous_time"
                    if times.reasons[i] == "row.ambiguous_time"
                    else "feedback.bad_time"
                )
                bad.append((number, time_col, code, raw[time_col], raw))
                continue
            if parsed > latest:
                bad.append((number, time_col, "survey.future_time", raw[time_col], raw))
                continue
            when = parsed.replace(tzinfo=UTC)
        if response_col and raw[response_col].strip():
            response_id = "file:" + normalize_id(raw[response_col].strip())
        else:
            response_id = (
                "row:" + hashlib.md5(json.dumps(raw, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            )
        if response_id in seen:
            duplicates += 1
            continue
        seen.add(response_id)
        good.append(
            Response(
                response_id,
                answers,
                when,
                (normalize_id(raw[customer_col].strip()) or None) if customer_col else None,
                (normalize_letters(raw[channel_col].strip()) or None) if channel_col else None,
                (raw[lang_col].strip() or None) if lang_col else None,
                number,
                {normalize_letters(c): _attribute(raw[c]) for c in extra if raw[c].strip()},
            )
        )
    name = source_name or str(source)
    with open_load(warehouse) as load:
        already = load.known_responses(survey_id, [g.response_id for g in good])
        fresh = [g for g in good if g.response_id not in already]
        duplicates += len(good) - len(fresh)
        rows = [row for g in fresh for row in answer_rows(survey_id, map_id, journey, g, name)]
        read_as = {"encoding": table.encoding, "calendar": times.calendar if times else "-", "tz": reading.tz}
        report = ImportReport(
            len(frame), len(fresh), duplicates, len(bad), len(rows), dataset, read_as, roles
        )
        _store(load, survey_id, rows, bad, (name, report, started))
    return report


def _attribute(value: str) -> str:
    """An extra column's value as events store theirs: letters normalised, a number in ASCII digits."""
    return number_text(value) or normalize_letters(value)


def _mapping(survey: Survey, header: Sequence[str], given: Mapping[str, str], source: str) -> dict[str, str]:
    """Answer field → file column, for every question the file answers."""
    fields: list[str] = []
    for q in survey.questions:
        fields.append(q.id)
        if q.kind is QuestionKind.GAP:
            fields.append(q.id + EXPECTED_SUFFIX)
    for field, column in given.items():
        if field not in fields:
            raise InputError("survey.unknown_question", question=field, known=fields)
        if column not in header:
            raise InputError("feedback.no_column", column=column, columns=list(header), source=source)
    mapping = {f: given.get(f, f) for f in fields if given.get(f, f) in header}
    if not mapping:
        raise InputError("survey.no_question_columns", source=source, columns=list(header), questions=fields)
    return mapping


def _store(
    load: VoiceLoad,
    survey_id: int,
    rows: list[dict[str, Any]],
    bad: list[Rejection],
    log: tuple[str, ImportReport, datetime] | None,
) -> None:
    """Answers, their text as scored comments (those not stored already), and for a file its rejected
    rows and import record."""
    dataset = dataset_of(survey_id)
    texts = [r for r in rows if r["text"]]
    ids = [f"{r['response_id']}:{r['question_id']}" for r in texts]
    stored = load.known_comments(dataset, ids)
    texts = [r for r, i in zip(texts, ids, strict=True) if i not in stored]
    load.add_responses(rows)
    load.add_comments(
        [
            {
                "dataset": dataset,
                "comment_id": f"{r['response_id']}:{r['question_id']}",
                "map_id": r["map_id"],
                "touchpoint_id": r["touchpoint_id"],
                "customer_id": r["customer_id"],
                "ts": r["ts"],
                "text": r["text"],
                "lang": s.lang,
                "label": s.label,
                "score": s.score,
                "row_number": r["row_number"] or 0,
                "channel": r.get("channel"),
            }
            for r, s in zip(texts, score([r["text"] for r in texts]), strict=True)
        ]
    )
    if log is not None:
        source, report, started = log
        load.record(dataset, source, bad, (report.read, report.loaded, report.duplicates), started)


def response_count(warehouse: Warehouse, survey_id: int) -> int:
    """How many responses the survey has."""
    return response_counts(warehouse, [survey_id])[survey_id]


def response_counts(warehouse: Warehouse, survey_ids: Sequence[int]) -> dict[int, int]:
    """Per survey: how many responses it has (0 when none), in one query."""
    if not survey_ids:
        return {}
    table = warehouse.con.table("responses")
    mine = table.filter(table.survey_id.isin(list(survey_ids)))
    rows = mine.group_by("survey_id").agg(n=mine.response_id.nunique()).to_pyarrow().to_pylist()
    found = {int(r["survey_id"]): int(r["n"]) for r in rows}
    return {i: found.get(i, 0) for i in survey_ids}


def responses_frame(warehouse: Warehouse, survey: Survey, survey_id: int) -> pd.DataFrame:
    """One row per response, one column per answer field (as in an import file), oldest first.

    A response's channel is the one all its answers share (given at import or by the link it came
    through), else empty: each answer then has its touchpoint's, which a re-import gives back."""
    table = warehouse.con.table("responses")
    long = (
        table.filter(table.survey_id == survey_id)
        .select(
            "response_id",
            "ts",
            "customer_id",
            "channel",
            "lang",
            "source",
            "question_id",
            "kind",
            "value",
            "expected",
            "choice",
            "text",
        )
        .order_by(["ts", "response_id"])
        .to_pyarrow()
        .to_pylist()
    )
    head = ["response_id", "time", "customer_id", "channel", "lang", "source"]
    fields: list[str] = []
    for q in survey.questions:
        fields.append(q.id)
        if q.kind is QuestionKind.GAP:
            fields.append(q.id + EXPECTED_SUFFIX)
    out: dict[str, dict[str, Any]] = {}
    channels: dict[str, set[str | None]] = {}
    for rec in long:
        channels.setdefault(rec["response_id"], set()).add(rec["channel"])
        row = out.setdefault(
            rec["response_id"],
            {
                "response_id": rec["response_id"],
                "time": pd.Timestamp(rec["ts"]).isoformat() + "Z",
                "customer_id": rec["customer_id"],
                "channel": None,
                "lang": rec["lang"],
                "source": rec["source"],
            },
        )
        qid, kind = rec["question_id"], rec["kind"]
        if kind in ("single", "multiple"):
            row[qid] = rec["choice"]
        elif kind == "text":
            row[qid] = rec["text"]
        else:
            row[qid] = _whole(rec["value"])
            if kind == "gap":
                row[qid + EXPECTED_SUFFIX] = _whole(rec["expected"])
    for response_id, found in channels.items():
        if len(found) == 1:
            out[response_id]["channel"] = found.pop()
    frame = pd.DataFrame(list(out.values()), columns=[*head, *fields])
    return frame.astype(object).where(frame.notna(), None)


def _whole(value: Any) -> Any:
    if value is None or pd.isna(value):
        return None
    return int(value) if float(value).is_integer() else float(value)


def export_responses(warehouse: Warehouse, survey: Survey, survey_id: int, out: str | Path) -> int:
    """Write the responses to ``out`` (.csv or .xlsx), formulas neutralised; returns the number of responses."""
    frame = responses_frame(warehouse, survey, survey_id)
    columns = {
        name: pa.array([None if v is None else str(v) for v in frame[name].tolist()], pa.string())
        for name in frame.columns
    }
    table = neutralise_formulas(pa.table(columns))
    target = Path(out)
    if target.suffix.lower() in EXCEL:
        table.to_pandas().to_excel(target, index=False, engine="openpyxl")
    else:
        import pyarrow.csv as pacsv

        pacsv.write_csv(table, str(target))
    return int(table.num_rows)
