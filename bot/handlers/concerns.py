"""Concerns through Telegram: /concern, /myconcerns, and /review for coordinators.

Nothing here writes who sent an anonymous concern into a message for anyone else, a log line
or an audit entry: the service keeps that link, and only uses it to answer the sender.
"""

from __future__ import annotations

from telegram.ext import CallbackQueryHandler

from bot.handlers.common import (
    Button,
    CallbackData,
    Edit,
    Lines,
    Replies,
    Send,
    SendMedia,
    Toast,
    Turn,
    handler,
)
from bot.handlers.dialogs import Media, flow, takes_media
from bot.i18n import Msg, msg
from bot.presentation import NUMBER, Keyboard, Reply
from bot.services import concerns, dialogs
from bot.services.errors import DomainError
from db.models import Concern, ConcernKind, ConcernTopic, Dialog

CONCERN = "concern"
REJECT = "concern-reject"
CNC = CallbackData("cnc")
REV = CallbackData("rev")
TOPICS = "(" + "|".join(topic.value for topic in ConcernTopic) + ")"
REVIEW_BATCH = 5  # concerns per /review; a button shows the next ones


def _start_of(text: str | None) -> str:
    """The start of a concern's text on a button; a voice note or photo without a caption
    shows an ellipsis."""
    return concerns.start_of(text) or "…"


def _topic(topic: ConcernTopic | str) -> Msg:
    return msg(f"concern-topic-{ConcernTopic(topic).value}")


# --- /concern: content, topic, named or anonymous, confirm ---------------------------------


@handler()
async def cmd_concern(turn: Turn) -> Replies:
    concerns.ensure_can_raise(turn.actor)
    await dialogs.begin(turn.session, turn.clock, turn.person, CONCERN, "content")
    return Send(msg("concern-ask", limit=concerns.TEXT_LIMIT))


def _topic_question() -> Send:
    rows = [[Button(_topic(topic), CNC.build("topic", topic.value))] for topic in concerns.TOPICS]
    return Send(msg("concern-ask-topic"), rows)


def _content(kind: ConcernKind | str, text: str | None) -> Msg:
    kind = ConcernKind(kind)
    if kind == ConcernKind.TEXT:
        return msg("concern-content-text", text=text or "")
    return msg(f"concern-content-{kind.value}", caption=text or "-")


def _privacy_question(dialog: Dialog) -> Send:
    kind = ConcernKind(dialog.data["kind"])
    warning = msg(f"concern-privacy-{kind.value}")
    rows = [
        [Button(msg("button-concern-named"), CNC.build("who", "named"))],
        [Button(msg("button-concern-anonymous"), CNC.build("who", "anon"))],
    ]
    return Send(msg("concern-ask-privacy", warning=warning), rows)


def _confirmation(dialog: Dialog) -> Send:
    data = dialog.data
    rows = [
        [
            Button(msg("button-submit"), CNC.build("send")),
            Button(msg("button-cancel"), CNC.build("cancel")),
        ]
    ]
    if data["anonymous"]:
        # Said again where the member decides: what anonymous hides, and what it cannot.
        warning = msg(f"concern-privacy-{ConcernKind(data['kind']).value}")
        privacy = msg("concern-confirm-anonymous", warning=warning)
    else:
        privacy = msg("concern-is-named")
    text = msg(
        "concern-confirm",
        content=_content(data["kind"], data.get("text")),
        topic=_topic(data["topic"]),
        privacy=privacy,
    )
    return Send(text, rows)


def _prompt(dialog: Dialog) -> Send:
    """The question of the step the concern is at, asked again."""
    if dialog.step == "topic":
        return _topic_question()
    if dialog.step == "privacy":
        return _privacy_question(dialog)
    return _confirmation(dialog)


def _got(
    dialog: Dialog, turn: Turn, kind: ConcernKind, text: str | None, file_id: str | None
) -> Send:
    dialogs.advance(dialog, turn.clock, "topic", kind=kind.value, text=text, file_id=file_id)
    return _topic_question()


