"""A signed-in browser's session is a row in the app database (safar.sessions): log-out, a new password
and a disabled user end it at once, whatever copy of the cookie exists; an idle or too old session ends;
over HTTPS every cookie is Secure; an API token ends on the day its maker chose. On SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session
from tests.web.conftest import PASSWORD, Site

from safar.sessions import ABSOLUTE, IDLE, Sessions
from safar.store.tables import ApiTokenRow, SessionRow, utcnow

MAPS = "/api/v1/workspaces/default/maps"


def _login(site: Site, client: TestClient, username: str = "ana", password: str = PASSWORD) -> int:
    page = client.get("/login?lang=en")
    answer = client.post(
        "/login?lang=en",
        data={"csrf": site.csrf(page.text), "username": username, "password": password, "next": "/"},
    )
    return answer.status_code


def _copy(site: Site, client: TestClient) -> TestClient:
    """Another browser holding a copy of ``client``'s session cookie (a saved or stolen cookie)."""
    other = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    other.cookies.set("safar_session", client.cookies["safar_session"])
    return other


def _ended(site: Site) -> list[str | None]:
    """Why each session ended, oldest first (``None``: live)."""
    with Session(site.app.state.services.engine) as s:  # type: ignore[attr-defined]
        return list(s.scalars(select(SessionRow.ended_by).order_by(SessionRow.id)))


def test_log_out_ends_the_session_for_every_copy_of_its_cookie(site: Site) -> None:
    browser = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    assert _login(site, browser) == 303
    copy = _copy(site, browser)
    assert copy.get(MAPS).status_code == 200  # the copy works while the session lives
    page = browser.get("/w/default")
    assert page.status_code == 200
    assert browser.post("/logout", data={"csrf": site.csrf(page.text)}).status_code == 303
    assert copy.get(MAPS).status_code == 401
    assert copy.get("/w/default").headers["location"].startswith("/login")
    # signing in again is a new session; the ended one stays ended
    assert _login(site, browser) == 303
    assert browser.get(MAPS).status_code == 200 and copy.get(MAPS).status_code == 401
    assert _ended(site) == ["logout", None]


def test_a_new_password_or_a_disabled_user_ends_every_session_of_that_user(site: Site) -> None:
    first, second, other = (TestClient(site.app, follow_redirects=False) for _ in range(3))  # type: ignore[arg-type]
    assert _login(site, first, "vic") == 303 and _login(site, second, "vic") == 303
    assert _login(site, other, "ana") == 303
    site.accounts.set_password("vic", "a brand new password")
    assert first.get(MAPS).status_code == 401 and second.get(MAPS).status_code == 401
    assert other.get(MAPS).status_code == 200  # another user's session is left alone
    assert _login(site, first, "vic") == 401  # the old password no longer signs in
    assert _login(site, first, "vic", "a brand new password") == 303
    assert first.get(MAPS).status_code == 200

    site.accounts.set_disabled("vic", True)
    assert first.get(MAPS).status_code == 401
    site.accounts.set_disabled("vic", False)
    assert first.get(MAPS).status_code == 401  # enabled again: the session it had stays ended
    assert _ended(site) == ["password", "password", None, "disabled"]


def test_an_idle_or_too_old_session_ends(site: Site) -> None:
    sessions = Sessions(site.app.state.services.engine)  # type: ignore[attr-defined]
    user = site.accounts.authenticate("ana", PASSWORD)
    assert user is not None
    idle = sessions.start(user.id)
    start = utcnow()
    assert sessions.user_id(idle, now=start + IDLE - timedelta(minutes=1)) == user.id
    # used a minute before the idle limit, so it lives on for another IDLE from then
    assert sessions.user_id(idle, now=start + 2 * IDLE - timedelta(minutes=3)) == user.id
    assert sessions.user_id(idle, now=start + 3 * IDLE) is None
    assert sessions.user_id(idle, now=start + 3 * IDLE - timedelta(hours=1)) is None  # ended for good

    busy = sessions.start(user.id)
    moment = start
    while moment + IDLE / 2 < start + ABSOLUTE:  # used every six hours for two weeks
        moment += IDLE / 2
        assert sessions.user_id(busy, now=moment) == user.id
    assert sessions.user_id(busy, now=start + ABSOLUTE + timedelta(minutes=1)) is None
    assert sessions.user_id("not a session", now=start) is None and sessions.user_id(None) is None
    assert _ended(site) == ["idle", "expired"]
    assert sessions.live(user.id) == 0


