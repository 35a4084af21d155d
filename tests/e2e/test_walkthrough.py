"""The whole story through a real `shura run` process, over HTTP, on the fake Telegram."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from bot.i18n import Catalog
from db.session import make_sync_engine
from tests.conftest import ON_POSTGRES, Database
from tests.e2e.conftest import COORDINATOR, TOKEN, BotProcess
from tests.fakes.telegram_html import parse_html

REGISTRANT = 1_000_001
JOINER = 1_000_002
NAME = "انجمن جوانان بلخ"  # a Dari name: right-to-left text all the way through
JOIN_MARKER = "?start=join-"


def rendered(lang: str, key: str, **params: object) -> str:
    """A catalog message as Telegram shows it: HTML parsed away, bidi isolates kept."""
    return parse_html(Catalog().text(lang, key, **params)).text


def test_a_network_grows_from_a_registration_to_a_member_over_real_http(
    start_bot: Callable[[], BotProcess], e2e_database: Database
) -> None:
    bot = start_bot()
    api = bot.api
    api.user(REGISTRANT, "Mariam", language_code="fa")
    api.user(JOINER, "Farid", language_code="en")

    # The coordinator starts the bot and picks English.
    bot.send(COORDINATOR, "/start")
    assert "lang:set:en" in str(bot.sent_messages(COORDINATOR)[-1]["reply_markup"])
    assert api.commands_for("default", "fa"), "no command menu registered at start-up"
    assert api.commands_for("default", "en") and api.commands_for("default")
    assert bot.press(COORDINATOR, "lang:set:en").startswith("Hello")
    bot.wait_for(
        "the coordinator's own command menu",
        lambda: api.commands_for("chat", chat_id=COORDINATOR),
    )

    # The registrant starts the bot and picks Dari.
    bot.send(REGISTRANT, "/start")
    assert bot.press(REGISTRANT, "lang:set:fa").startswith("سلام")

    # The registrant registers an organization, step by step.
    bot.send(REGISTRANT, "/register")
    bot.send(REGISTRANT, NAME)
    bot.press(REGISTRANT, "reg:kind:ngo")
    bot.send(REGISTRANT, "بلخ")
    bot.send(REGISTRANT, "مزار شریف")
    bot.send(REGISTRANT, "Civic education for young people")
    summary = bot.press(REGISTRANT, "reg:skip")
    assert NAME in summary and "مزار شریف" in summary

    # Submitting sends the application to the coordinator, in English, with the buttons.
    review = bot.press(REGISTRANT, "reg:submit", to=COORDINATOR)
    assert NAME in review and "مزار شریف" in review
    buttons = bot.sent_messages(COORDINATOR)[-1]["reply_markup"]["inline_keyboard"]
    approve = next(
        button["callback_data"]
        for row in buttons
        for button in row
        if button.get("callback_data", "").startswith("org:ok:")
    )
    org_id = int(approve.rsplit(":", 1)[1])

    # The coordinator approves; the registrant is told in Dari.
    told = bot.press(COORDINATOR, f"org:ok:{org_id}", to=REGISTRANT)
    assert bot.sent_messages(REGISTRANT)[-1]["text"] == rendered("fa", "org-approved", name=NAME)
    assert NAME in told

    # The new admin asks for the invite link.
    (invite,) = bot.send(REGISTRANT, "/invite")
    assert f"https://t.me/{api.bot_user['username']}{JOIN_MARKER}" in invite
    code = invite[invite.index(JOIN_MARKER) + len(JOIN_MARKER) :].split()[0]

    # A third person follows the link: joined, then asked for their language.
    joined, _picker = bot.send(JOINER, f"/start join-{code}", replies=2)
    assert bot.sent_messages(JOINER)[0]["text"] == rendered("en", "join-done", name=NAME)
    assert NAME in joined
    (mine,) = bot.send(JOINER, "/myorgs")
    assert NAME in mine

    # Ctrl-C stops the bot cleanly.
    assert bot.interrupt() == 0, bot.diagnostics()
    output = bot.output()
    assert "Traceback" not in output, output
    assert TOKEN not in output, "the bot token leaked into the log"
    api.assert_no_problems()

    # What the process wrote is where the test put the database.
    engine = make_sync_engine(e2e_database.url)
    try:
        with engine.connect() as connection:
            status = connection.execute(
                sa.text("SELECT status FROM organization WHERE id = :id"), {"id": org_id}
            ).scalar_one()
            members = connection.execute(
                sa.text("SELECT count(*) FROM membership WHERE organization_id = :id"),
                {"id": org_id},
            ).scalar_one()
            if ON_POSTGRES:
                tables = connection.execute(
                    sa.text(
                        "SELECT table_name FROM information_schema.tables "
                        "WHERE table_schema = :schema"
                    ),
                    {"schema": e2e_database.schema},
                ).scalars()
                assert {"alembic_version", "organization", "membership"} <= set(tables)
    finally:
        engine.dispose()
    assert str(status).lower() == "approved"
    assert members == 2


def _refused_token_run(start_bot: Callable[[], BotProcess]) -> tuple[int, str]:
    """Start the bot while Telegram answers getMe with 401 Unauthorized; its exit code and log."""
    bot = start_bot()
    bot.api.fail_next("getMe", error_code=401, description="Unauthorized", times=100)
    code = bot.wait_exit()
    bot.api.assert_no_problems()
    return code, bot.output()


def test_a_token_telegram_refuses_is_explained_without_a_traceback_or_the_token(
    start_bot: Callable[[], BotProcess],
) -> None:
    code, output = _refused_token_run(start_bot)
    assert code == 2, output
    assert "Application started" not in output
    assert "TELEGRAM_BOT_TOKEN" in output, output
    assert "Traceback" not in output, output
    assert TOKEN.split(":", 1)[1] not in output, "the secret part of the token was printed"
