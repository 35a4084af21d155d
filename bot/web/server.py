"""The bot's web server: aiohttp in the bot's own event loop, serving the organizers' board.

`build_web_app` makes the `web.Application` and `WebServer` runs it. They are apart so that
another entry point (a webhook) can add its own route to the application before it starts:

    app = build_web_app(application)
    app.router.add_post("/telegram", on_update)
    server = WebServer(app, settings.web_listen)
    await server.start()
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web
from telegram.ext import Application

from bot.runtime import RUNTIME_KEY, Runtime
from bot.web import board
from bot.web.keys import BOT, RUNTIME

log = logging.getLogger(__name__)

ShuraApplication = Application[Any, Any, Any, Any, Any, Any]
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Nothing but this origin: the page's own script, styles, font and API; Telegram's Web App
# script; images and sound only from the page itself (a proxied photo or voice note becomes a
# blob: URL). Telegram Web shows a Mini App in a frame of web.telegram.org.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        f"script-src 'self' {board.TELEGRAM_SCRIPT_ORIGIN}",
        "style-src 'self'",
        "img-src 'self' blob:",
        "media-src 'self' blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors https://web.telegram.org",
    )
)


@web.middleware
async def protect(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every answer stays on this origin and out of caches unless it is a static file.

    No Access-Control-* header is ever sent, so another origin's script cannot read an answer,
    nor send the Authorization header at all (its preflight request is refused).
    """
    try:
        response = await handler(request)
    except web.HTTPException as error:
        response = error
    headers = response.headers
    headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers.setdefault("Cache-Control", "no-store")
    if isinstance(response, web.HTTPException):
        raise response
    return response


def build_web_app(application: ShuraApplication) -> web.Application:
    """The web application of this bot: the board's routes when SHURA_WEB_URL is set."""
    runtime: Runtime = application.bot_data[RUNTIME_KEY]
    app = web.Application(middlewares=[protect], client_max_size=64 * 1024)
    app[RUNTIME] = runtime
    app[BOT] = application.bot
    if runtime.settings.web_url:
        board.add_routes(app)
    return app


def parse_listen(listen: str) -> tuple[str, int]:
    """`host:port` (an IPv6 host in brackets) as a host and a port."""
    host, _, port = listen.rpartition(":")
    return host.strip("[]"), int(port)


class WebServer:
    """Runs a web application on host:port until stopped."""

    def __init__(self, app: web.Application, listen: str) -> None:
        self.app = app
        self.host, self._port = parse_listen(listen)
        # No access log: a search typed on the board would be in it.
        self._runner = web.AppRunner(app, access_log=None)
        self._site: web.TCPSite | None = None

    @property
    def port(self) -> int:
        """The port listened on (the one the system chose, when 0 was asked for)."""
        if self._site is not None and self._runner.addresses:
            address = self._runner.addresses[0]
            return int(address[1])
        return self._port

    async def start(self) -> None:
        await self._runner.setup()
        self._site = web.TCPSite(self._runner, self.host, self._port)
        await self._site.start()
        log.info("web server listening on %s:%d", self.host, self.port)

    async def stop(self) -> None:
        await self._runner.cleanup()
        self._site = None


async def start_board(application: ShuraApplication) -> WebServer | None:
    """In polling mode: serve the board on SHURA_WEB_LISTEN, if SHURA_WEB_URL turns it on."""
    settings = application.bot_data[RUNTIME_KEY].settings
    if not settings.web_url:
        log.info("SHURA_WEB_URL is not set: the board is off")
        return None
    server = WebServer(build_web_app(application), settings.web_listen)
    try:
        await server.start()
    except OSError as error:
        # The chat goes on without the board rather than not at all.
        log.error(
            "SHURA_WEB_LISTEN=%s: cannot listen there (%s); the board is off",
            settings.web_listen,
            error.strerror or error,
        )
        await server.stop()
        return None
    return server