def test_over_https_every_cookie_is_secure(sqlite_site: Site) -> None:
    secure = TestClient(sqlite_site.app, base_url="https://testserver", follow_redirects=False)  # type: ignore[arg-type]
    assert _login(sqlite_site, secure) == 303
    page = secure.get("/login")
    cookies = page.headers.get_list("set-cookie")
    assert cookies and all("; Secure" in c for c in cookies), cookies
    plain = TestClient(sqlite_site.app, follow_redirects=False)  # type: ignore[arg-type]
    cookies = plain.get("/login").headers.get_list("set-cookie")
    assert cookies and not any("secure" in c.lower() for c in cookies), cookies


def test_a_token_ends_on_the_day_its_maker_chose(site: Site) -> None:
    from tests.web.test_admin import form, shown_once

    ana = site.client("ana")
    page = form(
        ana, "/admin/tokens", "/admin/tokens", username="vic", name="crm", scope="read", expires_days="30"
    )
    token = shown_once(page.text)
    api = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    bearer = {"Authorization": f"Bearer {token}"}
    assert api.get(MAPS, headers=bearer).status_code == 200
    [listed] = ana.get("/api/v1/admin/tokens").json()["tokens"]
    ends = datetime.fromisoformat(listed["expires_at"]) - datetime.fromisoformat(listed["created_at"])
    assert abs(ends - timedelta(days=30)) < timedelta(seconds=5) and listed["active"]

    with Session(site.app.state.services.engine) as s, s.begin():  # type: ignore[attr-defined]
        s.execute(update(ApiTokenRow).values(expires_at=utcnow() - timedelta(seconds=1)))  # its day came
    gone = api.get(MAPS, headers=bearer)
    assert (gone.status_code, gone.json()["error"]["code"]) == (401, "auth.bad_token")
    [listed] = ana.get("/api/v1/admin/tokens").json()["tokens"]
    assert (listed["active"], listed["revoked_at"]) == (False, None)
    assert "منقضی شده" in ana.get("/admin/tokens?lang=fa").text
    assert ">expired<" in ana.get("/admin/tokens?lang=en").text
    # a life out of bounds is refused with what is allowed, nothing made
    refused = form(ana, "/admin/tokens", "/admin/tokens", username="vic", name="x", expires_days="0")
    assert refused.status_code == 422
    assert len(ana.get("/api/v1/admin/tokens").json()["tokens"]) == 1


def test_a_user_sees_where_they_are_signed_in_changes_their_password_and_signs_out_elsewhere(
    site: Site,
) -> None:
    from tests.web.test_admin import form

    here, laptop, phone = (TestClient(site.app, follow_redirects=False) for _ in range(3))  # type: ignore[arg-type]
    for browser in (here, laptop, phone):
        assert _login(site, browser, "vic") == 303
    page = here.get("/account?lang=fa")
    assert page.status_code == 200 and 'data-testid="account-link"' in page.text
    assert page.text.count('data-testid="session-row"') == 3 and page.text.count("همین مرورگر") == 1
    me = here.get("/api/v1/me").json()
    assert (me["username"], me["admin"]) == ("vic", False)
    assert [s["current"] for s in me["sessions"]].count(True) == 1 and len(me["sessions"]) == 3

    # sign out everywhere else: the laptop and the phone are out, this browser is not
    assert (
        form(here, "/account", "/account/sessions/end-others").headers["location"] == "/account?signed_out=1"
    )
    assert laptop.get(MAPS).status_code == 401 and phone.get(MAPS).status_code == 401
    assert here.get(MAPS).status_code == 200 and len(here.get("/api/v1/me").json()["sessions"]) == 1

    # a wrong current password changes nothing, and says so in the reader's language
    wrong = form(
        here, "/account?lang=fa", "/account/password?lang=fa", current="not it", new="another password"
    )
    assert wrong.status_code == 422 and "گذرواژهٔ کنونی درست نیست" in wrong.text
    assert _login(site, laptop, "vic") == 303  # the old password still works
    # the right one: every other browser is signed out, this one stays signed in
    done = form(here, "/account", "/account/password", current=PASSWORD, new="another password")
    assert done.headers["location"] == "/account?changed=1"
    assert laptop.get(MAPS).status_code == 401 and here.get(MAPS).status_code == 200
    assert _login(site, laptop, "vic") == 401 and _login(site, laptop, "vic", "another password") == 303
    actions = [e["action"] for e in site.client("ana").get("/api/v1/admin/audit").json()["entries"]]
    assert actions[0] == "user.password"

    # the API twin, as a browser's script calls it (CSRF header): the same rules
    token = site.csrf(here.get("/account").text)
    same = here.put(
        "/api/v1/me/password",
        json={"current": "another password", "new": "another password"},
        headers={"X-CSRF-Token": token},
    )
    assert (same.status_code, same.json()["error"]["code"]) == (422, "account.same_password")
    changed = here.put(
        "/api/v1/me/password",
        json={"current": "another password", "new": "a third password"},
        headers={"X-CSRF-Token": token},
    )
    assert changed.status_code == 204 and here.get(MAPS).status_code == 200
    assert laptop.get(MAPS).status_code == 401


