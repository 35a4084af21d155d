"""An image the bot made goes out as a photo upload, with its caption in the reader's language."""

from __future__ import annotations

import io

import segno
from telegram.ext import CommandHandler

from bot.handlers.common import Button, Replies, SendImage, Turn, handler
from bot.i18n import msg
from tests.handlers.conftest import Harness, plain
from tests.handlers.helpers import onboard

AMIR = 4_100_001


@handler()
async def _cmd_picture(turn: Turn) -> Replies:
    made = io.BytesIO()
    segno.make("https://t.me/shura_test_bot?start=x").save(made, kind="png", scale=8)
    return SendImage(
        "picture.png",
        made.getvalue(),
        msg("language-set"),
        [[Button(msg("button-cancel"), "pic:cancel")]],
    )


async def test_an_image_reply_is_uploaded_as_a_photo_with_caption_and_buttons(
    bot: Harness,
) -> None:
    bot.app.add_handler(CommandHandler("picture", _cmd_picture), group=-2)
    await onboard(bot, AMIR, "fa")
    await bot.send(AMIR, "/picture")
    (call,) = bot.api.sent("sendPhoto", chat_id=AMIR)
    photo = bot.api.last_message(AMIR)
    assert photo["photo"]["file_name"] == "picture.png"
    assert photo["photo"]["content"].startswith(b"\x89PNG")
    assert plain(photo["plain_caption"]) == "زبان به دری تنظیم شد."
    assert bot.labels(AMIR) == ["لغو"]
    assert call.params["parse_mode"] == "HTML"
