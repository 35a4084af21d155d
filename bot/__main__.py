"""Command line: `shura run` starts the bot, `shura status` tells how it is doing, `shura migrate`
brings the database up to date, `shura demo` plays a whole month of a network without a token
or network."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from bot.config import Settings, SettingsError, load_settings
from bot.logs import protect_logs, redact_secret

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

SQLite lets one bot process use a database file at a time. Stop the other one first (a process
that crashed or was killed no longer counts), then start this one again. To run standby
processes that take over when one dies, use PostgreSQL (DATABASE_URL).
"""

WEBHOOK_HELP = """\
`shura run --webhook` needs {missing}:
  SHURA_WEBHOOK_URL     the public https:// address Telegram posts updates to
                        (port 443, 80, 88 or 8443), e.g. https://bot.example.org/telegram
  SHURA_WEBHOOK_SECRET  a secret token Telegram sends with every update: 1 to 256 characters
                        of A-Z, a-z, 0-9, _ and -, e.g. from `openssl rand -hex 32`
  SHURA_WEBHOOK_LISTEN  where this process listens behind the reverse proxy
                        (default 127.0.0.1:8081)
See "Polling or a webhook" in README.md. Without --webhook, the bot polls Telegram.
"""

EXIT_NO_LEADER = 1
EXIT_DATABASE = 3


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
    from db.instance_lock import migration_lock
    from db.migrate import upgrade

    settings = _settings_or_exit()
    with migration_lock(settings.database_url):
        upgrade(settings.database_url)
    print("database is up to date")
    return 0


def cmd_run(*, webhook: bool = False) -> int:
    settings = _settings_or_exit()
    if settings.telegram_bot_token is None:
        print(TOKEN_HELP, file=sys.stderr)
        return EXIT_SETTINGS
    if webhook:
        missing = [
            name
            for name, value in (
                ("SHURA_WEBHOOK_URL", settings.webhook_url),
                ("SHURA_WEBHOOK_SECRET", settings.webhook_secret),
            )
            if value is None
        ]
        if missing:
            print(WEBHOOK_HELP.format(missing=" and ".join(missing)), file=sys.stderr)
            return EXIT_SETTINGS
    _configure_logging()
    protect_logs(settings.telegram_bot_token.get_secret_value())
    if settings.webhook_secret is not None:
        redact_secret(settings.webhook_secret.get_secret_value())
    return asyncio.run(_run(settings, webhook=webhook))


async def _run(settings: Settings, *, webhook: bool) -> int:
    from telegram.error import InvalidToken

    from bot.app import build_application
    from db.instance_lock import AlreadyRunning, migration_lock, sqlite_lock
    from db.migrate import is_current, upgrade
    from db.session import is_sqlite

    application = build_application(settings)
    # Ask Telegram who we are before anything else, so a wrong token gets a plain answer; the
    # answer is the bot's own, and the application does not ask again.
    try:
        await application.bot.initialize()
    except InvalidToken:
        print(TOKEN_REFUSED, file=sys.stderr)
        await application.bot.shutdown()
        return EXIT_SETTINGS
    url = settings.database_url
    try:
        # SQLite: one process per file, locked before migrating, so a second process never
        # touches the schema of a running one. PostgreSQL: processes starting together
        # migrate one after the other; then one leads and the others stand by.
        with sqlite_lock(url) if is_sqlite(url) else nullcontext():
            if not is_current(url):
                with migration_lock(url):
                    upgrade(url)
            await _serve(application, settings, webhook=webhook)
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


async def _serve(application: Any, settings: Settings, *, webhook: bool) -> None:
    """Run until Ctrl-C or SIGTERM; what was fetched is stored first, so a kill loses nothing.

    A stop takes no more updates and claims no more messages, finishes what is in hand, lets
    a standby take over, and exits.
    """
    from bot.leader import Receiver, run

    receiver: Receiver
    if webhook:
        from bot.webhook import Webhook

        receiver = Webhook(application, settings)
    else:
        from bot.polling import Polling

        receiver = Polling(application)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await run(application, stop, receiver)


def cmd_status() -> int:
    """Print who leads, the outbox by state, when it was last sent, and what waits."""
    settings = _settings_or_exit()
    from sqlalchemy.exc import SQLAlchemyError

    try:
        status = asyncio.run(_read_status(settings.database_url))
    except SQLAlchemyError as error:
        reason = str(error.orig if hasattr(error, "orig") else error).strip().splitlines()
        print(f"Cannot read the status from the database: {reason[0] if reason else error}")
        print("Is DATABASE_URL right, and the database migrated (`shura migrate`)?")
        return EXIT_DATABASE
    print(_format_status(status, settings.database_url))
    return 0 if status.leader is not None else EXIT_NO_LEADER


