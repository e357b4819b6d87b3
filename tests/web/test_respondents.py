"""The survey answers behind an NPS, CSAT or CES count: every count the voice page links (its n, promoters,
passives, detractors and satisfied, for the whole map, each touchpoint and each stage) opens a list of
exactly as many answers; the list reads in Persian and English, exports to CSV and XLSX with formulas
neutralised, and its JSON twin and ``safar map respondents`` say the same."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fastapi.testclient import TestClient
from tests.web.test_customers import shop
from typer.testing import CliRunner

from safar import demo
from safar.accounts import Accounts
from safar.config import Settings
from safar.context import Context
from safar.services.respondents import RespondentFilter, map_respondents
from safar.surveys import Surveys, quick_survey
from safar.voice.responses import import_responses
from safar.warehouse import open_warehouse
from safar.web.app import create_app
from safar.workspace import Workspace

PASSWORD = "correct horse battery"
HYPERLINK = '=HYPERLINK("http://x","y")'


@dataclass
class Demo:
    client: TestClient
    settings: Settings
    workspace: Workspace
    map_id: int


@pytest.fixture(scope="module")
def insurance(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The English demo map with its 600 survey responses, built once for the module."""
    from safar.demo import create_demo_map

    home = tmp_path_factory.mktemp("respondents") / "home"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SAFAR_HOME", str(home))
        env.setenv("SAFAR_LANG", "en")
        env.setenv("SAFAR_USER", "tester")
        for name in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ", "SAFAR_CALENDAR"):
            env.delenv(name, raising=False)
        settings = Settings.from_env()
        app = create_app(settings)
        accounts: Accounts = app.state.services.accounts
        accounts.create_user("ana", PASSWORD, display_name="Ana", admin=True)
        ws = Workspace.attach(app.state.services.engine, settings, "default")
        map_id = create_demo_map(ws, settings, "en")
        client = TestClient(app, follow_redirects=False)
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/login").text)
        assert token
        login = {"csrf": token.group(1), "username": "ana", "password": PASSWORD, "next": "/"}
        assert client.post("/login", data=login).status_code == 303
        yield Demo(client, settings, ws, map_id)
        app.state.services.engine.dispose()


def _links(page: str) -> list[tuple[str, str, int]]:
    """Every answers link of the voice page: (its query, its group, the number it shows)."""
    found = re.findall(r'<a href="[^"]*/respondents\?([^"]*)"[^>]*data-group="(\w+)">([\d,]+)</a>', page)
    return [(html.unescape(query), group, int(n.replace(",", ""))) for query, group, n in found]


def test_every_answer_count_on_the_voice_page_opens_as_many_answers(insurance: Demo) -> None:
    client, map_id = insurance.client, insurance.map_id
    page = client.get(f"/w/default/maps/{map_id}/voice?lang=en").text
    links = _links(page)
    report = client.get(f"/api/v1/workspaces/default/maps/{map_id}/voice?lang=en").json()
    # Each count the report has is linked once: n and the groups of NPS and CSAT, for the map, the
    # touchpoints and the stages with answers.
    figures = [*report["journey"].values()]
    figures += [m for row in report["touchpoints"] + report["stages"] for m in row["metrics"].values()]
    groups = {"nps": 4, "csat": 2, "ces": 1}
    assert len(links) == sum(groups[m["metric"]] for m in figures) > 20
    headline = {group: n for query, group, n in links if "touchpoint" not in query and "stage" not in query and "metric=nps" in query}  # fmt: skip
    nps = report["journey"]["nps"]
    assert headline == {
        "all": nps["n"],
        "promoters": nps["promoters"],
        "passives": nps["passives"],
        "detractors": nps["detractors"],
    }
    assert nps["n"] == 600  # the journey-level question of the demo's 600 responses
    for query, group, shown in links:
        assert f"group={group}" in query
        answer = client.get(f"/api/v1/workspaces/default/maps/{map_id}/respondents?{query}&per_page=1")
        assert answer.status_code == 200, (query, answer.text)
        assert answer.json()["total"] == shown, query