def test_guessing_the_current_password_on_the_account_page_is_throttled_like_log_in(site: Site) -> None:
    from tests.web.test_admin import form

    from safar.web.throttle import ACCOUNT_FREE

    here = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    assert _login(site, here, "vic") == 303
    for _ in range(ACCOUNT_FREE):
        wrong = form(here, "/account", "/account/password", current="a guess", new="another password")
        assert wrong.status_code == 422
    held = form(
        here, "/account?lang=en", "/account/password?lang=en", current=PASSWORD, new="another password"
    )
    assert held.status_code == 429 and "Too many wrong passwords" in held.text  # even the right one, for now
    token = site.csrf(here.get("/account").text)
    api = here.put(
        "/api/v1/me/password?lang=fa",
        json={"current": PASSWORD, "new": "another password"},
        headers={"X-CSRF-Token": token},
    )
    assert (api.status_code, api.json()["error"]["code"]) == (429, "auth.throttled")
    assert "دقیقهٔ دیگر دوباره تلاش کنید" in api.json()["error"]["message"]
    other = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    assert _login(site, other, "vic") == 429  # the same account's log-in waits too
    assert _login(site, other, "ana") == 303  # another account does not


def test_an_admin_s_password_reset_ends_sessions_and_revokes_tokens_when_asked(site: Site) -> None:
    admin = site.client("ana")
    vic = TestClient(site.app, follow_redirects=False)  # type: ignore[arg-type]
    assert _login(site, vic, "vic") == 303
    bearer = {"Authorization": "Bearer " + site.accounts.create_token("vic", "bi")}
    page = admin.get("/admin/users?lang=en")
    reset = admin.post(
        "/admin/users/vic/password?lang=en",
        data={"csrf": site.csrf(page.text), "password": "a brand new password"},
    )
    assert reset.status_code == 200
    said = re.search(r'data-testid="tokens-working">(.*?)</p>', reset.text, re.S)
    assert said is not None and " ".join(html.unescape(re.sub(r"<[^>]+>", " ", said.group(1))).split()) == (
        "The sessions of 'vic' have ended; 1 of their API tokens still work (integrations keep running). "
        "If the password was reset because it may be known to someone else, revoke them: API tokens"
    )
    assert vic.get(MAPS).status_code == 401  # the browser's session ended
    assert TestClient(site.app).get(MAPS, headers=bearer).status_code == 200  # the integration runs on

    answer = admin.put(
        "/api/v1/admin/users/vic/password",
        json={"password": "yet another long password", "revoke_tokens": True},
        headers={"X-CSRF-Token": site.csrf(page.text)},
    )
    assert answer.status_code == 200 and answer.json()["tokens_working"] == 0
    assert TestClient(site.app).get(MAPS, headers=bearer).status_code == 401
