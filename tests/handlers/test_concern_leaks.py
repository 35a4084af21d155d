"""An anonymous concern's sender must never be learnable by anyone but the sender.

A whole meeting's worth of concerns goes through Telegram, then everything the bot said to
anyone else, every log line, every audit entry and every concern row is searched for the
anonymous sender's identity.
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.jobs.concerns import queue_digest
from db.models import AuditLog, Concern, ConcernStatus, Person
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness
from tests.handlers.network import JOHN, MEMBERS, Member, add_members, schedule

SECRET = 4_000_555
NAME, USERNAME = "Zarghuna", "zarghuna_balkh"


async def _send(bot: Harness, user: int, topic: str, *, anonymous: bool) -> None:
    await bot.press(user, f"cnc:topic:{topic}")
    await bot.press(user, "cnc:who:anon" if anonymous else "cnc:who:named")
    await bot.press(user, "cnc:send")


async def test_nothing_anyone_else_sees_names_the_anonymous_sender(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await add_members(bot, (*MEMBERS, Member(SECRET, "en", NAME)))
    bot.api.user(SECRET, NAME, "en", USERNAME)
    await schedule(bot, "2026-12-21 14:00")

    await bot.send(SECRET, "/concern")
    await bot.send(SECRET, "Threats against our staff in Dawlatabad")
    await _send(bot, SECRET, "security", anonymous=True)
    await bot.send(SECRET, "/concern")
    await bot.send_voice(SECRET)
    await _send(bot, SECRET, "funding", anonymous=True)
    await bot.send(SECRET, "/concern")
    await bot.send_photo(SECRET, caption="The letter we received")
    await _send(bot, SECRET, "media", anonymous=True)
    await bot.send(JOHN, "/concern")
    await bot.send(JOHN, "Funding for the spring")
    await _send(bot, JOHN, "funding", anonymous=False)
    text, voice, photo, named = await _concerns(bot)

    await bot.send(COORDINATOR, "/review")
    await bot.press(COORDINATOR, f"rev:no:{text.id}")
    await bot.send(COORDINATOR, "Raise it with the security working group")
    await bot.press(COORDINATOR, f"rev:merge:{voice.id}")
    await bot.press(COORDINATOR, f"rev:into:{voice.id}:{named.id}")
    await bot.press(COORDINATOR, f"rev:ok:{photo.id}")
    rt = runtime(bot.app)
    assert await queue_digest(rt.sessions, rt.clock, rt.settings)
    await bot.dispatch()
    await bot.send(COORDINATOR, "/mydata")
    await bot.send(COORDINATOR, "/attendance")
    await bot.send(JOHN, "/myconcerns")

    async with transaction(rt.sessions) as session:
        person = (
            await session.execute(select(Person).where(Person.tg_user_id == SECRET))
        ).scalar_one()
        audit = list(await session.scalars(select(AuditLog)))
    pid = person.id
    identity = re.compile(
        rf"{NAME}|{USERNAME}|{SECRET}|\bp{pid}\b|person[_ ]?(id)?\W{{1,3}}{pid}\b", re.IGNORECASE
    )

    told_others = [
        json.dumps(call.params, ensure_ascii=False, default=str)
        for call in bot.api.calls
        if call.params.get("chat_id") != SECRET
    ]
    assert any("Threats against our staff" in t for t in told_others)  # the content was seen
    # /attendance rightly lists every member by name (the sender included, as a member):
    # it must say nothing about concerns.
    attendance = [t for t in told_others if "Attendance:" in t]
    assert attendance and not any("#" in t or "concern" in t.lower() for t in attendance)
    others = [t for t in told_others if t not in attendance]
    assert [t for t in others if identity.search(t)] == []
    # The drivers' DEBUG traces (SQL parameters, Bot API calls to the sender's own chat,
    # which the fake's calls above cover) are never enabled in production; the rest is searched.
    drivers = ("sqlalchemy", "psycopg", "asyncio", "telegram", "httpx")
    logged = [
        f"{r.name} {r.getMessage()} {r.args!r}"
        for r in caplog.records
        if not r.name.startswith(drivers)
    ]
    assert [line for line in logged if identity.search(line)] == []
    for row in audit:
        if row.subject_type == "concern":
            assert row.actor_id != pid
        assert not identity.search(json.dumps(row.details, default=str))
    for concern in await _concerns(bot):
        assert not identity.search(repr(vars(concern)))
        if concern.anonymous:
            assert concern.author_id is None

    # The sender alone was told each decision.
    theirs = " ".join(bot.texts(SECRET))
    assert "Raise it with the security working group" in theirs
    assert f"#{voice.id} was merged" in theirs and f"#{photo.id} was approved" in theirs
    assert "Raise it with the security" not in " ".join(bot.texts(JOHN))
    statuses = [c.status for c in await _concerns(bot)]
    assert statuses[:3] == [ConcernStatus.REJECTED, ConcernStatus.MERGED, ConcernStatus.APPROVED]


async def _concerns(bot: Harness) -> list[Concern]:
    async with transaction(runtime(bot.app).sessions) as session:
        return list(await session.scalars(select(Concern).order_by(Concern.id)))
