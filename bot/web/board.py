"""The board's routes: a shell page with no data, its static files, and the API it calls.

Every API call carries Telegram's launch data (`Authorization: tma <initData>`); without valid
data it gets 401 and nothing else. The person is looked up by their Telegram id and the same
actor and services as in the chat decide what they see and may do: the board has no rules of
its own. Pages are HTML fragments rendered here in the person's language (bot.web.pages).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from telegram.error import TelegramError

from bot.i18n import RIGHT_TO_LEFT, Msg, pick_language
from bot.markup import plain_text
from bot.runtime import Runtime
from bot.services import agenda, attendance, checkin, concerns, meetings, motions, rsvp
from bot.services.actor import Actor, actor_of
from bot.services.errors import DomainError, NotAllowed, NotFound
from bot.services.people import TelegramUser
from bot.web import auth, pages
from bot.web.keys import BOT, RUNTIME
from db.models import ConcernKind, ConcernStatus, ConcernTopic, Meeting, Person
from db.session import reading, transaction

log = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
TELEGRAM_SCRIPT_ORIGIN = "https://telegram.org"
LIVE_SECONDS = 5  # how often the live pages (attendance, motions, check-in) refresh
RECENT_MOTIONS = timedelta(days=30)
FILE_LIMIT = 20 * 1024 * 1024  # the Bot API hands bots files of at most 20 MB
ID_MAX = 2**31 - 1
MEDIA_TYPES = {ConcernKind.VOICE: "audio/ogg", ConcernKind.PHOTO: "image/jpeg"}

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Visit:
    """One API call by a person Telegram vouched for: their actor, language and session."""

    runtime: Runtime
    session: AsyncSession
    actor: Actor
    lang: str

    @property
    def page(self) -> pages.Page:
        return pages.Page(self.runtime.catalog, self.lang)


@dataclass
class Call:
    """An API call whose launch data was checked; `visit` opens a transaction as the person."""

    request: web.Request
    runtime: Runtime
    user: TelegramUser
    lang: str
    wrote: bool = False
    query: dict[str, str] = field(default_factory=dict)

    @asynccontextmanager
    async def visit(self, *, write: bool = False) -> AsyncIterator[Visit]:
        opened = transaction if write else reading
        async with opened(self.runtime.sessions) as session:
            person = await session.scalar(
                select(Person).where(Person.tg_user_id == self.user.tg_user_id)
            )
            if person is None:
                # Never talked to the bot: nobody the network knows.
                raise NotAllowed("board-start-first")
            settings = self.runtime.settings
            self.lang = pick_language(
                person.language, self.user.language_code, settings.default_language
            )
            actor = await actor_of(session, person, settings.coordinators)
            yield Visit(self.runtime, session, actor, self.lang)
        self.wrote = self.wrote or write


def endpoint(fn: Callable[[Call], Awaitable[web.StreamResponse]]) -> Handler:
    """Check the launch data (401 without it), then answer; a refusal is said in words."""

    async def handle(request: web.Request) -> web.StreamResponse:
        runtime = request.app[RUNTIME]
        token = runtime.settings.telegram_bot_token
        try:
            init_data = auth.from_header(request.headers.get("Authorization"))
            if token is None:
                raise auth.InvalidInitData("no bot token")
            user = auth.verify(
                init_data,
                token.get_secret_value(),
                runtime.clock.now(),
                runtime.settings.web_auth_max_age,
            )
        except auth.InvalidInitData as error:
            log.info("board call refused: %s", error)
            raise web.HTTPUnauthorized(headers={"WWW-Authenticate": auth.SCHEME}) from None
        lang = pick_language(None, user.language_code, runtime.settings.default_language)
        call = Call(request, runtime, user, lang, query=dict(request.query))
        try:
            response: web.StreamResponse = await fn(call)
        except DomainError as error:
            text = runtime.catalog.render(call.lang, Msg(error.key, error.params))
            response = web.json_response({"error": plain_text(text)}, status=_status(error))
        if call.wrote:
            # What a decision queued (a message to a concern's sender) goes out now.
            await runtime.dispatcher.wake()
        return response

    return handle


def _status(error: DomainError) -> int:
    if isinstance(error, NotAllowed):
        return 403
    if isinstance(error, NotFound):
        return 404
    return 409


def fragment(html: str, notice: str | None = None) -> web.Response:
    """A page as HTML, and what to tell the person about what just happened (plain text)."""
    body: dict[str, str] = {"html": html}
    if notice:
        body["notice"] = plain_text(notice)
    return web.json_response(body)


async def _body(call: Call) -> dict[str, Any]:
    if call.request.content_type != "application/json":
        raise web.HTTPUnsupportedMediaType()
    try:
        data = await call.request.json()
    except ValueError:
        raise web.HTTPBadRequest() from None
    if not isinstance(data, dict):
        raise web.HTTPBadRequest()
    return data


def _ids(data: dict[str, Any], limit: int = concerns.QUEUE_LIMIT) -> list[int]:
    """The ids an action names: user input, so each is checked to be a plain id."""
    raw = data.get("ids")
    if not isinstance(raw, list) or not raw or len(raw) > limit:
        raise DomainError("board-nothing-chosen")
    ids: list[int] = []
    for value in raw:
        number = _number(value) if isinstance(value, str) else value
        if not isinstance(number, int) or isinstance(number, bool) or not 0 < number <= ID_MAX:
            raise DomainError("error-stale-button")
        if number not in ids:
            ids.append(number)
    return ids


def _number(text: str | None) -> int | None:
    if text is None or not text.isascii() or not text.isdigit() or not 0 < int(text) <= ID_MAX:
        return None
    return int(text)


# --- the shell, its files -------------------------------------------------------------------


async def shell(_request: web.Request) -> web.StreamResponse:
    """The page Telegram opens: the same for everyone, no data in it."""
    response = web.FileResponse(STATIC / "board.html")
    response.headers["Cache-Control"] = "no-cache"
    response.content_type = "text/html"
    return response


def _static(name: str, content_type: str) -> Handler:
    async def serve(_request: web.Request) -> web.StreamResponse:
        response = web.FileResponse(STATIC / name)
        response.headers["Cache-Control"] = "no-cache"
        response.content_type = content_type
        return response

    return serve


@cache
def font_path() -> Path:
    """Noto Sans Arabic (every Dari and Pashto letter), where the project's install puts it.

    Not bot.charts.font_path: importing bot.charts first runs into the import cycle between
    bot.services.summary and bot.services.delivery.
    """
    folder = files("fontpkg_noto_sans_arabic") / "files"
    return Path(str(next(p for p in folder.iterdir() if p.name.endswith(".ttf"))))


async def font(_request: web.Request) -> web.StreamResponse:
    response = web.FileResponse(font_path())
    response.headers["Cache-Control"] = "public, max-age=604800"
    response.content_type = "font/ttf"
    return response


# --- who is asking, and the pages they may open ---------------------------------------------


COORDINATOR_PAGES = ("attendance", "concerns", "agenda", "motions", "checkin")
MEMBER_PAGES = ("agenda",)


@endpoint
async def me(call: Call) -> web.StreamResponse:
    async with call.visit() as visit:
        visit.actor.require_network()
        names = COORDINATOR_PAGES if visit.actor.coordinator else MEMBER_PAGES
        page = visit.page
        body = {
            "lang": visit.lang,
            "dir": "rtl" if visit.lang in RIGHT_TO_LEFT else "ltr",
            "title": page.plain("board-title"),
            "nav": page.nav(names),
            "pages": list(names),
            "live": list(pages.LIVE),
            "refresh": LIVE_SECONDS,
        }
    return web.json_response(body)


# --- attendance -------------------------------------------------------------------------------


def _window(runtime: Runtime) -> checkin.Window:
    settings = runtime.settings
    return checkin.Window(settings.meeting_length, settings.checkin_margin)


async def _meetings(visit: Visit) -> list[Meeting]:
    """The meetings a coordinator can pick on the attendance page: those under way (their
    check-in open), then the next ones."""
    session, clock, actor = visit.session, visit.runtime.clock, visit.actor
    actor.require_coordinator()
    found = await checkin.open_meetings(session, clock, actor, _window(visit.runtime))
    for meeting in await meetings.upcoming(session, clock, actor, limit=10):
        if meeting not in found:
            found.append(meeting)
    return found


def _chosen(call: Call, found: list[Meeting]) -> Meeting | None:
    wanted = _number(call.query.get("meeting"))
    return next((m for m in found if m.id == wanted), found[0] if found else None)


@endpoint
async def attendance_page(call: Call) -> web.StreamResponse:
    async with call.visit() as visit:
        found = await _meetings(visit)
        meeting = _chosen(call, found)
        if meeting is None:
            return fragment(visit.page.empty("board-no-meeting"))
        coordinators = visit.runtime.settings.coordinators
        numbers = await rsvp.attendance(
            visit.session, visit.actor, meeting.id, coordinators=coordinators
        )
        groups = await attendance.who_answered(
            visit.session, visit.actor, meeting.id, coordinators=coordinators
        )
        came = await checkin.attendance(visit.session, visit.actor, meeting.id)
        names = await checkin.who_came(visit.session, visit.actor, meeting.id)
        return fragment(visit.page.attendance(meeting, found, numbers, groups, came, names))


# --- the concerns queue -----------------------------------------------------------------------


STATUS_FILTERS = {
    "submitted": (ConcernStatus.SUBMITTED,),
    "approved": (ConcernStatus.APPROVED,),
    "rejected": (ConcernStatus.REJECTED,),
    "merged": (ConcernStatus.MERGED,),
    "all": tuple(ConcernStatus),
}
SEARCH_LIMIT = 100


@dataclass(frozen=True)
class Filters:
    status: str = "submitted"
    topic: str = ""
    search: str = ""

    @classmethod
    def of(cls, query: dict[str, str]) -> Filters:
        status = query.get("status", "submitted")
        topic = query.get("topic", "")
        return cls(
            status if status in STATUS_FILTERS else "submitted",
            topic if topic in {t.value for t in ConcernTopic} else "",
            " ".join(query.get("q", "").split())[:SEARCH_LIMIT],
        )


async def _queue(call: Call, visit: Visit, notice: str | None = None) -> web.Response:
    filters = Filters.of(call.query)
    shown = await concerns.queue(
        visit.session,
        visit.actor,
        statuses=STATUS_FILTERS[filters.status],
        topic=ConcernTopic(filters.topic) if filters.topic else None,
        search=filters.search,
    )
    targets = await concerns.queue(
        visit.session, visit.actor, statuses=(ConcernStatus.SUBMITTED, ConcernStatus.APPROVED)
    )
    html = visit.page.concerns(shown, targets, filters.status, filters.topic, filters.search)
    return fragment(html, notice)


@endpoint
async def concerns_page(call: Call) -> web.StreamResponse:
    async with call.visit() as visit:
        return await _queue(call, visit)


Decide = Callable[[Visit, int], Awaitable[object]]


async def _decide(call: Call, ids: list[int], decide: Decide, done: str) -> web.StreamResponse:
    """One decision per concern, each in its own transaction: a concern another coordinator
    decided meanwhile is said so, and the others are decided all the same."""
    decided: list[int] = []
    refused: list[str] = []
    for concern_id in ids:
        try:
            async with call.visit(write=True) as visit:
                await decide(visit, concern_id)
            decided.append(concern_id)
        except NotAllowed:
            raise
        except DomainError as error:
            refused.append(call.runtime.catalog.render(call.lang, Msg(error.key, error.params)))
    async with call.visit() as visit:
        page = visit.page
        notice = "\n".join(
            ([page.text(done, numbers=page.numbers(decided))] if decided else []) + refused
        )
        return await _queue(call, visit, notice)


@endpoint
async def approve(call: Call) -> web.StreamResponse:
    ids = _ids(await _body(call))

    async def decide(visit: Visit, concern_id: int) -> object:
        return await concerns.approve(visit.session, visit.runtime.clock, visit.actor, concern_id)

    return await _decide(call, ids, decide, "board-approved")


@endpoint
async def reject(call: Call) -> web.StreamResponse:
    data = await _body(call)
    ids = _ids(data)
    reason = data.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise DomainError("concern-reason-empty")

    async def decide(visit: Visit, concern_id: int) -> object:
        return await concerns.reject(
            visit.session, visit.runtime.clock, visit.actor, concern_id, reason
        )

    return await _decide(call, ids, decide, "board-rejected")


@endpoint
async def merge(call: Call) -> web.StreamResponse:
    data = await _body(call)
    ids = _ids(data)
    target = _number(str(data.get("target", "")))
    if target is None:
        raise DomainError("board-merge-no-target")

    async def decide(visit: Visit, concern_id: int) -> object:
        return await concerns.merge(
            visit.session, visit.runtime.clock, visit.actor, concern_id, target
        )

    return await _decide(call, [i for i in ids if i != target], decide, "board-merged")


@endpoint
async def concern_file(call: Call) -> web.StreamResponse:
    """A concern's voice note or photo, fetched from Telegram for a coordinator's eyes."""
    concern_id = _number(call.request.match_info.get("concern_id"))
    if concern_id is None:
        raise NotFound("error-stale-button")
    async with call.visit() as visit:
        seen = await concerns.for_coordinator(visit.session, visit.actor, concern_id)
    if seen.file_id is None or seen.kind not in MEDIA_TYPES:
        raise NotFound("error-stale-button")
    bot = call.request.app[BOT]
    try:
        telegram_file = await bot.get_file(seen.file_id)
        if telegram_file.file_size is not None and telegram_file.file_size > FILE_LIMIT:
            raise NotFound("board-file-gone")
        content = bytes(await telegram_file.download_as_bytearray())
    except TelegramError as error:
        log.warning("a concern's file could not be fetched from Telegram: %s", error)
        raise NotFound("board-file-gone") from None
    return web.Response(body=content, content_type=MEDIA_TYPES[seen.kind])


# --- the agenda -------------------------------------------------------------------------------


async def _agenda(visit: Visit, notice: str | None = None) -> web.Response:
    length = visit.runtime.settings.meeting_length
    meeting = await agenda.shown_meeting(visit.session, visit.runtime.clock, visit.actor, length)
    if meeting is None:
        return fragment(visit.page.empty("agenda-no-meeting"), notice)
    settings = visit.runtime.settings
    shown = await agenda.board(
        visit.session,
        visit.runtime.clock,
        visit.actor,
        meeting.id,
        settings.agenda_dots,
        closes_before=settings.agenda_closes_before,
    )
    return fragment(visit.page.agenda(shown), notice)


@endpoint
async def agenda_page(call: Call) -> web.StreamResponse:
    async with call.visit() as visit:
        return await _agenda(visit)


async def _dot(call: Call, *, add: bool) -> web.StreamResponse:
    [concern_id] = _ids(await _body(call), limit=1)
    async with call.visit(write=True) as visit:
        clock, settings = visit.runtime.clock, visit.runtime.settings
        before = settings.agenda_closes_before
        if add:
            await agenda.add_dot(
                visit.session,
                clock,
                visit.actor,
                concern_id,
                settings.agenda_dots,
                closes_before=before,
            )
        else:
            await agenda.take_dot(
                visit.session, clock, visit.actor, concern_id, closes_before=before
            )
    async with call.visit() as visit:
        key = "agenda-dot-added" if add else "agenda-dot-taken"
        return await _agenda(visit, visit.page.text(key, number=concern_id))


@endpoint
async def add_dot(call: Call) -> web.StreamResponse:
    return await _dot(call, add=True)


@endpoint
async def take_dot(call: Call) -> web.StreamResponse:
    return await _dot(call, add=False)


# --- motions ------------------------------------------------------------------------------------


@endpoint
async def motions_page(call: Call) -> web.StreamResponse:
    async with call.visit() as visit:
        clock = visit.runtime.clock
        shown = [
            (motion, await motions.tally(visit.session, motion))
            for motion in await motions.open_motions(visit.session, clock, visit.actor)
        ]
        closed = [
            (motion, await motions.tally(visit.session, motion))
            for motion in await motions.closed_recently(
                visit.session, clock, visit.actor, within=RECENT_MOTIONS
            )
        ]
        zone = visit.runtime.settings.timezone
        return fragment(visit.page.motions(shown, closed, zone, RECENT_MOTIONS.days))


# --- the check-in screen -----------------------------------------------------------------------


async def _checkin(call: Call, visit: Visit, wanted: int | None = None) -> web.Response:
    session, clock, actor = visit.session, visit.runtime.clock, visit.actor
    window = _window(visit.runtime)
    opened = await checkin.open_meetings(session, clock, actor, window)
    if not opened:
        upcoming = await checkin.next_to_open(session, clock, actor, window)
        if upcoming is None:
            return fragment(visit.page.empty("board-no-meeting"))
        return fragment(visit.page.checkin_later(upcoming, window.opens(upcoming)))
    wanted = wanted or _number(call.query.get("meeting"))
    meeting = next((m for m in opened if m.id == wanted), opened[0])
    counted = await checkin.attendance(session, actor, meeting.id)
    link = None
    if meeting.checkin_code is not None:
        link = checkin.deep_link(call.request.app[BOT].username, meeting.checkin_code)
    return fragment(visit.page.checkin(meeting, opened, counted, link, window.closes(meeting)))


@endpoint
async def checkin_page(call: Call) -> web.StreamResponse:
    async with call.visit() as visit:
        return await _checkin(call, visit)


@endpoint
async def open_checkin(call: Call) -> web.StreamResponse:
    """Make the meeting's code (once; audited), as /checkin does."""
    [meeting_id] = _ids(await _body(call), limit=1)
    async with call.visit(write=True) as visit:
        window = _window(visit.runtime)
        await checkin.open_checkin(
            visit.session, visit.runtime.clock, visit.actor, meeting_id, window
        )
    async with call.visit() as visit:
        return await _checkin(call, visit, meeting_id)


def add_routes(app: web.Application) -> None:
    """The board's routes, under the root of SHURA_WEB_URL."""
    app.router.add_get("/board", shell)
    app.router.add_get("/static/board.js", _static("board.js", "text/javascript"))
    app.router.add_get("/static/board.css", _static("board.css", "text/css"))
    app.router.add_get("/static/arabic.ttf", font)
    app.router.add_get("/api/me", me)
    app.router.add_get("/api/attendance", attendance_page)
    app.router.add_get("/api/concerns", concerns_page)
    app.router.add_post("/api/concerns/approve", approve)
    app.router.add_post("/api/concerns/reject", reject)
    app.router.add_post("/api/concerns/merge", merge)
    app.router.add_get(r"/api/concerns/{concern_id:[0-9]{1,10}}/file", concern_file)
    app.router.add_get("/api/agenda", agenda_page)
    app.router.add_post("/api/agenda/add", add_dot)
    app.router.add_post("/api/agenda/take", take_dot)
    app.router.add_get("/api/motions", motions_page)
    app.router.add_get("/api/checkin", checkin_page)
    app.router.add_post("/api/checkin/open", open_checkin)
