"""/proxy walked step by step in English, Dari and Pashto: the organization, then the member,
then a ballot or an answer recorded for someone without a phone, and audited."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.i18n import msg
from db.models import AuditLog, Ballot, Rsvp
from db.session import transaction
from tests.handlers.conftest import Harness
from tests.handlers.languages import LANGUAGES, SECOND, coordinator_in, said
from tests.handlers.network import JOHN, ZAHRA, add_members, schedule
from tests.handlers.test_motion_flows import STANDARD, label, last_two, reads_right
from tests.handlers.test_motions import open_motion, person_id

QUESTION = "Adopt the security plan?"
ORG = "Balkh Youth Network"
TITLE = "Monthly coordination meeting"


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_coordinator_picks_the_organization_then_the_member_and_records_a_ballot(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    await schedule(bot)
    motion = await open_motion(bot, quorum="0")

    await bot.send(SECOND, "/proxy")
    anything = msg("proxy-for-anything")
    assert bot.last(SECOND) == said(bot, lang, "proxy-pick-org", purpose=anything, page=1, pages=1)
    assert bot.labels(SECOND) == [ORG]
    await bot.press_label(SECOND, ORG)
    assert bot.last(SECOND) == said(
        bot, lang, "proxy-pick-person", purpose=anything, org=ORG, page=1, pages=1
    )
    assert bot.labels(SECOND) == ["Amir", "John", "Zahra", label(bot, lang, msg("button-back"))]
    await bot.press_label(SECOND, "Zahra")
    assert bot.last(SECOND) == said(bot, lang, "proxy-what", name="Zahra")
    assert bot.labels(SECOND) == [
        label(bot, lang, msg("proxy-button-motion", question=QUESTION)),
        label(bot, lang, msg("proxy-button-meeting", title=TITLE)),
    ]
    await bot.press_label(SECOND, QUESTION)
    assert bot.last(SECOND) == said(bot, lang, "proxy-ballot", name="Zahra", question=QUESTION)
    assert bot.labels(SECOND) == [label(bot, lang, option) for option in STANDARD]
    await bot.press_label(SECOND, label(bot, lang, STANDARD[2]))
    assert bot.last(SECOND) == said(
        bot, lang, "proxy-ballot-recorded", name="Zahra", question=QUESTION, option=STANDARD[2]
    )
    assert bot.labels(SECOND) == [label(bot, lang, msg("proxy-button-another"))]

    # Someone else, for the same motion: the picking starts again from the organizations.
    await bot.press_label(SECOND, label(bot, lang, msg("proxy-button-another")))
    for_motion = msg("proxy-for-motion", question=QUESTION)
    assert bot.last(SECOND) == said(
        bot, lang, "proxy-pick-org", purpose=for_motion, page=1, pages=1
    )
    await bot.press_label(SECOND, ORG)
    assert bot.last(SECOND) == said(
        bot, lang, "proxy-pick-person", purpose=for_motion, org=ORG, page=1, pages=1
    )
    await bot.press_label(SECOND, "John")
    assert bot.last(SECOND) == said(bot, lang, "proxy-ballot", name="John", question=QUESTION)
    await bot.press_label(SECOND, label(bot, lang, STANDARD[0]))

    async with transaction(runtime(bot.app).sessions) as session:
        stored = list(await session.scalars(select(Ballot).order_by(Ballot.id)))
        audited = list(
            await session.execute(
                select(AuditLog.action, AuditLog.actor_id).where(AuditLog.action == "ballot.proxy")
            )
        )
    zahra, john, second = [await person_id(bot, u) for u in (ZAHRA, JOHN, SECOND)]
    assert [(b.motion_id, b.person_id, b.option, b.by_proxy) for b in stored] == [
        (motion, zahra, 2, True),
        (motion, john, 0, True),
    ]
    assert [tuple(row) for row in audited] == [("ballot.proxy", second)] * 2
    reads_right(bot, SECOND, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_coordinator_records_an_answer_to_the_meeting_for_someone_without_a_phone(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    meeting = await schedule(bot)

    await bot.send(SECOND, "/proxy")
    await bot.press_label(SECOND, ORG)
    await bot.press_label(SECOND, "John")
    assert bot.last(SECOND) == said(bot, lang, "proxy-what", name="John")
    assert bot.labels(SECOND) == [label(bot, lang, msg("proxy-button-meeting", title=TITLE))]
    await bot.press_label(SECOND, TITLE)
    assert bot.last(SECOND) == said(bot, lang, "proxy-rsvp", name="John", title=TITLE)
    answers = ("going", "maybe", "declined")
    assert bot.labels(SECOND) == [label(bot, lang, msg(f"proxy-answer-{a}")) for a in answers]
    await bot.press_label(SECOND, label(bot, lang, msg("proxy-answer-maybe")))
    assert bot.last(SECOND) == said(
        bot,
        lang,
        "proxy-rsvp-recorded",
        name="John",
        title=TITLE,
        answer=msg("proxy-answer-maybe"),
    )

    # From the meeting's attendance, for someone else.
    await bot.press_label(SECOND, label(bot, lang, msg("proxy-button-another")))
    for_meeting = msg("proxy-for-meeting", title=TITLE)
    assert last_two(bot, SECOND)[1] == said(
        bot, lang, "proxy-pick-org", purpose=for_meeting, page=1, pages=1
    )
    await bot.press_label(SECOND, ORG)
    await bot.press_label(SECOND, "Zahra")
    await bot.press_label(SECOND, label(bot, lang, msg("proxy-answer-going")))

    async with transaction(runtime(bot.app).sessions) as session:
        rows = list(await session.scalars(select(Rsvp).order_by(Rsvp.id)))
        actions = list(
            await session.scalars(select(AuditLog.action).where(AuditLog.action == "rsvp.proxy"))
        )
    john, zahra = await person_id(bot, JOHN), await person_id(bot, ZAHRA)
    assert [(r.meeting_id, r.person_id, r.answer.value) for r in rows] == [
        (meeting, john, "maybe"),
        (meeting, zahra, "going"),
    ]
    assert actions == ["rsvp.proxy"] * 2
    reads_right(bot, SECOND, lang)
