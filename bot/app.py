"""Builds the Application: runtime, handlers, error handler and start-up work."""

from __future__ import annotations

import logging
from typing import Any

from telegram.ext import Application, ApplicationBuilder
from telegram.request import BaseRequest

from bot.clock import Clock, SystemClock
from bot.config import Settings
from bot.handlers import register_handlers
from bot.handlers.commands import COMMANDS
from bot.handlers.errors import NO_COORDINATORS, on_error
from bot.handlers.menu import chat_menu, menu_names, publish_changed, standing_menus
from bot.i18n import catalog, pick_language
from bot.jobs import agenda as agenda_jobs
from bot.jobs import concerns as concern_jobs
from bot.jobs import summary as summary_jobs
from bot.jobs.intake import JOB_NAME as PURGE_JOB
from bot.jobs.intake import purge_job
from bot.jobs.motions import JOB_NAME as CLOSE_MOTIONS_JOB
from bot.jobs.motions import close_motions_job
from bot.jobs.outbox import JOB_NAME as DISPATCH_JOB
from bot.jobs.outbox import Dispatcher, dispatch_job
from bot.jobs.retention import INTERVAL as RETENTION_INTERVAL
from bot.jobs.retention import JOB_NAME as RETENTION_JOB
from bot.jobs.retention import retention_job
from bot.jobs.series import JOB_NAME as ROLL_OVER_JOB
from bot.jobs.series import roll_over_job
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import outbox, people, processes, telegram_state
from bot.services.actor import actor_of
from db.session import dispose, make_engine, make_session_factory, transaction

log = logging.getLogger(__name__)

DISPATCH_INTERVAL = 5.0  # seconds; enqueueing also wakes the dispatcher at once
ROLL_OVER_INTERVAL = 3600.0
CLOSE_MOTIONS_INTERVAL = 30.0  # seconds: a result is posted at most this long after closing
PURGE_INTERVAL = 3600.0

ShuraApplication = Application[Any, Any, Any, Any, Any, Any]


def build_application(
    settings: Settings,
    *,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    schema: str | None = None,
) -> ShuraApplication:
    """The bot, ready to initialize; tests hand in a fake transport and clock."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is required")
    builder: ApplicationBuilder = (  # type: ignore[type-arg]
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_url(settings.telegram_api_base_url))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        # bot.polling fetches updates and stores them before Telegram forgets them; PTB's
        # Updater would confirm a batch before handling it.
        .updater(None)
        # Updates of different people are handled side by side; each has its own transaction.
        .concurrent_updates(True)
    )
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = builder.build()
    engine = make_engine(settings.database_url, schema=schema)
    sessions = make_session_factory(engine)
    clock = clock or SystemClock()
    dispatcher = Dispatcher(
        application.bot,
        sessions,
        clock,
        catalog(),
        default_language=settings.default_language,
        rate=settings.send_rate,
        concurrency=settings.send_concurrency,
        coordinators=settings.coordinators,
        meeting_length=settings.meeting_length,
    )
    dispatcher.job_queue = application.job_queue
    application.bot_data[RUNTIME_KEY] = Runtime(
        settings=settings,
        clock=clock,
        engine=engine,
        sessions=sessions,
        catalog=catalog(),
        dispatcher=dispatcher,
        commands=COMMANDS,
    )
    register_handlers(application)
    application.add_error_handler(on_error)
    return application


def file_url(base_url: str) -> str:
    """Where the Bot API server behind `base_url` (`<server>/bot`) lets bots download files:
    `<server>/file/bot` (https://core.telegram.org/bots/api#getfile)."""
    return base_url.removesuffix("/bot") + "/file/bot"


def runtime(application: ShuraApplication) -> Runtime:
    value: Runtime = application.bot_data[RUNTIME_KEY]
    return value


async def _post_init(application: ShuraApplication) -> None:
    rt = runtime(application)
    settings = rt.settings
    async with transaction(rt.sessions) as session:
        # The rows of a dead process, at once; a live one's are its own to finish.
        live = await processes.live_names(session)
        reclaimed = await outbox.reclaim_abandoned(
            session, rt.clock, owner=rt.dispatcher.owner, live=live
        )
        await processes.forget_dead(session, {*live, rt.dispatcher.owner})
        known = await people.coordinators(session, settings.coordinators)
        # The configured coordinators may have changed since the last run.
        menus = standing_menus(rt.catalog, rt.commands, settings.default_language)
        for person in known:
            actor = await actor_of(session, person, settings.coordinators)
            lang = pick_language(person.language, None, settings.default_language)
            names = menu_names(rt.commands, actor, "private")
            menus.append(chat_menu(rt.catalog, person.tg_user_id, lang, names))
        remembered = await telegram_state.digests(session, [menu.key for menu in menus])
    if reclaimed:
        # At most SHURA_SEND_CONCURRENCY: these may have reached people before the crash.
        log.info("%d message(s) a stopped run was sending will be sent again", reclaimed)
    if not known and not settings.coordinators:
        log.warning("%s", NO_COORDINATORS)
    # Only the menus that changed since they were last set, side by side.
    published = await publish_changed(application.bot, menus, remembered)
    if published:
        async with transaction(rt.sessions) as session:
            await telegram_state.remember(session, rt.clock, published)
    schedule_jobs(application)


def schedule_jobs(application: ShuraApplication) -> None:
    """The recurring work: the outbox every few seconds, the series roll-over and the
    forgetting of handled updates hourly."""
    job_queue = application.job_queue
    if job_queue is None:
        log.warning("no JobQueue: scheduled messages will not be sent")
        return
    job_queue.run_repeating(dispatch_job, DISPATCH_INTERVAL, first=1, name=DISPATCH_JOB)
    job_queue.run_repeating(roll_over_job, ROLL_OVER_INTERVAL, first=5, name=ROLL_OVER_JOB)
    job_queue.run_repeating(retention_job, RETENTION_INTERVAL, first=90, name=RETENTION_JOB)
    job_queue.run_repeating(
        concern_jobs.links_job, concern_jobs.INTERVAL, first=120, name=concern_jobs.LINKS_JOB
    )
    job_queue.run_repeating(
        concern_jobs.digest_job, concern_jobs.INTERVAL, first=150, name=concern_jobs.DIGEST_JOB
    )
    job_queue.run_repeating(purge_job, PURGE_INTERVAL, first=60, name=PURGE_JOB)
    job_queue.run_repeating(
        close_motions_job, CLOSE_MOTIONS_INTERVAL, first=10, name=CLOSE_MOTIONS_JOB
    )
    job_queue.run_repeating(
        agenda_jobs.close_agenda_job, agenda_jobs.INTERVAL, first=15, name=agenda_jobs.JOB_NAME
    )
    job_queue.run_repeating(
        summary_jobs.post_summaries_job,
        summary_jobs.INTERVAL,
        first=20,
        name=summary_jobs.JOB_NAME,
    )


async def _post_shutdown(application: ShuraApplication) -> None:
    await dispose(runtime(application).engine)
