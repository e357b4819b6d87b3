"""The survey pages: answering through the public link (no login, no JavaScript), personal links,
the voice page with its numbers, imports and exports, and who may do what."""

from __future__ import annotations

import re
from typing import Any

from safar.maps.templates import load_template
from safar.surveys import Surveys, quick_survey
from safar.workspace import Workspace


def public_csrf(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def make(
    site: Any, lang: str = "fa", one_per_token: bool = False, title: str | None = None
) -> tuple[int, Any]:
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.create_map(load_template("insurance", lang))
    survey = quick_survey(
        stored.document, ["nps:report_claim", "csat:report_claim", "text:report_claim", "nps"], title=title
    )
    return stored.id, Surveys(ws).create(stored.id, survey, one_per_token=one_per_token)


def test_a_customer_answers_in_persian_and_in_english_and_the_voice_page_shows_it(site: Any) -> None:
    map_id, info = make(site)
    customer = site.client()
    page = customer.get(info.path)
    assert page.status_code == 200
    assert 'dir="rtl"' in page.text and 'lang="fa"' in page.text
    assert 'type="radio" name="nps_report_claim" value="10"' in page.text
    assert "<script" not in page.text  # the page works without JavaScript
    sent = customer.post(
        info.path + "?lang=fa",
        data={
            "csrf": public_csrf(page.text),
            "nps_report_claim": "۳",
            "csat_report_claim": "2",
            "text_report_claim": "خیلی طول کشید",
            "nps": "4",
        },
    )
    assert sent.status_code == 200 and 'data-testid="survey-thanks"' in sent.text
    editor = site.client("ana")
    # read (and kept, safar.services.results) between the two answers: the second must still be counted
    assert editor.get(f"/api/v1/workspaces/default/maps/{map_id}/voice").json()["responses"] == 1
    english = site.client()
    page = english.get(info.path + "?lang=en")
    assert 'dir="ltr"' in page.text
    sent = english.post(
        info.path + "?lang=en",
        data={"csrf": public_csrf(page.text), "nps_report_claim": "10", "csat_report_claim": "5"},
    )
    assert "Thank you" in sent.text
    voice = editor.get(f"/w/default/maps/{map_id}/voice?lang=en")
    row = re.search(r'data-testid="voice-row-report_claim">(.*?)</tr>', voice.text, re.S)
    assert row is not None
    cells = re.sub(r"<[^>]+>", " ", row.group(1))
    assert "50.0" in cells  # CSAT: one of the two answers in the top two boxes
    assert "n=2" in cells
    api = editor.get(f"/api/v1/workspaces/default/maps/{map_id}/voice").json()
    claim = next(t for t in api["touchpoints"] if t["touchpoint"] == "report_claim")
    assert (api["responses"], claim["metrics"]["nps"]["n"], claim["comments"]) == (2, 2, 1)


def test_bad_answers_come_back_marked_with_what_was_typed(site: Any) -> None:
    _, info = make(site)
    client = site.client()
    page = client.get(info.path + "?lang=en")
    sent = client.post(
        info.path + "?lang=en",
        data={
            "csrf": public_csrf(page.text),
            "nps_report_claim": "12",
            "text_report_claim": "<b>keep me</b>",
        },
    )
    assert sent.status_code == 422
    assert "outside the question" in sent.text
    assert "&lt;b&gt;keep me&lt;/b&gt;" in sent.text  # kept, and escaped
    nothing = client.post(info.path + "?lang=en", data={"csrf": public_csrf(page.text)})
    assert nothing.status_code == 422 and "answers no question" in nothing.text


def test_answers_need_the_form_token(site: Any) -> None:
    _, info = make(site)
    sent = site.client().post(info.path, data={"nps": "9"})
    assert sent.status_code == 403


def test_personal_links_take_one_answer_each(site: Any) -> None:
    _, info = make(site, one_per_token=True)
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    (invite,) = Surveys(ws).invite(info.id, ["cust-7"], "sms")
    client = site.client()
    assert client.get(info.path + "?lang=en").status_code == 409  # a personal link is needed
    page = client.get(f"{info.path}?t={invite.token}&lang=en")
    assert page.status_code == 200
    data = {"csrf": public_csrf(page.text), "t": invite.token, "nps": "9"}
    assert client.post(info.path + "?lang=en", data=data).status_code == 200
    again = client.post(info.path + "?lang=en", data=data)
    assert again.status_code == 409 and "already been used" in again.text
    assert Surveys(ws).invitations(info.id) == (1, 1)
    assert client.get(f"{info.path}?t=forged&lang=en").status_code == 404


def test_a_closed_survey_takes_no_answers_and_flooding_is_limited(site: Any) -> None:
    from safar.web import surveys as survey_pages

    _, info = make(site)
    client = site.client()
    page = client.get(info.path + "?lang=en")
    token = public_csrf(page.text)
    limit = survey_pages._limit
    saved = limit.most
    limit.most = 2
    try:
        codes = [
            client.post(info.path + "?lang=en", data={"csrf": token, "nps": "9"}).status_code
            for _ in range(3)
        ]
    finally:
        limit.most = saved
    assert codes == [200, 200, 429]
    svc = site.app.state.services
    Surveys(Workspace.attach(svc.engine, svc.settings, "default")).set_open(info.id, False)
    closed = client.get(info.path + "?lang=en")
    assert closed.status_code == 409 and "closed" in closed.text
    assert client.get("/s/no-such-link").status_code == 404


def test_behind_a_trusted_proxy_each_respondent_has_its_own_limit(site: Any, monkeypatch: Any) -> None:
    """``safar serve`` runs uvicorn with proxy headers on for --forwarded-allow-ips (default 127.0.0.1):
    the limit then counts the address the proxy names, not the proxy."""
    import uvicorn
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    import safar.web.app
    from safar.cli import app as cli_app
    from safar.web import surveys as survey_pages

    seen: dict[str, Any] = {}
    monkeypatch.setattr(safar.web.app, "create_app", lambda settings: "the app")
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(options, app=app))
    result = CliRunner().invoke(cli_app, ["serve", "--forwarded-allow-ips", "10.0.0.5"])
    assert result.exit_code == 0, result.output
    assert (seen["app"], seen["proxy_headers"], seen["forwarded_allow_ips"]) == ("the app", True, "10.0.0.5")

    _, info = make(site)
    client = TestClient(ProxyHeadersMiddleware(site.app, trusted_hosts="*"))
    token = public_csrf(client.get(info.path + "?lang=en").text)
    limit = survey_pages._limit
    saved = limit.most
    limit.most = 2
    try:
        codes = [
            client.post(
                info.path + "?lang=en", data={"csrf": token, "nps": "9"}, headers={"X-Forwarded-For": who}
            ).status_code
            for who in ("203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2")
        ]
    finally:
        limit.most = saved
    assert codes == [200, 200, 429, 200]


