"""Long random runs of updates from members, admins, coordinators and strangers.

Whatever arrives — every command with random arguments, text with bidi marks, NUL, HTML or
5,000 characters, forged and random buttons, group and channel posts, edits, repeats, whole
/concern flows (text, voice, photo; named or anonymous), /review decisions, dots on the
agenda, motions and ballots — and however time moves, nothing reaches the error handler,
every button press is answered, Telegram refuses no call, and the rules hold: about seats,
who hears about a meeting, one ballot per voter, the dot limit, and an anonymous concern's
sender never named to anyone else.
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
from telegram.ext import CommandHandler

from bot.app import runtime
from bot.clock import FakeClock
from bot.handlers.routing import ButtonRouter
from bot.i18n.calendar import localize_digits
from bot.services import agenda
from db.models import (
    AgendaVote,
    Ballot,
    Base,
    Concern,
    ConcernStatus,
    ConcernTopic,
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
from tests.handlers.conftest import COORDINATOR, Harness, plain, start_harness, stop_harness
from tests.handlers.network import AMIR, JOHN, MEMBERS, ZAHRA, add_members, schedule
from tests.property.delivered import CAPTION_LIMIT, TEXT_LIMIT, within

STRANGER = 6_000_001
PEOPLE = (COORDINATOR, AMIR, ZAHRA, JOHN, STRANGER)
GROUP = -100_777_000
CHANNEL = -100_888_000
TITLE_MARK, VENUE_MARK = "Quarterly-MARKTITLE", "Hall MARKVENUE"
START = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
DOTS = 2  # SHURA_AGENDA_DOTS for the runs: small, so the limit is reached
# Usernames only the concern flow could leak; the names are those of tests.handlers.network.
USERNAMES = {member.tg_user_id: f"mark_{member.name.lower()}_sender" for member in MEMBERS}
ANON_MARK = "ANONMARK"  # starts every anonymous concern's text or caption: ANONMARK<step>

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
).map(lambda text: within(text, TEXT_LIMIT))
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
        lambda u, c, a: Step("text", u, within(f"/{c}" + (f" {a}" if a else ""), TEXT_LIMIT)),
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
    return st.lists(st.one_of(one, concern_steps(user)), min_size=5, max_size=40)


def concern_steps(user: st.SearchStrategy[int]) -> st.SearchStrategy[Step]:
    """Concerns, their review, dots and ballots: whole flows, and forged buttons for them."""
    member = st.sampled_from((AMIR, ZAHRA, JOHN, COORDINATOR))
    small = st.integers(0, 6).map(str)
    forged_agenda = st.builds(
        lambda u, a, n, p: Step("forge", u, f"agd:{a}:{n}:{p}"),
        user,
        st.sampled_from(["add", "del", "page", "show"]),
        st.one_of(small, st.integers(-5, 2**63).map(str)),
        st.one_of(small, st.just("99999")),
    )
    forged_ballot = st.builds(
        lambda u, m, o, org: Step("forge", u, f"mo:v:{m}:{o}:{org}"),
        user,
        st.one_of(small, st.just("99999999999")),
        st.one_of(small, st.just("20")),
        st.one_of(small, st.just("99999")),
    )
    return st.one_of(
        # number: kind (0 text, 1 voice, 2 photo) + 3 * topic + 3 * len(topics) * anonymous
        st.builds(Step, st.just("concern"), member, TEXT, st.integers(0, 10_000)),
        st.builds(Step, st.just("review"), st.just(COORDINATOR), TEXT, st.integers(0, 100)),
        st.builds(Step, st.just("dot"), user, number=st.integers(0, 20)),
        forged_agenda,
        st.builds(Step, st.just("motion"), st.just(COORDINATOR), number=st.integers(0, 100)),
        st.builds(Step, st.just("ballot"), user, number=st.integers(0, 50)),
        forged_ballot,
        st.builds(Step, st.just("text"), user, st.sampled_from(["/vote", "/myconcerns"])),
    )


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
            if isinstance(handler, ButtonRouter):
                prefixes |= set(handler.routes)
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
        self.anonymous: dict[str, int] = {}  # the marker of an anonymous concern: its sender

    async def press_offered(self, user: int, wanted: str, *, last: int = 3) -> bool:
        """Press the button carrying `wanted` (or starting with it) if the bot offered it."""
        for message in reversed(self.bot.api.messages(user)[-last:]):
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    data = button.get("callback_data", "")
                    if data == wanted or (wanted.endswith(":") and data.startswith(wanted)):
                        update = self.bot.api.callback_update(
                            user, data, message_id=message["message_id"]
                        )
                        await self.process(update)
                        return True
        return False

    def offered(self, user: int, prefix: str, *, last: int = 3) -> list[tuple[int, str]]:
        return [
            (message["message_id"], button["callback_data"])
            for message in self.bot.api.messages(user)[-last:]
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            for button in row
            if button.get("callback_data", "").startswith(prefix)
        ]

    async def press_one(self, user: int, prefix: str, number: int, *, last: int = 3) -> str:
        buttons = self.offered(user, prefix, last=last)
        if not buttons:
            return ""
        message_id, data = buttons[number % len(buttons)]
        await self.process(self.bot.api.callback_update(user, data, message_id=message_id))
        return data

    async def concern(self, step: Step, index: int) -> None:
        topics = list(ConcernTopic)
        kind, rest = step.number % 3, step.number // 3
        topic, anonymous = topics[rest % len(topics)], (rest // len(topics)) % 2 == 1
        marker = f"{ANON_MARK}{index}" if anonymous else f"NAMED{index}"
        content = f"{marker} {step.text}"[:900]
        await self.process(self.bot.api.message_update(step.user, "/concern"))
        if kind == 0:
            await self.process(self.bot.api.message_update(step.user, content))
        else:
            caption = within(content, CAPTION_LIMIT)
            update, _ = self.bot.api.media_update(
                step.user, "voice" if kind == 1 else "photo", caption=caption
            )
            await self.process(update)
        await self.press_offered(step.user, f"cnc:topic:{topic.value}")
        await self.press_offered(step.user, f"cnc:who:{'anon' if anonymous else 'named'}")
        if anonymous:
            self.anonymous[marker] = step.user
        await self.press_offered(step.user, "cnc:send")

    async def review(self, step: Step) -> None:
        await self.process(self.bot.api.message_update(step.user, "/review"))
        data = await self.press_one(step.user, "rev:", step.number, last=12)
        if data.startswith("rev:no:"):
            await self.process(self.bot.api.message_update(step.user, step.text))
        elif data.startswith("rev:merge:"):
            await self.press_one(step.user, "rev:into:", step.number // 3)

    async def motion(self, step: Step) -> None:
        user, n = step.user, step.number
        await self.process(self.bot.api.message_update(user, "/motion"))
        await self.press_one(user, "mo:mtg:", 0)
        await self.process(self.bot.api.message_update(user, f"Motion MOTIONMARK {n}?"))
        if n % 2:
            await self.process(self.bot.api.message_update(user, "Red\nGreen\nBlue"))
        else:
            await self.press_offered(user, "mo:std")
        await self.press_offered(user, f"mo:who:{'mo'[n // 2 % 2]}")
        await self.press_offered(user, f"mo:sec:{'sp'[n // 4 % 2]}")
        await self.press_one(user, "mo:q:", n // 8)
        await self.press_one(user, "mo:cl:", n // 16)
        await self.press_offered(user, "mo:save")
        await self.bot.dispatch()

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
        elif step.kind == "concern":
            await self.concern(step, before_calls)
        elif step.kind == "review":
            await self.review(step)
        elif step.kind == "dot":
            await self.process(api.message_update(step.user, "/agenda"))
            await self.press_one(step.user, "agd:", step.number, last=1)
        elif step.kind == "motion":
            await self.motion(step)
        elif step.kind == "ballot":
            await self.press_one(step.user, "mo:v:", step.number, last=30)
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
            if call.ok and chat_id is not None:
                self.leaks += self.names_anonymous_sender(call.method, chat_id, call.params)

    def names_anonymous_sender(
        self, method: str, chat_id: object, params: dict[str, Any]
    ) -> list[str]:
        """An anonymous concern's sender named, by anything sent to someone else about it."""
        text = " ".join(str(params.get(name) or "") for name in ("text", "caption"))
        text = plain(text)
        found: list[str] = []
        for marker, sender in self.anonymous.items():
            if chat_id == sender or not re.search(rf"{marker}(?!\d)", text):
                continue
            name = (
                next(m.name for m in MEMBERS if m.tg_user_id == sender)
                if sender in USERNAMES
                else None
            )
            clues = [
                USERNAMES.get(sender, ""),
                str(sender),
                localize_digits(str(sender), "fa"),
                name,
            ]
            found += [
                f"{method} to {chat_id} names the sender of {marker}: {clue!r}"
                for clue in clues
                if clue and clue in text
            ]
        return found


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
    async with transaction(rt.sessions) as session:
        for kind in (Ballot.person_id, Ballot.organization_id):
            twice = await session.execute(
                select(Ballot.motion_id, kind)
                .where(kind.is_not(None))
                .group_by(Ballot.motion_id, kind)
                .having(func.count() > 1)
            )
            broken += [f"two ballots by {kind.key} {v} on motion {m}" for m, v in twice]
        over = await session.execute(
            select(AgendaVote.person_id, Concern.meeting_id, func.count())
            .join(Concern, Concern.id == AgendaVote.concern_id)
            .where(Concern.status == ConcernStatus.APPROVED)
            .group_by(AgendaVote.person_id, Concern.meeting_id)
            .having(func.count() > DOTS)
        )
        broken += [f"person {p} has {n} dots at meeting {m}" for p, m, n in over]
        # Dots go only on approved concerns, and a merge moves them: none is left elsewhere.
        stray = await session.execute(
            select(AgendaVote.person_id, Concern.id, Concern.status)
            .join(Concern, Concern.id == AgendaVote.concern_id)
            .where(Concern.status != ConcernStatus.APPROVED)
        )
        broken += [f"person {p}'s dot on {s} concern {c}" for p, c, s in stray]
    return broken


