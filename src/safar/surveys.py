"""Surveys on a workspace's maps: create, list, open/close, invite — and answer them by their link.

A survey's questions name touchpoints and stages of its map; they are checked against the map's
latest revision when the survey is made. Answers go to the warehouse (:mod:`safar.voice.responses`),
where the voice metrics read them.

>>> import tempfile
>>> from safar.config import Settings
>>> from safar.maps.templates import load_template
>>> ws = Workspace.open(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()}))
>>> m = ws.create_map(load_template("insurance", "en"))
>>> info = Surveys(ws).create(m.id, quick_survey(m.document, ["nps:report_claim"]))
>>> [q.kind.value for q in info.survey.questions], info.is_open
(['nps'], True)
>>> ws.close()
"""

from __future__ import annotations

import builtins
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError as PydanticError
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from safar.errors import ConflictError, InputError, NotFoundError, ValidationError
from safar.i18n import translate
from safar.maps.validate import pydantic_problems
from safar.model import JourneyMap
from safar.model.survey import Local, Question, QuestionKind, Survey
from safar.store import surveys as store
from safar.voice.answers import Problem, read_answers
from safar.workspace import Workspace

QUICK_KINDS = ("nps", "csat", "ces", "gap", "text")
CONSENT_FIELD = "_consent"  # the public page's "you may contact me" box (a survey's ``ask_consent``)


@dataclass(frozen=True)
class SurveyInfo:
    id: int
    map_id: int
    survey: Survey
    public_token: str
    one_per_token: bool
    is_open: bool
    created_at: datetime
    workspace_id: int

    @classmethod
    def of(cls, record: store.SurveyRecord) -> SurveyInfo:
        return cls(
            record.id,
            record.map_id,
            Survey.model_validate(record.document),
            record.public_token,
            record.one_per_token,
            record.is_open,
            record.created_at,
            record.workspace_id,
        )

    @property
    def path(self) -> str:
        """The public response page, relative to the app's address."""
        return f"/s/{self.public_token}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "map_id": self.map_id,
            "title": self.survey.title.model_dump(),
            "link": self.path,
            "one_per_token": self.one_per_token,
            "open": self.is_open,
            "created_at": self.created_at.isoformat(),
            "survey": self.survey.to_document(),
        }


def parse_survey(document: Any, source: str = "<survey>") -> Survey:
    """A survey document (already parsed YAML/JSON), or every problem in it."""
    try:
        return Survey.model_validate(document)
    except PydanticError as exc:
        raise ValidationError(
            "survey.invalid",
            source=source,
            errors=list(pydantic_problems(exc.errors())),
            count=exc.error_count(),
        ) from None


def check_against(survey: Survey, journey: JourneyMap) -> None:
    """Every touchpoint and stage the questions name exists on the map."""
    touchpoints = {t.id for t in journey.touchpoints()}
    stages = {s.id for s in journey.stages}
    errors: list[dict[str, Any]] = []
    for i, q in enumerate(survey.questions):
        if q.touchpoint and q.touchpoint not in touchpoints:
            errors.append(
                {
                    "path": f"questions.{i}.touchpoint",
                    "code": "unknown_touchpoint",
                    "value": q.touchpoint,
                    "allowed": sorted(touchpoints),
                }
            )
        if q.stage and q.stage not in stages:
            errors.append(
                {
                    "path": f"questions.{i}.stage",
                    "code": "unknown_stage",
                    "value": q.stage,
                    "allowed": sorted(stages),
                }
            )
    if errors:
        raise ValidationError("survey.unknown_refs", errors=errors, count=len(errors))


def quick_survey(
    journey: JourneyMap, specs: Sequence[str], *, title: str | None = None, ask_consent: bool = False
) -> Survey:
    """A survey from ``kind:touchpoint`` specs (``nps`` alone asks about the whole journey).

    Question texts are written in Persian and English from the touchpoint's name.

    >>> from safar.maps.templates import load_template
    >>> s = quick_survey(load_template("insurance", "en"), ["csat:report_claim", "nps"])
    >>> [(q.id, q.touchpoint) for q in s.questions]
    [('csat_report_claim', 'report_claim'), ('nps', None)]
    """
    questions: list[Question] = []
    names = {t.id: t.name for t in journey.touchpoints()}
    for spec in specs:
        kind, _, target = spec.strip().partition(":")
        if kind not in QUICK_KINDS:
            raise InputError("survey.bad_spec", spec=spec, allowed=list(QUICK_KINDS))
        if target and target not in names:
            raise InputError("survey.unknown_touchpoint", touchpoint=target, allowed=sorted(names))
        key = f"{kind}_{target}" if target else kind
        code = f"survey.question.{kind}" + ("" if target else "_journey")
        text = Local(
            fa=translate(code, "fa", touchpoint=names.get(target, "")),
            en=translate(code, "en", touchpoint=names.get(target, "")),
        )
        questions.append(Question(id=key, kind=QuestionKind(kind), text=text, touchpoint=target or None))
    if not questions:
        raise InputError("survey.no_questions")
    name = title or journey.title
    return Survey(
        title=Local(
            fa=translate("survey.title", "fa", map=name), en=translate("survey.title", "en", map=name)
        ),
        questions=questions,
        ask_consent=ask_consent,
    )