def test_the_whole_list_has_the_count_and_each_answer_its_group(insurance: Demo) -> None:
    client, map_id = insurance.client, insurance.map_id
    api = f"/api/v1/workspaces/default/maps/{map_id}/respondents"
    report = client.get(f"/api/v1/workspaces/default/maps/{map_id}/voice?lang=en").json()
    claim = next(r for r in report["touchpoints"] if r["touchpoint"] == "report_claim")["metrics"]["nps"]
    every = client.get(f"{api}?metric=nps&touchpoint=report_claim&per_page=500&lang=en").json()
    assert every["total"] == len(every["respondents"]) == claim["n"]
    counted = {g: sum(r["group"] == g for r in every["respondents"]) for g in ("promoter", "passive", "detractor")}  # fmt: skip
    assert counted == {
        "promoter": claim["promoters"],
        "passive": claim["passives"],
        "detractor": claim["detractors"],
    }
    assert {r["touchpoint"] for r in every["respondents"]} == {"report_claim"}
    times = [r["answered_at"] for r in every["respondents"]]
    assert times == sorted(times) and all(t.endswith("Z") for t in times)
    first = every["respondents"][0]
    assert first["time"] == first["answered_at"][:16].replace("T", " ")  # English: Gregorian, UTC
    assert every["description"] == "All NPS answers about the touchpoint «\u2068Reports an accident to the claims line\u2069»"  # fmt: skip
    stage = next(r for r in report["stages"] if r["stage"] == "payment")["metrics"]["csat"]
    satisfied = client.get(f"{api}?metric=csat&group=satisfied&stage=payment&per_page=1").json()
    assert satisfied["total"] == stage["satisfied"] and satisfied["pages"] == stage["satisfied"]


def test_the_page_reads_in_persian_and_english(insurance: Demo) -> None:
    client, map_id = insurance.client, insurance.map_id
    url = f"/w/default/maps/{map_id}/respondents?metric=nps&group=detractors&touchpoint=report_claim"
    en = client.get(f"{url}&lang=en&per_page=5").text
    assert "NPS answers of detractors (6 or less) about the touchpoint" in en
    assert en.count('data-testid="respondent"') == 5 and 'rel="next"' in en
    assert "<td>Detractor</td>" in en and "report_claim" not in re.sub(r'href="[^"]*"', "", en)
    fa = client.get(f"{url}&lang=fa&per_page=5&page=2").text
    assert "پاسخ‌های NPS منتقدان (۶ و پایین‌تر) درباره نقطه تماس" in fa
    assert "<td>منتقد</td>" in fa and 'rel="prev"' in fa
    total = client.get(f"/api/v1/workspaces/default/maps/{map_id}/respondents?metric=nps&group=detractors&touchpoint=report_claim").json()["total"]  # fmt: skip
    assert f'data-testid="respondents-total">{_fa_digits(total)} پاسخ<' in fa
    # Persian readers read Jalali dates in Tehran time, in Persian digits.
    times = re.findall(r"<td><bdi>([^<]+)</bdi></td>", fa)
    assert len(times) == 5 and all(
        re.fullmatch(r"۱۴۰[۴۵]/[۰-۹]{2}/[۰-۹]{2} [۰-۹]{2}:[۰-۹]{2}", t) for t in times
    )
    voice = client.get(f"/w/default/maps/{map_id}/voice?lang=fa").text
    assert re.search(r"مروجان <a [^>]*data-group=\"promoters\">[۰-۹]+</a>", voice)


