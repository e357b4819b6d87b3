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