def test_editors_make_surveys_from_the_voice_page_viewers_cannot(site: Any) -> None:
    svc = site.app.state.services
    map_id = (
        Workspace.attach(svc.engine, svc.settings, "default").create_map(load_template("insurance", "fa")).id
    )
    editor = site.client("ana")
    page = editor.get(f"/w/default/maps/{map_id}/voice")
    assert 'data-testid="survey-create"' in page.text
    made = editor.post(
        f"/w/default/maps/{map_id}/surveys",
        data={
            "csrf": site.csrf(page.text),
            "tp_csat": ["report_claim", "online_payment"],
            "journey": ["nps"],
            "title": "<script>alert(1)</script>",
        },
    )
    assert made.status_code == 303
    survey_page = editor.get(made.headers["location"])
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;" in survey_page.text
        and "<script>alert(1)" not in survey_page.text
    )
    assert len(re.findall(r"<tr><td dir=\"ltr\">", survey_page.text)) == 3
    viewer = site.client("vic")
    vpage = viewer.get(f"/w/default/maps/{map_id}/voice")
    assert vpage.status_code == 200 and 'data-testid="survey-create"' not in vpage.text
    refused = viewer.post(
        f"/w/default/maps/{map_id}/surveys", data={"csrf": site.csrf(vpage.text), "journey": ["nps"]}
    )
    assert refused.status_code == 403
    outsider = site.client("otto")
    assert outsider.get(f"/w/default/maps/{map_id}/voice").status_code == 404
    assert outsider.get(made.headers["location"]).status_code == 404


