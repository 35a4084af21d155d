"""The fake Bot API is strict like Telegram and drives the real python-telegram-bot stack."""

from __future__ import annotations

import asyncio
import io
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
import segno
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes

from tests.fakes.telegram import (
    BOT_USER_ID,
    ERR_ALLOWED_UPDATES,
    ERR_BLOCKED,
    ERR_BUTTON_DATA,
    ERR_BUTTON_URL,
    ERR_CANT_INITIATE,
    ERR_CAPTION_TOO_LONG,
    ERR_CHAT_NOT_FOUND,
    ERR_EDIT_NOT_FOUND,
    ERR_IMAGE_PROCESS,
    ERR_NOT_MODIFIED,
    ERR_PHOTO_DIMENSIONS,
    ERR_PHOTO_TOO_BIG,
    ERR_QUERY_INVALID,
    ERR_TEXT_BUTTON,
    ERR_TEXT_EMPTY,
    ERR_TOO_LONG,
    ERR_WEBHOOK_ACTIVE,
    ERR_WEBHOOK_CONNECTIONS,
    ERR_WEBHOOK_HTTPS,
    ERR_WEBHOOK_PORT,
    ERR_WEBHOOK_SECRET,
    FakeBotApi,
    FakeBotApiServer,
    FakeRequest,
    InjectedTimeout,
    UploadedFile,
    make_bot_request,
)

TOKEN = "123:TEST"
ALICE = 101
BOB = 202
GROUP = -1001234567890


class ManualClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def api() -> FakeBotApi:
    """A fresh fake where Alice has started the bot."""
    fake = FakeBotApi()
    fake.start_chat(ALICE)
    return fake


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    """A real telegram.Bot whose transport is the in-memory fake."""
    async with Bot(TOKEN, request=FakeRequest(api), get_updates_request=FakeRequest(api)) as b:
        yield b


@pytest.fixture
def server(api: FakeBotApi) -> Iterator[FakeBotApiServer]:
    """The same fake served over HTTP on 127.0.0.1."""
    with FakeBotApiServer(api) as running:
        yield running


def send(api: FakeBotApi, **params: Any) -> tuple[int, dict[str, Any]]:
    """Call sendMessage to Alice with wire-level params."""
    return api.handle("sendMessage", {"chat_id": str(ALICE), **params})


def keyboard(*buttons: dict[str, Any]) -> str:
    """An inline keyboard JSON string with one button per row."""
    return json.dumps({"inline_keyboard": [[button] for button in buttons]})


def assert_rejected(
    answer: tuple[int, dict[str, Any]], description: str, api: FakeBotApi, code: int = 400
) -> None:
    """The answer is Telegram's error envelope and the fake logged it as a problem."""
    status, body = answer
    assert status == code
    assert body["ok"] is False
    assert body["error_code"] == code
    assert body["description"].startswith(description), body["description"]
    api.expect_problem(description)
    api.assert_no_problems()


# ---------------------------------------------------------------------- FakeBotApi.handle


def test_get_me_answers_like_telegram(api: FakeBotApi) -> None:
    status, body = api.handle("getMe", {})
    assert status == 200
    assert body["ok"] is True
    assert body["result"]["id"] == BOT_USER_ID
    assert body["result"]["username"] == "shura_test_bot"
    assert body["result"]["can_join_groups"] is True


def test_private_chats_need_start_and_fail_when_blocked(api: FakeBotApi) -> None:
    assert_rejected(
        api.handle("sendMessage", {"chat_id": BOB, "text": "hi"}), ERR_CANT_INITIATE, api, 403
    )
    api.block(ALICE)
    assert_rejected(send(api, text="hi"), ERR_BLOCKED, api, 403)
    api.start_chat(ALICE)
    assert send(api, text="hi")[0] == 200


def test_unknown_and_known_groups(api: FakeBotApi) -> None:
    assert_rejected(
        api.handle("sendMessage", {"chat_id": GROUP, "text": "hi"}), ERR_CHAT_NOT_FOUND, api
    )
    api.add_group(GROUP, "Coordinators")
    status, body = api.handle("sendMessage", {"chat_id": GROUP, "text": "hi"})
    assert status == 200
    assert body["result"]["chat"] == {"id": GROUP, "type": "supergroup", "title": "Coordinators"}
    api.remove_from_group(GROUP)
    assert_rejected(
        api.handle("sendMessage", {"chat_id": GROUP, "text": "hi"}),
        "Forbidden: bot was kicked from the supergroup chat",
        api,
        403,
    )


