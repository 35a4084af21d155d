"""Nobody outside the network learns anything about a meeting through check-in: not a stranger,
not a removed member, not a suspended organization's member, whatever code or button they try."""

from __future__ import annotations

import json

from sqlalchemy import delete, func, select, update

from bot.app import runtime
from db.models import AuditLog, CheckIn, Membership, Organization, OrgStatus, Person
from db.session import transaction
from tests.handlers.conftest import Harness, plain
from tests.handlers.helpers import onboard
from tests.handlers.network import JOHN, LATE, ZAHRA, Member, add_members
from tests.handlers.test_checkin import meeting_on, open_checkin, person_id

STRANGER, NEWCOMER = 6_100_001, 6_100_002
TITLE = "Shura at the river house"
VENUE = "Blue mosque annex, room 4"
AGENDA = "Threats against our reporters"
ORG, MEDIA = "Balkh Youth Network", "Mazar Media Center"


async def test_outsiders_learn_nothing_from_codes_links_or_forged_buttons(bot: Harness) -> None:
    meeting_id = await meeting_on(bot, title=TITLE, venue=VENUE, agenda=AGENDA)
    media = await add_members(bot, (Member(LATE, "ps", "Layla"),), org_name=MEDIA)
    shown = await open_checkin(bot)
    code = shown.replace("-", "")
    async with transaction(runtime(bot.app).sessions) as session:
        org = await session.scalar(select(Organization.id).where(Organization.name == ORG))
        # John is removed from his organization; the media center is suspended.
        john = await session.scalar(select(Person.id).where(Person.tg_user_id == JOHN))
        await session.execute(delete(Membership).where(Membership.person_id == john))
        await session.execute(
            update(Organization).where(Organization.id == media).values(status=OrgStatus.SUSPENDED)
        )
    zahra = await person_id(bot, ZAHRA)
    await onboard(bot, STRANGER, "fa")
    audits_before = await _audit_count(bot)
    first_call = len(bot.api.calls)

    for outsider in (STRANGER, JOHN, LATE):
        for text in (
            f"/checkin {shown}",
            f"/checkin {code.lower()}",
            "/checkin ZZZZ-ZZZZ",
            "/checkin",
            f"/start checkin-{code}",
            "/start checkin-nonsense",
        ):
            await bot.send(outsider, text)
        for data in (
            f"chk:as:{code}:{org}",
            f"chk:as:{code}:{media}",
            f"chk:n:{meeting_id}",
            f"chk:add:{meeting_id}",
            f"chk:orgs:{meeting_id}:0",
            f"chk:org:{meeting_id}:{org}:0",
            f"chk:who:{meeting_id}:{org}:{zahra}",
            f"chk:name:{meeting_id}:{org}",
            f"chk:mtg:{meeting_id}",
        ):
            await bot.forge(outsider, data)
    # Someone who has never talked to the bot scans the QR code someone photographed.
    bot.api.user(NEWCOMER, "Nadia", language_code="ps")
    await bot.send(NEWCOMER, f"/start checkin-{code}")
    assert "یوازې د شبکې" in bot.texts(NEWCOMER)[0]

    told = [
        json.dumps(c.params, ensure_ascii=False, default=str) for c in bot.api.calls[first_call:]
    ]
    assert told and all(c.ok for c in bot.api.calls[first_call:])
    secrets = (TITLE, VENUE, AGENDA, ORG, MEDIA, shown, code, "Zahra")
    assert [t for t in told if any(s in plain(t) or s in t for s in secrets)] == []
    assert bot.api.sent("sendPhoto", chat_id=STRANGER) == []
    refusals = " ".join(bot.texts(STRANGER) + bot.texts(JOHN) + bot.texts(LATE))
    assert "این بخش تنها برای اعضای نهادهای شبکه است" in refusals  # the stranger, in Dari
    assert "only for members of the network" in refusals  # John, in English
    assert "یوازې د شبکې د سازمانونو" in refusals  # Layla, in Pashto
    async with transaction(runtime(bot.app).sessions) as session:
        assert await session.scalar(select(func.count(CheckIn.id))) == 0
    assert await _audit_count(bot) == audits_before


async def _audit_count(bot: Harness) -> int:
    async with transaction(runtime(bot.app).sessions) as session:
        return int(await session.scalar(select(func.count(AuditLog.id))) or 0)