@flow(CONCERN)
async def concern_text(turn: Turn, dialog: Dialog, text: str) -> Replies:
    if dialog.step != "content":
        return [Send(msg("concern-use-buttons")), _prompt(dialog)]
    cleaned = concerns.check_text(text, required=True)
    return _got(dialog, turn, ConcernKind.TEXT, cleaned, None)


@takes_media(CONCERN, ("voice", "photo"), refusal="concern-send-kinds")
async def concern_media(turn: Turn, dialog: Dialog, media: Media) -> Replies:
    if dialog.step != "content":
        return [Send(msg("concern-use-buttons")), _prompt(dialog)]
    caption = concerns.check_text(media.caption, required=False)
    kind = ConcernKind.VOICE if media.kind == "voice" else ConcernKind.PHOTO
    return _got(dialog, turn, kind, caption, media.file_id)


async def _concern_at(turn: Turn, step: str) -> Dialog:
    dialog = await dialogs.current(turn.session, turn.person)
    if dialog is None or dialog.flow != CONCERN or dialog.step != step:
        raise DomainError("error-stale-button")
    return dialog


@handler()
async def on_topic(turn: Turn) -> Replies:
    dialog = await _concern_at(turn, "topic")
    topic = ConcernTopic(turn.group(1))
    dialogs.advance(dialog, turn.clock, "privacy", topic=topic.value)
    return [Edit(msg("concern-topic-chosen", topic=_topic(topic))), _privacy_question(dialog)]


@handler()
async def on_privacy(turn: Turn) -> Replies:
    dialog = await _concern_at(turn, "privacy")
    anonymous = turn.group(1) == "anon"
    dialogs.advance(dialog, turn.clock, "confirm", anonymous=anonymous)
    chosen = msg("concern-is-anonymous" if anonymous else "concern-is-named")
    return [Edit(chosen), _confirmation(dialog)]


@handler()
async def on_send(turn: Turn) -> Replies:
    dialog = await _concern_at(turn, "confirm")
    data = dialog.data
    draft = concerns.Draft(ConcernKind(data["kind"]), data.get("text"), data.get("file_id"))
    concern = await concerns.submit(
        turn.session,
        turn.clock,
        turn.actor,
        draft,
        ConcernTopic(data["topic"]),
        anonymous=bool(data["anonymous"]),
    )
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("concern-sent", number=concern.id))


@handler()
async def on_cancel(turn: Turn) -> Replies:
    await _concern_at(turn, "confirm")
    await dialogs.finish(turn.session, turn.person)
    return Edit(msg("cancel-done"))


# --- /myconcerns ------------------------------------------------------------------------------


def _own_line(concern: Concern) -> Msg:
    return msg(
        "myconcerns-line",
        number=concern.id,
        topic=_topic(concern.topic),
        status=concerns.decision(concern),
        privacy=msg("concern-anonymous" if concern.anonymous else "concern-named"),
        content=_content(concern.kind, concerns.start_of(concern.text)),
    )


@handler()
async def cmd_myconcerns(turn: Turn) -> Replies:
    mine = await concerns.mine(turn.session, turn.actor)
    if not mine:
        return Send(msg("myconcerns-empty"))
    return Lines(msg("myconcerns"), [_own_line(concern) for concern in mine])


# --- /review for coordinators -----------------------------------------------------------------


def _review_card(concern: concerns.ForReview) -> list[Reply]:
    replies: list[Reply] = []
    if concern.file_id is not None and concern.kind in (ConcernKind.VOICE, ConcernKind.PHOTO):
        caption = msg("review-caption", number=concern.id)
        if concern.kind == ConcernKind.VOICE:
            replies.append(SendMedia("voice", concern.file_id, caption))
        else:
            replies.append(SendMedia("photo", concern.file_id, caption))
    sender: Msg | str = (
        msg("review-anonymous")
        if concern.anonymous or concern.author is None
        else msg("review-named", name=concern.author)
    )
    rows: Keyboard = [
        [
            Button(msg("button-approve"), REV.build("ok", concern.id)),
            Button(msg("button-reject"), REV.build("no", concern.id)),
        ],
        [Button(msg("button-concern-merge"), REV.build("merge", concern.id))],
    ]
    text = msg(
        "review-card",
        number=concern.id,
        topic=_topic(concern.topic),
        sender=sender,
        content=_content(concern.kind, concern.text),
    )
    replies.append(Send(text, rows))
    return replies