def test_length_is_counted_after_entity_parsing_in_utf16(api: FakeBotApi) -> None:
    fits = "<b>" + "a" * 4095 + "</b>&amp;"
    assert send(api, text=fits, parse_mode="HTML")[0] == 200
    assert_rejected(send(api, text=fits + "b", parse_mode="HTML"), ERR_TOO_LONG, api)
    # Each emoji outside the BMP is two UTF-16 code units.
    assert send(api, text="😀" * 2048)[0] == 200
    assert_rejected(send(api, text="😀" * 2048 + "a"), ERR_TOO_LONG, api)


@pytest.mark.parametrize("text", ["", "   \n ", "<b></b>", "<b>  </b>"])
def test_empty_text_is_rejected(api: FakeBotApi, text: str) -> None:
    assert_rejected(send(api, text=text, parse_mode="HTML"), ERR_TEXT_EMPTY, api)


def test_missing_text_is_rejected(api: FakeBotApi) -> None:
    assert_rejected(send(api), ERR_TEXT_EMPTY, api)


@pytest.mark.parametrize(
    ("html", "detail"),
    [
        ("<div>x</div>", 'Unsupported start tag "div" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("a <b", "Unclosed start tag at byte offset 2"),
        ("Tom & Jerry", 'Unescaped "&"'),
        ("&nbsp;", 'Unescaped "&"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("<br>", 'Unsupported start tag "br"'),
    ],
)
def test_malformed_html_is_rejected(api: FakeBotApi, html: str, detail: str) -> None:
    assert_rejected(
        send(api, text=html, parse_mode="HTML"),
        f"Bad Request: can't parse entities: {detail}",
        api,
    )


def test_every_allowed_tag_and_entity_parses(api: FakeBotApi) -> None:
    html = (
        "<b>b</b><strong>s</strong><i>i</i><em>e</em><u>u</u><ins>n</ins><s>s</s>"
        '<strike>k</strike><del>d</del><span class="tg-spoiler">p</span>'
        "<tg-spoiler>t</tg-spoiler>"
        '<a href="https://example.org/?a=1&amp;b=2">a</a><code>c</code>'
        '<pre><code class="language-python">x</code></pre><blockquote>q</blockquote>'
        "<blockquote expandable>x</blockquote>"
        '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>'
        " &amp; &lt; &gt; &quot; &#39; &#x27;"
    )
    status, body = send(api, text=html, parse_mode="HTML")
    assert status == 200, body
    message = body["result"]
    assert message["text"] == "bsieunskdptacxqx👍 & < > \" ' '"
    types = [entity["type"] for entity in message["entities"]]
    assert types.count("bold") == 2
    assert "expandable_blockquote" in types
    pre = next(entity for entity in message["entities"] if entity["type"] == "pre")
    assert pre["language"] == "python"
    link = next(entity for entity in message["entities"] if entity["type"] == "text_link")
    assert link["url"] == "https://example.org/?a=1&b=2"


@pytest.mark.parametrize(
    ("button", "description"),
    [
        ({"text": "x", "callback_data": "a" * 65}, ERR_BUTTON_DATA),
        ({"text": "x", "callback_data": "ب" * 33}, ERR_BUTTON_DATA),  # 66 UTF-8 bytes
        ({"text": "x", "callback_data": ""}, ERR_TEXT_BUTTON),
        ({"text": "x"}, ERR_TEXT_BUTTON),
        ({"text": "x", "callback_data": "a", "url": "https://a.b"}, "Bad Request: can't parse"),
        ({"text": "x", "url": "ftp://example.org"}, ERR_BUTTON_URL),
        ({"text": "x", "url": "example.org"}, ERR_BUTTON_URL),
        ({"callback_data": "a"}, "Bad Request: can't parse inline keyboard button"),
    ],
)
def test_bad_inline_buttons_are_rejected(
    api: FakeBotApi, button: dict[str, Any], description: str
) -> None:
    assert_rejected(send(api, text="pick", reply_markup=keyboard(button)), description, api)


def test_keyboard_rows_must_be_lists(api: FakeBotApi) -> None:
    markup = json.dumps({"inline_keyboard": [{"text": "x", "callback_data": "a"}]})
    assert_rejected(send(api, text="pick", reply_markup=markup), "Bad Request: can't parse", api)


def test_good_buttons_are_stored(api: FakeBotApi) -> None:
    markup = keyboard(
        {"text": "x", "callback_data": "a" * 64},
        {"text": "y", "callback_data": "ب" * 32},
        {"text": "z", "url": "tg://resolve?domain=shura_test_bot"},
    )
    assert send(api, text="pick", reply_markup=markup)[0] == 200
    assert [button["text"] for button in api.buttons(ALICE)] == ["x", "y", "z"]


def test_edits_need_an_existing_message_and_a_change(api: FakeBotApi) -> None:
    markup = keyboard({"text": "Yes", "callback_data": "yes"})
    _, body = send(api, text="<b>Sure?</b>", parse_mode="HTML", reply_markup=markup)
    message_id = body["result"]["message_id"]
    edit = {"chat_id": ALICE, "message_id": message_id, "parse_mode": "HTML"}

    assert_rejected(
        api.handle("editMessageText", {**edit, "message_id": 999, "text": "x"}),
        ERR_EDIT_NOT_FOUND,
        api,
    )
    # <strong> renders exactly like <b>, so Telegram sees no change.
    same = {**edit, "text": "<strong>Sure?</strong>", "reply_markup": markup}
    assert_rejected(api.handle("editMessageText", same), ERR_NOT_MODIFIED, api)

    status, body = api.handle("editMessageText", {**edit, "text": "<i>Done</i>"})
    assert status == 200
    assert "reply_markup" not in body["result"]
    stored = api.last_message(ALICE)
    assert stored["text"] == "<i>Done</i>"
    assert stored["plain_text"] == "Done"
    assert stored["reply_markup"] is None
    assert stored["edit_date"] is not None

    markup_edit = {"chat_id": ALICE, "message_id": message_id}
    assert_rejected(api.handle("editMessageReplyMarkup", markup_edit), ERR_NOT_MODIFIED, api)
    assert api.handle("editMessageReplyMarkup", {**markup_edit, "reply_markup": markup})[0] == 200


def test_delete_message(api: FakeBotApi) -> None:
    _, body = send(api, text="bye")
    target = {"chat_id": ALICE, "message_id": body["result"]["message_id"]}
    assert api.handle("deleteMessage", target) == (200, {"ok": True, "result": True})
    assert api.messages(ALICE) == []
    assert_rejected(
        api.handle("deleteMessage", target), "Bad Request: message to delete not found", api
    )


def test_an_answer_to_a_button_over_200_characters_is_refused(api: FakeBotApi) -> None:
    send(api, text="hi", reply_markup=keyboard({"text": "Go", "callback_data": "go"}))
    query_id = api.callback_update(ALICE, "go")["callback_query"]["id"]
    long = {"callback_query_id": query_id, "text": "😀" * 101}  # 202 UTF-16 units
    assert_rejected(api.handle("answerCallbackQuery", long), "Bad Request: MESSAGE_TOO_LONG", api)
    fits = {"callback_query_id": query_id, "text": "😀" * 100}
    assert api.handle("answerCallbackQuery", fits)[0] == 200


def test_callback_queries_are_answered_exactly_once(api: FakeBotApi) -> None:
    send(api, text="old", reply_markup=keyboard({"text": "Go", "callback_data": "go"}))
    send(api, text="new", reply_markup=keyboard({"text": "Go", "callback_data": "go"}))
    update = api.callback_update(ALICE, "go")
    query = update["callback_query"]
    assert query["message"]["text"] == "new"
    assert query["data"] == "go"

    assert_rejected(
        api.handle("answerCallbackQuery", {"callback_query_id": "nope"}), ERR_QUERY_INVALID, api
    )
    answer = {"callback_query_id": query["id"], "text": "Saved"}
    assert api.handle("answerCallbackQuery", answer)[0] == 200
    assert api.callback_answers[query["id"]]["text"] == "Saved"
    assert_rejected(api.handle("answerCallbackQuery", answer), ERR_QUERY_INVALID, api)

    with pytest.raises(AssertionError, match="no bot message"):
        api.callback_update(ALICE, "missing")
    with pytest.raises(AssertionError, match="no bot message"):
        api.callback_update(ALICE, "go", message_id=999)
    first = api.callback_update(ALICE, "go", message_id=1)["callback_query"]
    assert first["message"]["text"] == "old"
    forged = api.callback_update(ALICE, "forged", require_button=False)["callback_query"]
    assert (forged["data"], forged["message"]["text"]) == ("forged", "new")
    assert api.handle("answerCallbackQuery", {"callback_query_id": forged["id"]})[0] == 200
    with pytest.raises(AssertionError, match="no bot message"):
        api.callback_update(BOB, "forged", require_button=False)


@pytest.mark.parametrize(
    ("commands", "language_code", "description"),
    [
        ([{"command": "Start", "description": "x"}], "", "Bad Request: BOT_COMMAND_INVALID"),
        ([{"command": "a" * 33, "description": "x"}], "", "Bad Request: BOT_COMMAND_INVALID"),
        ([{"command": "/start", "description": "x"}], "", "Bad Request: BOT_COMMAND_INVALID"),
        ([{"command": "start", "description": ""}], "", "Bad Request: command description"),
        ([{"command": "start", "description": "x" * 257}], "", "Bad Request: command desc"),
        (
            [{"command": f"c{i}", "description": "x"} for i in range(101)],
            "",
            "Bad Request: BOT_COMMANDS_TOO_MUCH",
        ),
        ([{"command": "start", "description": "x"}], "fas", "Bad Request: invalid language"),
    ],
)
def test_bad_commands_are_rejected(
    api: FakeBotApi, commands: list[dict[str, str]], language_code: str, description: str
) -> None:
    params = {"commands": json.dumps(commands), "language_code": language_code}
    assert_rejected(api.handle("setMyCommands", params), description, api)


def test_commands_are_stored_per_scope_and_language(api: FakeBotApi) -> None:
    commands = [{"command": "start", "description": "شروع"}]
    params = {"commands": json.dumps(commands), "language_code": "fa"}
    assert api.handle("setMyCommands", params)[0] == 200
    assert api.commands_for(language_code="fa") == commands
    assert api.commands_for() == []
    scope = json.dumps({"type": "chat", "chat_id": ALICE})
    assert api.handle("setMyCommands", {**params, "scope": scope})[0] == 200
    assert api.commands_for("chat", "fa", chat_id=ALICE) == commands
    assert api.handle("deleteMyCommands", {"language_code": "fa"})[0] == 200
    assert api.commands_for(language_code="fa") == []
    assert_rejected(
        api.handle("setMyCommands", {**params, "scope": json.dumps({"type": "chat"})}),
        "Bad Request: chat",
        api,
    )


def test_unknown_methods_are_404_and_problems(api: FakeBotApi) -> None:
    status, body = api.handle("sendSticker", {"chat_id": ALICE})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert api.calls[-1].method == "sendSticker"
    assert not api.calls[-1].ok
    with pytest.raises(AssertionError, match="unexpected call sendSticker"):
        api.assert_no_problems()
    api.expect_problem("sendSticker")
    with pytest.raises(AssertionError, match="no problem matching"):
        api.expect_problem("sendSticker")


def test_method_names_are_case_insensitive(api: FakeBotApi) -> None:
    assert api.handle("getme", {})[0] == 200
    assert api.calls[-1].method == "getMe"


def test_injected_errors_match_method_chat_and_count(api: FakeBotApi) -> None:
    api.start_chat(BOB)
    api.fail_next(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 7",
        retry_after=7, times=2, chat_id=BOB,
    )  # fmt: skip
    assert send(api, text="to alice")[0] == 200
    for _ in range(2):
        status, body = api.handle("sendMessage", {"chat_id": BOB, "text": "x"})
        assert status == 429
        assert body["parameters"] == {"retry_after": 7}
    assert api.handle("sendMessage", {"chat_id": BOB, "text": "x"})[0] == 200
    api.assert_no_problems()
    assert [call.ok for call in api.calls] == [True, False, False, True]


def test_injected_timeouts_can_happen_before_or_after_delivery(api: FakeBotApi) -> None:
    api.fail_timeout_next("sendMessage")
    with pytest.raises(InjectedTimeout):
        send(api, text="lost")
    assert api.messages(ALICE) == []
    api.fail_timeout_next("sendMessage", delivered=True)
    with pytest.raises(InjectedTimeout):
        send(api, text="delivered")
    assert [message["text"] for message in api.messages(ALICE)] == ["delivered"]


def test_rate_limit_uses_a_sliding_one_second_window() -> None:
    clock = ManualClock()
    api = FakeBotApi(clock=clock)
    api.start_chat(ALICE)
    api.rate_limit(2)
    assert send(api, text="1")[0] == 200
    clock.now += 0.5
    assert send(api, text="2")[0] == 200
    status, body = send(api, text="3")
    assert status == 429
    assert body["description"] == "Too Many Requests: retry after 1"
    assert body["parameters"] == {"retry_after": 1}
    clock.now += 0.6  # the first send has left the window
    assert send(api, text="3")[0] == 200
    api.assert_no_problems()


def test_message_update_builds_commands_and_opens_chats() -> None:
    api = FakeBotApi()
    with pytest.raises(AssertionError, match="/start"):
        api.message_update(ALICE, "hello")
    api.user(ALICE, "Alice", language_code="fa", username="alice")
    update = api.message_update(ALICE, "/start invite-42")
    message = update["message"]
    assert message["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert message["from"]["language_code"] == "fa"
    assert message["chat"] == {
        "id": ALICE, "type": "private", "first_name": "Alice", "username": "alice",
    }  # fmt: skip
    assert send(api, text="welcome")[0] == 200
    later = api.message_update(ALICE, "plain text")
    assert "entities" not in later["message"]
    assert later["update_id"] == update["update_id"] + 1
    # User and bot messages share the chat's message_id sequence.
    assert later["message"]["message_id"] == 3

    group = api.message_update(BOB, "/menu@shura_test_bot", chat_id=GROUP, chat_type="supergroup")
    assert group["message"]["entities"][0]["length"] == len("/menu@shura_test_bot")
    assert api.handle("sendMessage", {"chat_id": GROUP, "text": "hi"})[0] == 200


def test_get_updates_honours_offset_limit_and_webhooks(api: FakeBotApi) -> None:
    for text in ("a", "b", "c"):
        api.push_update(api.message_update(ALICE, text))
    _, body = api.handle("getUpdates", {"limit": "2"})
    ids = [update["update_id"] for update in body["result"]]
    assert len(ids) == 2
    _, body = api.handle("getUpdates", {"offset": str(ids[1] + 1)})
    assert [update["message"]["text"] for update in body["result"]] == ["c"]
    _, body = api.handle("getUpdates", {"offset": str(ids[0])})
    # Updates below an offset once sent are confirmed and gone for good.
    assert [update["message"]["text"] for update in body["result"]] == ["c"]

    assert api.handle("setWebhook", {"url": "https://example.org/hook"})[0] == 200
    assert_rejected(api.handle("getUpdates", {}), ERR_WEBHOOK_ACTIVE, api, 409)
    assert api.handle("deleteWebhook", {})[0] == 200
    assert api.handle("getUpdates", {})[0] == 200


HOOK = "https://bot.example.org/telegram"


@pytest.mark.parametrize(
    ("params", "error"),
    [
        pytest.param({"url": "http://bot.example.org/telegram"}, ERR_WEBHOOK_HTTPS, id="http"),
        pytest.param({"url": "https://bot.example.org:8081/x"}, ERR_WEBHOOK_PORT, id="port"),
        pytest.param({"url": HOOK, "secret_token": "with space"}, ERR_WEBHOOK_SECRET, id="char"),
        pytest.param({"url": HOOK, "secret_token": "x" * 257}, ERR_WEBHOOK_SECRET, id="long"),
        pytest.param({"url": HOOK, "max_connections": "101"}, ERR_WEBHOOK_CONNECTIONS, id="max"),
        pytest.param(
            {"url": HOOK, "allowed_updates": '["message", "nonsense"]'},
            ERR_ALLOWED_UPDATES,
            id="allowed",
        ),
    ],
)
def test_set_webhook_refuses_what_telegram_refuses(
    api: FakeBotApi, params: dict[str, str], error: str
) -> None:
    assert_rejected(api.handle("setWebhook", params), error, api)
    assert api.webhook_url == ""


def test_a_webhook_keeps_its_secret_token_and_never_tells_it(api: FakeBotApi) -> None:
    secret = "s3cret_-" + "A" * 200
    assert api.handle("setWebhook", {"url": HOOK, "secret_token": secret})[0] == 200
    assert (api.webhook_url, api.webhook_secret) == (HOOK, secret)
    _, body = api.handle("getWebhookInfo", {})
    assert body["result"]["url"] == HOOK and body["result"]["max_connections"] == 40
    assert secret not in json.dumps(body)
    assert api.handle("deleteWebhook", {})[0] == 200
    assert (api.webhook_url, api.webhook_secret) == ("", "")
    assert api.handle("getWebhookInfo", {})[1]["result"]["url"] == ""


def test_an_update_comes_back_on_every_get_updates_until_a_later_offset_confirms_it(
    api: FakeBotApi,
) -> None:
    for text in ("a", "b"):
        api.push_update(api.message_update(ALICE, text))

    def texts(params: dict[str, str]) -> list[str]:
        _, body = api.handle("getUpdates", params)
        return [update["message"]["text"] for update in body["result"]]

    # Fetching is not confirming: a bot that crashed after fetching gets them again.
    assert texts({}) == ["a", "b"]
    assert texts({}) == ["a", "b"]
    _, body = api.handle("getUpdates", {})
    first, second = (update["update_id"] for update in body["result"])
    assert texts({"offset": str(first)}) == ["a", "b"]  # an offset confirms only what is below it
    assert texts({"offset": str(first + 1)}) == ["b"]
    assert texts({}) == ["b"]  # "a" is confirmed for good
    assert texts({"offset": str(second + 1)}) == []
    assert texts({}) == []


def test_a_negative_offset_returns_the_last_updates_and_forgets_the_ones_before(
    api: FakeBotApi,
) -> None:
    for text in ("a", "b", "c"):
        api.push_update(api.message_update(ALICE, text))
    _, body = api.handle("getUpdates", {"offset": "-1"})
    assert [update["message"]["text"] for update in body["result"]] == ["c"]
    _, body = api.handle("getUpdates", {})
    assert [update["message"]["text"] for update in body["result"]] == ["c"]


def test_get_updates_long_polls_until_an_update_arrives(api: FakeBotApi) -> None:
    timer = threading.Timer(0.1, lambda: api.push_update(api.message_update(ALICE, "late")))
    started = time.monotonic()
    timer.start()
    _, body = api.handle("getUpdates", {"timeout": "5"})
    assert time.monotonic() - started < 2
    assert body["result"][0]["message"]["text"] == "late"


# ---------------------------------------------------------------------- real PTB over FakeRequest


async def test_bot_get_me(bot: Bot) -> None:
    me = await bot.get_me()
    assert me.id == BOT_USER_ID
    assert bot.username == "shura_test_bot"


async def test_bot_sends_edits_and_answers(bot: Bot, api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Yes", callback_data="yes")], [InlineKeyboardButton("No", url="https://example.org")]]
    )  # fmt: skip
    message = await bot.send_message(
        ALICE, "<b>Join</b> the meeting?", parse_mode=ParseMode.HTML, reply_markup=markup
    )
    assert message.text == "Join the meeting?"
    assert message.text_html == "<b>Join</b> the meeting?"
    assert message.reply_markup == markup
    stored = api.last_message(ALICE)
    assert stored["parse_mode"] == "HTML"
    assert stored["reply_markup"] == markup.to_dict()

    edited = await bot.edit_message_text(
        "<i>Answered</i>", ALICE, message.message_id, parse_mode=ParseMode.HTML
    )
    assert isinstance(edited, Message)
    assert edited.text == "Answered"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text(
            "<i>Answered</i>", ALICE, message.message_id, parse_mode=ParseMode.HTML
        )
    api.expect_problem("message is not modified")

    await bot.edit_message_reply_markup(ALICE, message.message_id, reply_markup=markup)
    update = Update.de_json(api.callback_update(ALICE, "yes"), bot)
    assert update.callback_query is not None
    assert await update.callback_query.answer("Thanks") is True
    with pytest.raises(BadRequest, match="Query is too old"):
        await update.callback_query.answer()
    api.expect_problem("query is too old")
    api.assert_no_problems()


async def test_bot_sends_a_document(bot: Bot, api: FakeBotApi) -> None:
    content = b"%PDF-1.4\r\n--boundary-lookalike\r\n\x00\xff"
    message = await bot.send_document(
        ALICE, content, filename="minutes.pdf", caption="<b>Minutes</b>", parse_mode="HTML"
    )
    assert message.document is not None
    assert message.document.file_name == "minutes.pdf"
    assert message.caption == "Minutes"
    stored = api.last_message(ALICE)
    assert stored["document"]["content"] == content
    assert stored["document"]["mime_type"] == "application/pdf"
    again = await bot.send_document(ALICE, message.document.file_id)
    assert again.document is not None
    assert again.document.file_id == message.document.file_id


def png(width: int, height: int, padding: int = 0) -> bytes:
    """The header of a PNG of this size (all Telegram reads before it refuses one)."""
    header = width.to_bytes(4, "big") + height.to_bytes(4, "big") + b"\x08\x02\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + header + b"\x00" * (4 + padding)


def jpeg(width: int, height: int) -> bytes:
    """A JPEG's start: a JFIF segment, then the frame header with the size."""
    jfif = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0\x00\x11\x08" + height.to_bytes(2, "big") + width.to_bytes(2, "big")
    return b"\xff\xd8" + jfif + frame + b"\x03\x01\x22\x00"


async def test_bot_uploads_a_photo_it_made(bot: Bot, api: FakeBotApi) -> None:
    made = io.BytesIO()
    segno.make("https://t.me/shura_test_bot?start=checkin-K7MX3QPA").save(
        made, kind="png", scale=10
    )
    message = await bot.send_photo(
        ALICE, made.getvalue(), filename="checkin.png", caption="<b>Code</b>", parse_mode="HTML"
    )
    assert message.photo and message.caption == "Code"
    size = message.photo[-1]
    assert size.width == size.height > 300
    stored = api.last_message(ALICE)
    assert stored["method"] == "sendPhoto" and stored["photo"]["content"] == made.getvalue()
    again = await bot.send_photo(ALICE, size.file_id)
    assert again.photo[-1].file_id == size.file_id


@pytest.mark.parametrize(
    ("content", "error"),
    [
        pytest.param(b"%PDF-1.4 not an image", ERR_IMAGE_PROCESS, id="not-an-image"),
        pytest.param(png(400, 400, padding=10 * 1024 * 1024), ERR_PHOTO_TOO_BIG, id="over-10-MB"),
        pytest.param(png(6000, 4001), ERR_PHOTO_DIMENSIONS, id="sides-over-10000"),
        pytest.param(png(2100, 100), ERR_PHOTO_DIMENSIONS, id="ratio-over-20"),
        pytest.param(jpeg(9000, 1001), ERR_PHOTO_DIMENSIONS, id="jpeg-sides-over-10000"),
    ],
)
def test_an_uploaded_photo_telegram_cannot_take_is_refused(
    api: FakeBotApi, content: bytes, error: str
) -> None:
    upload = UploadedFile("chart.png", content, "image/png")
    answer = api.handle("sendPhoto", {"chat_id": str(ALICE), "photo": upload})
    assert_rejected(answer, error, api)


def test_an_uploaded_photo_within_the_limits_is_taken(api: FakeBotApi) -> None:
    for content in (png(2000, 100), jpeg(5000, 5000), png(1, 1)):
        status, body = api.handle(
            "sendPhoto", {"chat_id": str(ALICE), "photo": UploadedFile("a", content, "image/png")}
        )
        assert status == 200, body
    assert [p["width"] for p in body["result"]["photo"]] == [1]


def test_a_photo_caption_over_1024_characters_is_refused(api: FakeBotApi) -> None:
    upload = UploadedFile("qr.png", png(400, 400), "image/png")
    params = {"chat_id": str(ALICE), "photo": upload, "caption": "x" * 1025}
    assert_rejected(api.handle("sendPhoto", params), ERR_CAPTION_TOO_LONG, api)
    params["caption"] = "x" * 1024
    assert api.handle("sendPhoto", params)[0] == 200


async def test_bot_sets_commands_per_language_and_scope(bot: Bot, api: FakeBotApi) -> None:
    commands = [BotCommand("start", "شروع"), BotCommand("menu", "منو")]
    assert await bot.set_my_commands(commands, language_code="fa")
    assert await bot.set_my_commands(commands[:1], scope=BotCommandScopeChat(ALICE))
    expected = [command.to_dict() for command in commands]
    assert api.commands_for("default", "fa") == expected
    assert api.commands_for("chat", chat_id=ALICE) == expected[:1]
    assert await bot.get_my_commands(language_code="fa") == tuple(commands)
    assert await bot.get_my_commands() == ()


async def test_bot_sees_telegram_errors(bot: Bot, api: FakeBotApi) -> None:
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(BOB, "hello")
    api.expect_problem(ERR_CANT_INITIATE)
    with pytest.raises(BadRequest, match="Message is too long"):
        await bot.send_message(ALICE, "x" * 4097)
    api.expect_problem(ERR_TOO_LONG)
    with pytest.raises(BadRequest, match="Can't parse entities"):
        await bot.send_message(ALICE, "<b>unclosed", parse_mode=ParseMode.HTML)
    api.expect_problem("can't parse entities")
    api.assert_no_problems()


# PTB itself warns when it builds RetryAfter with an int retry_after.
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_bot_sees_injected_retry_after_and_timeouts(bot: Bot, api: FakeBotApi) -> None:
    api.fail_next(
        "sendMessage", error_code=429, description="Too Many Requests: retry after 3",
        retry_after=3,
    )  # fmt: skip
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(ALICE, "hi")
    assert raised.value.retry_after in (3, timedelta(seconds=3))
    api.fail_timeout_next("sendMessage")
    with pytest.raises(TimedOut):
        await bot.send_message(ALICE, "hi")
    assert (await bot.send_message(ALICE, "hi")).text == "hi"
    api.assert_no_problems()


async def test_bot_long_polls_without_blocking_the_loop(bot: Bot, api: FakeBotApi) -> None:
    async def push_later() -> None:
        await asyncio.sleep(0.05)
        api.push_update(api.message_update(ALICE, "/start"))

    started = time.monotonic()
    pusher = asyncio.create_task(push_later())
    updates = await bot.get_updates(timeout=5)
    await pusher
    assert time.monotonic() - started < 2
    assert updates[0].message is not None
    assert updates[0].message.text == "/start"


async def test_request_must_be_initialized(api: FakeBotApi) -> None:
    request = make_bot_request(api)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"https://api.telegram.org/bot{TOKEN}/getMe", "POST")


async def test_application_command_handler_replies(api: FakeBotApi) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_chat is not None
        await context.bot.send_message(update.effective_chat.id, f"args={context.args}")

    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(make_bot_request(api))
        .get_updates_request(make_bot_request(api))
        .updater(None)
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    async with application:
        update = Update.de_json(api.message_update(ALICE, "/start invite-7"), application.bot)
        await application.process_update(update)
    assert api.last_message(ALICE)["text"] == "args=['invite-7']"
    assert [call.method for call in api.calls] == ["getMe", "sendMessage"]
    assert api.calls[0].token == TOKEN
    api.assert_no_problems()


# ---------------------------------------------------------------------- real HTTP


async def test_server_serves_a_real_bot(server: FakeBotApiServer, api: FakeBotApi) -> None:
    assert server.base_url.startswith("http://127.0.0.1:")
    assert server.base_url.endswith("/bot")
    async with Bot(TOKEN, base_url=server.base_url) as real:
        assert real.username == "shura_test_bot"
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
        message = await real.send_message(
            ALICE, "<b>Hi</b> &amp; bye", parse_mode="HTML", reply_markup=markup
        )
        assert message.text == "Hi & bye"
        content = b"line1\r\n--x\r\n\x00\x01binary"
        document = await real.send_document(ALICE, content, filename="notes.txt")
        assert document.document is not None
        with pytest.raises(Forbidden):
            await real.send_message(BOB, "hi")
        api.expect_problem(ERR_CANT_INITIATE)
    assert api.last_message(ALICE)["document"]["content"] == content
    assert api.calls[0].token == TOKEN
    assert api.messages(ALICE)[0]["reply_markup"] == markup.to_dict()
    api.assert_no_problems()


async def test_server_long_poll_returns_a_pushed_update(
    server: FakeBotApiServer, api: FakeBotApi
) -> None:
    timer = threading.Timer(0.1, lambda: api.push_update(api.message_update(ALICE, "/start")))
    async with Bot(TOKEN, base_url=server.base_url) as real:
        started = time.monotonic()
        timer.start()
        updates = await real.get_updates(timeout=5)
        assert time.monotonic() - started < 2
        assert [update.message.text for update in updates if update.message] == ["/start"]
        assert await real.get_updates(offset=updates[0].update_id + 1, timeout=0) == ()


async def test_server_accepts_json_and_rejects_unknown_paths(
    server: FakeBotApiServer, api: FakeBotApi
) -> None:
    base = server.base_url
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            f"{base}{TOKEN}/sendMessage", json={"chat_id": ALICE, "text": "j"}
        )
        assert answer.status_code == 200
        assert answer.json()["result"]["text"] == "j"
        answer = await client.get(f"{base}{TOKEN}/getMe")
        assert answer.json()["result"]["id"] == BOT_USER_ID
        answer = await client.get(base.removesuffix("/bot") + "/nothing")
        assert answer.status_code == 404
    api.assert_no_problems()


async def test_server_timeouts_drop_the_connection(
    server: FakeBotApiServer, api: FakeBotApi
) -> None:
    api.fail_timeout_next("sendMessage")
    async with Bot(TOKEN, base_url=server.base_url) as real:
        with pytest.raises(NetworkError):
            await real.send_message(ALICE, "hi")
        assert (await real.send_message(ALICE, "hi")).text == "hi"


async def test_server_stop_releases_long_polls(api: FakeBotApi) -> None:
    server = FakeBotApiServer(api)
    base_url = server.start()
    async with Bot(TOKEN, base_url=base_url) as real:
        poll = asyncio.create_task(real.get_updates(timeout=10))
        await asyncio.sleep(0.1)
        started = time.monotonic()
        await asyncio.to_thread(server.stop)
        assert await poll == ()
        assert time.monotonic() - started < 2


async def test_application_polls_through_fake_request(api: FakeBotApi) -> None:
    handled = asyncio.Event()

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await context.bot.send_message(ALICE, "polled")
        handled.set()

    application: Application[Any, Any, Any, Any, Any, Any] = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(make_bot_request(api))
        .get_updates_request(make_bot_request(api))
        .build()
    )
    application.add_handler(CommandHandler("start", start))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=10)
        api.push_update(api.message_update(ALICE, "/start"))
        await asyncio.wait_for(handled.wait(), 5)
        started = time.monotonic()
        await application.updater.stop()
        await application.stop()
        assert time.monotonic() - started < 2
    assert api.last_message(ALICE)["text"] == "polled"
    assert "deleteWebhook" in [call.method for call in api.calls]
    api.assert_no_problems()