async def _read_status(url: str) -> Any:
    from bot.clock import SystemClock
    from bot.services import processes
    from db.session import dispose, make_engine, make_session_factory, reading

    engine = make_engine(url)
    try:
        async with reading(make_session_factory(engine)) as session:
            return await processes.status(session, SystemClock())
    finally:
        await dispose(engine)


def _format_status(status: Any, url: str) -> str:
    from sqlalchemy.engine import make_url

    def when(moment: Any) -> str:
        if moment is None:
            return "never"
        return f"{moment:%Y-%m-%d %H:%M:%S} UTC ({_ago(status.now - moment)} ago)"

    lines = [f"database: {make_url(url).render_as_string(hide_password=True)}"]
    leader = status.leader
    if leader is None:
        lines.append("leader: none (no process is leading: updates wait at Telegram)")
    for view in status.processes:
        about = f"{view.name} (pid {view.pid} on {view.host}, {view.mode})"
        if view is leader:
            lines.append(f"leader: {about}, leading since {when(view.leader_since)}")
        elif view.alive:
            lines.append(f"{view.role.value}: {about}, seen {_ago(status.now - view.seen_at)} ago")
        else:
            lines.append(f"gone: {about}, last seen {when(view.seen_at)}")
    counts = ", ".join(f"{state.value} {count}" for state, count in status.outbox.items())
    lines.append(f"outbox: {counts} ({status.due_now} due now)")
    lines.append(f"dispatcher last ran: {when(status.dispatched_at)}")
    if status.oldest_unhandled is None:
        lines.append("oldest update not yet handled: none")
    else:
        update_id, received = status.oldest_unhandled
        lines.append(
            f"oldest update not yet handled: {update_id}, received {when(received)}"
            f" ({status.unhandled} waiting)"
        )
    return "\n".join(lines)


def _ago(delta: Any) -> str:
    seconds = max(0, int(delta.total_seconds()))
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds // size} {unit}"
    return f"{seconds} s"


def cmd_demo(out: Path | None, database_url: str | None) -> int:
    from bot.demo import run

    gc.enable()  # not a start-up to hurry: the demo runs for seconds and makes much garbage
    return run(out, database_url)


def main(argv: list[str] | None = None) -> int:
    # Starting makes many objects that live as long as the process, and the garbage collector
    # would walk them again and again: a fifth of the start-up time. It is back on (with what
    # start-up made set aside) once the bot polls, and in any case when this returns.
    gc.disable()
    try:
        parser = argparse.ArgumentParser(prog="shura", description=__doc__)
        commands = parser.add_subparsers(dest="command", required=True)
        run = commands.add_parser("run", help="migrate the database and start the bot")
        run.add_argument(
            "--webhook",
            action="store_true",
            help="take updates on a webhook (SHURA_WEBHOOK_URL, _LISTEN, _SECRET), not polling",
        )
        commands.add_parser(
            "status",
            help="who leads, the outbox by state, when it last sent, the oldest update waiting",
        )
        commands.add_parser("migrate", help="bring the database schema up to date")
        demo = commands.add_parser(
            "demo",
            help="play a whole month of a network on a simulated clock: no token, no network",
            description="Play a whole monthly cycle (organizations, a meeting, concerns, "
            "votes, check-in, the outcome) against an in-process fake Telegram, print what "
            "each person receives, and write the files the bot sent (the summary chart, CSV "
            "exports, the check-in QR code) to a folder. Exit code 0 only if every step did "
            "what it should.",
        )
        demo.add_argument(
            "--out",
            type=Path,
            help="folder for the files the bot sent (default: a new temporary one)",
        )
        demo.add_argument(
            "--database-url",
            help="an empty database to play on (default: a temporary SQLite file, deleted after)",
        )
        args = parser.parse_args(argv)
        if args.command == "migrate":
            return cmd_migrate()
        if args.command == "status":
            return cmd_status()
        if args.command == "demo":
            return cmd_demo(args.out, args.database_url)
        return cmd_run(webhook=args.webhook)
    finally:
        gc.enable()


if __name__ == "__main__":
    sys.exit(main())
