"""Command line: `shura run` starts the bot, `shura migrate` brings the database up to date."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
from typing import Any

from bot.config import Settings, SettingsError, load_settings
from bot.logs import protect_logs

EXIT_SETTINGS = 2

TOKEN_HELP = """\
TELEGRAM_BOT_TOKEN is not set.

Shura needs a bot token from Telegram:
  1. Open Telegram and start a chat with @BotFather.
  2. Send /newbot and follow the questions (a name, then a username ending in "bot").
  3. BotFather answers with a token like 123456789:AAE...; keep it secret.
  4. Put it in a file named .env next to the Makefile:
       TELEGRAM_BOT_TOKEN=123456789:AAE...
     or export it in your shell, then run `make run` again.
"""


TOKEN_REFUSED = """\
TELEGRAM_BOT_TOKEN was refused by Telegram (401 Unauthorized).

Check that you copied the whole token from @BotFather, or send /token to @BotFather to see it
again (/revoke makes a new one). Then fix it in .env and run `make run` again.
"""

ALREADY_RUNNING = """\
Shura is already running on this database: {where}

Only one bot process may use a database at a time. Stop the other one first (a process that
crashed or was killed no longer counts), then start this one again.
"""


def _configure_logging() -> None:
    logging.basicConfig(
        format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=logging.INFO
    )
    # httpx logs every request URL, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        print(f"Shura cannot start; a setting is wrong:\n{error}", file=sys.stderr)
        raise SystemExit(EXIT_SETTINGS) from None


def cmd_migrate() -> int:
    from db.migrate import upgrade

    settings = _settings_or_exit()
    upgrade(settings.database_url)
    print("database is up to date")
    return 0


def cmd_run() -> int:
    settings = _settings_or_exit()
    if settings.telegram_bot_token is None:
        print(TOKEN_HELP, file=sys.stderr)
        return EXIT_SETTINGS
    _configure_logging()
    protect_logs(settings.telegram_bot_token.get_secret_value())
    return asyncio.run(_run(settings))


async def _run(settings: Settings) -> int:
    from telegram.error import InvalidToken

    from bot.app import build_application
    from db.instance_lock import AlreadyRunning, instance_lock
    from db.migrate import is_current, upgrade

    application = build_application(settings)
    # Ask Telegram who we are before anything else, so a wrong token gets a plain answer; the
    # answer is the bot's own, and the application does not ask again.
    try:
        await application.bot.initialize()
    except InvalidToken:
        print(TOKEN_REFUSED, file=sys.stderr)
        await application.bot.shutdown()
        return EXIT_SETTINGS
    try:
        # Before migrating: a second process must not touch the schema of a running one.
        with instance_lock(settings.database_url):
            if not is_current(settings.database_url):
                upgrade(settings.database_url)
            await _serve(application)
    except AlreadyRunning as error:
        print(ALREADY_RUNNING.format(where=error.where), file=sys.stderr)
        return EXIT_SETTINGS
    except InvalidToken:
        # Revoked while running: say so without a traceback that would print the token.
        print(TOKEN_REFUSED, file=sys.stderr)
        return EXIT_SETTINGS
    finally:
        await application.bot.shutdown()
    return 0


async def _serve(application: Any) -> None:
    """Run until Ctrl-C or SIGTERM; what was fetched is stored first, so a kill loses nothing."""
    from bot.polling import run

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await run(application, stop)


def main(argv: list[str] | None = None) -> int:
    # Starting makes many objects that live as long as the process, and the garbage collector
    # would walk them again and again: a fifth of the start-up time. It is back on (with what
    # start-up made set aside) once the bot polls, and in any case when this returns.
    gc.disable()
    try:
        parser = argparse.ArgumentParser(prog="shura", description=__doc__)
        commands = parser.add_subparsers(dest="command", required=True)
        commands.add_parser("run", help="migrate the database and start the bot")
        commands.add_parser("migrate", help="bring the database schema up to date")
        args = parser.parse_args(argv)
        if args.command == "migrate":
            return cmd_migrate()
        return cmd_run()
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
