"""While `safar serve` runs, the alert rules are checked on a schedule: no command needed."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from safar.config import Settings
from safar.errors import ConfigError
from safar.web.app import create_app


def test_the_running_web_app_checks_the_rules_and_posts_the_alert(
    cli: Any, hook: Any, shop: int, log: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")  # no rule yet: nothing fires
    cli("alerts", "destination", "set", "Sales", hook.url, "--backoff", "0.01s")
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    assert hook.received == []
    monkeypatch.setenv("SAFAR_ALERTS_EVERY", "1")
    app = create_app(Settings.from_env())
    with TestClient(app):  # runs the app's lifespan, as uvicorn does
        deadline = time.monotonic() + 30
        while not hook.received and time.monotonic() < deadline:
            time.sleep(0.2)
    assert [(a["kind"], a["target"]["id"], a["owners"]) for a in hook.received] == [
        ("conversion_drops", "cart", ["Sales"])
    ]
    app.state.services.engine.dispose()


def test_a_bad_interval_is_refused_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAFAR_ALERTS_EVERY", "5m")
    with pytest.raises(ConfigError) as caught:
        create_app(Settings.from_env())
    assert caught.value.code == "alerts.bad_every"
