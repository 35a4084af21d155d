"""Webhook mode: Telegram posts each update to SHURA_WEBHOOK_URL; a reverse proxy hands it to
the leader's web server on SHURA_WEBHOOK_LISTEN (aiohttp, in the bot's own event loop; the
same server and application as the organizers' board, bot.web.server, whose routes it also
serves when the board is on).

Every request must carry the secret token (`X-Telegram-Bot-Api-Secret-Token`, set with
setWebhook): one without it, or with another, is refused with 403 and nothing of it is read or
stored. An update is stored (bot.polling.Intake.receive) before the answer 200, as polling
stores a batch before confirming it: Telegram sends again whatever was not answered 200, so a
crash loses nothing, and a resent update is handled once.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Bot, Update
from telegram.ext import Application

from bot.config import Settings
from bot.polling import Intake, hold
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import telegram_state
from bot.web.server import WebServer, build_web_app
from db.session import reading, transaction

log = logging.getLogger(__name__)

ShuraApplication = Application[Any, Any, Any, Any, Any, Any]

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
STATE_KEY = "webhook"  # bot_state: a digest of the webhook last set (address and secret)
MAX_UPDATE = 1024 * 1024  # bytes; an update is a few kilobytes, tens with a long reply in it
BIND_TRIES = 10  # the port may still be held a moment by a leader that just stepped down


def webhook_path(url: str) -> str:
    """The path Telegram posts to, as the reverse proxy passes it on."""
    return urlsplit(url).path or "/"


def add_webhook_route(app: web.Application, path: str, intake: Intake, secret: str) -> None:
    """Add the route Telegram posts updates to; any other route of `app` is left as it is."""
    expected = secret.encode()
    bot = intake.application.bot

    async def on_update(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, expected):
            log.warning("webhook: a request without the right secret token was refused")
            return web.Response(status=403)
        update = await _update_of(request, bot)
        if update is None:
            return web.Response(status=400, text="not an update")
        await hold("fetched")
        try:
            await intake.receive([update])
        except Exception:
            # Not 200: Telegram sends it again later.
            log.exception("webhook: update %s could not be stored", update.update_id)
            return web.Response(status=500)
        return web.Response(status=200)

    app.router.add_post(path, on_update)


async def _update_of(request: web.Request, bot: Bot) -> Update | None:
    try:
        body = await _body(request, MAX_UPDATE)
        payload = json.loads(body) if body is not None else None
        if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
            return None
        return Update.de_json(payload, bot)
    except Exception:
        return None


async def _body(request: web.Request, limit: int) -> bytes | None:
    """The request's body, or None past `limit` bytes (the board's own limit is smaller)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := await request.content.read(64 * 1024):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def webhook_digest(token: str, url: str, secret: str) -> str:
    """What is remembered of the webhook set: keyed by the token, it does not give the secret."""
    return hmac.new(token.encode(), f"{url}\n{secret}".encode(), hashlib.sha256).hexdigest()


async def ensure_webhook(application: ShuraApplication, url: str, secret: str) -> bool:
    """setWebhook with the secret token, unless Telegram already has this very webhook; True
    when it was set."""
    rt: Runtime = application.bot_data[RUNTIME_KEY]
    bot = application.bot
    digest = webhook_digest(bot.token, url, secret)
    info = await bot.get_webhook_info()
    async with reading(rt.sessions) as session:
        known = await telegram_state.digests(session, [STATE_KEY])
    if info.url == url and known.get(STATE_KEY) == digest:
        log.info("webhook already set to %s", url)
        return False
    # Updates waiting at Telegram are kept: they come to the webhook now.
    await bot.set_webhook(url, secret_token=secret, drop_pending_updates=False)
    async with transaction(rt.sessions) as session:
        await telegram_state.remember(session, rt.clock, {STATE_KEY: digest})
    log.info("webhook set to %s", url)
    return True


class Webhook:
    """Takes updates from Telegram's webhook while this process leads."""

    mode = "webhook"

    def __init__(self, application: ShuraApplication, settings: Settings) -> None:
        if settings.webhook_url is None or settings.webhook_secret is None:
            raise ValueError("SHURA_WEBHOOK_URL and SHURA_WEBHOOK_SECRET are required")
        self.application = application
        self.url = settings.webhook_url
        self.secret = settings.webhook_secret.get_secret_value()
        self.listen = settings.webhook_listen
        self.path = webhook_path(self.url)

    def web_app(self, intake: Intake) -> web.Application:
        """The web server's application (the board's routes, when it is on) and the webhook."""
        app = build_web_app(self.application)
        add_webhook_route(app, self.path, intake, self.secret)
        return app

    async def prepare(self) -> None:
        await ensure_webhook(self.application, self.url, self.secret)

    async def run(self, intake: Intake, halt: asyncio.Event) -> None:
        server = await self._serve(intake)
        try:
            log.info("webhook: taking updates on %s at %s", self.listen, self.path)
            await halt.wait()
        finally:
            # First: no new update is taken (Telegram keeps it and tries again); then the
            # updates in hand are finished by the caller.
            await server.stop()

    async def _serve(self, intake: Intake) -> WebServer:
        attempt = 1
        while True:
            server = WebServer(self.web_app(intake), self.listen)
            try:
                await server.start()
                return server
            except OSError as error:
                await server.stop()
                if attempt >= BIND_TRIES:
                    raise
                log.warning("webhook: cannot listen on %s yet (%s)", self.listen, error)
                attempt += 1
                await asyncio.sleep(0.5)
