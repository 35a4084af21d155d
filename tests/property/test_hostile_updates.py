"""Long random runs of updates from members, admins, coordinators and strangers.

Whatever arrives — every command with random arguments, text with bidi marks, NUL, HTML or
5,000 characters, forged and random buttons, group and channel posts, edits, repeats — and
however time moves, nothing reaches the error handler, every button press is answered,
Telegram refuses no call, and the rules about seats and who hears about a meeting hold.
"""

from __future__ import annotations

import asyncio
import copy
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot.app import runtime
from bot.clock import FakeClock
from db.models import (
    Base,
    Meeting,
    MeetingStatus,
    Membership,
    Organization,
    OrgStatus,
    Person,
    Rsvp,
    RsvpAnswer,
)
from db.session import make_sync_engine, transaction
from tests.conftest import ON_POSTGRES, Database, fresh_sqlite
from tests.handlers.conftest import COORDINATOR, Harness, start_harness, stop_harness
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule

STRANGER = 6_000_001
PEOPLE = (COORDINATOR, AMIR, ZAHRA, JOHN, STRANGER)
GROUP = -100_777_000
CHANNEL = -100_888_000
TITLE_MARK, VENUE_MARK = "Quarterly-MARKTITLE", "Hall MARKVENUE"
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)

# --- what people send --------------------------------------------------------------------

PIECES = ["\u200f", "\u200e", "\u200c", "\u200b", "\u2066", "\x00", "\x1b", "<b>", "</i>", "&amp;"]
PIECES += ["<a href='x'>", "ن", "😀", "a", " ", "\n", "/", "1", "۱", "٣", "-", ":", "@"]
PLAUSIBLE = [
    "Balkh",
    "Mazar-i-Sharif",
    "Civic education",
    "2026-12-21 14:00",
    "1405-09-30 14:00",
    "9999-12-31 23:59",
    "10",
    "1",
    "0",
    "14:00",
    "+93 700 000 000",
    "A reason",
    "off",
    "#1",
    "1",
    "2",
    "99999999999",
    "@user_6000001",
    "6000001",
    "join-abcdefghjk",
]
TEXT = st.one_of(
    st.sampled_from(PLAUSIBLE),
    st.text(min_size=1, max_size=60),
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map("".join),
    st.tuples(st.sampled_from([*PIECES, "x"]), st.integers(1, 5000)).map(lambda p: p[0] * p[1]),
)
ACTIONS = ["set", "kind", "skip", "submit", "cancel", "ok", "no", "show", "new", "org", "who"]
ACTIONS += ["rmask", "rm", "dlg", "adm", "unadm", "go", "maybe", "ics", "save", "drop", "att"]
ACTIONS += ["dlv", "edit", "field", "nocap", "cnl?", "cnl", "keep", "week", "day", "cal"]
ACTIONS += ["promote", "demote", "yes", "en", "fa", "ps"]
ARGUMENT = st.one_of(
    st.integers(1, 6).map(str),
    st.integers(-(2**40), 2**40).map(str),
    st.sampled_from(["agenda", "capacity", "deadline", "time", "venue", "s", "g", "union", "en"]),
    st.text(max_size=8),
)


def fit_callback_data(data: str) -> str:
    # Telegram never delivers callback data over 64 bytes (it refuses such buttons).
    return data.encode()[:64].decode(errors="ignore")


@dataclass(frozen=True)
class Step:
    kind: str
    user: int
    text: str = ""
    number: int = 0


def steps(commands: list[str], prefixes: list[str]) -> st.SearchStrategy[list[Step]]:
    user = st.sampled_from(PEOPLE)
    command = st.builds(
        lambda u, c, a: Step("text", u, f"/{c}" + (f" {a}" if a else "")),
        user,
        st.sampled_from(commands),
        st.one_of(st.just(""), TEXT),
    )
    forged = st.builds(
        lambda u, p, a, args: Step("forge", u, fit_callback_data(":".join([p, a, *args]))),
        user,
        st.sampled_from(prefixes),
        st.one_of(st.sampled_from(ACTIONS), st.text(max_size=6)),
        st.lists(ARGUMENT, max_size=3),
    )
    one = st.one_of(
        command,
        st.builds(Step, st.just("text"), user, TEXT),
        st.builds(Step, st.just("press"), user, number=st.integers(0, 20)),
        st.builds(Step, st.just("press"), user, number=st.integers(0, 20)),
        forged,
        st.builds(Step, st.just("forge"), user, TEXT.map(fit_callback_data)),
        st.builds(Step, st.just("group"), user, st.one_of(TEXT, st.sampled_from(commands))),
        st.builds(Step, st.just("channel"), user, TEXT),
        st.builds(Step, st.just("edit"), user, st.one_of(TEXT, st.sampled_from(commands))),
        st.builds(Step, st.just("repeat"), user),
        st.builds(Step, st.just("time"), user, number=st.sampled_from([1, 60, 1440, 4320, 10080])),
    )
    return st.lists(one, min_size=5, max_size=40)


