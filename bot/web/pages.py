"""The board's pages as HTML fragments, in the reader's language, from what services returned.

Every word comes from the catalogs (as in the chat: Persian digits and Solar Hijri dates in
Dari and Pashto); every text people wrote is escaped. No inline script or style: the page's
Content-Security-Policy allows neither. Buttons say what they do with data attributes that
bot/web/static/board.js reads.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime

from bot.i18n import FSI, PDI, RIGHT_TO_LEFT, Catalog, Html, Msg, When, msg
from bot.i18n.calendar import format_number
from bot.services import checkin as checkins
from bot.services import rsvp
from bot.services.agenda import Board, Item, agenda_of
from bot.services.attendance import Answers
from bot.services.concerns import REASON_LIMIT, ForReview, start_of
from bot.services.motions import Result, result_message
from bot.views import when
from db.models import ConcernKind, ConcernStatus, ConcernTopic, Meeting, Motion

# The pages that refresh themselves while open.
LIVE = ("attendance", "motions", "checkin")
NAV_ICONS = {
    "attendance": "button-board-attendance",
    "concerns": "button-board-concerns",
    "agenda": "button-board-agenda",
    "motions": "button-board-motions",
    "checkin": "button-board-checkin",
}
STATUS_KEYS = {
    "submitted": "concern-status-submitted",
    "approved": "concern-status-approved",
    "rejected": "concern-status-rejected",
    "merged": "concern-status-merged",
    "all": "board-status-all",
}


def e(text: str) -> str:
    """Text people wrote, safe in HTML (attribute values included)."""
    return html.escape(text, quote=True)


class Page:
    """Renders fragments for one reader."""

    def __init__(self, catalog: Catalog, lang: str) -> None:
        self.catalog = catalog
        self.lang = lang

    # --- words and numbers ----------------------------------------------------------------

    def text(self, key: str, **params: object) -> str:
        """A catalog message as safe HTML."""
        return self.catalog.render(self.lang, Msg(key, params))

    def plain(self, key: str, **params: object) -> str:
        """A catalog message as plain text (for an attribute or a title), not yet escaped."""
        return self.catalog.render(self.lang, Msg(key, params), plain=True)

    def num(self, number: int) -> str:
        return format_number(number, self.lang, grouping=False)

    def numbers(self, ids: Sequence[int]) -> Html:
        comma = "، " if self.lang in RIGHT_TO_LEFT else ", "
        return Html(comma.join(f"#{self.num(i)}" for i in ids))

    def when(self, at: When) -> str:
        return e(at.render(self.lang))

    def names(self, names: Sequence[str]) -> Html:
        """Names people chose, escaped and each isolated (a Latin name in Dari text)."""
        comma = "، " if self.lang in RIGHT_TO_LEFT else ", "
        return Html(comma.join(f"{FSI}{html.escape(name, quote=False)}{PDI}" for name in names))

    def empty(self, key: str) -> str:
        return f'<p class="empty msg">{self.text(key)}</p>'

    # --- navigation -----------------------------------------------------------------------

    def nav(self, names: Sequence[str]) -> str:
        buttons = "".join(
            f'<button type="button" data-page="{name}">{self.text(NAV_ICONS[name])}</button>'
            for name in names
        )
        return f'<nav class="tabs">{buttons}</nav>'

    def _meeting_head(self, meeting: Meeting, choices: Sequence[Meeting]) -> str:
        picker = ""
        if len(choices) > 1:
            options = "".join(
                f'<option value="{m.id}"{" selected" if m.id == meeting.id else ""}>'
                f"{e(m.title)} · {self.when(when(m))}</option>"
                for m in choices
            )
            picker = (
                f'<label class="pick">{self.text("board-pick-meeting")} '
                f'<select name="meeting" data-view>{options}</select></label>'
            )
        return (
            f'<header class="meeting"><h1>{e(meeting.title)}</h1>'
            f'<p class="when">{self.when(when(meeting))}</p>{picker}</header>'
        )

    # --- attendance -----------------------------------------------------------------------

    def _counts(self, counts: rsvp.Counts) -> str:
        return self.text(
            "attendance-total",
            going=counts.going,
            maybe=counts.maybe,
            declined=counts.declined,
            waitlist=counts.waitlist,
            none=counts.no_answer,
        )

    def attendance(
        self,
        meeting: Meeting,
        choices: Sequence[Meeting],
        numbers: rsvp.Attendance,
        groups: Sequence[Answers],
        came: checkins.Attendance,
        who_came: Sequence[tuple[str | None, str]],
    ) -> str:
        by_org = dict(numbers.by_organization)
        checked: dict[str | None, list[str]] = {}
        for organization, name in who_came:
            checked.setdefault(organization, []).append(name)
        sections = []
        for group in groups:
            if group.organization is None:
                heading = self.text("board-no-organization")
                counts = ""
            else:
                heading = e(group.organization)
                counts = self._counts(by_org.get(group.organization, rsvp.Counts()))
            items = "".join(
                f'<li class="{css}">{self.text(key, names=self.names(names))}</li>'
                for css, key, names in (
                    ("going", "attendance-going", group.going),
                    ("maybe", "attendance-maybe", group.maybe),
                    ("declined", "attendance-declined", group.declined),
                    ("waitlist", "attendance-waitlist", group.waitlist),
                    ("none", "attendance-no-answer", group.no_answer),
                )
                if names
            )
            here = checked.pop(group.organization, [])
            if here:
                items += (
                    f'<li class="came">{self.text("board-checked-in", names=self.names(here))}</li>'
                )
            sections.append(
                f'<section class="org"><h2>{heading}</h2>'
                f'<p class="counts" data-count>{counts}</p><ul>{items}</ul></section>'
            )
        # Walk-ins, and anyone whose organization is no longer listed.
        guests = [name for rest in checked.values() for name in rest]
        if guests:
            sections.append(
                f'<section class="org"><h2>{self.text("board-checked-in-guests")}</h2><ul>'
                f'<li class="came">{self.text("board-checked-in", names=self.names(guests))}'
                "</li></ul></section>"
            )
        return (
            f'<div class="attendance">{self._meeting_head(meeting, choices)}'
            f'<p class="total" data-count>{self._counts(numbers.total)}</p>'
            f'<p class="came" data-count>{self._came(came)}</p>'
            f"{''.join(sections) or self.empty('board-no-organizations')}</div>"
        )

    def _came(self, came: checkins.Attendance) -> str:
        return self.text(
            "board-checkin-count",
            people=came.people,
            organizations=came.organizations,
            approved=came.approved,
        )

    # --- the concerns queue ---------------------------------------------------------------

    def _select(self, name: str, chosen: str, options: Sequence[tuple[str, str]]) -> str:
        shown = "".join(
            f'<option value="{e(value)}"{" selected" if value == chosen else ""}>{label}</option>'
            for value, label in options
        )
        return f'<select name="{name}">{shown}</select>'

    def _filters(self, status: str, topic: str, search: str) -> str:
        statuses = [(value, self.text(key)) for value, key in STATUS_KEYS.items()]
        topics = [("", self.text("board-all-topics"))] + [
            (t.value, self.text(f"concern-topic-{t.value}")) for t in ConcernTopic
        ]
        return (
            '<form class="filters" data-filters>'
            f"<label>{self.text('board-filter-status')} "
            f"{self._select('status', status, statuses)}</label>"
            f"<label>{self.text('board-filter-topic')} "
            f"{self._select('topic', topic, topics)}</label>"
            f'<input type="search" name="q" value="{e(search)}" maxlength="100" '
            f'placeholder="{e(self.plain("board-search"))}" '
            f'aria-label="{e(self.plain("board-search"))}">'
            f'<button type="submit">{self.text("board-search-button")}</button></form>'
        )

    def _target_options(self, targets: Sequence[ForReview]) -> str:
        choose = f'<option value="">{self.text("board-merge-choose")}</option>'
        return choose + "".join(
            f'<option value="{t.id}">#{self.num(t.id)} '
            f"{e(start_of(t.text) or self.plain('board-no-text'))}</option>"
            for t in targets
        )

    def _decisions(self, concern_id: int | None) -> str:
        """Approve, reject with a reason, merge: for one concern, or (None) the chosen ones."""
        which = f'data-id="{concern_id}"' if concern_id is not None else "data-bulk"
        reason = (
            f'<input name="reason" maxlength="{REASON_LIMIT}" '
            f'placeholder="{e(self.plain("board-reason"))}" '
            f'aria-label="{e(self.plain("board-reason"))}">'
        )
        return (
            f'<button type="button" class="approve" data-action="concerns/approve" {which}>'
            f"{self.text('board-approve')}</button>"
            f'<details class="reject"><summary>{self.text("board-reject")}</summary>{reason}'
            f'<button type="button" data-action="concerns/reject" {which}>'
            f"{self.text('board-reject-confirm')}</button></details>"
        )

    def _concern(self, concern: ForReview) -> str:
        sender = (
            self.text("review-anonymous")
            if concern.anonymous or concern.author is None
            else self.text("review-named", name=concern.author)
        )
        head = self.text(
            "board-concern-head",
            number=concern.id,
            topic=self.catalog.render(self.lang, msg(f"concern-topic-{concern.topic.value}")),
            status=self.catalog.render(self.lang, msg(STATUS_KEYS[concern.status.value])),
        )
        media = ""
        if concern.kind == ConcernKind.VOICE:
            media = (
                f'<button type="button" class="media" data-file="{concern.id}" data-kind="voice">'
                f"{self.text('board-play-voice')}</button>"
            )
        elif concern.kind == ConcernKind.PHOTO:
            media = (
                f'<button type="button" class="media" data-file="{concern.id}" data-kind="photo">'
                f"{self.text('board-show-photo')}</button>"
            )
        text = f'<p class="text">{e(concern.text)}</p>' if concern.text else ""
        waiting = concern.status == ConcernStatus.SUBMITTED
        pick = (
            f'<input type="checkbox" name="pick" value="{concern.id}" '
            f'aria-label="{e(self.plain("board-choose", number=concern.id))}">'
            if waiting
            else ""
        )
        actions = f'<div class="actions">{self._decisions(concern.id)}</div>' if waiting else ""
        return (
            f'<li class="concern {concern.status.value}" data-scope data-concern="{concern.id}">'
            f'<div class="head">{pick}<span>{head}</span></div>'
            f'<p class="sender">{sender}</p>{text}{media}{actions}</li>'
        )

    def concerns(
        self,
        shown: Sequence[ForReview],
        targets: Sequence[ForReview],
        status: str,
        topic: str,
        search: str,
    ) -> str:
        waiting = any(c.status == ConcernStatus.SUBMITTED for c in shown)
        bulk = ""
        if waiting:
            bulk = (
                f'<div class="bulk" data-scope><p>{self.text("board-with-chosen")}</p>'
                f"{self._decisions(None)}"
                f'<div class="merge"><select name="target" aria-label="'
                f'{e(self.plain("board-merge-choose"))}">{self._target_options(targets)}</select>'
                f'<button type="button" data-action="concerns/merge" data-bulk>'
                f"{self.text('board-merge')}</button></div></div>"
            )
        items = "".join(self._concern(c) for c in shown)
        listing = f'<ul class="queue">{items}</ul>' if items else self.empty("board-queue-empty")
        return f'<div class="concerns">{self._filters(status, topic, search)}{bulk}{listing}</div>'

    # --- the agenda -------------------------------------------------------------------------

    def agenda(self, board: Board) -> str:
        meeting = board.meeting
        head = self._meeting_head(meeting, ())
        if board.closed:
            chosen = agenda_of(board)
            rows = "".join(self._agenda_item(item, open_=False) for item in chosen)
            listing = f'<ol class="ranked">{rows}</ol>' if rows else self.empty("agenda-empty")
            return (
                f'<div class="agenda">{head}<p class="msg">{self.text("board-agenda-closed")}</p>'
                f"{listing}</div>"
            )
        rows = "".join(self._agenda_item(item, open_=True) for item in board.items)
        listing = f'<ol class="ranked">{rows}</ol>' if rows else self.empty("agenda-empty")
        left = self.text("board-agenda-dots", left=board.dots_left, dots=board.dots)
        return f'<div class="agenda">{head}<p class="dots-left msg">{left}</p>{listing}</div>'

    def _agenda_item(self, item: Item, *, open_: bool) -> str:
        text = e(item.text) if item.text else self.text("board-no-text")
        button = ""
        if open_:
            action, key = ("take", "board-take-dot") if item.mine else ("add", "board-add-dot")
            button = (
                f'<button type="button" data-action="agenda/{action}" data-id="{item.concern_id}">'
                f"{self.text(key)}</button>"
            )
        mine = " mine" if item.mine else ""
        return (
            f'<li class="item{mine}" data-scope><p class="text">{text} '
            f'<span class="number">#{self.num(item.concern_id)}</span></p>'
            f'<p class="dots">{self.text("board-dots", count=item.dots)}</p>{button}</li>'
        )

    # --- motions --------------------------------------------------------------------------

    def motions(
        self,
        open_: Sequence[tuple[Motion, Result]],
        closed: Sequence[tuple[Motion, Result]],
        zone: str,
        days: int,
    ) -> str:
        live = "".join(self._open_motion(m, r, zone) for m, r in open_)
        done = "".join(
            f'<article class="motion closed"><p class="msg">'
            f"{self.catalog.render(self.lang, result_message(m, r))}</p></article>"
            for m, r in closed
        )
        return (
            f'<div class="motions"><h2>{self.text("board-motions-open")}</h2>'
            f"{live or self.empty('board-no-open-motions')}"
            f"<h2>{self.text('board-motions-closed', days=days)}</h2>"
            f"{done or self.empty('board-no-closed-motions')}</div>"
        )

    def _open_motion(self, motion: Motion, result: Result, zone: str) -> str:
        turnout = self.text(
            "board-turnout",
            cast=result.cast,
            eligible=result.eligible,
            quorum=motion.quorum_percent,
            state=msg("motion-quorum-met" if result.quorum_met else "motion-quorum-not-met"),
        )
        needed = -(-motion.quorum_percent * result.eligible // 100)
        closes = self.text("board-closes", when=When(motion.closes_at, zone))
        how = self.text("motion-secret-note" if motion.secret else "motion-public-note")
        met = " met" if result.quorum_met else ""
        return (
            f'<article class="motion open{met}" data-motion="{motion.id}">'
            f"<h3>{e(motion.question)}</h3>"
            f'<progress max="{max(result.eligible, 1)}" value="{result.cast}"></progress>'
            f'<p class="turnout" data-count>{turnout}</p>'
            f'<p class="quorum">{self.text("board-quorum-needed", needed=needed)}</p>'
            f'<p class="closes">{closes}</p><p class="how">{how}</p></article>'
        )

    # --- the check-in screen ----------------------------------------------------------------

    def checkin_later(self, meeting: Meeting, opens: datetime) -> str:
        later = self.text(
            "checkin-not-yet", title=meeting.title, opens=When(opens, meeting.timezone)
        )
        head = self._meeting_head(meeting, ())
        return f'<div class="checkin">{head}<p class="msg">{later}</p></div>'

    def checkin(
        self,
        meeting: Meeting,
        choices: Sequence[Meeting],
        came: checkins.Attendance,
        link: str | None,
        closes: datetime,
    ) -> str:
        """The code and its QR code as large as the screen allows, and the count going up."""
        head = self._meeting_head(meeting, choices)
        if link is None or meeting.checkin_code is None:
            return (
                f'<div class="checkin">{head}<p class="msg">{self.text("board-checkin-ready")}</p>'
                f'<button type="button" data-action="checkin/open" data-id="{meeting.id}">'
                f"{self.text('board-checkin-open')}</button></div>"
            )
        code = checkins.shown(meeting.checkin_code)
        import segno  # when a check-in screen is first shown: slow to import, and seldom needed

        qr = segno.make(link, error="m", micro=False).svg_inline(
            border=2, omitsize=True, dark="#000", light="#fff", svgclass="qrcode"
        )
        closing = self.text("board-checkin-closes", closes=When(closes, meeting.timezone))
        people = self.text("board-checkin-people", count=came.people)
        return (
            f'<div class="checkin">{head}'
            f'<p class="code" dir="ltr" translate="no">{e(code)}</p>'
            f'<div class="qr" role="img" aria-label="{e(link)}">{qr}</div>'
            f'<p class="scan msg">{self.text("board-checkin-scan", code=code)}</p>'
            f'<p class="count" data-count>{people}</p>'
            f'<p class="orgs">{self._came(came)}</p><p class="closes">{closing}</p>'
            f'<button type="button" class="projector" data-projector>'
            f"{self.text('board-projector')}</button></div>"
        )
