"""Who gets what from the board: a stranger nothing, a member the agenda, a coordinator the rest."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.handlers.conftest import COORDINATOR
from tests.handlers.helpers import onboard
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule
from tests.web.conftest import Board
from tests.web.initdata import launch_data

OUTSIDER = 4_000_555  # started the bot, in no organization
UNKNOWN = 4_000_556  # never talked to the bot

READS = (
    "/api/me",
    "/api/attendance",
    "/api/concerns",
    "/api/concerns?status=all",
    "/api/concerns/1/file",
    "/api/agenda",
    "/api/motions",
    "/api/checkin",
)
WRITES = (
    "/api/concerns/approve",
    "/api/concerns/reject",
    "/api/concerns/merge",
    "/api/agenda/add",
    "/api/agenda/take",
    "/api/checkin/open",
)
COORDINATORS_ONLY = (
    "/api/attendance",
    "/api/concerns",
    "/api/concerns?status=all",
    "/api/concerns/1/file",
    "/api/motions",
    "/api/checkin",
)


async def test_the_shell_holds_no_data_and_forbids_everything_foreign(board: Board) -> None:
    shell = await board.get("/board?page=concerns", None)
    assert shell.status == 200
    assert shell.headers["Content-Type"].startswith("text/html")
    policy = shell.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self' https://telegram.org" in policy
    assert "'unsafe-inline'" not in policy and "frame-ancestors https://web.telegram.org" in policy
    assert shell.headers["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in shell.headers
    for path in ("/static/board.js", "/static/board.css", "/static/arabic.ttf"):
        served = await board.get(path, None)
        assert served.status == 200, path
    font = await board.get("/static/arabic.ttf", None)
    assert font.headers["Content-Type"] == "font/ttf" and font.body[:4] == b"\x00\x01\x00\x00"


async def _stranger_calls(board: Board, headers: dict[str, str]) -> list[int]:
    statuses = []
    for path in READS:
        statuses.append((await board.get(path, None, headers=headers)).status)
    for path in WRITES:
        statuses.append((await board.post(path, None, {"ids": [1]}, headers=headers)).status)
    return statuses


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param(None, id="missing"),
        pytest.param("tma ", id="empty"),
        pytest.param("tma user=%7B%22id%22%3A7000000001%7D&auth_date=1&hash=00", id="forged"),
        pytest.param("Bearer 123456:TEST-TOKEN", id="the token itself"),
    ],
)
async def test_without_valid_launch_data_every_call_gets_401_and_nothing_else(
    board: Board, authorization: str | None
) -> None:
    await add_members(board.bot)
    headers = {} if authorization is None else {"Authorization": authorization}
    assert set(await _stranger_calls(board, headers)) == {401}
    for answer in board.answers:
        assert answer.headers["WWW-Authenticate"] == "tma"
        assert b"html" not in answer.body and b"Balkh" not in answer.body


async def test_expired_launch_data_and_another_bots_get_401(board: Board) -> None:
    await add_members(board.bot)
    now = board.bot.clock.now()
    expired = launch_data(COORDINATOR, "123456:TEST-TOKEN", now - timedelta(hours=1, seconds=1))
    other_bot = launch_data(COORDINATOR, "999:OTHER", now)
    for data in (expired, other_bot):
        assert set(await _stranger_calls(board, {"Authorization": f"tma {data}"})) == {401}


async def test_someone_who_never_started_the_bot_or_joined_an_organization_gets_nothing(
    board: Board,
) -> None:
    await add_members(board.bot)
    await schedule(board.bot)
    await onboard(board.bot, OUTSIDER, "fa")
    for user in (UNKNOWN, OUTSIDER):
        for path in ("/api/me", "/api/agenda", "/api/concerns", "/api/attendance"):
            answer = await board.get(path, user)
            assert answer.status == 403, (user, path)
            assert set(answer.json()) == {"error"}
    assert "Start" in (await board.get("/api/me", UNKNOWN)).error
    # In their own language: the outsider chose Dari.
    assert "شبکه" in (await board.get("/api/me", OUTSIDER)).error


async def test_a_member_reaches_the_agenda_and_none_of_the_coordinators_pages(
    board: Board,
) -> None:
    await add_members(board.bot)
    await schedule(board.bot)
    me = (await board.get("/api/me", JOHN)).json()
    assert me["pages"] == ["agenda"] and me["dir"] == "ltr"
    assert 'data-page="agenda"' in me["nav"] and "concerns" not in me["nav"]
    assert (await board.get("/api/agenda", JOHN)).status == 200
    for path in COORDINATORS_ONLY:
        answer = await board.get(path, JOHN)
        assert answer.status == 403, path
        assert answer.error == "Only coordinators can do that."
    for path in (
        "/api/concerns/approve",
        "/api/concerns/reject",
        "/api/concerns/merge",
        "/api/checkin/open",
    ):
        answer = await board.post(path, AMIR, {"ids": [1], "reason": "x", "target": 2})
        assert answer.status == 403, path
        assert "هماهنگ" in answer.error  # Amir reads Dari


async def test_a_coordinator_reaches_every_page(board: Board) -> None:
    await add_members(board.bot)
    await schedule(board.bot)
    me = (await board.get("/api/me", COORDINATOR)).json()
    assert (
        me["pages"]
        == ["attendance", "concerns", "agenda", "motions", "checkin"][: len(me["pages"])]
    )
    for path in ("/api/attendance", "/api/concerns", "/api/agenda", "/api/motions", "/api/checkin"):
        answer = await board.get(path, COORDINATOR)
        assert answer.status == 200, (path, answer.text)
        assert answer.headers["Cache-Control"] == "no-store"
        assert "Access-Control-Allow-Origin" not in answer.headers


async def test_another_origin_gets_no_cors_permission(board: Board) -> None:
    await add_members(board.bot)
    preflight = await board.client.options(
        "/api/concerns",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert preflight.status in (403, 405)
    assert "Access-Control-Allow-Origin" not in preflight.headers
    answer = await board.get(
        "/api/concerns", COORDINATOR, headers={"Origin": "https://evil.example"}
    )
    assert "Access-Control-Allow-Origin" not in answer.headers


@pytest.mark.parametrize(
    ("user", "lang"), [pytest.param(AMIR, "fa", id="fa"), pytest.param(ZAHRA, "ps", id="ps")]
)
async def test_dari_and_pashto_readers_get_right_to_left_pages_in_their_language(
    board: Board, user: int, lang: str
) -> None:
    await add_members(board.bot)
    await schedule(board.bot)
    me = (await board.get("/api/me", user)).json()
    assert (me["dir"], me["lang"]) == ("rtl", lang)
    assert "اجن" in me["nav"]
