"""Sign-in links work once and briefly; sessions end; CSRF tokens must match."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from thinktwice.server.dashboard.session import MAX_LINKS, MAX_SESSIONS, DashboardAuth


class Clock:
    """A clock the test moves by hand (the seam DashboardAuth offers)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def auth(clock: Clock) -> DashboardAuth:
    return DashboardAuth(8765, link_ttl_s=60, session_ttl_s=3600, clock=clock)


def test_a_link_starts_a_session_once(auth: DashboardAuth) -> None:
    code = auth.issue_code()
    session_id = auth.redeem(code)
    assert session_id is not None and auth.session(session_id) is not None
    assert auth.redeem(code) is None


@pytest.mark.parametrize(("wait", "works"), [(59.9, True), (60.0, False), (600, False)])
def test_a_link_expires(auth: DashboardAuth, clock: Clock, wait: float, works: bool) -> None:
    code = auth.issue_code()
    clock.now += wait
    assert (auth.redeem(code) is not None) is works


@pytest.mark.parametrize("code", [None, "", "x" * 43, "x" * 10_000])
def test_unknown_codes_start_nothing(auth: DashboardAuth, code: str | None) -> None:
    auth.issue_code()
    assert auth.redeem(code) is None


def test_a_session_ends_after_its_lifetime(auth: DashboardAuth, clock: Clock) -> None:
    session_id = auth.redeem(auth.issue_code())
    clock.now += 3599
    assert auth.session(session_id) is not None
    clock.now += 1
    assert auth.session(session_id) is None


def test_signing_out_ends_the_session(auth: DashboardAuth) -> None:
    session_id = auth.redeem(auth.issue_code())
    auth.end(session_id)
    assert auth.session(session_id) is None


def test_nothing_secret_is_kept_in_the_clear(auth: DashboardAuth) -> None:
    code = auth.issue_code()
    session_id = auth.redeem(auth.issue_code())
    assert session_id is not None
    kept = repr(vars(auth))
    assert code not in kept and session_id not in kept


def test_asking_for_links_in_a_loop_keeps_only_the_newest(auth: DashboardAuth) -> None:
    first = auth.issue_code()
    codes = [auth.issue_code() for _ in range(MAX_LINKS)]
    assert auth.redeem(first) is None
    assert all(auth.redeem(code) is not None for code in codes)


def test_sessions_are_bounded_and_the_oldest_ends_first(auth: DashboardAuth) -> None:
    ids = [auth.redeem(auth.issue_code()) for _ in range(MAX_SESSIONS + 1)]
    assert auth.session(ids[0]) is None
    assert all(auth.session(i) is not None for i in ids[1:])


GIVEN: dict[str, Callable[[str], str | None]] = {
    "its own": lambda token: token,
    "one more character": lambda token: token + "x",
    "one less character": lambda token: token[:-1],
    "another case": lambda token: token.swapcase(),
    "empty": lambda token: "",
    "missing": lambda token: None,
}


@pytest.mark.parametrize("given", GIVEN)
def test_only_the_sessions_own_csrf_token_is_accepted(auth: DashboardAuth, given: str) -> None:
    session = auth.session(auth.redeem(auth.issue_code()))
    assert session is not None
    assert session.allows(GIVEN[given](session.csrf)) is (given == "its own")


def test_each_session_has_its_own_csrf_token(auth: DashboardAuth) -> None:
    one = auth.session(auth.redeem(auth.issue_code()))
    two = auth.session(auth.redeem(auth.issue_code()))
    assert one is not None and two is not None
    assert one.csrf != two.csrf
    assert not one.allows(two.csrf)


def test_the_cookie_is_named_after_the_port() -> None:
    assert DashboardAuth(8765).cookie == "thinktwice_session_8765"
    assert DashboardAuth(9000).cookie != DashboardAuth(8765).cookie
