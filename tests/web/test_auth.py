"""Telegram's launch data, checked as Telegram documents it: who opened the board, or nobody."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, quote, urlencode

import pytest

from bot.services.people import TelegramUser
from bot.web.auth import InvalidInitData, from_header, signature, verify
from tests.web.initdata import launch_data

TOKEN = "123456:TEST-TOKEN"
OTHER_BOT = "654321:ANOTHER-BOT"
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def test_valid_launch_data_names_the_user() -> None:
    data = launch_data(
        42, TOKEN, NOW - timedelta(minutes=5), first_name="Zahra", language_code="ps"
    )
    assert verify(data, TOKEN, NOW, HOUR) == TelegramUser(
        tg_user_id=42, first_name="Zahra", language_code="ps"
    )


def test_telegrams_own_example_shape_with_every_field_is_valid() -> None:
    # Fields Telegram adds (chat, start_param, signature) are signed like the others.
    data = launch_data(
        42, TOKEN, NOW, chat_instance="-8398", chat_type="sender", signature="abc", start_param="x"
    )
    assert verify(data, TOKEN, NOW, HOUR).tg_user_id == 42


def _with(data: str, **changes: str) -> str:
    fields = dict(parse_qsl(data))
    fields.update(changes)
    return urlencode(fields, quote_via=quote)


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda d: _with(d, hash="0" * 64), id="wrong hash"),
        pytest.param(lambda d: _with(d, hash=""), id="empty hash"),
        pytest.param(
            lambda d: "&".join(p for p in d.split("&") if not p.startswith("hash=")), id="no hash"
        ),
        pytest.param(
            lambda d: _with(d, auth_date=str(int(NOW.timestamp()))), id="auth_date changed"
        ),
        pytest.param(
            lambda d: _with(d, user='{"id":7000000001,"first_name":"Coordinator"}'),
            id="another user",
        ),
        pytest.param(lambda d: d + "&user=%7B%22id%22%3A1%7D", id="a field given twice"),
        pytest.param(lambda d: "", id="missing"),
        pytest.param(lambda d: "not a query string", id="garbage"),
        pytest.param(lambda d: d + "&x=" + "a" * 9000, id="oversized"),
    ],
)
def test_anything_but_telegrams_signed_data_is_refused(tamper) -> None:  # type: ignore[no-untyped-def]
    data = launch_data(42, TOKEN, NOW - timedelta(minutes=1))
    with pytest.raises(InvalidInitData):
        verify(tamper(data), TOKEN, NOW, HOUR)


def test_data_signed_for_another_bot_is_refused() -> None:
    data = launch_data(42, OTHER_BOT, NOW)
    with pytest.raises(InvalidInitData, match="wrong hash"):
        verify(data, TOKEN, NOW, HOUR)


def test_expired_data_is_refused_and_data_at_the_limit_is_taken() -> None:
    assert verify(launch_data(42, TOKEN, NOW - HOUR), TOKEN, NOW, HOUR).tg_user_id == 42
    with pytest.raises(InvalidInitData, match="expired"):
        verify(launch_data(42, TOKEN, NOW - HOUR - timedelta(seconds=1)), TOKEN, NOW, HOUR)
    # A shorter SHURA_WEB_AUTH_MAX_AGE is obeyed.
    with pytest.raises(InvalidInitData, match="expired"):
        verify(launch_data(42, TOKEN, NOW - timedelta(minutes=6)), TOKEN, NOW, timedelta(minutes=5))


def test_data_signed_far_in_the_future_is_refused() -> None:
    assert (
        verify(launch_data(42, TOKEN, NOW + timedelta(minutes=4)), TOKEN, NOW, HOUR).tg_user_id
        == 42
    )
    with pytest.raises(InvalidInitData, match="future"):
        verify(launch_data(42, TOKEN, NOW + timedelta(hours=1)), TOKEN, NOW, HOUR)


@pytest.mark.parametrize(
    "user",
    [
        pytest.param("", id="no user"),
        pytest.param("[1]", id="not an object"),
        pytest.param('{"first_name":"X"}', id="no id"),
        pytest.param('{"id":"42"}', id="id as text"),
        pytest.param('{"id":true}', id="id as boolean"),
        pytest.param('{"id":-5}', id="negative id"),
        pytest.param('{"id":42,"is_bot":true}', id="a bot"),
    ],
)
def test_signed_data_without_a_real_user_is_refused(user: str) -> None:
    fields = {"auth_date": str(int(NOW.timestamp())), "user": user}
    fields["hash"] = signature(fields, TOKEN)
    with pytest.raises(InvalidInitData):
        verify(urlencode(fields), TOKEN, NOW, HOUR)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("tma abc=1", "abc=1", id="tma"),
        pytest.param("TMA  abc=1 ", "abc=1", id="any case, spaces"),
    ],
)
def test_the_header_carries_the_data_after_tma(header: str, expected: str) -> None:
    assert from_header(header) == expected


@pytest.mark.parametrize("header", [None, "", "tma", "tma ", "Bearer abc", "Basic dXNlcjpwYXNz"])
def test_a_missing_or_other_authorization_is_refused(header: str | None) -> None:
    with pytest.raises(InvalidInitData):
        from_header(header)
