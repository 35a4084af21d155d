"""/motion, /vote and the result post, walked step by step in English, Dari and Pashto.

Each step is compared with what the catalog renders in the reader's language (which must not
be the English copied over), and every message a Dari or Pashto reader got is read as they
see it: right to left, Persian digits, no English left outside what people typed.
"""

from __future__ import annotations

import asyncio
import html
import re
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.clock import FakeClock
from bot.i18n import Msg, When, Zone, msg
from bot.jobs.motions import close_due
from db.models import AuditLog, Meeting, Motion, MotionStatus, MotionVoters, Person
from db.session import transaction
from tests.conftest import Database
from tests.fakes.telegram_html import parse_html
from tests.handlers.conftest import COORDINATOR, Harness, plain, start_harness, stop_harness
from tests.handlers.languages import LANGUAGES, SECOND, coordinator_in, last_answer, said
from tests.handlers.network import AMIR, JOHN, MEMBERS, ZAHRA, Member, add_members, schedule
from tests.handlers.test_motions import GROUP, ballots, open_motion
from tests.unit.test_bidi import ARABIC_SCRIPT, FSI, URL_LINE, outside_isolates, problems

KABUL = "Asia/Kabul"
# What a coordinator of each language types: the question, and options of their own.
QUESTIONS = {
    "en": "Adopt the security plan?",
    "fa": "آیا طرح امنیتی تصویب شود؟",
    "ps": "ایا امنیتي پلان ومنل شي؟",
}
OPTIONS = {
    "en": ["Build a well", "Repair the road", "Open a school"],
    "fa": ["حفر چاه", "ترمیم سرک", "گشایش مکتب"],
    "ps": ["د څاه کیندل", "د سړک ترمیم", "د ښوونځي پرانیستل"],
}
# A time typed as the prompt's example shows it: Solar Hijri in Persian digits for Dari and
# Pashto (19 December 2026, 10:00 in Kabul).
TYPED_CLOSING = {"en": "2026-12-19 10:00", "fa": "۱۴۰۵-۰۹-۲۸ ۱۰:۰۰", "ps": "۱۴۰۵-۰۹-۲۸ ۱۰:۰۰"}
TYPED_QUORUM = {"en": "60%", "fa": "۶۰٪", "ps": "۶۰"}
CLOSING = datetime(2026, 12, 19, 5, 30, tzinfo=UTC)
LATIN_LETTER = re.compile("[A-Za-z]")
STANDARD = [msg("motion-option-yes"), msg("motion-option-no"), msg("motion-option-abstain")]


# --- reading what was sent, as a person of that language reads it ---------------------------


def reads_right(bot: Harness, chat_id: int, lang: str) -> None:
    """Nothing the bot sent to `chat_id` (texts, edits, captions) is seen wrong by a reader of
    `lang`: no line laid out left to right, no Latin digit, no command shown reversed, and no
    English words outside what people typed (which is always isolated) and links."""
    if lang == "en":
        return
    found: list[str] = []
    for call in bot.api.sent(chat_id=chat_id):
        text = call.params.get("text") or call.params.get("caption")
        if not isinstance(text, str) or call.method == "answerCallbackQuery":
            continue
        found += problems(text)
        for line in parse_html(text).text.split("\n"):
            if LATIN_LETTER.search(outside_isolates(line)) and not URL_LINE.fullmatch(line):
                found.append(f"English outside an isolate: {line!r}")
    for call in bot.api.sent(chat_id=chat_id):
        markup = call.params.get("reply_markup") or {}
        for row in markup.get("inline_keyboard", []) if isinstance(markup, dict) else []:
            for button in row:
                # A label the catalog made (it isolates what it was given, or has words of
                # its own) reads right to left; a name or an option alone is as it was typed.
                text = button["text"]
                if FSI in text or ARABIC_SCRIPT.search(outside_isolates(text)):
                    found += problems(html.escape(text, quote=False))
    assert not found, "\n".join(found)


