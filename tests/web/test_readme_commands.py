"""The README's main command as a new user types it: ``make demo`` in a fresh home, then ``safar serve``.

Each runs as its own process exactly as the README shows it (only SAFAR_HOME and SAFAR_PORT set, so the
test neither touches ``./.safar`` nor needs port 8000). The test reads the URL and password the command
prints, logs in with them in real Chromium and reads the Persian insurance map with its numbers; then it
stops the server with Ctrl-C, as a user would. A demo that crashes, prints no password or serves an empty
map fails here, and so in CI.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
PERSIAN_DIGITS = set("۰۱۲۳۴۵۶۷۸۹")
PASSWORD = "a new admin's long password"
# The demo's one line (catalogue key ui.demo_ready) in Persian: the URL, the user name, the password.
READY = re.compile(
    r"نشانی (?P<url>http://\S+) را باز کنید و با نام کاربری «(?P<user>[^»]+)» و گذرواژه (?P<password>\S+) وارد شوید"
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _user_env(home: Path, port: int) -> dict[str, str]:
    """The environment of a user's shell: no test settings, Persian by default, a fresh home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SAFAR_", "PYTEST_", "COV_"))}
    env.update(SAFAR_HOME=str(home), SAFAR_PORT=str(port))
    return env


@contextmanager
def _running(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[tuple[subprocess.Popen[str], IO[str]]]:
    """The command in its own process group, its output in ``log``; Ctrl-C to the whole group at the end."""
    with log.open("w+", encoding="utf-8") as out:
        process = subprocess.Popen(
            command,
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        try:
            yield process, out
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()


def _wait_for(process: subprocess.Popen[str], log: Path, found: Any, what: str, timeout: float = 240) -> Any:
    """Poll until ``found(output)`` gives something; fail with the output if the process ends or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        output = log.read_text(encoding="utf-8")
        result = found(output)
        if result:
            return result
        if process.poll() is not None:
            pytest.fail(f"{what}: the command ended with status {process.returncode}:\n{output[-3000:]}")
        time.sleep(0.25)
    pytest.fail(f"{what}: nothing after {timeout:.0f} s:\n{log.read_text(encoding='utf-8')[-3000:]}")


def _serving(port: int) -> Any:
    def check(_output: str) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    return check


def _log_in_and_read_the_map(chromium: Any, url: str, user: str, password: str) -> dict[str, Any]:
    context = chromium.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        page.goto(url)  # not logged in yet: the login page, which comes back to the map
        assert page.get_attribute("html", "dir") == "rtl"
        page.fill("input[name=username]", user)
        page.fill("input[name=password]", password)
        with page.expect_navigation():
            page.click("form[action='/login'] button[type=submit]")
        page.wait_for_url(url)
        return {
            "lang": page.get_attribute("html", "lang"),
            "title": page.inner_text("[data-testid=map-title]"),
            "overlay": page.inner_text("[data-testid=data-overlay]"),
            "dropoffs": page.locator("[data-testid=dropoff]").count(),
            "csat_chips": page.locator("[data-testid=chip-csat]").count(),
        }
    finally:
        context.close()


def test_make_demo_then_safar_serve_as_the_readme_says(chromium: Any, tmp_path: Path) -> None:
    home, port = tmp_path / "fresh-home", _free_port()

    with _running(["make", "demo"], _user_env(home, port), tmp_path / "make-demo.log") as (demo, _):
        ready = _wait_for(
            demo, tmp_path / "make-demo.log", READY.search, "make demo printed no URL and password"
        )
        _wait_for(demo, tmp_path / "make-demo.log", _serving(port), "make demo did not serve")
        url, user, password = ready["url"], ready["user"], ready["password"]
        assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/w/default/maps/\d+", url)
        seen = _log_in_and_read_the_map(chromium, url, user, password)
    assert demo.returncode is not None

    assert seen["lang"] == "fa"
    assert seen["title"].startswith("خرید بیمه")  # the Persian insurance template
    assert "insurance-demo" in seen["overlay"]  # bound to the demo's event log
    assert PERSIAN_DIGITS & set(seen["overlay"])  # with live numbers, in Persian digits
    assert seen["dropoffs"] == 20 and seen["csat_chips"] == 3

    # `safar serve` on the same home serves the same workspace, and the demo password still works.
    port = _free_port()
    serve_log = tmp_path / "safar-serve.log"
    with _running([str(REPO / ".venv/bin/safar"), "serve"], _user_env(home, port), serve_log) as (serve, _):
        _wait_for(serve, serve_log, _serving(port), "safar serve did not serve")
        again = _log_in_and_read_the_map(
            chromium, re.sub(r":\d+/", f":{port}/", url, count=1), user, password
        )
    assert again == seen
    assert "Uvicorn running on http://127.0.0.1:" in serve_log.read_text(encoding="utf-8")


def test_safar_serve_on_a_new_installation(chromium: Any, tmp_path: Path) -> None:
    """`safar user create` then `safar serve` (the README's first steps without the demo): log in, make a map."""
    home, port = tmp_path / "new-home", _free_port()
    env = _user_env(home, port) | {"SAFAR_NEW_PASSWORD": PASSWORD}
    safar = str(REPO / ".venv/bin/safar")
    created = subprocess.run(
        [safar, "user", "create", "maryam", "--admin"], env=env, capture_output=True, text=True
    )
    assert created.returncode == 0, created.stderr
    log = tmp_path / "serve.log"
    with _running([safar, "serve"], env, log) as (serve, _):
        _wait_for(serve, log, _serving(port), "safar serve did not serve")
        context = chromium.new_context()
        page = context.new_page()
        page.set_default_timeout(30_000)
        base = f"http://127.0.0.1:{port}"
        page.goto(base + "/")
        page.fill("input[name=username]", "maryam")
        page.fill("input[name=password]", PASSWORD)
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_url(base + "/w/default")
        page.select_option("[data-testid=new-map] select[name=template]", "insurance")
        page.select_option("[data-testid=new-map] select[name=lang]", "fa")
        page.click("[data-testid=new-map] button[type=submit]")
        page.wait_for_url(base + "/w/default/maps/1")
        title = page.inner_text("[data-testid=map-title]")
        context.close()
    assert title.startswith("خرید بیمه")