async def _review_from(turn: Turn, after: int) -> list[Reply]:
    replies: list[Reply] = []
    last = after
    for _ in range(REVIEW_BATCH):
        concern = await concerns.next_for_review(turn.session, turn.actor, last)
        if concern is None:
            break
        replies += _review_card(concern)
        last = concern.id
    if not replies:
        return [Send(msg("review-empty"))]
    if await concerns.next_for_review(turn.session, turn.actor, last) is not None:
        more = [[Button(msg("button-next"), REV.build("more", last))]]
        replies.append(Send(msg("review-more"), more))
    return replies


@handler()
async def cmd_review(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    return await _review_from(turn, 0)


@handler()
async def on_more(turn: Turn) -> Replies:
    turn.actor.require_coordinator()
    return [Toast(), *await _review_from(turn, turn.int_group(1))]


@handler()
async def on_approve(turn: Turn) -> Replies:
    concern = await concerns.approve(turn.session, turn.clock, turn.actor, turn.int_group(1))
    return [Edit(msg("review-approved-done", number=concern.id)), turn.wake()]


@handler()
async def on_reject(turn: Turn) -> Replies:
    concern = await concerns.waiting(turn.session, turn.actor, turn.int_group(1))
    data = {"concern_id": concern.id}
    await dialogs.begin(turn.session, turn.clock, turn.person, REJECT, "reason", data)
    return [Toast(), Send(msg("review-ask-reason", number=concern.id))]


@flow(REJECT)
async def rejection_reason(turn: Turn, dialog: Dialog, text: str) -> Replies:
    concern_id = int(dialog.data["concern_id"])
    try:
        concern = await concerns.reject(turn.session, turn.clock, turn.actor, concern_id, text)
    except DomainError as error:
        if error.key not in ("review-already-decided", "error-stale-button"):
            raise  # an empty or long reason: the question stays open
        # Another coordinator decided it meanwhile: nothing left to give a reason for. The
        # answer is a reply, not a raised error, so that ending the question is kept.
        await dialogs.finish(turn.session, turn.person)
        return Send(msg(error.key, **error.params))
    await dialogs.finish(turn.session, turn.person)
    return [Send(msg("review-rejected-done", number=concern.id)), turn.wake()]


@handler()
async def on_merge(turn: Turn) -> Replies:
    concern_id = turn.int_group(1)
    targets = await concerns.merge_targets(turn.session, turn.actor, concern_id)
    if not targets:
        return Toast(msg("review-merge-none", number=concern_id), alert=True)
    rows = [
        [
            Button(
                msg("review-merge-target", number=target.id, text=_start_of(target.text)),
                REV.build("into", concern_id, target.id),
            )
        ]
        for target in targets
    ]
    return [Toast(), Send(msg("review-merge-pick", number=concern_id), rows)]


@handler()
async def on_merge_into(turn: Turn) -> Replies:
    concern = await concerns.merge(
        turn.session, turn.clock, turn.actor, turn.int_group(1), turn.int_group(2)
    )
    done = msg("review-merged-done", number=concern.id, target=concern.merged_into_id or 0)
    return [Edit(done), turn.wake()]


def handlers() -> list[object]:
    return [
        CallbackQueryHandler(on_topic, pattern=CNC.route("topic", TOPICS)),
        CallbackQueryHandler(on_privacy, pattern=CNC.route("who", "(named|anon)")),
        CallbackQueryHandler(on_send, pattern=CNC.route("send")),
        CallbackQueryHandler(on_cancel, pattern=CNC.route("cancel")),
        CallbackQueryHandler(on_more, pattern=REV.route("more", NUMBER)),
        CallbackQueryHandler(on_approve, pattern=REV.route("ok", NUMBER)),
        CallbackQueryHandler(on_reject, pattern=REV.route("no", NUMBER)),
        CallbackQueryHandler(on_merge, pattern=REV.route("merge", NUMBER)),
        CallbackQueryHandler(on_merge_into, pattern=REV.route("into", NUMBER, NUMBER)),
    ]
