"""Bringing a comments file in for a map from the browser (issue 16, item 3): send it from the voice page,
confirm or change the proposed columns on a preview, import it (sentiment scored), then see how many comments
have no touchpoint, on the import's page and on the voice page, and give them one. The API twin."""

from __future__ import annotations

import re
from typing import Any

from safar.context import Context
from safar.maps.templates import load_template
from safar.services.comment_uploads import assign_comments, unassigned_comments
from safar.workspace import Workspace

# A Persian feedback export: Persian headers, Jalali dates with Persian digits, the touchpoint by its name
# on the map (one left empty, one the map does not have), one empty comment.
COMMENTS = (
    "متن نظر,تاریخ,کد مشتری,نقطه تماس\n"
    "کارشناس خیلی مودب بود، ممنون,۱۴۰۲/۰۵/۱۴ ۱۰:۳۰,م-۱,تماس با مرکز تماس\n"
    "خیلی طول کشید تا کسی جواب بدهد,۱۴۰۲/۰۵/۱۵ ۰۹:۰۰,م-۲,\n"
    "پرداخت خسارت دیر شد,۱۴۰۲/۰۵/۲۰ ۱۱:۰۰,م-۳,\n"
    "بد,۱۴۰۲/۰۵/۲۱ ۱۱:۰۰,م-۴,شعبه مرکزی\n"
    ",۱۴۰۲/۰۵/۲۲ ۱۱:۰۰,م-۵,\n"
)


def _text(html: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)</(?:p|section|label|fieldset)>', html, re.S)
    assert found, testid
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def _setup(site: Any) -> tuple[Any, Workspace, int, str]:
    svc = site.app.state.services
    ws = Workspace.attach(svc.engine, svc.settings, "default")
    map_id = ws.create_map(load_template("insurance", "fa")).id
    client = site.client("ana")
    voice = client.get(f"/w/default/maps/{map_id}/voice?lang=fa").text
    assert "comments-upload-link" in voice and "voice-unassigned" not in voice
    form = client.get(f"/w/default/maps/{map_id}/comments/upload").text
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    return client, ws, map_id, csrf


def test_a_persian_comments_file_is_mapped_imported_and_its_comments_without_a_touchpoint_assigned(
    sqlite_site: Any,
) -> None:
    client, _, map_id, csrf = _setup(sqlite_site)
    base = f"/w/default/maps/{map_id}"
    sent = client.post(
        f"{base}/comments/upload",
        data={"csrf": csrf},
        files={"file": ("نظرات مشتریان.csv", COMMENTS.encode(), "text/csv")},
    )
    assert sent.status_code == 303, sent.text
    mapping = sent.headers["location"]
    page = client.get(mapping + "?lang=fa").text
    chosen = dict(re.findall(r'<select name="col_(\w+)".*?<option value="([^"]*)" selected>', page, re.S))
    assert chosen == {
        "text": "متن نظر",
        "time": "تاریخ",
        "customer": "کد مشتری",
        "channel": "",  # the file has no channel column
        "touchpoint": "نقطه تماس",
    }
    assert _text(page, "read-calendar") == "تاریخ‌های زیر جلالی (خورشیدی) خوانده شدند."
    read = [
        re.sub(r"<[^>]+>", "", t).strip() for t in re.findall(r'data-testid="time-read">(.*?)</td>', page)
    ]
    assert read == [
        "۱۴۰۲/۰۵/۱۴ ۱۰:۳۰",
        "۱۴۰۲/۰۵/۱۵ ۰۹:۰۰",
        "۱۴۰۲/۰۵/۲۰ ۱۱:۰۰",
        "۱۴۰۲/۰۵/۲۱ ۱۱:۰۰",
        "۱۴۰۲/۰۵/۲۲ ۱۱:۰۰",
    ]
    assert 'value="نظرات-مشتریان"' in page

    done = client.post(
        mapping,
        data={
            "csrf": csrf,
            "dataset": "talk",
            "col_text": "متن نظر",
            "col_touchpoint": "نقطه تماس",
            "lang": "fa",
            "tz": "Asia/Tehran",
        },
    )
    assert done.status_code == 303, done.text
    result_url = done.headers["location"]
    assert result_url == f"{base}/comment-sets/talk"
    result = client.get(result_url + "?lang=fa").text
    assert _text(result, "comments-import") == (
        "نظرات مشتریان.csv : ۵ سطر خوانده، ۳ نظر بارگذاری، ۰ از پیش موجود، ۲ رد شد."
    )
    assert _text(result, "comments-count") == "۳ نظر این مجموعه‌داده درباره این نقشه است."
    assert "۲ نظر نقطه تماس ندارد" in _text(result, "comments-unassigned")
    rejected = client.get(re.search(r'href="([^"]+)" data-testid="comments-rejected"', result).group(1)).text  # type: ignore[union-attr]
    assert "شعبه مرکزی" in rejected and "نظرات مشتریان.csv" in rejected

    # The voice page says how many comments have no touchpoint, and links to where they are assigned.
    voice = client.get(f"{base}/voice?lang=fa").text
    assert _text(voice, "voice-unassigned").startswith("۲ نظر نقطه تماس ندارد")
    assert f'href="{base}/comment-sets/talk" data-testid="unassigned-talk"' in voice
    english = client.get(f"{base}/voice?lang=en").text
    assert _text(english, "voice-unassigned").startswith("2 comments have no touchpoint")

    assigned = client.post(f"{result_url}/assign", data={"csrf": csrf, "touchpoint": "wait_for_agent"})
    assert assigned.status_code == 303 and assigned.headers["location"] == f"{result_url}?assigned=2"
    after = client.get(assigned.headers["location"] + "&lang=en").text
    assert _text(after, "comments-assigned") == "2 comments were given the touchpoint."
    assert "Every comment of this dataset has a touchpoint." in after
    assert "voice-unassigned" not in client.get(f"{base}/voice").text
    api = client.get(f"/api/v1/workspaces/default/maps/{map_id}/comments?touchpoint=wait_for_agent").json()
    assert sorted((c["text"], c["lang"], c["ts"]) for c in api["comments"]) == [
        ("خیلی طول کشید تا کسی جواب بدهد", "fa", "2023-08-06T05:30:00"),
        ("پرداخت خسارت دیر شد", "fa", "2023-08-11T07:30:00"),
    ]