def _fa_digits(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_the_cli_prints_what_the_api_answers(insurance: Demo, monkeypatch: pytest.MonkeyPatch) -> None:
    from safar.cli import app

    monkeypatch.setenv("SAFAR_HOME", str(insurance.settings.home))
    for name in ("SAFAR_DATABASE_URL", "SAFAR_WORKSPACE", "SAFAR_TZ", "SAFAR_CALENDAR"):
        monkeypatch.delenv(name, raising=False)
    args = ["map", "respondents", str(insurance.map_id), "--metric", "csat", "--group", "satisfied"]
    args += ["--touchpoint", "online_payment", "--per-page", "3", "--page", "2"]
    done = CliRunner().invoke(app, ["--lang", "en", *args, "--json"])
    assert done.exit_code == 0, done.output
    query = "metric=csat&group=satisfied&touchpoint=online_payment&per_page=3&page=2&lang=en"
    api = insurance.client.get(f"/api/v1/workspaces/default/maps/{insurance.map_id}/respondents?{query}")
    assert json.loads(done.stdout) == api.json()
    wrong = CliRunner().invoke(app, ["--lang", "en", "map", "respondents", str(insurance.map_id), "--group", "satisfied"])  # fmt: skip
    assert wrong.exit_code == 2
    assert (
        "NPS has no group “satisfied”. Choose one of: all, promoters, passives, detractors." in wrong.stderr
    )


def test_a_bad_filter_is_named(insurance: Demo) -> None:
    api = f"/api/v1/workspaces/default/maps/{insurance.map_id}/respondents"
    both = insurance.client.get(f"{api}?metric=nps&touchpoint=report_claim&stage=claims&lang=en")
    assert both.status_code == 400 and both.json()["error"]["code"] == "respondents.one_scope"
    unknown = insurance.client.get(f"{api}?metric=ces&touchpoint=nowhere&lang=en")
    assert unknown.status_code == 400 and unknown.json()["error"]["code"] == "customers.unknown_touchpoint"
    group = insurance.client.get(f"{api}?metric=ces&group=promoters&lang=en")
    assert group.status_code == 400 and group.json()["error"]["code"] == "respondents.bad_group"


def test_exports_hold_every_answer_with_formulas_neutralised(sqlite_site: Any, tmp_path: Path) -> None:
    ws, map_id = shop(sqlite_site, tmp_path)
    journey = ws.get_map(map_id).document
    info = Surveys(ws).create(map_id, quick_survey(journey, ["nps:site_visit", "csat:site_visit"]))
    rows = [
        {
            "rid": "r1",
            "customer": HYPERLINK,
            "when": "2024-03-20T10:00:00Z",
            "nps_site_visit": "10",
            "csat_site_visit": "5",
        },
        {
            "rid": "r2",
            "customer": "-bob",
            "when": "2024-03-21T20:45:00Z",
            "nps_site_visit": "3",
            "csat_site_visit": "2",
        },
    ]
    settings = sqlite_site.app.state.services.settings
    with open_warehouse(settings) as warehouse:
        import_responses(
            warehouse,
            demo.write_csv(rows, tmp_path / "answers.csv"),
            survey_id=info.id,
            map_id=map_id,
            survey=info.survey,
            journey=journey,
            response_col="rid",
            customer_col="customer",
            time_col="when",
        )
    client = sqlite_site.client("vic")
    base = f"/w/default/maps/{map_id}/respondents"
    answer = client.get(f"{base}.csv?metric=nps&touchpoint=site_visit&lang=en")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert table == [
        ["Response", "Customer", "Score", "Group", "Touchpoint", "Stage", "Channel", "Time", "Time (UTC)"],
        [
            "file:r1",
            "'" + HYPERLINK,
            "10",
            "Promoter",
            "Visits the site",
            "Consider",
            "Website",
            "2024-03-20 10:00",
            "2024-03-20 10:00:00",
        ],
        [
            "file:r2",
            "'-bob",
            "3",
            "Detractor",
            "Visits the site",
            "Consider",
            "Website",
            "2024-03-21 20:45",
            "2024-03-21 20:45:00",
        ],
    ]
    answer = client.get(f"{base}.xlsx?metric=csat&group=satisfied&touchpoint=site_visit&lang=fa")
    assert answer.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(answer.content))
    sheet = book["پاسخ‌ها"]
    assert sheet.sheet_view.rightToLeft
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    # Tehran is 3:30 ahead: 10:00 UTC on 20 March 2024 is 13:30 on 1 Farvardin 1403.
    assert values[1][:4] == ["file:r1", "'" + HYPERLINK, 5, "راضی"] and values[1][7] == "۱۴۰۳/۰۱/۰۱ ۱۳:۳۰"
    assert len(values) == 2
    about = [list(r) for r in book[book.sheetnames[1]].iter_rows(values_only=True)]
    assert about[1] == ["شمار پاسخ‌ها", 1]
    result = map_respondents(
        Context(ws, "en"), map_id, RespondentFilter(metric="nps", group="detractors", touchpoint="site_visit")
    )
    assert [(r.response_id, r.customer_id, r.group) for r in result.respondents] == [
        ("file:r2", "-bob", "detractor")
    ]
    assert client.get(f"{base}.pdf?metric=nps").status_code == 404
    assert sqlite_site.client("otto").get(f"{base}?metric=nps").status_code == 404
