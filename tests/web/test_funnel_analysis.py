"""The Journeys page's funnel analysis on the demo: the stage funnel per entry channel and for a persona (its
groups add up to the whole funnel), this period against the one before with each stage's test, and the time
taken — the page, its API twin and the analytics called directly say the same."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int, Path]]:
    """The demo, built once for the module: its tests read it."""
    from tests.web.conftest import module_demo

    yield from module_demo(tmp_path_factory, "funnel-analysis")


@pytest.fixture
def demo(built: tuple[Any, int, Path], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, int]:
    site, map_id, home = built
    monkeypatch.setenv("SAFAR_HOME", str(home))  # the CLI reads the same installation
    return site, map_id


def test_the_page_and_its_api_break_down_compare_and_time_the_stage_funnel(demo: tuple[Any, int]) -> None:
    from safar.analytics.funnel_analysis import compare_previous
    from safar.config import Settings
    from safar.context import Context
    from safar.workspace import Workspace

    site, map_id = demo
    ana = site.client("ana")
    api = f"/api/v1/workspaces/default/maps/{map_id}"
    whole = ana.get(f"{api}/journeys").json()["funnel"]
    found = ana.get(f"{api}/funnel-analysis?breakdown=channel&compare=true&times=true").json()
    for k, step in enumerate(whole):  # every customer is in one entry channel
        assert sum(g["steps"][k]["customers"] for g in found["groups"]) == step["customers"]
    assert [g["name"] for g in found["groups"]][:2] == ["تبلیغات", "توصیه دیگران"]
    stages = [s["step"] for s in whole]
    ws = Workspace.attach(site.app.state.services.engine, Settings.from_env(), "default")
    c = found["comparison"]
    import datetime as dt

    with Context(ws, "fa").warehouse() as wh:
        direct = compare_previous(
            wh.events(found["dataset"]),
            stages,
            start=dt.datetime.fromisoformat(c["start"]),
            end=dt.datetime.fromisoformat(c["end"]),
            level="stage",
            journey_map=ws.get_map(map_id).document,
        )
    assert [(s["current"], s["previous"], s["p_value"]) for s in c["steps"]] == [
        (s.current, s.previous, s.p_value) for s in direct.steps
    ]
    assert [t["step"] for t in found["times"]] == stages[1:]
    assert all(t["to_convert"]["n"] == whole[k + 1]["customers"] for k, t in enumerate(found["times"]))

    page = ana.get(
        f"/w/default/maps/{map_id}/journeys?lang=fa&breakdown=channel&compare=true&times=true"
    ).text
    assert page.count('<th scope="row">') >= len(found["groups"])
    assert 'data-testid="funnel-comparison"' in page and 'data-testid="funnel-times"' in page
    assert "واحد درصد" in page and "ممکن است تصادفی باشد" in page

    persona = ws.get_map(map_id).document.personas[0]
    split = ana.get(f"{api}/funnel-analysis?breakdown=persona:{persona.id}").json()["groups"]
    assert {g["name"] for g in split} == {persona.name, "بقیه مشتریان"}
    assert sum(g["steps"][0]["customers"] for g in split) == whole[0]["customers"]
    wrong = ana.get(f"{api}/funnel-analysis?breakdown=weather")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "analytics.bad_breakdown")
    english = ana.get(f"/w/default/maps/{map_id}/journeys?lang=en&compare=true").text
    assert "could be chance" in english and "Customers who began between" in english


def test_where_customers_go_after_a_touchpoint_and_how_they_come_to_it(demo: tuple[Any, int]) -> None:
    site, map_id = demo
    ana = site.client("ana")
    api = f"/api/v1/workspaces/default/maps/{map_id}/flows"
    after = ana.get(f"{api}?step=wait_for_agent&direction=from").json()
    assert after["customers"] > 0 and sum(n["customers"] for n in after["next"]) == after["customers"]
    assert sum(p["customers"] for p in after["paths"]) + after["other"] == after["customers"]
    assert any(n["step"] == "(end)" and n["name"] == "رفت (رویداد دیگری نیست)" for n in after["next"])
    before = ana.get(f"{api}?step=report_claim&direction=to&depth=2").json()
    assert all(len(p["steps"]) <= 2 for p in before["paths"]) and before["direction"] == "to"
    page = ana.get(f"/w/default/maps/{map_id}/journeys?lang=fa&around=wait_for_agent&direction=from").text
    assert page.count("<li>") >= len(after["paths"]) and 'data-testid="flows-next"' in page
    assert "رفت (رویداد دیگری نیست)" in page
    wrong = ana.get(f"{api}?step=nowhere")
    assert (wrong.status_code, wrong.json()["error"]["code"]) == (400, "retention.unknown_start")


def test_the_maps_rules_are_said_as_sentences_and_cost_what_the_cli_says(demo: tuple[Any, int]) -> None:
    import json

    from typer.testing import CliRunner

    from safar.cli import app

    site, map_id = demo
    ana = site.client("ana")
    api = ana.get(f"/api/v1/workspaces/default/maps/{map_id}/rules?within=7d").json()
    kinds = [r["rule"] for r in api["rules"]]
    assert kinds[0] == "starts_with" and {"must_follow", "within", "must_not_skip"} <= set(kinds)
    assert api["rules"][0]["text"] == "مشتریان از «آگاهی از بیمه‌نامه» آغاز می‌کنند"
    assert all(0 <= r["broken"] <= r["applies"] <= api["customers"] for r in api["rules"])
    cli = CliRunner().invoke(
        app,
        ["analyze", "rules", "--dataset", api["dataset"], "--map", str(map_id), "--within", "7d", "--json"],
    )
    said = json.loads(cli.stdout)
    assert [(r["rule"], r["applies"], r["broken"]) for r in said["rules"]] == [
        (r["rule"], r["applies"], r["broken"]) for r in api["rules"]
    ]
    page = ana.get(f"/w/default/maps/{map_id}/journeys?lang=en&rules=true&within=7d").text
    assert page.count("<tr><td dir=") >= len(api["rules"]) and "kept every rule" in page


def test_this_month_against_the_last_for_one_channel(demo: tuple[Any, int]) -> None:
    site, map_id = demo
    ana = site.client("ana")
    api = f"/api/v1/workspaces/default/maps/{map_id}/funnel-analysis?compare=true"
    every = ana.get(api).json()["comparison"]["steps"]
    ads = ana.get(f"{api}&channel=advertising").json()["comparison"]["steps"]
    assert 0 < ads[0]["current"] < every[0]["current"] and 0 < ads[0]["previous"] < every[0]["previous"]
    assert all(s["current_median"] is not None for s in ads[1:4])
    page = ana.get(f"/w/default/maps/{map_id}/journeys?lang=fa&compare=true&channel=advertising").text
    assert "میانه زمان از مرحله نخست" in page and " ← " in page


def test_every_count_of_the_analyses_opens_as_many_customers(demo: tuple[Any, int]) -> None:
    """Each group's, period's, path's and broken rule's count is a link to its customers: the list the link opens
    (page and API) holds exactly that many, described in the reader's language."""
    import json
    import re
    from html import unescape

    site, map_id = demo
    ana = site.client("ana")
    api = f"/api/v1/workspaces/default/maps/{map_id}"

    def opened(chosen: dict[str, Any]) -> int:
        query = {k: v for k, v in chosen.items() if v is not None and v != []}
        found = ana.get(f"{api}/customers", params=query | {"per_page": 1})
        assert found.status_code == 200, found.text
        return int(found.json()["total"])

    counts: list[tuple[int, dict[str, Any]]] = []
    analysis = ana.get(f"{api}/funnel-analysis?breakdown=channel&compare=true").json()
    # the two largest groups at every stage, the others (the one without a value among them) at their last
    groups = analysis["groups"]
    counts += [(s["customers"], s["customers_filter"]) for g in groups[:2] for s in g["steps"]]
    counts += [(g["steps"][-1]["customers"], g["steps"][-1]["customers_filter"]) for g in groups[2:]]
    steps = analysis["comparison"]["steps"]
    counts += [(s["current"], s["current_customers"]) for s in steps]
    counts += [(s["previous"], s["previous_customers"]) for s in steps]
    persona = ana.get(f"{api}/journeys").json()
    split = ana.get(f"{api}/funnel-analysis?breakdown=persona:{_persona(site, map_id)}").json()["groups"]
    counts += [(g["steps"][k]["customers"], g["steps"][k]["customers_filter"]) for g in split for k in (0, 3)]
    for direction, step in (("from", "wait_for_agent"), ("to", "report_claim")):
        flows = ana.get(f"{api}/flows?step={step}&direction={direction}").json()
        counts += [(n["customers"], n["customers_filter"]) for n in flows["next"]]
        counts += [(p["customers"], p["customers_filter"]) for p in flows["paths"][:4]]
    rules = ana.get(f"{api}/rules?within=7d").json()["rules"]
    counts += [(r["broken"], r["customers_filter"]) for r in rules]
    for how in ("order=strict", "order=any&window=7d", "window=1d"):  # the order and window the page offers
        narrow = ana.get(f"{api}/funnel-analysis?breakdown=channel&compare=true&{how}").json()
        assert all(
            n["customers"] <= w["customers"]
            for g, h in zip(narrow["groups"], analysis["groups"], strict=False)
            for n, w in zip(g["steps"], h["steps"], strict=True)
            if g["group"] == h["group"]
        )
        counts += [(s["customers"], s["customers_filter"]) for s in narrow["groups"][0]["steps"][1::3]]
        counts += [(s["current"], s["current_customers"]) for s in narrow["comparison"]["steps"][2::3]]
    assert persona["funnel"] and len(counts) > 40 and sum(n for n, _ in counts) > 0
    assert [(n, opened(f)) for n, f in counts] == [(n, n) for n, _ in counts]

    page = ana.get(
        f"/w/default/maps/{map_id}/journeys?lang=fa&breakdown=channel&compare=true&rules=true&within=7d"
    )
    links = [
        unescape(h)
        for h in re.findall(
            r'href="([^"]*/customers\?[^"]*)"[^>]*data-testid="analysis-customers"', page.text
        )
    ]
    assert len(links) >= len(analysis["groups"]) * len(steps) + len(rules) // 2
    rule_link = next(h for h in links if "kind=rule" in h)
    listed = ana.get(rule_link + "&lang=fa").text
    assert "مشتریانی که این قاعده نقشه را شکستند" in listed
    group_link = next(h for h in links if "breakdown=channel" in h and "group=" in h)
    assert "از گروه" in ana.get(group_link + "&lang=fa").text
    period_link = next(h for h in links if "began_from=" in h)
    assert "که قیفشان از" in ana.get(period_link + "&lang=fa").text
    flows_page = ana.get(
        f"/w/default/maps/{map_id}/journeys?lang=fa&around=wait_for_agent&direction=from"
    ).text
    flow_link = unescape(re.findall(r'href="([^"]*kind=flow[^"]*)"', flows_page)[0])
    assert "مشتریانی که گام‌هایشان پس از نخستین" in ana.get(flow_link + "&lang=fa").text

    from typer.testing import CliRunner

    from safar.cli import app

    def cli(*options: str) -> int:
        said = CliRunner().invoke(app, ["map", "customers", str(map_id), *options, "--json"])
        assert said.exit_code == 0, said.stdout
        return int(json.loads(said.stdout)["total"])

    group = analysis["groups"][0]
    assert (
        cli("--funnel-step", "2", "--breakdown", "channel", "--group", group["group"])
        == group["steps"][1]["customers"]
    )
    current = analysis["comparison"]["steps"][1]
    began = current["current_customers"]
    assert (
        cli("--funnel-step", "2", "--began-from", began["began_from"], "--began-until", began["began_until"])
        == (current["current"])
    )
    broken = next(r for r in rules if r["rule"] == "within")
    assert (
        cli("--broke", "within", "--stages", ",".join(broken["where"]), "--within", "7d") == broken["broken"]
    )
    away = ana.get(f"{api}/flows?step=wait_for_agent&direction=from").json()["paths"][0]
    assert cli("--flow-from", "wait_for_agent", "--path", ",".join(away["steps"])) == away["customers"]
    refused = CliRunner().invoke(
        app, ["map", "customers", str(map_id), "--stage", "buy", "--broke", "within"]
    )
    assert refused.exit_code != 0 and "--broke" in refused.stdout + refused.stderr


def _persona(site: Any, map_id: int) -> str:
    from safar.config import Settings
    from safar.workspace import Workspace

    ws = Workspace.attach(site.app.state.services.engine, Settings.from_env(), "default")
    return str(ws.get_map(map_id).document.personas[0].id)
