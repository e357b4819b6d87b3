"""Data in: events, survey responses and customer comments, each followed by the alert check.

New data may change what an alert rule measures, so every way in — ``safar events ingest``,
``safar survey import``, ``safar feedback ingest``, the survey page's upload and the JSON API —
calls one of these functions: the data is stored, then the rules it may change are checked, and
the result says both what was read and which alerts fired.

>>> from safar.config import Settings
>>> from safar.workspace import Workspace
>>> import tempfile, pathlib
>>> home = pathlib.Path(tempfile.mkdtemp())
>>> _ = (home / "log.csv").write_text("customer,time,activity\\nc1,2024-01-01T10:00:00,visit\\n")
>>> with Workspace.open(Settings.from_env({"SAFAR_HOME": str(home)})) as ws:
...     done = ingest_events(ws, home / "log.csv", dataset="demo")
>>> done.report.loaded, done.fired
(1, [])
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from safar.alerts import CheckResult, check_after_ingest
from safar.errors import InputError
from safar.events import IngestReport, ingest_file
from safar.events.dates import default_zone
from safar.events.stage import Progress
from safar.i18n import current_lang, translate
from safar.surveys import Surveys
from safar.voice.corrections import adapt
from safar.voice.feedback import FeedbackReport, ingest_feedback
from safar.voice.responses import ImportReport, import_responses
from safar.warehouse import open_warehouse

if TYPE_CHECKING:
    from safar.workspace import Workspace

__all__ = [
    "CommentIngest",
    "EventIngest",
    "ResponseImport",
    "import_survey_responses",
    "ingest_comments",
    "ingest_events",
]


@dataclass(frozen=True)
class _Checked:
    alerts: tuple[CheckResult, ...]

    @property
    def fired(self) -> list[CheckResult]:
        """The alerts this data set off (each stored, and delivered to its departments)."""
        return [r for r in self.alerts if r.status == "fired"]

    def alerts_dict(self) -> dict[str, Any]:
        return {"checked": len(self.alerts), "fired": [r.to_dict() for r in self.fired]}


@dataclass(frozen=True)
class EventIngest(_Checked):
    report: IngestReport

    def to_dict(self) -> dict[str, Any]:
        return {**self.report.summary(), "alerts": self.alerts_dict()}


@dataclass(frozen=True)
class ResponseImport(_Checked):
    survey_id: int
    map_id: int
    report: ImportReport

    def to_dict(self) -> dict[str, Any]:
        return {**self.report.to_dict(), "alerts": self.alerts_dict()}


@dataclass(frozen=True)
class CommentIngest(_Checked):
    map_id: int
    report: FeedbackReport

    def to_dict(self) -> dict[str, Any]:
        return {**self.report.to_dict(), "alerts": self.alerts_dict()}


def ingest_events(
    workspace: Workspace,
    path: str | Path,
    *,
    dataset: str,
    format: str | None = None,
    customer_col: str | None = None,
    time_col: str | None = None,
    activity_col: str | None = None,
    channel_col: str | None = None,
    id_col: str | None = None,
    reply_to_col: str | None = None,
    inbound_col: str | None = None,
    tz: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    progress: Progress | None = None,
    calendar: str = "auto",
    time_format: str | None = None,
    sheet: str | None = None,
    source_name: str | None = None,
) -> EventIngest:
    """Ingest an event file into ``dataset`` (claimed by ``workspace``), then check the rules reading it.

    ``tz`` (times without an offset) defaults to the workspace's zone (:func:`zone_of`). A file whose
    every row is rejected is an ``InputError`` (``input.all_rejected``), its rows kept in the quarantine.
    """
    workspace.claim_dataset(dataset)
    report = ingest_file(
        workspace.settings,
        path,
        dataset=dataset,
        format=format,
        customer_col=customer_col,
        time_col=time_col,
        activity_col=activity_col,
        channel_col=channel_col,
        id_col=id_col,
        reply_to_col=reply_to_col,
        inbound_col=inbound_col,
        tz=tz or zone_of(workspace),
        delimiter=delimiter,
        encoding=encoding,
        progress=progress,
        calendar=calendar,
        time_format=time_format,
        sheet=sheet,
        source_name=source_name,
    )
    _refuse_all_rejected(workspace, str(report.source), dataset, report.read, report.rejected)
    return EventIngest(alerts=tuple(check_after_ingest(workspace, dataset=dataset)), report=report)


def import_survey_responses(
    workspace: Workspace,
    survey_id: int,
    path: str | Path,
    *,
    columns: Mapping[str, str] | None = None,
    response_col: str | None = None,
    customer_col: str | None = None,
    time_col: str | None = None,
    channel_col: str | None = None,
    lang_col: str | None = None,
    tz: str | None = None,
    source_name: str | None = None,
    calendar: str = "auto",
    time_format: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> ResponseImport:
    """Import a CSV/.xlsx of responses to survey ``survey_id``, then check the rules of its map."""
    info = Surveys(workspace).get(survey_id)
    journey = workspace.get_map(info.map_id).document
    with open_warehouse(workspace.settings) as warehouse:
        report = import_responses(
            warehouse,
            path,
            survey_id=info.id,
            map_id=info.map_id,
            survey=info.survey,
            journey=journey,
            columns=columns,
            response_col=response_col,
            customer_col=customer_col,
            time_col=time_col,
            channel_col=channel_col,
            lang_col=lang_col,
            tz=tz or zone_of(workspace),
            source_name=source_name,
            calendar=calendar,
            time_format=time_format,
            encoding=encoding,
            sheet=sheet,
        )
        if report.loaded:  # new comments follow the workspace's corrections too
            adapt(warehouse, [m.id for m in workspace.list_maps()])
    _refuse_all_rejected(workspace, source_name or str(path), report.dataset, report.read, report.rejected)
    alerts = check_after_ingest(workspace, map_id=info.map_id)
    return ResponseImport(alerts=tuple(alerts), survey_id=info.id, map_id=info.map_id, report=report)


def ingest_comments(
    workspace: Workspace,
    path: str | Path,
    *,
    map_id: int,
    dataset: str,
    text_col: str | None = None,
    touchpoint_col: str | None = None,
    customer_col: str | None = None,
    time_col: str | None = None,
    channel_col: str | None = None,
    tz: str | None = None,
    calendar: str = "auto",
    time_format: str | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    touchpoint: str | None = None,
    lang: str | None = None,
    source_name: str | None = None,
) -> CommentIngest:
    """Score and store the comments of ``path`` about map ``map_id``, then check the map's rules.

    ``touchpoint`` is every comment's (instead of a column), ``lang`` every comment's language (instead of
    its script's); a column named ``""`` is one the file does not have."""
    journey = workspace.get_map(map_id).document
    workspace.claim_dataset(dataset)
    with open_warehouse(workspace.settings) as warehouse:
        report = ingest_feedback(
            warehouse,
            path,
            dataset=dataset,
            map_id=map_id,
            journey=journey,
            text_col=text_col,
            touchpoint_col=touchpoint_col,
            customer_col=customer_col,
            time_col=time_col,
            channel_col=channel_col,
            tz=tz or zone_of(workspace),
            calendar=calendar,
            time_format=time_format,
            encoding=encoding,
            sheet=sheet,
            touchpoint=touchpoint,
            lang=lang,
            source_name=source_name,
        )
        if report.loaded:  # new comments follow the workspace's corrections too
            adapt(warehouse, [m.id for m in workspace.list_maps()])
    _refuse_all_rejected(workspace, source_name or str(path), dataset, report.read, report.rejected)
    alerts = check_after_ingest(workspace, map_id=map_id)
    return CommentIngest(alerts=tuple(alerts), map_id=map_id, report=report)


def zone_of(workspace: Workspace) -> str:
    """The zone of times written without an offset: ``SAFAR_TZ`` (the zone dates are shown in), else
    Tehran in Persian, UTC in English."""
    return default_zone(workspace.settings.timezone, current_lang())


def _refuse_all_rejected(workspace: Workspace, source: str, dataset: str, read: int, rejected: int) -> None:
    """A file of which no row could be read is an error, not a quiet import of nothing.

    The rows stay in the quarantine (the import recorded them), so the message points there.
    """
    if not read or rejected < read:
        return
    from safar.events.quarantine import rejected_rows

    lang = current_lang()
    with open_warehouse(workspace.settings) as warehouse:
        rows = rejected_rows(warehouse, dataset, lang)
    first = next((r for r in rows if r["source"] == source), rows[0] if rows else None)
    raise InputError(
        "input.all_rejected",
        path=source,
        rejected=rejected,
        row=first["row_number"] if first else "-",
        reason=first["message"] if first else "-",
        see=translate("input.see_rejected", lang, dataset=dataset),
    )
