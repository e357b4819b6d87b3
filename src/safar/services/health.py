"""Customer health of a dataset's customers: the one service behind ``safar analyze health``, its API twin and the
health section of the map's retention page (:mod:`safar.insights.health` says what the score is).

The survey and sentiment components read the answers and comments given on the maps bound to the dataset (or on
map ``map_id``); the cases component, the workspace's cases whose customer agreed to be known.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from safar.context import Context  # at run time: the kept result reads the screen's type hints
from safar.errors import InputError

__all__ = ["HealthOut", "customer_health", "parse_weights"]


class BandOut(BaseModel):
    low: int
    high: int
    customers: int


class SegmentHealthOut(BaseModel):
    value: str | None
    customers: list[int]
    mean: float


class CustomerHealthOut(BaseModel):
    customer_id: str
    score: float
    coverage: float
    components: dict[str, float]
    before: float | None
    change: float | None


class AccountHealthOut(BaseModel):
    account: str
    customers: int
    score: float = Field(description="The mean of its customers' scores.")
    before: float | None
    change: float | None
    weakest: str = Field(description="Its customer in the worst health.")


class HealthOut(BaseModel):
    dataset: str
    as_of: str | None
    window_days: int
    trend_days: int
    weights: dict[str, float]
    names: dict[str, str] = Field(description="Each component's name in the reader's language.")
    customers: int
    mean: float | None
    mean_before: float | None
    improved: int
    worsened: int
    bands: list[BandOut]
    segment: str | None = None
    segments: list[SegmentHealthOut] = []
    lowest: list[CustomerHealthOut] = Field(
        description="The customers in worst health, worst first (of the band and segment value asked, if any)."
    )
    band: int | None = Field(default=None, description="The band (0–4) ``lowest`` lists, when asked.")
    value: str | None = Field(
        default=None, description="The segment value ``lowest`` lists, when asked (empty: without one)."
    )
    listed: int = Field(default=0, description="How many customers ``lowest`` is chosen from.")
    account: str | None = Field(default=None, description="The attribute naming each customer's account.")
    accounts: int = 0
    account_bands: list[BandOut] = []
    lowest_accounts: list[AccountHealthOut] = Field(
        default=[],
        description="The accounts in the worst health (the mean of their customers'), worst first.",
    )
    without_account: int = Field(default=0, description="Customers whose events never name their account.")


def parse_weights(text: str | None) -> dict[str, float]:
    """``recency=2,survey=1`` (Persian digits too) as weights; a component left out keeps its weight 1.

    >>> parse_weights("recency=2, survey=۰")
    {'recency': 2.0, 'survey': 0.0}
    """
    from safar.events.digits import ascii_digits

    out: dict[str, float] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        key, sep, value = ascii_digits(part).partition("=")
        try:
            out[key.strip()] = float(value)
        except ValueError:
            raise InputError("health.bad_weights", weights=text or "") from None
        if not sep:
            raise InputError("health.bad_weights", weights=text or "")
    return out


def customer_health(
    ctx: Context,
    dataset: str,
    *,
    window: str = "90d",
    trend: str = "30d",
    weights: str | None = None,
    contacts: str | None = None,
    segment: str | None = None,
    map_id: int | None = None,
    lowest: int | None = 20,
    band: int | None = None,
    value: str | None = None,
    account: str | None = None,
) -> HealthOut:
    """Every customer's health in ``dataset`` at its last event, its trend, distribution and the worst — of
    ``band`` (0–4) and of ``segment`` value ``value`` (empty: without a value) alone, when given: the customers
    behind a band's or a segment's count (``lowest`` None: all of them); with ``account`` (an attribute), each
    account's health too."""
    from safar.analytics import parse_duration
    from safar.analytics.churn import last_moment
    from safar.i18n import translate
    from safar.insights.health import BANDS, COMPONENTS, health
    from safar.store.cases import customer_cases
    from safar.voice.corrections import labelled_comments

    if lowest is not None and not 1 <= lowest <= 1000:
        raise InputError("churn.bad_top", value=lowest)
    chosen = parse_weights(weights)
    ctx.workspace.require_dataset(dataset)
    if map_id is not None:
        ctx.workspace.get_map(map_id)  # a map the workspace does not have is refused
        maps = [map_id]
    else:
        maps = [found for found, _ in ctx.workspace.maps_reading(dataset)]
    with Session(ctx.engine) as s:
        named, open_ = customer_cases(s, ctx.workspace.workspace_id)
    with ctx.warehouse() as warehouse:
        events = warehouse.events(dataset)
        moment = last_moment(events)
        responses = warehouse.con.table("responses")
        responses = responses.filter(responses.map_id.isin(maps)) if maps else None
        comments = labelled_comments(warehouse)
        comments = comments.filter(comments.map_id.isin(maps)) if maps else None
        found = health(
            events,
            as_of=moment or dt.datetime(1970, 1, 1),
            window=parse_duration(window),
            trend=parse_duration(trend),
            weights=chosen,
            contacts=tuple(a.strip() for a in (contacts or "").split(",") if a.strip()),
            responses=responses,
            comments=comments,
            open_cases=open_,
            named_cases=named,
            segment=segment or None,
            lowest=lowest,
            band=band,
            value=None if value is None else (value or None,),
            account=account or None,
        )
    said = found.to_dict()
    edges = [0, *BANDS, 100]
    return HealthOut(
        dataset=dataset,
        as_of=said["as_of"] if moment else None,
        window_days=found.window_days,
        trend_days=found.trend_days,
        weights=found.weights,
        names={c: translate(f"health.component.{c}", ctx.lang) for c in COMPONENTS},
        customers=found.customers,
        mean=found.mean,
        mean_before=found.mean_before,
        improved=found.improved,
        worsened=found.worsened,
        bands=[BandOut(low=edges[i], high=edges[i + 1], customers=n) for i, n in enumerate(found.bands)],
        segment=segment or None,
        segments=[SegmentHealthOut.model_validate(s) for s in said["segments"]],
        lowest=[CustomerHealthOut.model_validate(c) for c in said["lowest"]],
        band=band,
        value=value,
        listed=found.listed,
        account=account or None,
        accounts=found.accounts,
        account_bands=[
            BandOut(low=edges[i], high=edges[i + 1], customers=n) for i, n in enumerate(found.account_bands)
        ],
        lowest_accounts=[AccountHealthOut.model_validate(a) for a in said["lowest_accounts"]],
        without_account=found.without_account,
    )