class Surveys:
    """The surveys of one workspace."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.workspace.engine, expire_on_commit=False) as session, session.begin():
            yield session

    def create(self, map_id: int, survey: Survey, *, one_per_token: bool = False) -> SurveyInfo:
        journey = self.workspace.get_map(map_id).document
        check_against(survey, journey)
        title = survey.title.get(journey.lang)
        with self._session() as s:
            record = store.add_survey(
                s, self.workspace.workspace_id, map_id, title, survey.to_document(), one_per_token
            )
        return SurveyInfo.of(record)

    def list(self, map_id: int | None = None) -> builtins.list[SurveyInfo]:
        with self._session() as s:
            return [SurveyInfo.of(r) for r in store.list_surveys(s, self.workspace.workspace_id, map_id)]

    def get(self, survey_id: int) -> SurveyInfo:
        with self._session() as s:
            return SurveyInfo.of(store.get_survey(s, self.workspace.workspace_id, survey_id))

    def set_open(self, survey_id: int, is_open: bool) -> SurveyInfo:
        with self._session() as s:
            return SurveyInfo.of(store.set_open(s, self.workspace.workspace_id, survey_id, is_open))

    def invite(
        self, survey_id: int, customers: Sequence[str | None], channel: str | None = None
    ) -> builtins.list[store.Invitation]:
        """Personal one-answer links, one per entry of ``customers`` (``None`` for an anonymous one)."""
        check_link_count(len(customers))
        for customer in customers:
            if customer is not None and not 0 < len(customer) <= 200:
                raise InputError("survey.bad_customer_id", value=customer[:60], most=200)
        if channel is not None and not 0 < len(channel) <= 64:
            raise InputError("survey.bad_channel", value=channel[:80], most=64)
        with self._session() as s:
            store.get_survey(s, self.workspace.workspace_id, survey_id)
            return store.add_invitations(s, survey_id, list(customers), channel)

    def invitations(self, survey_id: int) -> tuple[int, int]:
        with self._session() as s:
            store.get_survey(s, self.workspace.workspace_id, survey_id)
            return store.invitation_counts(s, survey_id)


MAX_LINKS = 10_000  # personal links made at once


def check_link_count(count: int) -> None:
    """Refuse a number of links outside 1–:data:`MAX_LINKS` before anything is made for them (a count of
    200 million would otherwise be built in memory first)."""
    if not 0 < count <= MAX_LINKS:
        raise InputError("survey.bad_count", count=count, most=MAX_LINKS)


@dataclass(frozen=True)
class Respondent:
    """Who answers through a link: the survey, and the invitation if one was used."""

    survey: SurveyInfo
    workspace_slug: str
    link_id: int | None
    customer_id: str | None
    channel: str | None


def open_link(engine: Engine, public_token: str, invitation: str | None) -> Respondent:
    """The survey behind a public link, checked: it exists, is open, and the invitation (if needed) is unused."""
    with Session(engine) as s:
        record = store.survey_by_token(s, public_token)
        if record is None:
            raise NotFoundError("survey.link_not_found")
        info = SurveyInfo.of(record)
        if not info.is_open:
            raise ConflictError("survey.closed")
        link = store.find_invitation(s, info.id, invitation) if invitation else None
        if invitation and link is None:
            raise NotFoundError("survey.invitation_not_found")
        if link is not None and link.used_at is not None:
            raise ConflictError("survey.already_answered")
        if info.one_per_token and link is None:
            raise ConflictError("survey.invitation_needed")
        return Respondent(
            info,
            store.workspace_slug(s, info.workspace_id),
            link.id if link else None,
            link.customer_id if link else None,
            link.channel if link else None,
        )


def answer(
    workspace: Workspace,
    respondent: Respondent,
    fields: Mapping[str, str | list[str] | None],
    *,
    lang: str,
) -> list[Problem]:
    """Check and store one response from the public page; the problems when it cannot be taken.

    An invitation is spent in the same step (so a second answer through it is refused); if storing
    fails it is given back. While another program holds the warehouse the answer waits in the app
    database (:mod:`safar.voice.pending`): taken all the same.
    """
    from safar.voice.pending import take_response

    survey = respondent.survey
    consent = fields.get(CONSENT_FIELD)
    fields = {k: v for k, v in fields.items() if k != CONSENT_FIELD}
    answers, problems = read_answers(survey.survey, fields)
    if problems:
        return problems
    if not answers:
        return [Problem("", "", "survey.empty_response", "")]
    if respondent.link_id is not None:
        with Session(workspace.engine) as s, s.begin():
            if not store.spend_invitation(s, respondent.link_id):
                raise ConflictError("survey.already_answered")
    try:
        journey = workspace.get_map(survey.map_id).document
        take_response(
            workspace.engine,
            workspace.workspace_id,
            workspace.settings,
            survey.id,
            survey.map_id,
            journey,
            answers,
            customer_id=respondent.customer_id,
            channel=respondent.channel,
            lang=lang,
            when=datetime.now(UTC),
            source="web",
            attributes={"consent": "yes" if consent == "yes" else "no"}
            if survey.survey.ask_consent
            else None,
        )
    except Exception:
        if respondent.link_id is not None:
            with Session(workspace.engine) as s, s.begin():
                store.restore_invitation(s, respondent.link_id)
        raise
    return []