def test_import_on_the_survey_page_reports_and_keeps_rejected_rows_then_exports(site: Any) -> None:
    _, info = make(site)
    editor = site.client("ana")
    page = editor.get(f"/w/default/surveys/{info.id}?lang=en")
    body = "id,nps_report_claim,csat_report_claim,nps\na,9,5,10\nb,99,4,3\nc,=1+1,4,3\n"
    sent = editor.post(
        f"/w/default/surveys/{info.id}/import?lang=en",
        data={"csrf": site.csrf(page.text), "response_col": "id", "tz": "UTC"},
        files={"file": ("answers.csv", body.encode(), "text/csv")},
    )
    assert sent.status_code == 200
    report = re.sub(
        r"<[^>]+>", "", re.search(r'data-testid="import-report">(.*?)</p>', sent.text, re.S).group(1)
    )
    assert report.startswith("Read 3 row(s): 1 response(s) loaded (3 answers), 0 duplicate(s), 2 rejected")
    rejected = re.findall(r"<tr><td>(\d+)</td><td dir=\"ltr\">([^<]*)</td>", sent.text)
    assert rejected == [("2", "nps_report_claim"), ("3", "nps_report_claim")]
    csv_out = editor.get(f"/w/default/surveys/{info.id}/responses.csv")
    assert csv_out.status_code == 200 and csv_out.text.splitlines()[1].startswith('"file:a"')
    xlsx = editor.get(f"/w/default/surveys/{info.id}/responses.xlsx")
    assert xlsx.content[:2] == b"PK"
    viewer = site.client("vic")
    vpage = viewer.get(f"/w/default/surveys/{info.id}")
    assert 'data-testid="import-form"' not in vpage.text
    assert (
        viewer.post(
            f"/w/default/surveys/{info.id}/import",
            data={"csrf": site.csrf(vpage.text)},
            files={"file": ("a.csv", b"nps\n9\n", "text/csv")},
        ).status_code
        == 403
    )


def test_an_iranian_export_uploads_with_its_calendar_and_encoding_said_and_shown(site: Any) -> None:
    """The upload form takes what the CLI takes (calendar, encoding, sheet; the zone defaults to the
    workspace's) and the page says how the file was read and which column took which role."""
    _, info = make(site)
    editor = site.client("ana")
    page = editor.get(f"/w/default/surveys/{info.id}?lang=fa")
    form = re.search(r'data-testid="import-form".*?</form>', page.text, re.S).group(0)
    assert re.findall(r'<select name="(\w+)"', form) == ["calendar", "encoding"]
    # The zone the server reads naive times in: SAFAR_TZ, else by the server's language (English here: UTC).
    assert 'name="tz" dir="ltr" value="UTC"' in form
    # Windows-1256 (Arabic ي/ك, ASCII digits), Jalali times, Persian headers found without naming them.
    body = "کد مشتری,زمان,کانال,nps\r\nC001,1403/01/01 10:30,وب,9\r\nC002,1402/12/29 23:30,تلفن,4\r\n"
    sent = editor.post(
        f"/w/default/surveys/{info.id}/import?lang=fa",
        data={"csrf": site.csrf(page.text), "tz": "Asia/Tehran", "calendar": "jalali", "encoding": "cp1256"},
        files={"file": ("crm.csv", body.replace("ی", "ي").encode("cp1256"), "text/csv")},
    )
    assert sent.status_code == 200, sent.text[:500]
    said = re.sub(
        r"<[^>]+>", "", re.search(r'data-testid="import-reading">(.*?)</p>', sent.text, re.S).group(1)
    )
    assert said == (
        "خوانده\u200cشده با: رمزگذاری Windows-1256 · تقویم تاریخ\u200cها: جلالی (خورشیدی) · منطقه زمانی Asia/Tehran"
        " · ستون\u200cها: مشتری ← کد مشتري، زمان ← زمان، کانال ← کانال"
    )
    from safar.warehouse import open_warehouse

    with open_warehouse(site.app.state.services.settings) as wh:
        assert wh.raw is not None
        stored = wh.raw.execute(
            "SELECT customer_id, ts, channel FROM responses WHERE survey_id = ? ORDER BY ts", [info.id]
        ).fetchall()
    assert [(c, ts.isoformat(), ch) for c, ts, ch in stored] == [
        ("C002", "2024-03-19T20:00:00", "تلفن"),
        ("C001", "2024-03-20T07:00:00", "وب"),
    ]
    # The map's voice page counts them by the period the reader picks: here Jalali seasons.
    voice = editor.get(f"/w/default/maps/{info.map_id}/voice?lang=fa&period=quarter")
    trend = re.search(r'data-testid="voice-trend">.*?</section>', voice.text, re.S).group(0)
    picked = re.search(r'data-testid="voice-periods">.*?</p>', trend, re.S).group(0)
    assert re.findall(r"<strong>([^<]*)</strong>", picked) == ["فصل"]
    assert 'href="?period=month"' in picked
    rows = re.findall(r"<tr><td>NPS</td><td>([^<]*)</td>", trend)
    assert rows == ["زمستان ۱۴۰۲", "بهار ۱۴۰۳"]
    bad = editor.post(
        f"/w/default/surveys/{info.id}/import?lang=en",
        data={"csrf": site.csrf(page.text), "calendar": "lunar"},
        files={"file": ("crm.csv", b"nps\n9\n", "text/csv")},
    )
    assert bad.status_code == 400 and "lunar" in bad.text