def label(bot: Harness, lang: str, message: Msg | str) -> str:
    """A button's label in `lang`, as the catalog renders it."""
    if isinstance(message, str):
        return message
    rendered = runtime(bot.app).catalog.render(lang, message, plain=True)
    if lang != "en":
        assert rendered != runtime(bot.app).catalog.render("en", message, plain=True)
    return plain(rendered)


def chain(lines: list[Msg]) -> Msg:
    """Lines as one parameter, the way the motions' messages carry a list."""
    result = msg("blank")
    for line in reversed(lines):
        result = msg("motion-line", line=line, rest=result)
    return result


def last_two(bot: Harness, chat_id: int) -> list[str]:
    """The edited question and the next one: the two latest messages in the chat."""
    return bot.texts(chat_id)[-2:]


async def stored_motion(bot: Harness) -> Motion:
    async with transaction(runtime(bot.app).sessions) as session:
        motion = await session.scalar(select(Motion).order_by(Motion.id.desc()))
    assert motion is not None
    return motion


async def meeting_row(bot: Harness, meeting_id: int) -> Meeting:
    async with transaction(runtime(bot.app).sessions) as session:
        meeting = await session.get(Meeting, meeting_id)
    assert meeting is not None
    return meeting


# --- /motion --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_coordinator_opens_a_motion_with_the_standard_options_step_by_step(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    first = await schedule(bot, "1405-09-30 14:00")
    await schedule(bot, "1405-10-28 14:00", title="January meeting")
    meeting = await meeting_row(bot, first)
    question = QUESTIONS[lang]

    await bot.send(SECOND, "/motion")
    assert bot.last(SECOND) == said(bot, lang, "motion-pick-meeting")
    second = await meeting_row(bot, first + 1)
    assert bot.labels(SECOND) == [
        label(bot, lang, msg("meeting-button", title=m.title, when=When(m.starts_at, KABUL)))
        for m in (meeting, second)
    ]

    await bot.press(SECOND, f"mo:mtg:{first}")
    assert last_two(bot, SECOND) == [
        said(bot, lang, "motion-meeting-chosen", title=meeting.title),
        said(bot, lang, "motion-ask-question", title=meeting.title, limit=300),
    ]
    await bot.send(SECOND, question)
    assert bot.last(SECOND) == said(bot, lang, "motion-ask-options", low=2, high=8, limit=60)
    assert bot.labels(SECOND) == [label(bot, lang, msg("motion-button-standard"))]

    await bot.press(SECOND, "mo:std")
    assert last_two(bot, SECOND) == [
        said(bot, lang, "motion-standard-chosen"),
        said(bot, lang, "motion-ask-voters"),
    ]
    assert bot.labels(SECOND) == [
        label(bot, lang, msg("motion-button-each-member")),
        label(bot, lang, msg("motion-button-each-org")),
    ]
    await bot.press(SECOND, "mo:who:m")
    assert last_two(bot, SECOND) == [
        said(bot, lang, "motion-voters-per_member"),
        said(bot, lang, "motion-ask-secret"),
    ]
    assert bot.labels(SECOND) == [
        label(bot, lang, msg("motion-button-secret")),
        label(bot, lang, msg("motion-button-public")),
    ]
    await bot.press(SECOND, "mo:sec:s")
    assert last_two(bot, SECOND) == [
        said(bot, lang, "motion-secret-note"),
        said(bot, lang, "motion-ask-quorum"),
    ]
    assert bot.labels(SECOND) == [
        label(bot, lang, msg("motion-button-quorum", percent=q)) for q in (0, 25, 50)
    ]
    await bot.press(SECOND, "mo:q:50")
    assert last_two(bot, SECOND) == [
        said(bot, lang, "motion-quorum-chosen", percent=50),
        said(bot, lang, "motion-ask-closes", zone=Zone(KABUL)),
    ]
    assert bot.labels(SECOND) == [
        label(bot, lang, msg(f"motion-button-closes-{c}")) for c in ("start", "end", "24h")
    ]
    await bot.press(SECOND, "mo:cl:start")
    closes = When(meeting.starts_at, KABUL)
    assert last_two(bot, SECOND) == [
        said(bot, lang, "motion-closes-chosen", closes=closes),
        said(
            bot,
            lang,
            "motion-preview",
            question=question,
            options=chain([msg("motion-option-line", option=o) for o in STANDARD]),
            voters=msg("motion-voters-per_member"),
            how=msg("motion-secret-note"),
            quorum=50,
            closes=closes,
        ),
    ]
    assert bot.labels(SECOND) == [
        label(bot, lang, msg("motion-button-open")),
        label(bot, lang, msg("button-cancel")),
    ]

    await bot.press(SECOND, "mo:save")
    motion = await stored_motion(bot)
    assert bot.last(SECOND) == said(bot, lang, "motion-opened", question=question, id=motion.id)
    assert bot.labels(SECOND) == [label(bot, lang, msg("proxy-button-pick-ballot"))]
    assert (motion.meeting_id, motion.question, motion.options) == (first, question, None)
    assert (motion.voters, motion.secret, motion.quorum_percent) == (MotionVoters.MEMBER, True, 50)
    assert motion.closes_at == meeting.starts_at and motion.status == MotionStatus.OPEN
    async with transaction(runtime(bot.app).sessions) as session:
        actions = list(await session.scalars(select(AuditLog.action)))
    assert "motion.opened" in actions
    # The ballots went out, each in its reader's language.
    for member in MEMBERS:
        assert bot.labels(member.tg_user_id) == [label(bot, member.language, o) for o in STANDARD]
    reads_right(bot, SECOND, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_custom_options_a_typed_quorum_and_a_typed_closing_time_per_organization(
    bot: Harness, lang: str
) -> None:
    org = await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    meeting_id = await schedule(bot)
    meeting = await meeting_row(bot, meeting_id)
    question, options = QUESTIONS[lang], OPTIONS[lang]

    await bot.send(SECOND, "/motion")  # one meeting ahead: no need to pick it
    assert bot.last(SECOND) == said(
        bot, lang, "motion-ask-question", title=meeting.title, limit=300
    )
    await bot.send(SECOND, question)
    await bot.send(SECOND, options[0])  # one option is not a choice
    assert bot.last(SECOND) == said(bot, lang, "motion-options-count", low=2, high=8)
    await bot.send(SECOND, "\n".join(options))
    assert bot.last(SECOND) == said(bot, lang, "motion-ask-voters")
    await bot.press(SECOND, "mo:who:o")
    assert last_two(bot, SECOND)[0] == said(bot, lang, "motion-voters-per_organization")
    await bot.press(SECOND, "mo:sec:p")
    assert last_two(bot, SECOND)[0] == said(bot, lang, "motion-public-note")
    await bot.send(SECOND, "۱۵۰" if lang != "en" else "150")
    assert bot.last(SECOND) == said(bot, lang, "motion-quorum-invalid")
    await bot.send(SECOND, TYPED_QUORUM[lang])
    assert bot.last(SECOND) == said(bot, lang, "motion-ask-closes", zone=Zone(KABUL))
    await bot.send(SECOND, "۱۴۰۴-۰۱-۰۱ ۱۰:۰۰" if lang != "en" else "2025-03-21 10:00")
    assert bot.last(SECOND) == said(bot, lang, "date-past")
    await bot.send(SECOND, TYPED_CLOSING[lang])
    assert bot.last(SECOND) == said(
        bot,
        lang,
        "motion-preview",
        question=question,
        options=chain([msg("motion-option-line", option=o) for o in options]),
        voters=msg("motion-voters-per_organization"),
        how=msg("motion-public-note"),
        quorum=60,
        closes=When(CLOSING, KABUL),
    )
    await bot.press(SECOND, "mo:save")
    motion = await stored_motion(bot)
    assert bot.last(SECOND) == said(bot, lang, "motion-opened", question=question, id=motion.id)
    assert (motion.options, motion.voters) == (options, MotionVoters.ORGANIZATION)
    assert (motion.secret, motion.quorum_percent, motion.closes_at) == (False, 60, CLOSING)
    reads_right(bot, SECOND, lang)

    # The organization's admin (Amir, who reads Dari) votes for it: its name above the options.
    assert bot.labels(AMIR) == ["Balkh Youth Network", *options]
    await bot.press(AMIR, f"mo:v:{motion.id}:1:{org}")
    ((ballot,),) = [await ballots(bot)]
    assert (ballot.organization_id, ballot.person_id, ballot.option) == (org, None, 1)
    reads_right(bot, AMIR, "fa")


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_motion_dropped_at_the_confirmation_opens_nothing(bot: Harness, lang: str) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    await schedule(bot)
    await bot.send(SECOND, "/motion")
    await bot.send(SECOND, QUESTIONS[lang])
    await bot.press(SECOND, "mo:std")
    await bot.press(SECOND, "mo:who:m")
    await bot.press(SECOND, "mo:sec:s")
    await bot.press(SECOND, "mo:q:0")
    await bot.press(SECOND, "mo:cl:24h")
    assert bot.last(SECOND) == said(
        bot,
        lang,
        "motion-preview",
        question=QUESTIONS[lang],
        options=chain([msg("motion-option-line", option=o) for o in STANDARD]),
        voters=msg("motion-voters-per_member"),
        how=msg("motion-secret-note"),
        quorum=0,
        closes=When(bot.clock.now() + timedelta(hours=24), KABUL),
    )
    await bot.press(SECOND, "mo:drop")
    assert bot.last(SECOND) == said(bot, lang, "cancel-done")
    async with transaction(runtime(bot.app).sessions) as session:
        assert list(await session.scalars(select(Motion))) == []
    reads_right(bot, SECOND, lang)


# --- /vote and ballots ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "lang"),
    [
        pytest.param(JOHN, "en", id="en"),
        pytest.param(AMIR, "fa", id="fa"),
        pytest.param(ZAHRA, "ps", id="ps"),
    ],
)
async def test_a_member_finds_the_motion_with_vote_votes_and_changes_their_mind(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await schedule(bot)
    motion_id = await open_motion(bot)
    motion = await stored_motion(bot)
    question = "Adopt the security plan?"
    closes = When(motion.closes_at, KABUL)
    note = msg("motion-secret-note")

    def ballot(choice: Msg) -> str:
        return said(
            bot, lang, "motion-ballot", question=question, closes=closes, how=note, choice=choice
        )

    await bot.dispatch()
    assert bot.last(user) == ballot(msg("motion-no-choice-yet"))
    assert bot.labels(user) == [label(bot, lang, o) for o in STANDARD]

    await bot.send(user, "/vote")
    assert bot.last(user) == said(bot, lang, "motion-open-list", count=1)
    assert bot.labels(user) == [question]
    await bot.press(user, f"mo:show:{motion_id}")
    assert bot.last(user) == ballot(msg("motion-no-choice-yet"))

    await bot.press(user, f"mo:v:{motion_id}:0:0")
    assert last_answer(bot) == said(bot, lang, "motion-ballot-saved")
    assert bot.last(user) == ballot(chain([msg("motion-your-choice", option=STANDARD[0])]))
    assert bot.labels(user) == [
        label(bot, lang, msg("motion-button-chosen", option=STANDARD[0])),
        label(bot, lang, STANDARD[1]),
        label(bot, lang, STANDARD[2]),
    ]
    await bot.press(user, f"mo:v:{motion_id}:2:0")
    assert bot.last(user) == ballot(chain([msg("motion-your-choice", option=STANDARD[2])]))
    ((stored,),) = [await ballots(bot)]
    async with transaction(runtime(bot.app).sessions) as session:
        voter = await session.scalar(select(Person.id).where(Person.tg_user_id == user))
    assert (stored.person_id, stored.option, stored.by_proxy) == (voter, 2, False)
    reads_right(bot, user, lang)


# --- the result post ------------------------------------------------------------------------

FARID = Member(4_000_060, "en", "Farid")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("outcome", ["decided", "tie", "no-quorum"])
async def test_the_result_is_posted_in_the_groups_and_each_coordinators_language(
    database: Database, clock: FakeClock, lang: str, outcome: str
) -> None:
    # The group reads the network's language; here it is `lang`, as is the second coordinator.
    bot = await start_harness(database, clock, SHURA_DEFAULT_LANGUAGE=lang)
    try:
        await add_members(bot, (*MEMBERS, FARID))
        await coordinator_in(bot, SECOND, lang)
        await bot.send(COORDINATOR, "/bindgroup", chat_id=GROUP, chat_type="supergroup")
        await schedule(bot)
        motion_id = await open_motion(bot, quorum="100" if outcome == "no-quorum" else "q:50")
        await bot.dispatch()
        choices = {"decided": (0, 0, 1), "tie": (0, 1, 2), "no-quorum": (1, 1, 0)}[outcome]
        for member, option in zip(MEMBERS, choices, strict=True):
            await bot.press(member.tg_user_id, f"mo:v:{motion_id}:{option}:0")
        proxied = int(outcome == "decided")
        if proxied:
            # Farid has no phone: a coordinator records his ballot.
            await bot.send(COORDINATOR, f"/proxy {FARID.tg_user_id}")
            await bot.press_label(COORDINATOR, "Adopt the security plan?")
            await bot.press_label(COORDINATOR, "Abstain")
        counts = [choices.count(n) for n in range(3)]
        counts[2] += proxied

        bot.clock.advance(timedelta(hours=24))
        assert await close_due(runtime(bot.app)) == 1
        await bot.dispatch()

        result = {
            "question": "Adopt the security plan?",
            "options": chain(
                [
                    msg("motion-result-option", option=o, count=c)
                    for o, c in zip(STANDARD, counts, strict=True)
                ]
            ),
            "cast": sum(counts),
            "eligible": 4,
            "quorum": 100 if outcome == "no-quorum" else 50,
            "quorum_state": msg(
                "motion-quorum-not-met" if outcome == "no-quorum" else "motion-quorum-met"
            ),
            "proxies": msg("motion-proxies", count=1) if proxied else msg("blank"),
            "outcome": {
                "decided": msg("motion-outcome", option=STANDARD[0]),
                "tie": msg("motion-outcome-tie"),
                "no-quorum": msg("motion-outcome-no-quorum"),
            }[outcome],
        }
        assert bot.last(GROUP) == said(bot, lang, "motion-result", **result)
        assert bot.last(SECOND) == said(bot, lang, "motion-result", **result)
        assert bot.last(COORDINATOR) == said(bot, "en", "motion-result", **result)
        reads_right(bot, GROUP, lang)
        reads_right(bot, SECOND, lang)
        motion = await stored_motion(bot)
        assert (motion.status, motion.result_posted) == (MotionStatus.CLOSED, True)
        assert sum(b.by_proxy for b in await ballots(bot)) == proxied
    finally:
        await stop_harness(bot)
    assert not bot.errors, bot.errors
    bot.api.assert_no_problems()


@pytest.mark.parametrize(
    ("user", "lang"),
    [
        pytest.param(JOHN, "en", id="en"),
        pytest.param(AMIR, "fa", id="fa"),
        pytest.param(ZAHRA, "ps", id="ps"),
    ],
)
async def test_two_taps_at_once_record_one_ballot_and_both_are_answered(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await schedule(bot)
    motion = await open_motion(bot)
    await bot.dispatch()
    taps = [bot.api.callback_update(user, f"mo:v:{motion}:{option}:0") for option in (0, 1)]
    await asyncio.gather(*(bot._process(tap) for tap in taps))
    ((ballot,),) = [await ballots(bot)]
    assert [plain(answer.get("text")) for answer in bot.answers()[-2:]] == [
        said(bot, lang, "motion-ballot-saved")
    ] * 2
    assert ballot.option in (0, 1)
    reads_right(bot, user, lang)
