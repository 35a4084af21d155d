"""/concern, /myconcerns, /review and /agenda, walked step by step in English, Dari and Pashto.

Each step is compared with what the catalog renders in the reader's language (not the English
copied over), the outcome is checked in the database, and every message a Dari or Pashto
reader got is read as they see it (tests.handlers.test_motion_flows.reads_right).
"""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import select

from bot.app import runtime
from bot.i18n import Msg, msg
from bot.jobs.concerns import queue_digest
from bot.markup import plain_text, render_lines
from bot.presentation import Lines
from bot.services import concerns as concern_rules
from bot.views import when
from db.models import (
    AgendaVote,
    AuditLog,
    ConcernKind,
    ConcernSender,
    ConcernStatus,
    ConcernTopic,
    Meeting,
)
from db.session import transaction
from tests.handlers.conftest import COORDINATOR, Harness, plain
from tests.handlers.languages import (
    IN_EACH_LANGUAGE,
    LANGUAGES,
    SECOND,
    coordinator_in,
    last_answer,
    said,
)
from tests.handlers.network import AMIR, JOHN, ZAHRA, add_members, schedule
from tests.handlers.test_agenda import meeting_starts, raise_concerns
from tests.handlers.test_concerns import concerns, raise_text
from tests.handlers.test_motion_flows import label, last_two, meeting_row, reads_right
from tests.handlers.test_motions import person_id

# What a member of each language writes: the concern, a photo's caption, a reason.
TEXTS = {
    "en": "Checkpoints on the Balkh road stop our staff",
    "fa": "ایست‌های بازرسی در راه بلخ کارمندان ما را متوقف می‌کنند",
    "ps": "د بلخ پر لار د تلاشۍ پوستې زموږ کارکوونکي ودروي",
}
CAPTIONS = {
    "en": "The flooded school in Dehdadi",
    "fa": "مکتب زیر آب‌رفته در دهدادی",
    "ps": "په دهدادي کې د سېلاب وهلی ښوونځی",
}
REASONS = {"en": "Out of scope", "fa": "خارج از موضوع جلسه", "ps": "د غونډې له موضوع بهر"}
KINDS = ["text", "voice", "photo"]


async def raise_file(bot: Harness, user: int, kind: str, caption: str | None = None) -> None:
    """The member sends a voice note or a photo as an anonymous concern about funding."""
    await bot.send(user, "/concern")
    await bot.send_file(user, kind, caption=caption)
    await bot.press(user, "cnc:topic:funding")
    await bot.press(user, "cnc:who:anon")
    await bot.press(user, "cnc:send")


def said_lines(bot: Harness, lang: str, frame: Msg, lines: list[Msg], part: int = 0) -> str:
    """A message with a list (a `Lines` reply), as the person reads it: one part of it."""
    catalog = runtime(bot.app).catalog
    texts = render_lines(catalog, lang, Lines(frame, lines))
    shown = plain(plain_text(texts[part]).strip())
    if lang != "en":
        english = render_lines(catalog, "en", Lines(frame, lines))[part]
        assert shown != plain(plain_text(english).strip()), f"{frame.key} is not translated"
    return shown


def content(kind: str, text: str | None) -> Msg:
    """How a concern's content is quoted back: its text, or a note of the file and caption."""
    if kind == "text":
        return msg("concern-content-text", text=text or "")
    return msg(f"concern-content-{kind}", caption=text or "-")


def topic(value: ConcernTopic | str) -> Msg:
    return msg(f"concern-topic-{ConcernTopic(value).value}")


