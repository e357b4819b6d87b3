"""Guessing passwords gets slower: an account after 5 wrong ones, an address after 20, checked first."""

from __future__ import annotations

from tests.web.conftest import PASSWORD, Site

from safar.web.throttle import ACCOUNT_FREE, ADDRESS_FREE, LoginThrottle


def _login(site: Site, client: object, username: str, password: str, lang: str = "en") -> object:
    page = client.get(f"/login?lang={lang}")  # type: ignore[attr-defined]
    return client.post(  # type: ignore[attr-defined]
        f"/login?lang={lang}",
        data={"csrf": site.csrf(page.text), "username": username, "password": password, "next": "/"},
    )


def test_an_account_waits_after_five_wrong_passwords_even_for_the_right_one(sqlite_site: Site) -> None:
    client = sqlite_site.client()
    for _ in range(ACCOUNT_FREE):
        assert _login(sqlite_site, client, "ana", "wrong guess").status_code == 401
    refused = _login(sqlite_site, client, "ana", PASSWORD)
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "30"
    assert "Too many wrong passwords. Try again in 1 minute(s)" in refused.text
    persian = _login(sqlite_site, client, "ana", PASSWORD, "fa")
    assert persian.status_code == 429 and "۱ دقیقهٔ دیگر دوباره تلاش کنید" in persian.text
    # another account from the same address is not held up
    assert _login(sqlite_site, client, "vic", PASSWORD).status_code == 303


def test_the_wait_doubles_and_a_right_password_afterwards_starts_afresh() -> None:
    clock = [0.0]
    gate = LoginThrottle(now=lambda: clock[0])
    for _ in range(ACCOUNT_FREE):
        gate.failed("Ana", "a")
    assert gate.wait("ana ", "b") == 30  # the account, whatever the address or spelling
    clock[0] = 30
    gate.failed("ana", "a")
    assert gate.wait("ana", "b") == 60
    clock[0] = 90
    assert gate.wait("ana", "b") == 0
    gate.succeeded("ana")
    gate.failed("ana", "a")
    assert gate.wait("ana", "b") == 0  # one failure after a success: no wait yet


def test_an_address_guessing_many_accounts_waits_until_its_oldest_failure_is_ten_minutes_old() -> None:
    clock = [0.0]
    gate = LoginThrottle(now=lambda: clock[0])
    for i in range(ADDRESS_FREE):
        clock[0] = float(i)
        gate.failed(f"user{i}", "10.0.0.9")
    assert gate.wait("someone", "10.0.0.9") == 600 - (ADDRESS_FREE - 1)
    assert gate.wait("someone", "10.0.0.10") == 0
    clock[0] = 600.0
    assert gate.wait("someone", "10.0.0.9") == 0


def test_made_up_names_do_not_pile_up_in_memory() -> None:
    names = 20_000
    clock = [0.0]
    gate = LoginThrottle(now=lambda: clock[0])
    for i in range(names):
        clock[0] = float(i)
        gate.failed(f"guess{i}", f"10.0.{i // 250}.{i % 250}")
    assert len(gate._accounts) <= 10_001 and len(gate._addresses) <= 10_001
