"""The fake Telegram is as strict as Telegram about every kind of message, out and in."""

from __future__ import annotations

import json

import pytest

from bot.fakes.telegram import ERR_BUTTON_TYPE, FakeBotApi

GROUP = -100_777
WEB_APP = json.dumps(
    {"inline_keyboard": [[{"text": "Open", "web_app": {"url": "https://board.example.org"}}]]}
)
CONTENT = [
    pytest.param("sendMessage", {"text": "Board"}, id="text"),
    pytest.param("sendPhoto", {"photo": "https://files.example.org/a.png"}, id="photo"),
    pytest.param("sendDocument", {"document": "https://files.example.org/a.pdf"}, id="document"),
    pytest.param(
        "sendVenue",
        {"latitude": 36.7, "longitude": 67.1, "title": "Hall", "address": "Mazar"},
        id="venue",
    ),
]


@pytest.mark.parametrize(("method", "content"), CONTENT)
def test_a_web_app_button_opens_from_a_private_chat_only_whatever_the_message(
    method: str, content: dict[str, object]
) -> None:
    api = FakeBotApi()
    api.start_chat(42)
    api.add_group(GROUP, "Coordination")
    assert api.handle(method, {"chat_id": 42, **content, "reply_markup": WEB_APP})[0] == 200
    status, body = api.handle(method, {"chat_id": GROUP, **content, "reply_markup": WEB_APP})
    assert (status, body["description"]) == (400, ERR_BUTTON_TYPE)
    assert api.sent(chat_id=GROUP) == []
    assert len(api.problems) == 1


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * 4097, id="letters"),
        pytest.param("😀" * 2048 + "x", id="emoji-count-two"),
    ],
)
def test_a_text_telegram_would_have_split_never_arrives(text: str) -> None:
    api = FakeBotApi()
    api.start_chat(42)
    with pytest.raises(ValueError, match="several messages"):
        api.message_update(42, text)
    assert api.message_update(42, text[:-1])["message"]["text"] == text[:-1]
