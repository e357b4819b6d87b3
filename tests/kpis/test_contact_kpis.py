"""Contact-centre key metrics (issue 19, item 6): each kind at a touchpoint equals the contact-centre
report's figure for the same contacts (one definition, two surfaces), on the synthetic call-centre log
whose figures are known by construction; the reasons a metric has no value; the shipped template."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from tests.services.test_contact import ingest_calls

from safar.context import Context
from safar.i18n import format_percent
from safar.kpis import measure_map
from safar.maps.templates import load_template
from safar.metrics import contact as m
from safar.model import BindingRule, JourneyMap, Metric, Stage, Touchpoint
from safar.model.journey import ContactCentre, Measure
from safar.services.contact import ContactQuery, contact_report
from safar.workspace import Workspace

pytestmark = pytest.mark.filterwarnings("ignore:fetch_arrow_table\\(\\) is deprecated:DeprecationWarning")
KINDS = (
    "service_level",
    "abandonment_rate",
    "speed_of_answer",
    "handle_time",
    "first_contact_resolution",
    "repeat_share",
    "transfer_rate",
)
ROLES = ContactCentre(
    enter=["queued"], answer=["answered"], abandon=["abandoned"], end=["ended"], reopen=["reopened"]
)


def _metrics(prefix: str) -> list[Metric]:
    return [
        Metric(
            name=f"{prefix} {k}",
            unit="seconds" if "time" in k or "speed" in k else "%",
            measure=Measure(kind=k),
        )
        for k in KINDS
    ]


def _line(queue: str) -> Touchpoint:
    return Touchpoint(
        id=f"{queue}_line",
        name=f"The {queue} line",
        channel="call_centre",
        bind=[BindingRule(attributes={"queue": queue}, dataset="calls")],
        metrics=_metrics(queue),
    )


def _map(centre: ContactCentre | None = ROLES) -> JourneyMap:
    return JourneyMap(
        title="Calls",
        lang="en",
        contact_centre=centre,
        metrics=_metrics("all"),
        stages=[Stage(id="call", name="Call", touchpoints=[_line("sales"), _line("support")])],
    )


def _expected(figures: dict[str, Any]) -> dict[str, tuple[float | None, int]]:
    """Each kind's value and n from one group of the report (shares in percent)."""
    out: dict[str, tuple[float | None, int]] = {}
    for kind in KINDS:
        if kind in ("speed_of_answer", "handle_time"):
            spread = figures[kind]
            out[kind] = (spread["mean"], spread["n"])
            continue
        share = figures[kind]
        counts = {k: figures.get(k, 0) for k in m.COUNTS} | {"within_sla": figures["answered_within_sla"]}
        out[kind] = (None if share is None else round(100 * share, 4), m.share_parts(kind, counts)[1])
    return out


def _found(ws: Workspace, map_id: int, prefix: str) -> dict[str, tuple[float | None, int]]:
    values = {v.metric: v for v in measure_map(ws, map_id).values}
    return {k: (values[f"{prefix} {k}"].value, values[f"{prefix} {k}"].n) for k in KINDS}


