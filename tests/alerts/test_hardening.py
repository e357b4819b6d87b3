"""Alert settings that could hurt the server: internal webhook targets, spans beyond the calendar,
non-numbers in forms; and a webhook's secret path is not shown to viewers."""

from __future__ import annotations

from typing import Any

import pytest

from safar.alerts import Alerts
from safar.config import Settings
from safar.errors import InputError
from safar.workspace import Workspace


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data",
        "http://10.1.2.3/hook",
        "http://[::1]:8080/x",
        "http://localhost/x",
    ],
)
def test_internal_webhooks_are_refused_unless_allowed(
    shop: int, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFAR_WEBHOOK_ALLOW", "")
    with Workspace.open(Settings.from_env()) as ws, pytest.raises(InputError) as caught:
        Alerts(ws).set_destination("Sales", url)
    assert caught.value.code == "alerts.url_internal"
    monkeypatch.setenv("SAFAR_WEBHOOK_ALLOW", "10.0.0.0/8")
    if "10.1.2.3" in url:
        with Workspace.open(Settings.from_env()) as ws:
            assert Alerts(ws).set_destination("Sales", url).url == url


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--window", "800000d"),
        ("--baseline", "99999999999d"),
        ("--cooldown", "3000000d"),
        ("--window", "1e400d"),
    ],
)
def test_spans_beyond_ten_years_are_refused(cli: Any, shop: int, option: str, value: str) -> None:
    result = cli(
        "alerts",
        "rule",
        "add",
        str(shop),
        "--touchpoint",
        "cart",
        "--kind",
        "conversion_drops",
        option,
        value,
        expect=2,
    )
    assert "alerts.bad_param" in result.stderr or value in result.stderr


def test_viewers_see_a_webhooks_host_not_its_secret_path(site: Any, hook: Any, shop: int) -> None:
    with Workspace.open(Settings.from_env()) as ws:
        Alerts(ws).set_destination("Sales", hook.url + "/T0001/SECRET")
    viewer = site.client("vic")
    page = viewer.get("/w/default/alerts?lang=en").text
    assert "SECRET" not in page and "http://127.0.0.1/…" in page
    editor = site.client("ana")
    assert "SECRET" in editor.get("/w/default/alerts?lang=en").text


def test_a_non_number_in_the_rule_form_is_a_clear_error(site: Any, shop: int) -> None:
    editor = site.client("ana")
    page = editor.get("/w/default/alerts?lang=en")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    answer = editor.post(
        "/w/default/alerts/rules?lang=en",
        data={
            "csrf": token,
            "map_id": "abc",
            "target": "touchpoint",
            "target_id": "cart",
            "kind": "conversion_drops",
        },
    )
    assert answer.status_code == 400 and "map_id" in answer.text
