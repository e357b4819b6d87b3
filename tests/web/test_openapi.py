"""Schemathesis against the app's own OpenAPI: no 500s, every response matches the schema."""

from __future__ import annotations

import zlib
from datetime import UTC, datetime
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from safar.config import Settings
from safar.web.app import create_app


@pytest.fixture
def api_schema(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("SAFAR_HOME", str(tmp_path / "schemathesis-home"))
    app = create_app(Settings.from_env())
    accounts = app.state.services.accounts
    accounts.create_user("api", "a long enough password", admin=True)
    token = accounts.create_token("api", "schemathesis")
    # A colleague with a token (token 2), for the administration routes: never the caller's own token.
    accounts.create_user("colleague", "a long enough password")
    accounts.create_token("colleague", "integration")
    from safar.workspace import Workspace

    ws = Workspace(app.state.services.engine, 1, "default", app.state.services.settings)
    stored = ws.new_from_template("saas", "en")
    ws.new_from_template("saas", "en", title="To delete")  # map 2: the one DELETE removes
    ws.new_from_template("saas", "en", title="To archive")  # map 3: archived and unarchived, map 1 stays open
    from safar.surveys import Surveys, quick_survey

    Surveys(ws).create(stored.id, quick_survey(stored.document, ["nps"]))  # survey 1, for the survey routes
    from safar.services.ingestion import ingest_events

    events = tmp_path / "events.csv"  # dataset "shop", for the analyze routes
    events.write_text(
        "customer_id,timestamp,activity,channel\n"
        + "".join(
            f"c{i},2026-01-0{1 + i % 5}T10:00:00,{a},web\n" for i in range(6) for a in ("visit", "buy")
        ),
        encoding="utf-8",
    )
    ingest_events(ws, events, dataset="shop", channel_col="channel", tz="UTC")
    ingest_events(ws, events, dataset="scratch", channel_col="channel", tz="UTC")  # the one DELETE removes
    JOB.append(_an_import(app, ws, events))  # an import from the browser, for the import's status route
    from safar.accounts import Actor
    from safar.context import Context
    from safar.services.sources import SourceIn, add_source

    for dataset in (
        "from-db",
        "from-db-2",
    ):  # source 1 for the source routes, source 2 the one DELETE removes
        unreachable = "postgresql://reader:pw@127.0.0.1:1/crm"  # a pull fails at once: nothing listens there
        new = SourceIn(kind="postgres", url=unreachable, query="SELECT 1", dataset=dataset, check=False)
        add_source(Context(ws, "en"), Actor("api", "api"), new)
    # Alert 1 (for the alert rows route): a conversion rule's alert over the shop data's days, made and
    # stored as the check makes one (the data is too small to fire one for real).
    from safar.alerts import Alerts
    from safar.alerts.feed import alert_payload
    from safar.alerts.judge import judge
    from safar.alerts.measure import Measurement, WindowStats

    alerts = Alerts(ws)
    rule = alerts.add_rule(
        stored.id, kind="conversion_drops", touchpoint="search_comparison", params={"dataset": "shop"}
    )
    day = [
        datetime(2025, 12, 1, tzinfo=UTC),
        datetime(2026, 1, 3, tzinfo=UTC),
        datetime(2026, 1, 6, tzinfo=UTC),
    ]
    measured = Measurement(
        "conversion",
        day[2],
        WindowStats(day[1], day[2], 40, 10),
        WindowStats(day[0], day[1], 200, 150),
        "shop",
    )
    payload = alert_payload(
        rule,
        workspace="default",
        map_title=stored.document.title,
        target_name="Search",
        owners=[],
        measurement=measured,
        verdict=judge(measured, rule.params, falling=True),
    )
    alerts._insert_alert(rule, payload, day[2])
    # Case 1 (for the case routes): opened from alert 1 by case rule 1; case rule 2 is the one DELETE removes.
    from safar.services.case_sweep import sweep
    from safar.services.cases import add_rule as add_case_rule

    context = Context(ws, "en")
    add_case_rule(context, stored.id, "alert", since=datetime(2020, 1, 1, tzinfo=UTC), actor="api")
    add_case_rule(context, stored.id, "nps<=6", actor="api")
    assert sweep(context).opened == [1]
    from safar.services.topics import add_topic

    for name in ("Kept", "To remove", "To merge"):  # topics "kept", "to-remove" (DELETE), "to-merge" (merged)
        add_topic(context, name_fa="", name_en=name, phrases=[f"{name} phrase"], actor="api")
    from safar.services.kb import import_file

    articles = tmp_path / "kb.json"  # article "to-remove-article", the one DELETE removes
    articles.write_text(
        '[{"id": "to-remove-article", "title": "Opening hours", "body": "We open at nine."}]', "utf-8"
    )
    import_file(context, articles, actor="api")
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    schema.config.headers = {"Authorization": f"Bearer {token}"}
    return schema


JOB: list[str] = []


def _an_import(app: Any, ws: Any, path: Any) -> str:
    """A finished import of ``path`` started as the upload page starts one; its job id."""
    import asyncio
    import time
    from concurrent.futures import ThreadPoolExecutor

    from safar.context import Context
    from safar.services.uploads import ImportJobs, Reading, keep_upload

    async def chunks() -> Any:
        yield path.read_bytes()

    # On a thread of its own: a browser test before this one in the same process leaves Playwright's loop running.
    with ThreadPoolExecutor(max_workers=1) as thread:
        token = thread.submit(
            asyncio.run, keep_upload(ws.settings, "default", "events.csv", chunks())
        ).result()
    app.state.imports = ImportJobs()
    context = Context(ws, "en")
    job = app.state.imports.start(context, token, "uploaded", Reading())
    while app.state.imports.status(context, job).state == "running":
        time.sleep(0.05)
    return str(job)


def test_the_api_honours_its_schema(api_schema: Any) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 9
    statuses: dict[str, set[int]] = {}

    def _steered(value: Any) -> int:
        """Most values are aimed at what exists (non-zero), by a hash of the value: Hypothesis's favourite
        integers (0, 256, 10**6, …) are multiples of 4, so ``value % 4`` sent whole operations to 404."""
        return zlib.crc32(str(value).encode()) % 4

    merged: list[bool] = []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=5,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
            derandomize=True,
        )
        def check(case: Any) -> None:
            # Aim most cases at the workspace and map that exist; the rest probe the 404 paths.
            params = case.path_parameters or {}
            if "ws" in params and zlib.crc32(params["ws"].encode()) % 4:
                params["ws"] = "default"
            if "map_id" in params and _steered(params["map_id"]):
                params["map_id"] = 1
            if "survey_id" in params and _steered(params["survey_id"]):
                params["survey_id"] = 1
            if isinstance(params.get("dataset"), str) and zlib.crc32(params["dataset"].encode()) % 4:
                params["dataset"] = "shop"
            if isinstance(params.get("job"), str) and zlib.crc32(params["job"].encode()) % 4:
                params["job"] = JOB[0]
            if case.method == "DELETE" and case.operation.path.endswith("/maps/{map_id}"):
                params["map_id"] = 2  # deleted once (200), then gone (404); map 1 stays for the rest
            elif "map_id" in params and case.operation.path.endswith(("/archive", "/unarchive")):
                params["map_id"] = 3
            if case.method == "DELETE" and "dataset" in params:
                params["dataset"] = (
                    "scratch"  # removed once (200), then gone (404); "shop" stays for the rest
                )
            if "source_id" in params:
                params["source_id"] = (
                    2 if case.method == "DELETE" else 1 if _steered(params["source_id"]) else 3
                )
            if "case_id" in params and _steered(params["case_id"]):
                params["case_id"] = 1
            if "rule_id" in params:
                params["rule_id"] = (
                    2 if case.method == "DELETE" and _steered(params["rule_id"]) else params["rule_id"]
                )
            if isinstance(params.get("key"), str) and "/kb/articles/" in case.operation.path:
                params["key"] = (
                    "to-remove-article" if zlib.crc32(params["key"].encode()) % 4 else params["key"]
                )
            if isinstance(params.get("key"), str) and "/topics/" in case.operation.path:
                if case.method == "DELETE":
                    params["key"] = "to-remove"
                elif case.operation.path.endswith("/merge"):
                    params["key"] = "to-merge"
                    # the first body into a topic that exists (it merges once; later ones meet a 404), as
                    # derandomized examples of so small a body may all be alike
                    if isinstance(case.body, dict) and not merged:
                        case.body = {"into": "kept"}
                        merged.append(True)
                elif zlib.crc32(params["key"].encode()) % 4:
                    params["key"] = "kept"
            if "alert_id" in params and _steered(params["alert_id"]):
                params["alert_id"] = 1
            if "username" in params and zlib.crc32(params["username"].encode()) % 4:
                params["username"] = "colleague"
            if "token_id" in params and _steered(params["token_id"]):
                params["token_id"] = 2
            if isinstance(params.get("customer_id"), str) and zlib.crc32(params["customer_id"].encode()) % 4:
                params["customer_id"] = "c1"  # a customer of "shop" (and of "scratch" until it is removed)
            if "ref" in params and zlib.crc32(params["ref"].encode()) % 4:
                params["ref"] = "search_comparison"  # an opportunity of map 1: its first touchpoint
            query = case.query or {}
            if isinstance(query.get("dataset"), str) and zlib.crc32(query["dataset"].encode()) % 4:
                query["dataset"] = "shop"
            for name in ("a", "b", "revision", "map"):
                if isinstance(query.get(name), int) and _steered(query[name]):
                    query[name] = 1
            # an edit's, a revert's or a setting's revisions: the map's first (saved on, or a 409 conflict)
            for name in ("base_revision", "revision"):
                body = case.body if isinstance(case.body, dict) else {}
                if isinstance(body.get(name), int) and _steered(body[name]):
                    body[name] = 1
            # A schema-valid document can still be refused with a documented 422: its channels are
            # checked against the workspace's catalogue and its ids for uniqueness, which no JSON
            # Schema can state. So that one check is left out; the server-error, status-code,
            # content-type and response-schema checks all run.
            response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
            statuses.setdefault(case.operation.label, set()).add(response.status_code)

        check()
    # The calls were authenticated and reached each operation's logic (not only 401/403/404) …
    assert [label for label, codes in statuses.items() if not codes - {401, 403, 404}] == [], statuses
    # … and the read operations and map creation succeeded.
    succeeded = {label for label, codes in statuses.items() if any(code < 300 for code in codes)}
    assert {
        "GET /api/v1/workspaces/{ws}/maps",
        "POST /api/v1/workspaces/{ws}/maps",
        "GET /api/v1/workspaces/{ws}/maps/{map_id}",
        "GET /api/v1/workspaces/{ws}/maps/{map_id}/history",
        "GET /api/v1/workspaces/{ws}/channels",
    } <= succeeded, statuses
