"""Moments of truth of a map: behaviour (odds ratios), ratings (driver importance) and the map's own evidence.

:func:`moments` is the one function behind the moments part of the map's insights page,
``GET /api/v1/workspaces/{ws}/maps/{id}/moments`` and ``safar insights moments`` (definitions:
:mod:`safar.insights.behaviour`, :mod:`safar.insights.responses`, :mod:`safar.insights.evidence`).

>>> Group(customers=4, outcome=1, rate=0.25).rate
0.25
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from safar.context import Context
from safar.errors import InputError

__all__ = ["Comparison", "Group", "Moment", "MomentsView", "Outcome", "Verdict", "moments"]

Effect = Literal["matters", "no_effect", "unknown"]


class Group(BaseModel):
    """Customers in a group, how many of them reached the outcome, and that rate (None for no customer)."""

    customers: int
    outcome: int
    rate: float | None


class Comparison(BaseModel):
    """Customers with and without something, compared on the outcome: odds ratio with its interval, Fisher's
    p and its Benjamini–Hochberg q, and the verdict on the effect."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    with_: Group = Field(alias="with")
    without: Group
    odds_ratio: float | None
    or_low: float | None
    or_high: float | None
    log_or: float | None
    haldane: bool
    p_value: float | None
    q_value: float | None
    significant: bool
    effect: Effect


class Moment(Comparison):
    """A touchpoint: customers who had it against those who did not; ``experience`` compares those who wrote a
    negative comment about it with those who did not."""

    touchpoint: str
    stage: str
    experience: Comparison | None


class Outcome(BaseModel):
    target: str | None
    kind: Literal["touchpoint", "activity", "cutoff"]
    churn: bool
    cutoff: str | None


class Verdict(BaseModel):
    """What the map claims about a touchpoint (a moment of truth or not) against what the data says."""

    touchpoint: str
    stage: str
    claimed: bool
    evidence: list[str]
    note: str
    occurrence: str | None
    experience: str | None
    ratings: str | None
    data: Effect
    verdict: Literal["agreed", "contradicted", "unclaimed", "unknown", "not_a_moment"]


class MomentsView(BaseModel):
    """The moments of truth of ``map_id`` on ``dataset``; ``ratings`` is the rating drivers (or why there are
    none), ``outcome_question`` the whole-journey question they explain, in the reader's language."""

    map_id: int
    title: str
    dataset: str
    outcome: Outcome
    population: Literal["stage", "all"]
    customers: int
    outcome_customers: int
    alpha: float
    equivalence: float
    confidence: float
    moments: list[Moment]
    ratings: dict[str, Any] | None
    outcome_question: str = ""
    evidence: list[Verdict]


def moments(
    ctx: Context,
    map_id: int,
    *,
    dataset: str | None = None,
    outcome: str | None = None,
    churn: bool = False,
    cutoff: str | None = None,
    experience: bool = True,
    population: str = "stage",
    alpha: float | None = None,
    equivalence: float | None = None,
    bootstrap: int | None = None,
) -> MomentsView:
    """Behavioural moments of truth for ``outcome`` (default: the map's last touchpoint), the touchpoints'
    rating drivers and one evidence verdict per touchpoint; ``cutoff`` is a time as ``--from`` reads it
    (:func:`safar.events.dates.read_moment`; naive: in the workspace's zone)."""
    from safar.events.dates import read_moment
    from safar.insights.behaviour import ALPHA, EQUIVALENCE
    from safar.insights.drivers import BOOTSTRAP
    from safar.insights.moments import choose_dataset, moments_in

    journey = ctx.workspace.get_map(map_id).document
    chosen = choose_dataset(ctx.workspace, journey, dataset)
    if chosen is None or not ctx.has_warehouse():
        raise InputError("insights.no_dataset", map_id=map_id)
    with ctx.warehouse() as warehouse:
        found = moments_in(
            warehouse,
            map_id,
            journey,
            chosen,
            target=outcome,
            churn=churn,
            cutoff=read_moment(cutoff, ctx.calendar.tz, option="--cutoff") if cutoff else None,
            experience=experience,
            population=population,
            alpha=ALPHA if alpha is None else alpha,
            equivalence=EQUIVALENCE if equivalence is None else equivalence,
            bootstrap=BOOTSTRAP if bootstrap is None else bootstrap,
        )
    question = ""
    if found.ratings is not None and found.ratings.survey_id is not None:
        question = _question_text(ctx, found.ratings.survey_id, found.ratings.question_id)
    return MomentsView.model_validate(found.to_dict() | {"title": found.title, "outcome_question": question})


def _question_text(ctx: Context, survey_id: int, question_id: str | None) -> str:
    """The whole-journey question as its survey words it in the reader's language (its id if the survey lost it)."""
    from safar.surveys import Surveys

    question = Surveys(ctx.workspace).get(survey_id).survey.question(question_id or "")
    return question.text.get(ctx.lang) if question else question_id or ""
