"""Survey answers are never lost to a busy warehouse.

A public survey answer (or one sent through the API) is written to the warehouse at once when it is free.
While another program holds it (an ingest from the command line holds the embedded warehouse for its whole
run), the answer is kept whole in the app database instead and the respondent is thanked as usual; the
server's schedule (:mod:`safar.web.scheduler`, every ``SAFAR_ANSWERS_EVERY`` seconds) writes what waits as
soon as the warehouse is free again, oldest first. Writing is idempotent: an answer whose rows are in the
warehouse already (a write that went through just before the server stopped) is only taken off the list.
An answer the warehouse refuses for another reason stays waiting with its error and count of attempts,
shown on its survey's page; nothing is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.config import Settings
from safar.errors import SafarError, WarehouseLockedError
from safar.model import JourneyMap
from safar.store import pending_answers as store
from safar.voice.answers import Answer
from safar.voice.responses import live_response_rows, stored_responses, write_rows
from safar.warehouse import open_warehouse

log = logging.getLogger("safar.voice")
BATCH = 200  # answers written per opening of the warehouse


@dataclass(frozen=True)
class Taken:
    """A live response as taken: its id, and whether it waits to be written (the warehouse was held)."""

    response_id: str
    waiting: bool


@dataclass(frozen=True)
class Flushed:
    """One pass over the waiting answers: how many were written, how many still wait (the warehouse was
    held, or they failed: ``errors``, one an answer)."""

    written: int = 0
    waiting: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def take_response(
    engine: Engine,
    workspace_id: int,
    settings: Settings,
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
) -> Taken:
    """Write one live response, or keep it waiting when the warehouse is held by another program; never
    waits for the warehouse."""
    response_id, rows = live_response_rows(
        survey_id,
        map_id,
        journey,
        answers,
        customer_id=customer_id,
        channel=channel,
        lang=lang,
        when=when,
        source=source,
        attributes=attributes,
    )
    try:
        with open_warehouse(settings, wait=False) as warehouse:
            write_rows(warehouse, survey_id, rows)
    except WarehouseLockedError:
        with Session(engine) as s, s.begin():
            store.add_pending(s, workspace_id, survey_id, response_id, encode_rows(rows))
        log.info("survey %s: answer %s waits for the warehouse", survey_id, response_id)
        return Taken(response_id, waiting=True)
    return Taken(response_id, waiting=False)


def write_waiting(engine: Engine, settings: Settings, *, batch: int = BATCH) -> Flushed:
    """Write the waiting answers (every workspace's; one warehouse holds them all), oldest first, until
    none is left or the warehouse is held."""
    written = 0
    errors: list[str] = []
    tried: set[int] = set()
    while True:
        with Session(engine) as s:
            queue = [p for p in store.oldest_pending(s, batch + len(tried)) if p.id not in tried][:batch]
        if not queue:
            break
        try:
            warehouse = open_warehouse(settings, wait=False)
        except WarehouseLockedError:
            break
        with warehouse:
            present = stored_responses(warehouse, [p.response_id for p in queue])
            done: list[int] = []
            for pending in queue:
                if pending.response_id not in present:
                    try:
                        write_rows(warehouse, pending.survey_id, decode_rows(pending.rows))
                    except Exception as err:  # kept with why, the others still written
                        reason = err.code if isinstance(err, SafarError) else type(err).__name__
                        log.exception(
                            "survey %s: answer %s not written", pending.survey_id, pending.response_id
                        )
                        tried.add(pending.id)
                        errors.append(f"{pending.response_id}: {reason}")
                        with Session(engine) as s, s.begin():
                            store.note_failure(s, pending.id, reason)
                        continue
                done.append(pending.id)
            with Session(engine) as s, s.begin():
                store.remove_pending(s, done)
            written += len(done)
    with Session(engine) as s:
        left = sum(store.pending_counts(s).values())
    return Flushed(written, left, errors)


def waiting_counts(engine: Engine, workspace_id: int) -> dict[int, int]:
    """Per survey of the workspace, how many of its answers wait to be written."""
    with Session(engine) as s:
        return store.pending_counts(s, workspace_id)


def encode_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A response's warehouse rows as a JSON document (times in ISO form)."""
    return [{**r, "ts": r["ts"].isoformat()} for r in rows]


def decode_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of :func:`encode_rows` as :func:`safar.voice.responses.answer_rows` made them."""
    return [{**r, "ts": datetime.fromisoformat(r["ts"])} for r in rows]
