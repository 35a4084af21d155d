"""The kinds of message the bot sends on its own; each is declared once in bot.delivery."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """What an outbox row is; services enqueue by these names and nothing else."""

    INVITATION = "invitation"
    REMINDER = "reminder"
    NUDGE = "nudge"
    # Stored as "update" since the first release: rows already queued keep their meaning.
    CHANGE = "update"
    CANCELLATION = "cancellation"
    PROMOTION = "promotion"
    NOTICE = "notice"  # a message to one person that is not about a meeting
    GROUP = "group"  # a notice to the coordination group
    CARD_EDIT = "card-edit"  # a person's live card edited to the meeting as it is now
    CARD_RETIRE = "card-retire"  # an older card loses its buttons: a newer one is live
    # Found through the concern's sender link, never shown to whoever decided.
    CONCERN_DECISION = "concern-decision"  # a concern approved, rejected or merged
    CONCERN_DIGEST = "concern-digest"  # the daily count of concerns waiting, to coordinators
    BALLOT = "ballot"  # a motion's ballot to each member
    ORG_BALLOT = "org-ballot"  # a motion's ballot to each organization's delegate (or admin)
    MOTION_RESULT = "motion-result"  # a closed motion's result, to the coordination group
    SUMMARY = "summary"  # a meeting's outcome summary and chart, to the group and coordinators
    BROADCAST = "broadcast"  # a coordinator's notice, to each person in its audience
    ACTION_DUE = "action-due"  # an action item's owner is reminded before it is due


# Kinds sent with the answer buttons: each becomes the person's live card of its meeting.
LIVE_CARD_KINDS = frozenset(
    {Kind.INVITATION, Kind.REMINDER, Kind.NUDGE, Kind.PROMOTION, Kind.CARD_EDIT}
)