# --- the world ---------------------------------------------------------------------------


@asynccontextmanager
async def fresh_database(template: Database) -> AsyncIterator[Database]:
    """An empty migrated database for one example (the fixture's is per test, not per example)."""
    if ON_POSTGRES:
        try:
            yield template
        finally:
            engine = make_sync_engine(template.url, schema=template.schema)
            tables = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
            with engine.begin() as connection:
                connection.execute(sa.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            engine.dispose()
    else:
        folder = Path(tempfile.mkdtemp(prefix="shura-property-"))
        source = Path(sa.make_url(template.url).database or "")
        shutil.copyfile(source, folder / "shura.db")
        try:
            yield fresh_sqlite(folder)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


def registered_commands(bot: Harness) -> list[str]:
    names: set[str] = set()
    for handlers in bot.app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CommandHandler):
                names |= set(handler.commands)
    return sorted(names)


def callback_prefixes(bot: Harness) -> list[str]:
    prefixes: set[str] = set()
    for handlers in bot.app.handlers.values():
        for handler in handlers:
            if isinstance(handler, CallbackQueryHandler) and handler.pattern is not None:
                found = re.match(r"\^([a-z]+):", str(getattr(handler.pattern, "pattern", "")))
                if found:
                    prefixes.add(found.group(1))
    return sorted(prefixes)


async def in_network(bot: Harness) -> set[int]:
    """Telegram ids of the people who may hear about a meeting now."""
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        members = await session.execute(
            select(Person.tg_user_id)
            .join(Membership, Membership.person_id == Person.id)
            .join(Organization, Organization.id == Membership.organization_id)
            .where(Organization.status == OrgStatus.APPROVED)
        )
        promoted = await session.execute(
            select(Person.tg_user_id).where(Person.is_coordinator.is_(True))
        )
        return set(members.scalars()) | set(promoted.scalars()) | set(rt.settings.coordinators)


def about_a_meeting(params: dict[str, Any]) -> bool:
    text = " ".join(str(params.get(name) or "") for name in ("text", "caption"))
    document = params.get("document")
    named_ics = getattr(document, "filename", "").endswith(".ics")
    return TITLE_MARK in text or VENUE_MARK in text or named_ics


class Run:
    """One example: a bot, its fake Telegram, and what was sent to whom while in the network."""

    def __init__(self, bot: Harness) -> None:
        self.bot = bot
        self.last_update: dict[str, Any] | None = None
        self.query_ids: list[str] = []
        self.leaks: list[str] = []

    async def process(self, update: dict[str, Any]) -> None:
        self.last_update = copy.deepcopy(update)
        if "callback_query" in update:
            self.query_ids.append(update["callback_query"]["id"])
        await self.bot._process(update)

    async def step(self, step: Step) -> None:
        api, bot = self.bot.api, self.bot
        before_calls = len(api.calls)
        allowed = await in_network(bot)
        if step.kind == "text":
            await self.process(api.message_update(step.user, step.text))
        elif step.kind == "press":
            buttons = [
                (message["message_id"], button["callback_data"])
                for message in api.messages(step.user)[-3:]
                for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
                for button in row
                if "callback_data" in button
            ]
            if buttons:
                message_id, data = buttons[step.number % len(buttons)]
                await self.process(api.callback_update(step.user, data, message_id=message_id))
        elif step.kind == "forge":
            if api.messages(step.user):
                update = api.callback_update(step.user, step.text, require_button=False)
                await self.process(update)
        elif step.kind == "group":
            update = api.message_update(step.user, step.text, chat_id=GROUP, chat_type="group")
            await self.process(update)
        elif step.kind == "channel":
            update = api.message_update(step.user, step.text, chat_id=CHANNEL, chat_type="channel")
            post = update.pop("message")
            post.pop("from", None)
            post["sender_chat"] = post["chat"]
            update["channel_post"] = post
            await self.process(update)
        elif step.kind == "edit":
            update = api.message_update(step.user, step.text)
            edited = update.pop("message")
            edited["edit_date"] = edited["date"] + 60
            update["edited_message"] = edited
            await self.process(update)
        elif step.kind == "repeat":
            if self.last_update is not None:
                await self.process(copy.deepcopy(self.last_update))
        elif step.kind == "time":
            bot.clock.advance(timedelta(minutes=step.number))
            await bot.dispatch()
        allowed |= await in_network(bot)
        for call in api.calls[before_calls:]:
            chat_id = call.params.get("chat_id")
            if (
                call.ok
                and isinstance(chat_id, int)
                and chat_id > 0
                and about_a_meeting(call.params)
            ):
                if chat_id not in allowed:
                    self.leaks.append(f"{call.method} to {chat_id} outside the network")


