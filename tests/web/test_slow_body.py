"""A body that stalls or trickles is cut off with 408 in the reader's language and its connection closed
(safar.web.slow_body), on a real uvicorn; a body that arrives at a person's pace is read as ever."""

from __future__ import annotations

import json
import select
import socket
import time

import pytest
from tests.web.conftest import Site
from tests.web.test_surveys import make

from safar.web import slow_body


def _trickle(
    port: int, path: str, content_type: str, pieces: list[bytes], pause: float, close: bool = False
) -> tuple[int, float, bytes]:
    """Send ``pieces`` of a chunked body ``pause`` seconds apart until the server answers; (status, seconds
    until the answer, the answer)."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=30)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
        "Transfer-Encoding: chunked\r\nCookie: lang=fa\r\n"
        + ("Connection: close\r\n" if close else "")
        + "\r\n"
    )
    started = time.monotonic()
    conn.sendall(head.encode())
    try:
        for piece in pieces:
            if select.select([conn], [], [], pause)[0]:
                break  # answered
            conn.sendall(b"%x\r\n" % len(piece) + piece + b"\r\n")
        else:
            conn.sendall(b"0\r\n\r\n")
    except (BrokenPipeError, ConnectionResetError):
        pass
    answer = b""
    while True:
        ready = select.select([conn], [], [], 30)[0]
        data = conn.recv(65536) if ready else b""
        if not data:
            break
        answer += data
    took = time.monotonic() - started
    conn.close()
    return int(answer.split(b" ", 2)[1]), took, answer


@pytest.fixture
def quick_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(slow_body, "IDLE_SECONDS", 0.6)
    monkeypatch.setattr(slow_body, "GRACE_SECONDS", 1.0)


def test_a_stalled_or_trickling_body_gets_408_and_a_closed_connection(
    served: tuple[Site, int], quick_limits: None
) -> None:
    site, port = served
    _, survey = make(site)
    form = "application/x-www-form-urlencoded"
    # stalls: one byte, then nothing
    status, took, answer = _trickle(port, survey.path, form, [b"n", b"p"], pause=5)
    assert status == 408 and took < 3, took  # and the server closed the connection: the answer ended
    text = answer.decode()
    assert "connection: close" in text.lower()
    assert "داده‌های این درخواست بسیار کند رسید" in text  # the respondent's page, in Persian
    # trickles: a byte every 0.3 s (under the idle time) is cut once the grace has passed
    status, took, answer = _trickle(
        port, "/api/v1/workspaces/default/maps", "application/json", [b"{"] * 40, 0.3
    )
    assert status == 408 and 1.0 < took < 4, took
    body = json.loads(answer.split(b"\r\n\r\n", 1)[1])
    assert body["error"]["code"] == "request.too_slow"


def test_a_body_at_a_person_s_pace_is_read(served: tuple[Site, int], quick_limits: None) -> None:
    site, port = served
    _, survey = make(site)
    page = site.client().get(survey.path)
    assert page.status_code == 200
    # the whole answer in three parts, each well inside the idle time and the grace: no 408 (403: no form token)
    status, took, _ = _trickle(
        port,
        survey.path,
        "application/x-www-form-urlencoded",
        [b"nps=9", b"&csat_report_claim=4", b"&x=1"],
        0.2,
        close=True,
    )
    assert status != 408 and took < 2, (status, took)