async def ranked_concerns_are_approved(bot: Harness) -> list[str]:
    """What the agenda counts: only approved concerns, so no dot on another one counts."""
    rt = runtime(bot.app)
    async with transaction(rt.sessions) as session:
        meetings = list(await session.scalars(select(Meeting.id)))
        statuses = {c: s for c, s in await session.execute(select(Concern.id, Concern.status))}
        broken: list[str] = []
        for meeting_id in meetings:
            for item in await agenda._ranked(session, meeting_id, None):
                if statuses.get(item.concern_id) != ConcernStatus.APPROVED:
                    broken.append(f"concern {item.concern_id} counted on meeting {meeting_id}")
    return broken


async def setting_up(bot: Harness) -> None:
    await add_members(bot)
    for member in MEMBERS:
        bot.api.user(
            member.tg_user_id,
            member.name,
            language_code=member.language,
            username=USERNAMES[member.tg_user_id],
        )
        await bot.send(member.tg_user_id, "/help")
    bot.api.start_chat(STRANGER)
    await bot.send(STRANGER, "/start")
    await schedule(
        bot, "2026-12-03 10:00", title=TITLE_MARK, venue=VENUE_MARK, capacity="1", agenda=None
    )
    await bot.dispatch()


async def run_example(template: Database, chosen: st.DataObject) -> None:
    async with fresh_database(template) as database:
        bot = await start_harness(database, FakeClock(START), SHURA_AGENDA_DOTS=str(DOTS))
        try:
            await setting_up(bot)
            run = Run(bot)
            for step in chosen.draw(steps(registered_commands(bot), callback_prefixes(bot))):
                await run.step(step)
            unanswered = [q for q in run.query_ids if q not in bot.api.callback_answers]
            broken = await check_the_database(bot)
            broken += await ranked_concerns_are_approved(bot)
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