def test_each_kind_equals_the_contact_report_for_the_same_contacts(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAFAR_LANG", "en")
    ingest_calls(tmp_path)
    map_id = workspace.create_map(_map()).id
    query = ContactQuery(
        dataset="calls",
        enter="queued",
        answer="answered",
        abandon="abandoned",
        end="ended",
        reopen="reopened",
        by="queue",
    )
    with Context(workspace, "en") as ctx:
        report = contact_report(ctx, query).model_dump()
    groups = {g["group"]: g for g in report["groups"]}
    for queue in ("sales", "support"):
        assert _found(workspace, map_id, queue) == pytest.approx(_expected(groups[queue])), queue
    # The whole map: every contact has an event bound to one of its lines, so it is the report's overall.
    assert _found(workspace, map_id, "all") == pytest.approx(_expected(report["overall"]))


def test_why_a_contact_metric_has_no_value(workspace: Workspace, tmp_path: Path) -> None:
    ingest_calls(tmp_path)
    without = workspace.create_map(_map(centre=None)).id
    assert {v.reason for v in measure_map(workspace, without).values} == {"no_contact_roles"}
    elsewhere = ContactCentre(enter=["queued"], answer=["answered"], contact_col="no_such_column")
    found = workspace.create_map(_map(centre=elsewhere)).id
    assert {(v.value, v.reason) for v in measure_map(workspace, found).values} == {(None, "no_contacts")}


@pytest.mark.parametrize("lang", ["fa", "en"])
def test_the_contact_centre_template_states_its_roles_and_binds_its_measures(lang: str) -> None:
    journey = load_template("contact-centre", lang)
    assert journey.contact_centre is not None
    kinds = {m.measure.kind.value for t in journey.touchpoints() for m in t.metrics if m.measure}
    assert set(KINDS) <= kinds
    # The roles' activities are the ones its touchpoints bind.
    bound = {a for t in journey.touchpoints() for r in t.bind for a in [r.activity, *r.activity_in] if a}
    centre = journey.contact_centre
    assert {*centre.enter, *centre.answer, *centre.abandon, *centre.end, *centre.reopen} <= bound


def test_a_manager_sets_the_roles_in_the_browser_and_reads_the_measures(
    site: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.kpis.conftest import csrf_of

    ingest_calls(tmp_path)
    map_id = site.workspace.create_map(_map(centre=None)).id
    ana = site.client("ana")
    url = f"/w/default/maps/{map_id}/kpis"
    page = ana.get(url + "?lang=fa").text
    assert 'data-testid="contact-roles-none"' in page and "نقش‌های مرکز تماس را برایش تعیین کنید" in page

    form = {"csrf": csrf_of(page), "base_revision": "1", "enter": "queued", "answer": "answered"}
    form |= {"abandon": "abandoned", "end": "ended", "reopen": "reopened", "sla": "20s"}
    saved = ana.post(url + "/contact-roles", data=form)
    assert saved.status_code == 303 and saved.headers["location"].endswith("/kpis#contact-roles")
    stored = site.workspace.get_map(map_id)
    assert (stored.revision, stored.document.contact_centre) == (2, ROLES)

    page = ana.get(url + "?lang=fa").text
    rows = dict(re.findall(r'data-key="([^"]+)".*?data-testid="kpi-value">(.*?)</td>', page, re.S))
    expected = measure_map(site.workspace, map_id).values
    sales = next(v for v in expected if v.key == "sales_line/sales service_level")
    strong = re.search(r"<strong>(.*?)</strong>", rows["sales_line/sales service_level"], re.S)
    assert strong and re.sub(r"<[^>]+>", "", strong.group(1)) == format_percent(sales.value, "fa", 0) == "۶۰٪"
    assert "در مهلت پاسخ گرفتند" in page  # the reading of the service level, in Persian

    bad = ana.post(url + "/contact-roles", data=form | {"base_revision": "2", "sla": "soon"})
    assert (
        bad.status_code == 422 and "«soon»" in bad.text and '<code dir="ltr" lang="en">sla</code>' in bad.text
    )

    # The API twin removes them again (every field empty), as a new revision.
    cleared = ana.put(
        f"/api/v1/workspaces/default/maps/{map_id}/kpis/contact-roles",
        json={"base_revision": 2},
        headers={"X-CSRF-Token": csrf_of(page)},
    )
    assert cleared.status_code == 200 and cleared.json()["revision"] == 3
    assert site.workspace.get_map(map_id).document.contact_centre is None
    vic = site.client("vic")
    assert 'data-testid="contact-roles-form"' not in vic.get(url + "?lang=en").text
    assert vic.post(url + "/contact-roles", data=form).status_code == 403
