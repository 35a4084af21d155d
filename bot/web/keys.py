"""What the web application keeps for its handlers: the bot's runtime and its Telegram client."""

from __future__ import annotations

from aiohttp import web
from telegram import Bot

from bot.runtime import Runtime

RUNTIME = web.AppKey("runtime", Runtime)
BOT = web.AppKey("bot", Bot)
