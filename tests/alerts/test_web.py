"""The feed page in Persian and English (user text escaped), editors' forms, viewers refused, the JSON API."""

from __future__ import annotations

import html

from alerts_helpers import csrf_of, shop_map

from safar.config import Settings
from safar.workspace import Workspace

OWNER = "<b>Sales & Co</b>"
NAME = "Cart <script>alert(1)</script>"


def hostile_shop() -> int:
    journey = shop_map(owner_cart=OWNER)
    journey.stages[0].touchpoints[0].name = NAME
    with Workspace.open(Settings.from_env()) as ws:
        return ws.create_map(journey).id


def test_the_feed_renders_in_both_languages_and_escapes_user_text(site, cli, hook, log) -> None:
    map_id = hostile_shop()
    cli("alerts", "destination", "set", OWNER, hook.url)
    cli("alerts", "rule", "add", str(map_id), "--touchpoint", "cart", "--kind", "conversion_drops")
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    assert [a["owners"] for a in hook.received] == [[OWNER]]
    client = site.client("ana")
    en = client.get("/w/default/alerts?lang=en")
    assert en.status_code == 200 and en.headers["content-language"] == "en"
    assert "<script>alert(1)</script>" not in en.text and "<b>Sales" not in en.text
    assert html.escape(NAME, quote=False) in en.text and "&lt;b&gt;Sales &amp; Co&lt;/b&gt;" in en.text
    assert f"Conversion after {html.escape(NAME, quote=False)} dropped from 80.0% to 40.0%" in en.text
    assert "<td>delivered" in en.text and "80%" in en.text and "40%" in en.text
    fa = client.get("/w/default/alerts?lang=fa")
    assert fa.status_code == 200 and 'dir="rtl"' in fa.text
    assert "هشدارها" in fa.text and "تحویل شد" in fa.text and "از ۸۰٫۰٪ به ۴۰٫۰٪ افت کرد" in fa.text
    assert "<script>alert(1)</script>" not in fa.text
    assert 'data-testid="alerts-link"' in client.get("/w/default?lang=en").text


def test_editors_manage_rules_webhooks_and_acknowledge(site, cli, hook, shop, log) -> None:
    client = site.client("ana")
    csrf = csrf_of(client.get("/w/default/alerts").text)
    form = {
        "csrf": csrf,
        "map_id": str(shop),
        "target_kind": "touchpoint",
        "target_id": "cart",
        "kind": "conversion_drops",
        "metric": "csat",
        "window": "",
        "alpha": "0.01",
        "min_n": "30",
    }
    assert client.post("/w/default/alerts/rules", data=form).status_code == 303
    response = client.post(
        "/w/default/alerts/destinations", data={"csrf": csrf, "department": "Sales", "url": hook.url}
    )
    assert response.status_code == 303
    cli("events", "ingest", str(log(0.8, 0.4)), "--dataset", "shop", "--json")
    assert [a["rule_id"] for a in hook.received] == [1]
    assert client.post("/w/default/alerts/1/ack", data={"csrf": csrf}).status_code == 303
    assert client.post("/w/default/alerts/check", data={"csrf": csrf}).status_code == 303
    page = client.get("/w/default/alerts?lang=en").text
    assert "acknowledged by ana" in page and page.count('data-testid="rule-row"') == 1
    assert client.post("/w/default/alerts/rules/1/remove", data={"csrf": csrf}).status_code == 303
    assert cli("alerts", "rules", "--json") == []
    [alert] = cli("alerts", "list", "--json")
    assert (alert["rule_id"], alert["acknowledged_by"]) == (None, "ana")
    bad = client.post("/w/default/alerts/rules?lang=en", data={**form, "target_id": "nowhere"})
    assert bad.status_code == 400 and "The map has no touchpoint" in bad.text


def test_viewers_see_the_feed_but_cannot_change_it(site, shop) -> None:
    client = site.client("vic")
    page = client.get("/w/default/alerts?lang=en")
    assert page.status_code == 200 and 'data-testid="add-rule"' not in page.text
    csrf = csrf_of(page.text)
    form = {
        "csrf": csrf,
        "map_id": str(shop),
        "target_kind": "touchpoint",
        "target_id": "cart",
        "kind": "conversion_drops",
    }
    assert client.post("/w/default/alerts/rules", data=form).status_code == 403
    assert (
        client.post(
            "/w/default/alerts/destinations", data={"csrf": csrf, "department": "x", "url": "http://x"}
        ).status_code
        == 403
    )
    assert client.post("/w/default/alerts/check", data={"csrf": csrf}).status_code == 403
    assert site.client().get("/w/default/alerts").status_code == 303  # to the login page
    assert (
        site.client("ana").post("/w/default/alerts/rules", data={**form, "csrf": "forged"}).status_code == 403
    )


def test_the_json_api(site, shop) -> None:
    token = site.app.state.services.accounts.create_token("ana", "test")
    client = site.client()
    headers = {"Authorization": f"Bearer {token}"}
    body = {
        "target_kind": "stage",
        "target_id": "buy",
        "kind": "satisfaction_falls",
        "metric": "nps",
        "window": "14d",
    }
    created = client.post(f"/api/v1/workspaces/default/maps/{shop}/alert-rules", json=body, headers=headers)
    assert created.status_code == 201
    rule = created.json()
    assert {k: v for k, v in rule.items() if k != "created_at"} == {
        "id": 1,
        "map_id": shop,
        "target": {"kind": "stage", "id": "buy", "name": "Buy", "lang": "en"},  # named as the map names it
        "kind": "satisfaction_falls",
        "params": {
            "window": 1209600,
            "baseline": 2419200,
            "min_n": 30,
            "alpha": 0.01,
            "min_effect": 0.05,
            "guard": "ztest",
            "metric": "nps",
            "within": 86400,
        },
        "owner": None,
        "cooldown": 86400,
        "enabled": True,
        "created_by": "ana",
    }
    assert client.get("/api/v1/workspaces/default/alert-rules", headers=headers).json() == [rule]
    assert client.get("/api/v1/workspaces/default/alerts", headers=headers).json() == []
    bad = client.post(
        f"/api/v1/workspaces/default/maps/{shop}/alert-rules?lang=en",
        json={**body, "window": "soon"},
        headers=headers,
    )
    assert bad.status_code == 400
    assert bad.json()["error"] == {
        "code": "alerts.bad_param",
        "message": "Alert setting 'window' cannot be 'soon'. Allowed: ≥ 1m: 90s, 45m, 12h, 7d, 2w.",
        "details": {"param": "window", "value": "soon", "allowed": "≥ 1m: 90s, 45m, 12h, 7d, 2w"},
    }
