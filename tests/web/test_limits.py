"""A request body is cut at its route's limit as it arrives (safar.web.limits): announced or chunked,
signed in or anonymous, the server reads at most the limit and answers 413 in the reader's language;
routes that take files take files."""

from __future__ import annotations

import select
import socket
from typing import Any

from tests.web.conftest import Site
from tests.web.test_surveys import make

from safar.web import limits

CHUNK = 64 * 1024
OFFERED = 64 * 1024 * 1024


def _chunked(port: int, path: str, content_type: str, method: str = "POST") -> tuple[int, int, bytes]:
    """Send up to OFFERED bytes in chunks until the server answers; (status, bytes sent, answer)."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=20)
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nCookie: lang=fa\r\n\r\n"
    )
    conn.sendall(head.encode())
    sent, piece = 0, b"%x\r\n" % CHUNK + b"a" * CHUNK + b"\r\n"
    try:
        while sent < OFFERED and not select.select([conn], [], [], 0)[0]:
            conn.sendall(piece)
            sent += CHUNK
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed: what it read is what counts
    answer = b""
    while b"\r\n\r\n" not in answer or len(answer) < 200:
        ready = select.select([conn], [], [], 10)[0]
        data = conn.recv(65536) if ready else b""
        if not data:
            break
        answer += data
    conn.close()
    return int(answer.split(b" ", 2)[1]), sent, answer


def test_an_anonymous_chunked_body_is_cut_at_the_limit_and_answered_413(served: tuple[Site, int]) -> None:
    site, port = served
    _, survey = make(site)
    # the public survey (256 KB): its own page, in the respondent's language
    status, sent, answer = _chunked(port, survey.path, "application/x-www-form-urlencoded")
    assert status == 413 and sent < OFFERED // 4, sent
    assert "پاسخ‌ها" in answer.decode(errors="replace") or "طولانی" in answer.decode(errors="replace")
    # an API route that takes a whole map (5 MB), anonymous: refused at the limit, not after 64 MB
    status, sent, answer = _chunked(port, "/api/v1/workspaces/default/maps/1", "application/json", "PUT")
    assert status == 413 and sent < OFFERED // 4, sent
    assert b'"request.too_large"' in answer


def test_an_oversized_body_gets_413_in_the_reader_s_language(sqlite_site: Site) -> None:
    client = sqlite_site.client("ana")
    token = sqlite_site.csrf(client.get("/w/default").text)
    big = b'{"x": "' + b"a" * (limits.FORM + 1) + b'"}'
    api = client.post(
        "/api/v1/workspaces/default/maps/1/edits?lang=fa",
        content=big,
        headers={"Content-Type": "application/json", "X-CSRF-Token": token},
    )
    assert api.status_code == 413
    error = api.json()["error"]
    assert error["code"] == "request.too_large" and "۱ مگابایت" in error["message"]
    page = client.post("/w/default/maps/new?lang=en", data={"csrf": token, "title": "a" * (limits.FORM + 1)})
    assert page.status_code == 413 and "larger than this page or API route takes (1 MB)" in page.text
    # a body that says it is too big is refused before it is read
    announced = client.post(
        "/api/v1/workspaces/default/maps",
        content=b"{}",
        headers={"Content-Type": "application/json", "Content-Length": str(limits.DOCUMENT + 1)},
    )
    assert announced.status_code == 413


def test_a_route_that_takes_files_takes_a_file_over_the_form_limit(sqlite_site: Site) -> None:
    client = sqlite_site.client("ana")
    token = sqlite_site.csrf(client.get("/w/default").text)
    rows = "".join(f"c{i},visit,2024-01-01T00:{i % 60:02d}:00\n" for i in range(80_000))
    body = ("customer_id,activity,timestamp\n" + rows).encode()
    assert len(body) > 2 * limits.FORM
    made: Any = client.post(
        "/api/v1/workspaces/default/datasets/big/events",
        content=body,
        headers={"Content-Type": "application/octet-stream", "X-CSRF-Token": token},
    )
    assert made.status_code == 200, made.text[:300]
    assert made.json()["loaded"] == 80_000


def test_an_anonymous_upload_is_refused_before_its_file_is_read(served: tuple[Site, int]) -> None:
    """The routes that take big files (512 MB of events or comments, 50 MB of ratings or answers, documents)
    ask who is sending before they read the body: a stranger's 64 MB file is refused after the first chunks,
    where a 300 MB one was written to the temporary folder before the 403 (issue 22's audit)."""
    _, port = served
    multipart = "multipart/form-data; boundary=x"
    for path in (
        "/w/default/datasets/upload",
        "/w/default/maps/1/comments/upload",
        "/w/default/insights",
        "/w/default/maps/import",
        "/w/default/surveys/1/import",
        "/w/default/maps/1/surveys/document",
        "/w/default/knowledge-base/import",
    ):
        status, sent, _ = _chunked(port, path, multipart)
        assert status in (303, 403) and sent < OFFERED // 8, (path, status, sent)