def test_open_alerts_show_on_the_canvas_until_acknowledged(site: Any, tmp_path: Any) -> None:
    import csv
    from datetime import datetime, timedelta

    from safar.alerts import Alerts
    from safar.voice.responses import import_responses
    from safar.warehouse import open_warehouse

    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    stored = ws.create_map(load_template("insurance", "en"))
    info = Surveys(ws).create(stored.id, quick_survey(stored.document, ["csat:report_claim"]))
    path = tmp_path / "a.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["id", "when", "csat_report_claim"])
        for day in range(35):
            for k in range(8):
                happy = k < (6 if day < 28 else 2)
                when = datetime(2026, 1, 1) + timedelta(days=day, hours=k)
                out.writerow([f"{day}-{k}", when.isoformat(), 5 if happy else 1])
    with open_warehouse(svc.settings) as wh:
        import_responses(
            wh,
            path,
            survey_id=info.id,
            map_id=stored.id,
            survey=info.survey,
            journey=stored.document,
            response_col="id",
            time_col="when",
        )
    alerts = Alerts(ws)
    alerts.add_rule(stored.id, kind="satisfaction_falls", touchpoint="report_claim")
    assert [r.status for r in alerts.check(map_id=stored.id)] == ["fired"]
    editor = site.client("ana")
    canvas = editor.get(f"/w/default/maps/{stored.id}?lang=en")
    chips = re.findall(r'data-testid="alert-chip"', canvas.text)
    assert len(chips) == 1
    (fired,) = alerts.feed()
    alerts.acknowledge(fired.id, "ana")
    assert 'data-testid="alert-chip"' not in editor.get(f"/w/default/maps/{stored.id}?lang=en").text


def test_the_voice_page_lists_comments_filtered_by_touchpoint_and_sentiment(site: Any) -> None:
    map_id, info = make(site, lang="en")
    for text in ("<i>Nobody</i> answered my claim, terrible", "Quick and friendly, thank you"):
        client = site.client()
        page = client.get(info.path + "?lang=en")
        sent = client.post(
            info.path + "?lang=en", data={"csrf": public_csrf(page.text), "text_report_claim": text}
        )
        assert sent.status_code == 200
    editor = site.client("ana")
    everything = editor.get(f"/w/default/maps/{map_id}/voice?lang=en")
    assert everything.text.count('data-testid="comment"') == 2
    assert "&lt;i&gt;Nobody&lt;/i&gt;" in everything.text
    negative = editor.get(f"/w/default/maps/{map_id}/voice?lang=en&label=negative&touchpoint=report_claim")
    assert negative.text.count('data-testid="comment"') == 1 and "terrible" in negative.text
    other = editor.get(f"/w/default/maps/{map_id}/voice?lang=en&touchpoint=online_payment")
    assert 'data-testid="comment"' not in other.text and "No comments match" in other.text


