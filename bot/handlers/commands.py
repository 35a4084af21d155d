"""Every command, declared once: the handlers, /help and the command menus all come from here.

The order is the order of /help and of the menus.
"""

from __future__ import annotations

from telegram.ext import CommandHandler

from bot.handlers import (
    agenda,
    board,
    broadcast,
    checkin,
    concerns,
    coordinators,
    export,
    meetings,
    members,
    motions,
    outcome,
    privacy,
    proxy,
    registration,
    reports,
    series,
    start,
    summary,
)
from bot.handlers.menu import Audience, Command

EVERYONE, NEWCOMER, MEMBER = Audience.EVERYONE, Audience.NEWCOMER, Audience.MEMBER
ADMIN, COORDINATOR = Audience.ADMIN, Audience.COORDINATOR

COMMANDS: tuple[Command, ...] = (
    Command("start", EVERYONE, start.cmd_start),
    Command("help", EVERYONE, start.cmd_help, where="any"),
    Command("next", MEMBER, meetings.cmd_next),
    Command("meetings", MEMBER, meetings.cmd_meetings),
    Command("agenda", MEMBER, agenda.cmd_agenda),
    Command("concern", MEMBER, concerns.cmd_concern),
    Command("myconcerns", MEMBER, concerns.cmd_myconcerns),
    Command("language", EVERYONE, start.cmd_language),
    Command("myorgs", EVERYONE, members.cmd_myorgs),
    Command("orgs", MEMBER, members.cmd_orgs),
    # A member joins another organization through the link its admin sends; /join stays
    # for newcomers, who have only a code. A member may still register another organization.
    Command("join", NEWCOMER, members.cmd_join),
    Command("register", EVERYONE, registration.cmd_register),
    Command("cancel", EVERYONE, start.cmd_cancel),
    Command("vote", MEMBER, motions.cmd_vote),
    Command("checkin", MEMBER, checkin.cmd_checkin),
    Command("mydata", EVERYONE, privacy.cmd_mydata),
    Command("leave", EVERYONE, privacy.cmd_leave),
    Command("forgetme", EVERYONE, privacy.cmd_forgetme),
    Command("invite", ADMIN, members.cmd_invite),
    Command("members", ADMIN, members.cmd_members),
    Command("newmeeting", COORDINATOR, meetings.cmd_newmeeting),
    Command("series", COORDINATOR, series.cmd_series),
    Command("editmeeting", COORDINATOR, meetings.cmd_editmeeting),
    Command("cancelmeeting", COORDINATOR, meetings.cmd_cancelmeeting),
    Command("motion", COORDINATOR, motions.cmd_motion),
    Command("ballots", COORDINATOR, motions.cmd_ballots),
    Command("proxy", COORDINATOR, proxy.cmd_proxy),
    Command("outcome", COORDINATOR, outcome.cmd_outcome),
    Command("review", COORDINATOR, concerns.cmd_review),
    Command("broadcast", COORDINATOR, broadcast.cmd_broadcast),
    Command("board", COORDINATOR, board.cmd_board),
    Command("attendance", COORDINATOR, reports.cmd_attendance),
    Command("deliveries", COORDINATOR, reports.cmd_deliveries),
    Command("export", COORDINATOR, export.cmd_export),
    Command("summary", COORDINATOR, summary.cmd_summary),
    Command("pending", COORDINATOR, registration.cmd_pending),
    Command("promote", COORDINATOR, coordinators.cmd_promote),
    Command("demote", COORDINATOR, coordinators.cmd_demote),
    Command("bindgroup", COORDINATOR, coordinators.cmd_bindgroup, where="group"),
)


def handlers() -> list[object]:
    """One CommandHandler per declared command."""
    return [CommandHandler(command.name, command.callback) for command in COMMANDS]