# --- /concern -------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("anonymous", [False, True], ids=["named", "anonymous"])
async def test_a_member_raises_a_concern_step_by_step(
    bot: Harness, user: int, lang: str, kind: str, anonymous: bool
) -> None:
    await add_members(bot)
    meeting = await schedule(bot, "2026-12-21 14:00")

    await bot.send(user, "/concern")
    assert bot.last(user) == said(bot, lang, "concern-ask", limit=1000)
    file_id = None
    text: str | None = None
    if kind == "text":
        text = TEXTS[lang]
        await bot.send(user, text)
    elif kind == "voice":
        file_id = await bot.send_voice(user)
    else:
        text = CAPTIONS[lang]
        file_id = await bot.send_photo(user, caption=text)
    assert bot.last(user) == said(bot, lang, "concern-ask-topic")
    assert bot.labels(user) == [label(bot, lang, topic(t)) for t in ConcernTopic]

    await bot.press(user, "cnc:topic:security")
    warning = msg(f"concern-privacy-{kind}")
    assert last_two(bot, user) == [
        said(bot, lang, "concern-topic-chosen", topic=topic("security")),
        said(bot, lang, "concern-ask-privacy", warning=warning),
    ]
    assert bot.labels(user) == [
        label(bot, lang, msg("button-concern-named")),
        label(bot, lang, msg("button-concern-anonymous")),
    ]

    await bot.press(user, f"cnc:who:{'anon' if anonymous else 'named'}")
    privacy = (
        msg("concern-confirm-anonymous", warning=warning) if anonymous else msg("concern-is-named")
    )
    assert last_two(bot, user) == [
        said(bot, lang, "concern-is-anonymous" if anonymous else "concern-is-named"),
        said(
            bot,
            lang,
            "concern-confirm",
            content=content(kind, text),
            topic=topic("security"),
            privacy=privacy,
        ),
    ]
    assert bot.labels(user) == [
        label(bot, lang, msg("button-submit")),
        label(bot, lang, msg("button-cancel")),
    ]

    await bot.press(user, "cnc:send")
    [concern] = await concerns(bot)
    assert bot.last(user) == said(bot, lang, "concern-sent", number=concern.id)
    sender = await person_id(bot, user)
    assert (concern.meeting_id, concern.kind, concern.topic) == (
        meeting,
        ConcernKind(kind),
        ConcernTopic.SECURITY,
    )
    assert (concern.text, concern.file_id) == (text, file_id)
    assert (concern.anonymous, concern.author_id) == (anonymous, None if anonymous else sender)
    assert concern.status == ConcernStatus.SUBMITTED
    async with transaction(runtime(bot.app).sessions) as session:
        links = list(await session.scalars(select(ConcernSender.person_id)))
        actors = list(
            await session.scalars(
                select(AuditLog.actor_id).where(AuditLog.action == "concern.submitted")
            )
        )
    assert links == [sender]
    assert actors == [None if anonymous else sender]
    reads_right(bot, user, lang)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_concern_cancelled_at_the_confirmation_is_not_sent(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await bot.send(user, "/concern")
    await bot.send(user, TEXTS[lang])
    await bot.press(user, "cnc:topic:other")
    await bot.press(user, "cnc:who:named")
    await bot.press(user, "cnc:cancel")
    assert bot.last(user) == said(bot, lang, "cancel-done")
    assert await concerns(bot) == []
    reads_right(bot, user, lang)


# --- /myconcerns, and the decisions as their sender reads them --------------------------------


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_myconcerns_lists_each_concern_with_the_decision_the_sender_was_told(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    await schedule(bot, "2026-12-21 14:00")
    await bot.send(user, "/myconcerns")
    assert bot.last(user) == said(bot, lang, "myconcerns-empty")

    await raise_text(bot, user, TEXTS[lang], anonymous=False)
    await raise_file(bot, user, "voice")
    await raise_file(bot, user, "photo", CAPTIONS[lang])
    await raise_text(bot, user, "Radio", anonymous=True)
    named, voice, photo, waiting = await concerns(bot)

    await bot.send(COORDINATOR, "/review")
    await bot.press(COORDINATOR, f"rev:ok:{named.id}")
    assert bot.last(user) == said(bot, lang, "concern-decided-approved", number=named.id)
    await bot.press(COORDINATOR, f"rev:no:{voice.id}")
    await bot.send(COORDINATOR, "Out of scope")
    assert bot.last(user) == said(
        bot, lang, "concern-decided-rejected", number=voice.id, reason="Out of scope"
    )
    await bot.press(COORDINATOR, f"rev:merge:{photo.id}")
    await bot.press(COORDINATOR, f"rev:into:{photo.id}:{named.id}")
    about = msg("concern-merged-into-quote", text=concern_rules.start_of(TEXTS[lang], 80))
    assert bot.last(user) == said(
        bot, lang, "concern-decided-merged", number=photo.id, target=named.id, about=about
    )

    await bot.send(user, "/myconcerns")
    stored = {c.id: c for c in await concerns(bot)}
    lines = [
        msg(
            "myconcerns-line",
            number=concern.id,
            topic=topic(concern.topic),
            status=concern_rules.decision(concern),
            privacy=msg("concern-anonymous" if concern.anonymous else "concern-named"),
            content=content(concern.kind.value, concern_rules.start_of(concern.text)),
        )
        for concern in (stored[waiting.id], stored[photo.id], stored[voice.id], stored[named.id])
    ]
    assert bot.last(user) == said_lines(bot, lang, msg("myconcerns"), lines)
    assert [c.status for c in stored.values()] == [
        ConcernStatus.APPROVED,
        ConcernStatus.REJECTED,
        ConcernStatus.MERGED,
        ConcernStatus.SUBMITTED,
    ]
    reads_right(bot, user, lang)


# --- /review --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_a_coordinator_reviews_approves_rejects_with_a_reason_and_merges(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    await schedule(bot, "2026-12-21 14:00")
    await raise_text(bot, JOHN, TEXTS["en"], anonymous=False)
    await raise_text(bot, AMIR, TEXTS["fa"], anonymous=True)
    await raise_file(bot, ZAHRA, "photo", CAPTIONS["ps"])
    await raise_file(bot, JOHN, "voice")
    named, hidden, photo, voice = await concerns(bot)

    await bot.send(SECOND, "/review")
    cards = [
        said(
            bot,
            lang,
            "review-card",
            number=c.id,
            topic=topic(c.topic),
            sender=msg("review-named", name="John") if not c.anonymous else msg("review-anonymous"),
            content=content(c.kind.value, c.text),
        )
        for c in (named, hidden, photo, voice)
    ]
    shown = [text for text in bot.texts(SECOND) if text]
    assert shown[-4:] == cards
    # The photo and the voice note come first, by file id, with the concern's number.
    for method, concern in (("sendPhoto", photo), ("sendVoice", voice)):
        [media] = bot.api.sent(method, chat_id=SECOND)
        assert media.params[method[4:].lower()] == concern.file_id
        caption = plain(plain_text(media.params["caption"]))
        assert caption == said(bot, lang, "review-caption", number=concern.id)
    buttons = bot.labels(SECOND)
    assert buttons == [
        label(bot, lang, msg("button-approve")),
        label(bot, lang, msg("button-reject")),
        label(bot, lang, msg("button-concern-merge")),
    ]

    await bot.press(SECOND, f"rev:ok:{named.id}")
    assert said(bot, lang, "review-approved-done", number=named.id) in bot.texts(SECOND)
    assert bot.last(JOHN) == said(bot, "en", "concern-decided-approved", number=named.id)

    await bot.press(SECOND, f"rev:no:{hidden.id}")
    assert bot.last(SECOND) == said(bot, lang, "review-ask-reason", number=hidden.id)
    await bot.send(SECOND, REASONS[lang])
    assert bot.last(SECOND) == said(bot, lang, "review-rejected-done", number=hidden.id)
    # The sender, whom the coordinator cannot see, is told in their own language.
    assert bot.last(AMIR) == said(
        bot, "fa", "concern-decided-rejected", number=hidden.id, reason=REASONS[lang]
    )

    await bot.press(SECOND, f"rev:merge:{photo.id}")
    assert bot.last(SECOND) == said(bot, lang, "review-merge-pick", number=photo.id)
    assert bot.labels(SECOND) == [
        label(
            bot,
            lang,
            msg("review-merge-target", number=named.id, text=concern_rules.start_of(TEXTS["en"])),
        ),
        label(bot, lang, msg("review-merge-target", number=voice.id, text="…")),
    ]
    await bot.press(SECOND, f"rev:into:{photo.id}:{named.id}")
    assert bot.last(SECOND) == said(
        bot, lang, "review-merged-done", number=photo.id, target=named.id
    )
    about = msg("concern-merged-into-quote", text=TEXTS["en"])
    assert bot.last(ZAHRA) == said(
        bot, "ps", "concern-decided-merged", number=photo.id, target=named.id, about=about
    )

    await bot.send(SECOND, "/review")  # only the voice note still waits
    assert bot.last(SECOND) == cards[3]
    await bot.press(SECOND, f"rev:ok:{voice.id}")
    await bot.send(SECOND, "/review")
    assert bot.last(SECOND) == said(bot, lang, "review-empty")

    stored = await concerns(bot)
    assert [c.status for c in stored] == [
        ConcernStatus.APPROVED,
        ConcernStatus.REJECTED,
        ConcernStatus.MERGED,
        ConcernStatus.APPROVED,
    ]
    assert stored[1].rejection_reason == REASONS[lang] and stored[2].merged_into_id == named.id
    second = await person_id(bot, SECOND)
    async with transaction(runtime(bot.app).sessions) as session:
        decisions = list(
            await session.execute(
                select(AuditLog.action, AuditLog.actor_id)
                .where(AuditLog.action != "concern.submitted", AuditLog.subject_type == "concern")
                .order_by(AuditLog.id)
            )
        )
    assert [tuple(row) for row in decisions] == [
        ("concern.approved", second),
        ("concern.rejected", second),
        ("concern.merged", second),
        ("concern.approved", second),
    ]
    reads_right(bot, SECOND, lang)
    reads_right(bot, AMIR, "fa")
    reads_right(bot, ZAHRA, "ps")


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_the_daily_digest_tells_each_coordinator_how_many_concerns_wait(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    await schedule(bot, "2026-12-21 14:00")
    await raise_text(bot, JOHN, "Water")
    await raise_text(bot, AMIR, TEXTS["fa"])
    rt = runtime(bot.app)
    assert await queue_digest(rt.sessions, rt.clock, rt.settings) == 2
    await bot.dispatch()
    assert bot.last(SECOND) == said(bot, lang, "concern-digest", count=2)
    assert bot.last(COORDINATOR) == said(bot, "en", "concern-digest", count=2)
    assert await queue_digest(rt.sessions, rt.clock, rt.settings) == 0  # once a day
    reads_right(bot, SECOND, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_review_shows_five_concerns_then_a_button_for_the_next(
    bot: Harness, lang: str
) -> None:
    await add_members(bot)
    await coordinator_in(bot, SECOND, lang)
    await schedule(bot, "2026-12-21 14:00")
    for n in range(6):
        await raise_text(bot, JOHN, f"Concern {n}")
    await bot.send(SECOND, "/review")
    assert bot.last(SECOND) == said(bot, lang, "review-more")
    assert bot.labels(SECOND) == [label(bot, lang, msg("button-next"))]
    await bot.press_label(SECOND, label(bot, lang, msg("button-next")))
    sixth = (await concerns(bot))[-1]
    assert bot.last(SECOND) == said(
        bot,
        lang,
        "review-card",
        number=sixth.id,
        topic=topic(sixth.topic),
        sender=msg("review-anonymous"),
        content=content("text", "Concern 5"),
    )
    reads_right(bot, SECOND, lang)


# --- /agenda --------------------------------------------------------------------------------

AGENDA_TEXTS = ["Water for the camps", "ایمنی کارمندان در راه‌ها", "د ښځو لپاره روزنه"]


def board(
    meeting: Meeting, left: int, items: list[tuple[int, str, int, bool]]
) -> tuple[Msg, list[Msg]]:
    """The agenda board's frame and lines: (number, text, dots, mine) in rank order."""
    frame = msg("agenda-board", title=meeting.title, when=when(meeting), left=left, dots=3)
    lines = [
        msg(
            "agenda-line-mine" if mine else "agenda-line",
            rank=rank,
            text=text,
            number=number,
            count=count,
        )
        for rank, (number, text, count, mine) in enumerate(items, 1)
    ]
    return frame, lines


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_a_member_puts_dots_on_the_agenda_and_takes_one_back(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    meeting_id = await schedule(bot, "2026-12-21 14:00")
    meeting = await meeting_row(bot, meeting_id)
    await raise_concerns(bot, meeting_id, *AGENDA_TEXTS)
    water, safety, training = AGENDA_TEXTS

    await bot.send(user, "/agenda")
    frame, lines = board(
        meeting, 3, [(1, water, 0, False), (2, safety, 0, False), (3, training, 0, False)]
    )
    assert bot.last(user) == said_lines(bot, lang, frame, lines)
    assert bot.labels(user) == [
        label(bot, lang, msg("agenda-button", number=n, text=t))
        for n, t in enumerate(AGENDA_TEXTS, 1)
    ]

    await bot.press(user, "agd:add:2:0")
    assert last_answer(bot) == said(bot, lang, "agenda-dot-added", number=2)
    frame, lines = board(
        meeting, 2, [(2, safety, 1, True), (1, water, 0, False), (3, training, 0, False)]
    )
    assert bot.last(user) == said_lines(bot, lang, frame, lines)
    assert bot.labels(user)[0] == label(bot, lang, msg("agenda-button-mine", number=2, text=safety))
    await bot.press(user, "agd:add:3:0")
    await bot.press(user, "agd:del:2:0")
    assert last_answer(bot) == said(bot, lang, "agenda-dot-taken", number=2)
    frame, lines = board(
        meeting, 2, [(3, training, 1, True), (1, water, 0, False), (2, safety, 0, False)]
    )
    assert bot.last(user) == said_lines(bot, lang, frame, lines)

    voter = await person_id(bot, user)
    async with transaction(runtime(bot.app).sessions) as session:
        dots = list(await session.execute(select(AgendaVote.person_id, AgendaVote.concern_id)))
    assert [tuple(dot) for dot in dots] == [(voter, 3)]
    reads_right(bot, user, lang)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_the_agenda_has_pages_and_shows_the_final_order_once_voting_closes(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    meeting_id = await schedule(bot, "2026-12-03 10:00")
    meeting = await meeting_row(bot, meeting_id)
    texts = [f"{AGENDA_TEXTS[n % 3]} {n}" for n in range(1, 9)]
    await raise_concerns(bot, meeting_id, *texts)
    await bot.send(user, "/agenda")
    frame, lines = board(meeting, 3, [(n, t, 0, False) for n, t in enumerate(texts[:6], 1)])
    page = msg("agenda-page", page=1, pages=2)
    assert bot.last(user) == said_lines(bot, lang, frame, [*lines, page])
    assert bot.labels(user)[-1] == label(bot, lang, msg("button-next"))
    await bot.press_label(user, label(bot, lang, msg("button-next")))
    frame, lines = board(meeting, 3, [(n, t, 0, False) for n, t in enumerate(texts, 1)])
    page = msg("agenda-page", page=2, pages=2)
    assert bot.last(user) == said_lines(bot, lang, frame, [*lines[6:], page])
    assert bot.labels(user)[-1] == label(bot, lang, msg("button-previous"))
    await bot.press(user, "agd:add:8:1")
    assert last_answer(bot) == said(bot, lang, "agenda-dot-added", number=8)

    await meeting_starts(bot, meeting_id)
    await bot.send(user, "/agenda")
    final = msg("agenda-final", title=meeting.title, when=when(meeting))
    ranked = [(8, texts[7], 1, True)] + [(n, t, 0, False) for n, t in enumerate(texts[:4], 1)]
    _, lines = board(meeting, 3, ranked)
    assert bot.last(user) == said_lines(bot, lang, final, lines)
    reads_right(bot, user, lang)


@pytest.mark.parametrize(("user", "lang"), IN_EACH_LANGUAGE)
async def test_two_taps_at_once_put_one_dot_and_both_are_answered(
    bot: Harness, user: int, lang: str
) -> None:
    await add_members(bot)
    meeting_id = await schedule(bot, "2026-12-21 14:00")
    await raise_concerns(bot, meeting_id, *AGENDA_TEXTS)
    await bot.send(user, "/agenda")
    taps = [bot.api.callback_update(user, "agd:add:2:0") for _ in "ab"]
    await asyncio.gather(*(bot._process(tap) for tap in taps))
    assert [plain(answer.get("text")) for answer in bot.answers()[-2:]] == [
        said(bot, lang, "agenda-dot-added", number=2)
    ] * 2
    async with transaction(runtime(bot.app).sessions) as session:
        dots = list(await session.scalars(select(AgendaVote.concern_id)))
    assert dots == [2]
    reads_right(bot, user, lang)
