"""One slow request does not hold up the others: the long work of a page (drivers of a big ratings file,
a password's hash, a survey answer waiting on the warehouse) runs off the server's event loop, so other
people's pages keep answering. Against a real uvicorn on 127.0.0.1, the slow work stretched to seconds."""

from __future__ import annotations

import threading
import time
from typing import Any

import httpx2
import pytest
from tests.web.conftest import PASSWORD, Site

import safar.web.pages
from safar.accounts import Accounts

SLOW = 2.0


def _logged_in(base: str, site: Site) -> httpx2.Client:
    client = httpx2.Client(base_url=base, follow_redirects=False, timeout=30)
    page = client.get("/login")
    client.post(
        "/login", data={"csrf": site.csrf(page.text), "username": "ana", "password": PASSWORD, "next": "/"}
    )
    return client


def _while(slow: Any, base: str) -> list[float]:
    """Start ``slow`` in a thread, then time five other requests while it runs."""
    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.3)  # the slow request is in its slow part
    timings = []
    with httpx2.Client(base_url=base, timeout=30) as other:
        for _ in range(5):
            started = time.perf_counter()
            assert other.get("/login").status_code == 200
            timings.append(time.perf_counter() - started)
    worker.join(30)
    return timings


def test_a_big_ratings_file_on_the_insights_page_holds_up_nobody(
    served: tuple[Site, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site, port = served
    base = f"http://127.0.0.1:{port}"
    real = safar.web.pages.upload_drivers

    def slow_drivers(*args: Any, **kwargs: Any) -> Any:
        time.sleep(SLOW)  # a 45 MB file took minutes
        return real(*args, **kwargs)

    monkeypatch.setattr(safar.web.pages, "upload_drivers", slow_drivers)
    ana = _logged_in(base, site)
    token = site.csrf(ana.get("/w/default/insights").text)
    answers: list[int] = []
    ratings = b"overall,speed,staff\n9,8,9\n3,2,4\n7,7,6\n10,9,9\n2,3,1\n8,7,8\n"

    def post() -> None:
        sent = ana.post(
            "/w/default/insights",
            data={"csrf": token, "outcome": "overall"},
            files={"file": ("ratings.csv", ratings, "text/csv")},
        )
        answers.append(sent.status_code)

    timings = _while(post, base)
    ana.close()
    assert answers and answers[0] < 500
    assert max(timings) < SLOW / 2, timings


def test_a_slow_password_check_holds_up_nobody(
    served: tuple[Site, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site, port = served
    base = f"http://127.0.0.1:{port}"
    real = Accounts.authenticate

    def slow_check(self: Accounts, username: str, password: str) -> Any:
        time.sleep(SLOW)  # argon2 at its production cost, times a burst of log-ins
        return real(self, username, password)

    monkeypatch.setattr(Accounts, "authenticate", slow_check)

    def log_in() -> None:
        _logged_in(base, site).close()

    timings = _while(log_in, base)
    assert max(timings) < SLOW / 2, timings


def test_pages_nobody_waits_for_any_more_are_not_computed(
    served: tuple[Site, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Forty canvas requests whose client hangs up at once (a script that fires and leaves): they are cancelled
    while they wait for a thread, so a log-in page behind them answers at once (200 such requests made it wait
    39.6 s in issue 22's audit) and only the few already running are computed."""
    import socket

    from safar.maps.templates import load_template
    from safar.web.threads import PAGES
    from safar.workspace import Workspace

    site, port = served
    base = f"http://127.0.0.1:{port}"
    services = site.app.state.services  # type: ignore[attr-defined]
    map_id = (
        Workspace.attach(services.engine, services.settings, "default")
        .create_map(load_template("insurance", "en"))
        .id
    )
    ran: list[float] = []
    real = safar.web.pages.for_page

    def slow_page(*args: Any, **kwargs: Any) -> Any:
        ran.append(time.monotonic())
        time.sleep(0.5)  # a canvas computed for a new audience
        return real(*args, **kwargs)

    monkeypatch.setattr(safar.web.pages, "for_page", slow_page)
    ana = _logged_in(base, site)
    cookie = "; ".join(f"{name}={value}" for name, value in ana.cookies.items())
    for i in range(40):
        with socket.create_connection(("127.0.0.1", port)) as conn:
            conn.sendall(
                f"GET /w/default/maps/{map_id}?since=2024-01-{i % 28 + 1:02d} HTTP/1.1\r\n"
                f"Host: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n".encode()
            )  # and gone
    time.sleep(0.3)
    started = time.perf_counter()
    assert httpx2.get(base + "/login", timeout=30).status_code == 200
    waited = time.perf_counter() - started
    time.sleep(1.5)  # whatever was still going to run has started by now
    ana.close()
    assert waited < 1.5, waited
    assert len(ran) <= 2 * PAGES, len(ran)  # 40 without the cancelling