async def check_the_database(bot: Harness) -> list[str]:
    rt = runtime(bot.app)
    broken: list[str] = []
    network = await in_network(bot)  # its own transaction: SQLite takes one writer at a time
    async with transaction(rt.sessions) as session:
        twice = await session.execute(
            select(Rsvp.meeting_id, Rsvp.person_id)
            .group_by(Rsvp.meeting_id, Rsvp.person_id)
            .having(func.count() > 1)
        )
        broken += [f"two answers by person {p} to meeting {m}" for m, p in twice]
        for meeting in (await session.execute(select(Meeting))).scalars():
            seated = await session.scalar(
                select(func.count())
                .select_from(Rsvp)
                .where(
                    Rsvp.meeting_id == meeting.id,
                    Rsvp.answer == RsvpAnswer.GOING,
                    Rsvp.waitlisted.is_(False),
                )
            )
            if meeting.capacity is not None and (seated or 0) > meeting.capacity:
                broken.append(f"meeting {meeting.id}: {seated} seated, {meeting.capacity} seats")
        holders = await session.execute(
            select(Person.tg_user_id, Meeting.id)
            .join(Rsvp, Rsvp.person_id == Person.id)
            .join(Meeting, Meeting.id == Rsvp.meeting_id)
            .where(
                Rsvp.answer == RsvpAnswer.GOING,
                Rsvp.waitlisted.is_(False),
                Meeting.status == MeetingStatus.SCHEDULED,
                Meeting.starts_at > bot.clock.now(),
            )
        )
        broken += [
            f"person {tg} outside the network holds a seat at meeting {m}"
            for tg, m in holders
            if tg not in network
        ]
    return broken


async def setting_up(bot: Harness) -> None:
    await add_members(bot)
    for person in (AMIR, ZAHRA, JOHN):
        await bot.send(person, "/help")
    bot.api.start_chat(STRANGER)
    await bot.send(STRANGER, "/start")
    await schedule(
        bot, "2026-12-03 10:00", title=TITLE_MARK, venue=VENUE_MARK, capacity="1", agenda=None
    )
    await bot.dispatch()


async def run_example(template: Database, chosen: st.DataObject) -> None:
    async with fresh_database(template) as database:
        bot = await start_harness(database, FakeClock(START))
        try:
            await setting_up(bot)
            run = Run(bot)
            for step in chosen.draw(steps(registered_commands(bot), callback_prefixes(bot))):
                await run.step(step)
            unanswered = [q for q in run.query_ids if q not in bot.api.callback_answers]
            broken = await check_the_database(bot)
        finally:
            await stop_harness(bot)
        assert not bot.errors, f"reached the error handler: {bot.errors!r}"
        assert unanswered == [], "button presses left spinning"
        bot.api.assert_no_problems()
        assert broken == []
        assert run.leaks == []


@given(chosen=st.data())
def test_random_updates_break_no_rule(_migrated_template: Database, chosen: st.DataObject) -> None:
    asyncio.run(run_example(_migrated_template, chosen))
