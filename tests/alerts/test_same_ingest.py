"""One action, one behaviour: a survey file imported from the CLI, the survey page or the service
itself stores the answers and then checks the map's alert rules — the same alert fires each way."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from alerts_helpers import T0, csrf_of

from safar.config import Settings
from safar.services.ingestion import import_survey_responses, ingest_events
from safar.surveys import Surveys, quick_survey
from safar.workspace import Workspace


def csat_file(path: Path) -> Path:
    """CSAT answers on the pay touchpoint: 85 % top-2-box for four weeks, then 60 % for a week."""
    good, poor = [5, 4, 5, 4, 5] * 3 + [4, 5, 3, 2, 1], [5, 4, 5, 4, 5, 4, 3, 2, 1, 2]
    lines = ["id,time,csat_pay"]
    for day in range(35):
        for i in range(10):
            value = (good if day < 28 else poor)[(day * 10 + i) % len(good if day < 28 else poor)]
            at = T0 + timedelta(days=day, hours=10, minutes=i)
            lines.append(f"r{day}-{i},{at.isoformat()}Z,{value}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def survey(shop: int, cli: Any, hook: Any) -> int:
    """A CSAT survey on the shop's pay touchpoint, and a rule watching its satisfaction."""
    cli("alerts", "destination", "set", "Payments", hook.url)
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "pay", "--kind", "satisfaction_falls")
    with Workspace.open(Settings.from_env()) as ws:
        return Surveys(ws).create(shop, quick_survey(ws.get_map(shop).document, ["csat:pay"])).id


def fired_alerts(cli: Any) -> list[tuple[int, str]]:
    return [(a["rule_id"], a["target"]["id"]) for a in cli("alerts", "list", "--json")]


def test_a_survey_import_from_the_cli_fires_the_alert(
    cli: Any, hook: Any, survey: int, tmp_path: Path
) -> None:
    path = csat_file(tmp_path / "answers.csv")
    result = cli("survey", "import", str(survey), str(path), "--response-col", "id", "--time-col", "time")
    assert "Alert 1 fired: Pay" in result.stderr
    assert fired_alerts(cli) == [(1, "pay")] and len(hook.received) == 1


@pytest.mark.parametrize("lang", ["en", "fa"])
def test_the_same_upload_on_the_survey_page_fires_it_and_says_so(
    site: Any, cli: Any, hook: Any, survey: int, tmp_path: Path, lang: str
) -> None:
    editor = site.client("ana")
    page = editor.get(f"/w/default/surveys/{survey}?lang={lang}")
    sent = editor.post(
        f"/w/default/surveys/{survey}/import?lang={lang}",
        data={"csrf": csrf_of(page.text), "response_col": "id", "time_col": "time", "tz": "UTC"},
        files={"file": ("answers.csv", csat_file(tmp_path / "a.csv").read_bytes(), "text/csv")},
    )
    assert sent.status_code == 200
    assert fired_alerts(cli) == [(1, "pay")] and len(hook.received) == 1
    shown = re.search(r'data-testid="import-alerts"[^>]*>(.*?)</div>', sent.text, re.S)
    assert shown is not None
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", shown.group(1))).split())
    assert (
        text
        == {
            "en": "1 alert rules of this map were checked against the new answers; 1 fired: "
            "Alert 1: Pay See the alerts",
            "fa": "۱ قاعده هشدار این نقشه با پاسخ\u200cهای تازه بررسی شد؛ ۱ هشدار داده شد: "
            "هشدار ۱: Pay دیدن هشدارها",
        }[lang]
    )
    assert 'href="/w/default/alerts"' in shown.group(1)


def test_an_upload_that_changes_nothing_says_the_rules_were_checked(
    site: Any, survey: int, tmp_path: Path
) -> None:
    editor = site.client("ana")
    page = editor.get(f"/w/default/surveys/{survey}?lang=en")
    sent = editor.post(
        f"/w/default/surveys/{survey}/import?lang=en",
        data={"csrf": csrf_of(page.text), "tz": "UTC"},
        files={"file": ("a.csv", b"csat_pay\n5\n4\n", "text/csv")},
    )
    assert re.search(
        r'data-testid="import-alerts">1 alert rules of this map were checked against the new answers; none fired.<',
        sent.text,
    )


def test_the_services_return_what_they_stored_and_what_fired(
    cli: Any, hook: Any, shop: int, survey: int, log: Any, tmp_path: Path
) -> None:
    cli("alerts", "rule", "add", str(shop), "--touchpoint", "cart", "--kind", "conversion_drops")
    with Workspace.open(Settings.from_env()) as ws:
        answers = import_survey_responses(
            ws, survey, csat_file(tmp_path / "a.csv"), response_col="id", time_col="time"
        )
        events = ingest_events(ws, log(0.8, 0.4), dataset="shop")
    assert (answers.report.loaded, answers.map_id, answers.survey_id) == (350, shop, survey)
    assert [r.rule.id for r in answers.alerts] == [1, 2]  # every rule of the map, events not in yet
    assert answers.to_dict()["alerts"]["checked"] == 2
    assert [r.rule.id for r in answers.fired] == [1]
    assert events.report.loaded == 603 and [(r.rule.id, r.status) for r in events.fired] == [(2, "fired")]
    assert fired_alerts(cli) == [(2, "cart"), (1, "pay")]
    assert [a["rule_id"] for a in hook.received] == [1]  # only Payments has a webhook
