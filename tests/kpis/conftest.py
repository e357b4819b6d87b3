"""A small shop journey stated declaratively, its events, survey answers and comments in the warehouse.

The shop map: stage ``visit`` (home, search), ``buy`` (cart), ``after`` (support); every touchpoint is
bound to the activity of the same name in dataset ``shop``. The journeys (T0 = 2024-01-10 09:00 UTC):

- ana: home T0, search +10 min, cart +30 min, support +1 day
- bob: home T0, search +20 min
- cy:  home T0 + 40 days, cart one hour later
- dan: search T0 + 41 days

The expected values in the tests are computed by hand from these lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from safar.accounts import Accounts, Role
from safar.config import Settings
from safar.model import BindingRule, JourneyMap, Metric, Stage, Touchpoint
from safar.model.journey import Measure
from safar.workspace import Workspace

T0 = dt.datetime(2024, 1, 10, 9, 0)
MIN, HOUR, DAY = dt.timedelta(minutes=1), dt.timedelta(hours=1), dt.timedelta(days=1)
DATASET = "shop"
PASSWORD = "correct horse battery"

JOURNEYS: dict[str, list[tuple[str, dt.datetime]]] = {
    "ana": [("home", T0), ("search", T0 + 10 * MIN), ("cart", T0 + 30 * MIN), ("support", T0 + DAY)],
    "bob": [("home", T0), ("search", T0 + 20 * MIN)],
    "cy": [("home", T0 + 40 * DAY), ("cart", T0 + 40 * DAY + HOUR)],
    "dan": [("search", T0 + 41 * DAY)],
}

# (kind, touchpoint, stage, value, ts)
ANSWERS = [
    ("nps", "support", None, 10, T0 + DAY),
    ("nps", "support", None, 9, T0 + DAY),
    ("nps", "support", None, 3, T0 + 40 * DAY),
    ("nps", "support", None, 7, T0 + 40 * DAY),
    ("csat", None, "buy", 5, T0),
    ("csat", None, "buy", 4, T0),
    ("csat", "cart", None, 2, T0 + 40 * DAY),
    ("csat", "home", None, 1, T0),  # another stage: never part of buy
    ("ces", "home", None, 2, T0),
    ("ces", None, None, 4, T0),
]

# (touchpoint, label, ts)
COMMENTS = [
    ("support", "negative", T0 + DAY),
    ("support", "positive", T0 + DAY),
    ("support", "negative", T0 + 40 * DAY),
    ("support", "neutral", T0 + 40 * DAY),
]


def tp(ident: str, *metrics: Metric, **extra: Any) -> Touchpoint:
    return Touchpoint(
        id=ident,
        name=ident.title(),
        channel="website",
        bind=[BindingRule(activity=ident, dataset=DATASET)],
        metrics=list(metrics),
        **extra,
    )


def metric(name: str, kind: str, target: float | None = None, **measure: Any) -> Metric:
    higher = measure.pop("higher_is_better", True)
    unit = measure.pop("unit", "")
    return Metric(
        name=name,
        unit=unit,
        target=target,
        higher_is_better=higher,
        measure=Measure(kind=kind, **measure),
    )


def shop_map(map_metrics: Sequence[Metric] = (), **tp_metrics: Sequence[Metric]) -> JourneyMap:
    def m(ident: str) -> list[Metric]:
        return list(tp_metrics.get(ident, ()))

    return JourneyMap(
        title="Shop",
        lang="en",
        metrics=list(map_metrics),
        stages=[
            Stage(id="visit", name="Visit", touchpoints=[tp("home", *m("home")), tp("search", *m("search"))]),
            Stage(id="buy", name="Buy", touchpoints=[tp("cart", *m("cart"))]),
            Stage(id="after", name="After", touchpoints=[tp("support", *m("support"))]),
        ],
    )


def load_events(
    workspace: Workspace, tmp_path: Path, journeys: dict[str, list[tuple[str, dt.datetime]]], name: str = "e"
) -> None:
    from safar.events import ingest_file

    path = tmp_path / f"{name}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["customer_id", "activity", "timestamp"])
        for customer, events in journeys.items():
            for activity, ts in events:
                writer.writerow([customer, activity, ts.strftime("%Y-%m-%dT%H:%M:%SZ")])
    workspace.claim_dataset(DATASET)
    ingest_file(workspace.settings, path, dataset=DATASET)


def load_voice(
    settings: Settings,
    map_id: int,
    answers: Sequence[tuple[Any, ...]] = ANSWERS,
    comments: Sequence[tuple[Any, ...]] = COMMENTS,
) -> None:
    from safar.warehouse import open_warehouse

    with open_warehouse(settings) as wh:
        assert wh.raw is not None
        for i, (kind, touchpoint, stage, value, ts) in enumerate(answers):
            wh.raw.execute(
                "INSERT INTO responses (survey_id, map_id, response_id, question_id, kind, touchpoint_id, "
                "stage_id, ts, value, source) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, 'test')",
                [map_id, f"r{i}", f"q-{kind}", kind, touchpoint, stage, ts, value],
            )
        for i, (touchpoint, label, ts) in enumerate(comments):
            wh.raw.execute(
                "INSERT INTO comments (dataset, comment_id, map_id, touchpoint_id, ts, text, lang, label, "
                "score, row_number) VALUES ('voice', ?, ?, ?, ?, 'text', 'en', ?, 0, ?)",
                [f"c{i}", map_id, touchpoint, ts, label, i],
            )


@dataclass
class Site:
    app: Any
    accounts: Accounts

    @property
    def workspace(self) -> Workspace:
        services = self.app.state.services
        return Workspace.attach(services.engine, services.settings, "default")

    def client(self, username: str) -> TestClient:
        client = TestClient(self.app, follow_redirects=False)
        page = client.get("/login")
        response = client.post(
            "/login",
            data={"csrf": csrf_of(page.text), "username": username, "password": PASSWORD, "next": "/"},
        )
        assert response.status_code == 303, response.text
        return client


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def site(database: str) -> Iterator[Site]:
    """The web app with an editor (ana) and a viewer (vic) of workspace ``default``."""
    from safar.web.app import create_app

    app = create_app(Settings.from_env())
    accounts: Accounts = app.state.services.accounts
    accounts.create_user("ana", PASSWORD, display_name="Ana", admin=True)
    accounts.create_user("vic", PASSWORD, display_name="Vic")
    accounts.grant("vic", "default", Role.VIEWER)
    yield Site(app, accounts)
    app.state.services.engine.dispose()


@pytest.fixture
def shop() -> Callable[..., JourneyMap]:
    return shop_map


@pytest.fixture
def kpi_metric() -> Callable[..., Metric]:
    return metric


@pytest.fixture
def events_loader() -> Callable[..., None]:
    return load_events


@pytest.fixture
def voice_loader() -> Callable[..., None]:
    return load_voice


@pytest.fixture
def journeys() -> dict[str, list[tuple[str, dt.datetime]]]:
    return {customer: list(events) for customer, events in JOURNEYS.items()}


@pytest.fixture
def shop_tp() -> Callable[..., Touchpoint]:
    return tp