def test_editors_make_a_survey_from_a_document_with_likert_and_choices(site: Any) -> None:
    svc = site.app.state.services
    map_id = (
        Workspace.attach(svc.engine, svc.settings, "default").create_map(load_template("insurance", "en")).id
    )
    editor = site.client("ana")
    page = editor.get(f"/w/default/maps/{map_id}/voice?lang=en")
    document = (
        "title: {fa: نظرسنجی خسارت, en: Claims survey}\n"
        "questions:\n"
        "  - {id: fair, kind: likert, stage: claims, scale: [1, 7], text: {en: The settlement was fair, fa: تسویه منصفانه بود}}\n"
        "  - id: why\n    kind: multiple\n    text: {en: 'What mattered most?'}\n"
        "    choices: [{id: speed, text: {en: Speed, fa: سرعت}}, {id: price, text: {en: Price}}]\n"
    ).encode()
    made = editor.post(
        f"/w/default/maps/{map_id}/surveys/document",
        data={"csrf": site.csrf(page.text)},
        files={"file": ("claims.yaml", document)},
    )
    assert made.status_code == 303
    survey_page = editor.get(made.headers["location"] + "?lang=en")
    link = re.search(r'data-testid="public-link" dir="ltr">[^<]*?(/s/[^<]+)<', survey_page.text)
    assert link is not None
    public = site.client().get(link.group(1) + "?lang=fa")
    assert (
        'type="radio" name="fair" value="7"' in public.text
        and 'type="checkbox" name="why" value="speed"' in public.text
    )
    assert "سرعت" in public.text
    bad = editor.post(
        f"/w/default/maps/{map_id}/surveys/document",
        data={"csrf": site.csrf(page.text)},
        files={
            "file": (
                "bad.yaml",
                b"title: {en: x}\nquestions:\n  - {id: q, kind: nps, stage: nowhere, text: {en: '?'}}\n",
            )
        },
    )
    assert bad.status_code == 422 and "questions.0.stage" in bad.text


def test_the_public_page_refuses_non_numbers_and_files_without_a_500(site: Any) -> None:
    _, info = make(site)
    client = site.client()
    page = client.get(info.path + "?lang=en")
    for value in ("nan", "inf", "1e309"):
        sent = client.post(info.path + "?lang=en", data={"csrf": public_csrf(page.text), "nps": value})
        assert sent.status_code == 422 and "not a number" in sent.text
    with_file = client.post(
        info.path + "?lang=en",
        data={"csrf": public_csrf(page.text), "nps": "9"},
        files={"junk": ("big.bin", b"x" * 1000, "application/octet-stream")},
    )
    assert with_file.status_code in (400, 413)


def test_an_upload_named_dot_dot_is_just_a_name(site: Any) -> None:
    _, info = make(site)
    editor = site.client("ana")
    page = editor.get(f"/w/default/surveys/{info.id}?lang=en")
    sent = editor.post(
        f"/w/default/surveys/{info.id}/import?lang=en",
        data={"csrf": site.csrf(page.text)},
        files={"file": ("..", b"nps\n9\n", "text/csv")},
    )
    assert sent.status_code == 200 and 'data-testid="import-report"' in sent.text


def test_an_upload_that_cannot_be_read_is_named_as_sent_never_by_its_temporary_path(site: Any) -> None:
    _, info = make(site)
    editor = site.client("ana")
    page = editor.get(f"/w/default/surveys/{info.id}?lang=en")
    sent = editor.post(
        f"/w/default/surveys/{info.id}/import?lang=en",
        data={"csrf": site.csrf(page.text)},
        files={"file": ("answers from the call centre.csv", b"foo,bar\n1,2\n", "text/csv")},
    )
    assert sent.status_code == 400
    said = re.sub(r"<[^>]+>", " ", sent.text)
    assert "answers from the call centre.csv" in said and "/tmp" not in said and "upload.csv" not in said