def test_every_comment_given_one_touchpoint_and_a_viewer_cannot_bring_comments_in(sqlite_site: Any) -> None:
    client, _, map_id, csrf = _setup(sqlite_site)
    base = f"/w/default/maps/{map_id}"
    body = "نظر\nعالی بود\nافتضاح بود\n".encode()
    mapping = client.post(
        f"{base}/comments/upload", data={"csrf": csrf}, files={"file": ("c.csv", body)}
    ).headers["location"]
    chosen = client.get(mapping + "?touchpoint=wait_for_agent&lang=en").text
    assert re.search(r'<option value="wait_for_agent" selected>', chosen)
    client.post(mapping, data={"csrf": csrf, "dataset": "one", "touchpoint": "wait_for_agent"})
    assert (
        "Every comment of this dataset has a touchpoint."
        in client.get(f"{base}/comment-sets/one?lang=en").text
    )
    # An XES log is not a comments file; a viewer sees the voice page but not the way in.
    refused = client.post(
        f"{base}/comments/upload?lang=en", data={"csrf": csrf}, files={"file": ("log.xes", b"<log/>")}
    )
    assert refused.status_code == 400 and "log.xes is not a comments file" in refused.text
    viewer = sqlite_site.client("vic")
    assert "comments-upload-link" not in viewer.get(f"{base}/voice").text
    assert viewer.get(f"{base}/comments/upload").status_code == 403
    assert "assign-form" not in viewer.get(f"{base}/comment-sets/one").text


def test_the_api_twin_gives_the_same_accounting_and_assigning_is_a_service(sqlite_site: Any) -> None:
    client, ws, map_id, _ = _setup(sqlite_site)
    token = sqlite_site.accounts.create_token("ana", "ops")
    answer = client.post(
        f"/api/v1/workspaces/default/maps/{map_id}/comment-sets/talk?lang=fa&tz=Asia/Tehran",
        content=COMMENTS.encode(),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {
        "map": map_id,
        "dataset": "talk",
        "source": "talk.csv",
        "read": 5,
        "loaded": 3,
        "duplicates": 0,
        "rejected": 2,
        "alerts_fired": 0,
        "unassigned": 2,
        "columns": {"text": "متن نظر", "touchpoint": "نقطه تماس", "customer": "کد مشتری", "time": "تاریخ"},
        "reading": {"encoding": "UTF-8", "calendar": "jalali", "tz": "Asia/Tehran"},
    }
    with Context(ws, "en") as ctx:
        assert unassigned_comments(ctx, map_id) == {"talk": 2}
        assert assign_comments(ctx, map_id, "talk", "report_claim") == 2
        assert assign_comments(ctx, map_id, "talk", "report_claim") == 0  # none left without one
        assert unassigned_comments(ctx, map_id) == {}
        with ctx.warehouse() as warehouse:
            rows = warehouse.raw.execute(
                "SELECT touchpoint_id, count(*) FROM comments WHERE dataset = 'talk' GROUP BY 1 ORDER BY 1"
            ).fetchall()
    assert rows == [("call_contact_centre", 1), ("report_claim", 2)]


def test_the_api_takes_a_comments_file_as_big_as_the_page_does(sqlite_site: Any) -> None:
    """The API's comment import read at most a form's 1 MB (a 2.2 MB file got 413) where the page takes 512 MB:
    a 1.6 MB file is read (and refused for what it says, not for its size)."""
    client, _, map_id, _ = _setup(sqlite_site)
    token = sqlite_site.accounts.create_token("ana", "ops")
    body = ("x,y\n" + "a,b\n" * 400_000).encode()
    answer = client.post(
        f"/api/v1/workspaces/default/maps/{map_id}/comment-sets/big",
        content=body,
        headers={"Authorization": f"Bearer {token}"},
    )
    said = answer.json()["error"]["code"]
    assert answer.status_code == 400 and said != "request.too_large", answer.text[:300]
