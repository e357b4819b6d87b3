"""Choosing what a metric measures on the key-metrics page and through its JSON twin: a new revision,
editors only, and a translated 422 for anything malformed."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from tests.kpis.conftest import csrf_of

API = "/api/v1/workspaces/default/maps/1/kpis"


@pytest.fixture
def shop_site(site: Any, tmp_path: Path, shop: Any, events_loader: Any, journeys: Any) -> Any:
    from safar.model import Metric

    site.workspace.create_map(
        shop([Metric(name="Headline", unit="%", needs="outcomes")], cart=[Metric(name="Basket", unit="%")])
    )
    events_loader(site.workspace, tmp_path, journeys)
    return site


def _form(page: str, key: str) -> dict[str, str]:
    forms = re.findall(r'<form method="post" action="[^"]+/kpis/measure".*?</form>', page, re.S)
    form = next(f for f in forms if f'name="key" value="{key}"' in f)
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form))


def test_the_form_offers_names_and_saves_a_revision_that_is_then_measured(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    page = ana.get("/w/default/maps/1/kpis?lang=en").text
    assert '<option value="stage:visit" lang="en">Visit</option>' in page
    assert '<option value="touchpoint:cart" lang="en">Cart</option>' in page
    assert 'data-testid="kpi-place">Cart<' in page  # the touchpoint's name, not its id
    fields = _form(page, "cart/Basket")
    assert fields["base_revision"] == "1"
    done = ana.post(
        "/w/default/maps/1/kpis/measure", data=fields | {"kind": "conversion", "where": "stage:visit"}
    )
    assert done.status_code == 303 and done.headers["location"] == "/w/default/maps/1/kpis"
    stored = shop_site.workspace.get_map(1)
    assert stored.revision == 2
    metric = next(t for t in stored.document.touchpoints() if t.id == "cart").metrics[0]
    assert metric.measure is not None
    assert (metric.measure.kind.value, metric.measure.stage) == ("conversion", "visit")
    latest = shop_site.workspace.history(1)[-1]
    assert latest.message.render("en") == "Basket: measures conversion to a later stage"
    # Stored as a key and values: each reader reads it in their own language.
    assert (latest.message.key, latest.message.values) == (
        "kpis.measure_saved",
        {"metric": "Basket", "kind": "conversion"},
    )
    page = ana.get("/w/default/maps/1/kpis?lang=en").text
    assert 'data-testid="kpi-measure">conversion to a later stage · Visit<' in page
    assert (
        'data-testid="kpi-value-customers">50%</a></strong>' in page
    )  # of ana, bob, cy and dan in Visit, ana and cy reach a later stage
    assert '<option value="stage:visit" lang="en" selected>Visit</option>' in page


def test_the_json_twin_saves_and_clears_a_measure(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    headers = {"X-CSRF-Token": csrf_of(ana.get("/w/default/maps/1/kpis").text)}
    body = {"key": "Headline", "kind": "conversion", "base_revision": 1}
    saved = ana.put(API + "/measure", json=body, headers=headers)
    assert saved.status_code == 200 and saved.json() == {"map_id": 1, "revision": 2, "created": True}
    now = {m["key"]: m for m in ana.get(API).json()["metrics"]}
    assert now["Headline"]["measure"]["kind"] == "conversion" and now["Headline"]["value"] == 25.0
    headline = shop_site.workspace.get_map(1).document.metrics[0]
    assert headline.needs is None  # measured now: it no longer says what other data it needs
    cleared = ana.put(API + "/measure", json=body | {"kind": "", "base_revision": 2}, headers=headers)
    assert cleared.status_code == 200 and cleared.json()["revision"] == 3
    assert shop_site.workspace.get_map(1).document.metrics[0].measure is None


def test_a_viewer_cannot_choose_a_measure(shop_site: Any) -> None:
    vic = shop_site.client("vic")
    page = vic.get("/w/default/maps/1/kpis?lang=en").text
    assert 'data-testid="measure-form"' not in page
    data = {"csrf": csrf_of(page), "key": "Headline", "kind": "nps", "base_revision": "1"}
    assert vic.post("/w/default/maps/1/kpis/measure", data=data).status_code == 403
    body = {"key": "Headline", "kind": "nps", "base_revision": 1}
    assert vic.put(API + "/measure", json=body, headers={"X-CSRF-Token": csrf_of(page)}).status_code == 403
    assert shop_site.workspace.get_map(1).revision == 1


@pytest.mark.parametrize(
    ("change", "code", "message"),
    [
        ({"kind": "loyalty"}, "kpis.bad_kind", "'loyalty' is not something Safar measures"),
        ({"where": "stage:pay"}, "kpis.bad_where", "'stage:pay' is not a touchpoint or stage of this map"),
        ({"where": "home"}, "kpis.bad_where", "'home' is not a touchpoint or stage of this map"),
        ({"key": "nope"}, "kpis.bad_key", "The map has no key metric 'nope'"),
        ({"base_revision": "x"}, "kpis.bad_revision", "is not a revision number"),
        ({"base_revision": ""}, "kpis.bad_revision", "is not a revision number"),
    ],
)
def test_a_malformed_form_is_a_translated_422(
    shop_site: Any, change: dict[str, str], code: str, message: str
) -> None:
    ana = shop_site.client("ana")
    page = ana.get("/w/default/maps/1/kpis?lang=en").text
    data = _form(page, "Headline") | {"kind": "nps", "where": ""} | change
    refused = ana.post("/w/default/maps/1/kpis/measure?lang=en", data=data)
    assert refused.status_code == 422 and message in html.unescape(refused.text)
    persian = ana.post("/w/default/maps/1/kpis/measure?lang=fa", data=data)
    assert persian.status_code == 422 and '<html lang="fa"' in persian.text
    body: dict[str, Any] = {"key": "Headline", "kind": "nps", "base_revision": 1}
    for name, value in change.items():
        body |= {"stage": value.removeprefix("stage:")} if name == "where" else {name: value}
    api = ana.put(API + "/measure", json=body, headers={"X-CSRF-Token": csrf_of(page)})
    expected = "request.invalid" if "base_revision" in change else code
    assert api.status_code == 422 and api.json()["error"]["code"] == expected
    assert shop_site.workspace.get_map(1).revision == 1


def test_the_api_refuses_a_touchpoint_and_a_stage_at_once(shop_site: Any) -> None:
    ana = shop_site.client("ana")
    headers = {"X-CSRF-Token": csrf_of(ana.get("/w/default/maps/1/kpis").text)}
    body = {"key": "Headline", "kind": "nps", "touchpoint": "cart", "stage": "buy", "base_revision": 1}
    refused = ana.put(API + "/measure", json=body, headers=headers)
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "kpis.bad_where"