SCRIPTED = [
    Step("concern", AMIR, "Water in the camp", 3 * len(ConcernTopic)),  # text, anonymous
    Step("concern", ZAHRA, "Roads", 1 + 3 * len(ConcernTopic)),  # voice, anonymous
    Step("concern", JOHN, "Schools", 2),  # photo, named
    Step("review", COORDINATOR, "", 0),  # approves the first
    Step("review", COORDINATOR, "", 0),
    Step("review", COORDINATOR, "A reason", 1),  # rejects the third with a reason
    Step("dot", JOHN, number=0),
    Step("dot", AMIR, number=1),
    Step("motion", COORDINATOR, number=0),
    Step("ballot", JOHN, number=1),
    Step("ballot", JOHN, number=0),
    Step("forge", AMIR, "mo:v:1:7:0"),
    Step("forge", AMIR, "agd:add:3:0"),
    Step("text", COORDINATOR, "/review"),
    Step("time", COORDINATOR, number=1440),
    # A photo whose caption is cut where Telegram cuts it (907 emoji are 1,814 UTF-16 units),
    # anonymous, then shown to the coordinator for review.
    Step("concern", ZAHRA, "😀" * 907, 2 + 3 * len(ConcernTopic)),
    Step("text", COORDINATOR, "/review"),
]


async def scripted_run(template: Database) -> dict[str, int]:
    async with fresh_database(template) as database:
        bot = await start_harness(database, FakeClock(START), SHURA_AGENDA_DOTS=str(DOTS))
        try:
            await setting_up(bot)
            run = Run(bot)
            for step in SCRIPTED:
                await run.step(step)
            broken = await check_the_database(bot) + await ranked_concerns_are_approved(bot)
            async with transaction(runtime(bot.app).sessions) as session:
                counts = {
                    str(status): await session.scalar(
                        select(func.count()).where(Concern.status == status)
                    )
                    or 0
                    for status in ConcernStatus
                }
                counts["anonymous"] = (
                    await session.scalar(select(func.count()).where(Concern.anonymous.is_(True)))
                    or 0
                )
                counts["dots"] = await session.scalar(select(func.count(AgendaVote.id))) or 0
                counts["ballots"] = await session.scalar(select(func.count(Ballot.id))) or 0
        finally:
            await stop_harness(bot)
        assert not bot.errors, f"reached the error handler: {bot.errors!r}"
        bot.api.assert_no_problems()
        assert broken == [] and run.leaks == []
        return counts


def test_the_flows_of_a_run_reach_the_database(_migrated_template: Database) -> None:
    counts = asyncio.run(scripted_run(_migrated_template))
    assert counts["anonymous"] == 3
    assert counts["approved"] >= 1 and counts["rejected"] == 1
    assert counts["dots"] >= 1 and counts["ballots"] == 1
