"""One leader among the bot processes on a database; the others stand by.

The leader holds the database's advisory lock on a PostgreSQL connection of its own
(db.instance_lock.LockConnection). It alone takes the updates (polling or webhook), runs the
scheduler and sends the outbox, so one send budget covers every process. A standby tries the
lock every STANDBY_RETRY seconds. PostgreSQL frees the lock the moment the leader's session
ends — its process died, or its host vanished and the server's keepalive gave up on it — and a
standby leads a second or two later.

A leader checks its lock connection every LEADER_CHECK seconds and steps down when the check
fails or takes longer than CHECK_TIMEOUT: a leader cut off from its lock must stop taking
updates and claiming messages, since a standby may be leading already. What it has in flight
it finishes; a row it can no longer record (another process took it back) is recorded by the
new owner (bot.services.outbox.finish_many).

On SQLite there is one process per database file (db.instance_lock.sqlite_lock): it leads.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any, Protocol, TypeVar

from telegram.ext import Application

from bot.polling import DRAIN_TIMEOUT, Intake, collect_garbage_again
from bot.runtime import RUNTIME_KEY, Runtime
from bot.services import processes
from db.instance_lock import LockConnection
from db.models import ProcessRole
from db.session import is_sqlite, transaction

log = logging.getLogger(__name__)

ShuraApplication = Application[Any, Any, Any, Any, Any, Any]
T = TypeVar("T")

STANDBY_RETRY = 1.0  # seconds between a standby's tries of the leader's lock
LEADER_CHECK = 1.0  # seconds between the leader's checks of its lock connection
CHECK_TIMEOUT = 3.0  # a check (or a try) that takes longer counts as a lost connection
# Telegram counts the last second of the last leader's sends against the next leader's: those
# already on their way when it died or stepped down still arrive. A new leader waits it out.
HANDOVER = 1.0


class Receiver(Protocol):
    """Where updates come from while this process leads: polling, or a webhook."""

    mode: str

    async def prepare(self) -> None:
        """Tell Telegram where updates go now (side by side with the start-up work)."""
        ...

    async def run(self, intake: Intake, halt: asyncio.Event) -> None:
        """Take updates into `intake` until `halt` is set."""
        ...


class Leadership:
    """This process's place among the processes on its database: registered, standing by or
    leading, and seen every few seconds (bot.services.processes)."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        mode: str,
        schema: str | None = None,
        retry_every: float = STANDBY_RETRY,
        check_every: float = LEADER_CHECK,
        check_timeout: float = CHECK_TIMEOUT,
        heartbeat_every: float = processes.HEARTBEAT.total_seconds(),
    ) -> None:
        self.runtime = runtime
        self.name = runtime.dispatcher.owner
        self.mode = mode
        self.url = runtime.settings.database_url
        self.schema = schema
        self.postgres = not is_sqlite(self.url)
        self.retry_every = retry_every
        self.check_every = check_every
        self.check_timeout = check_timeout
        self.heartbeat_every = heartbeat_every
        self.leading = False
        # Set when a leader finds its lock gone: it must stop taking updates and sending.
        self.lost = asyncio.Event()
        self._lock: LockConnection | None = None
        self._watch: asyncio.Task[None] | None = None
        self._heartbeat: asyncio.Task[None] | None = None
        self._abandoned: set[asyncio.Task[Any]] = set()

    # ------------------------------------------------------------------ life of the process

    async def __aenter__(self) -> Leadership:
        if self.postgres:
            self._lock = await self._bounded(LockConnection.open(self.url, self.schema))
        async with transaction(self.runtime.sessions) as session:
            await processes.register(
                session, self.runtime.clock, self.name, mode=self.mode, backend=self._backend()
            )
        self._heartbeat = asyncio.create_task(self._beat(), name="leader:heartbeat")
        log.info("process %s started (%s)", self.name, self.mode)
        return self

    async def __aexit__(self, *_exc: object) -> None:
        for task in (self._watch, self._heartbeat):
            if task is not None:
                task.cancel()
        if self.leading:
            await self.step_down()
        await self._drop_lock()
        try:
            async with transaction(self.runtime.sessions) as session:
                await processes.forget(session, [self.name])
        except Exception:
            log.warning("could not remove this process from the process table", exc_info=True)
        if self._abandoned:
            await asyncio.wait(set(self._abandoned), timeout=1.0)

    # ------------------------------------------------------------------ standby and leader

    async def acquire(self, stop: asyncio.Event) -> bool:
        """Wait until this process leads (True), or until `stop` is set (False)."""
        waiting_since_logged = False
        while not stop.is_set():
            if await self._try_lead():
                if stop.is_set():
                    await self._release()
                    return False
                await self._become_leader()
                return True
            if not waiting_since_logged:
                log.info("standing by: another process leads; trying every %g s", self.retry_every)
                waiting_since_logged = True
                # Start-up is over for a standby too: it may wait for days.
                collect_garbage_again()
            await _sleep_unless(stop, self.retry_every)
        return False

    async def mark(self, role: ProcessRole) -> None:
        """Say in the process table what this process is doing (e.g. stopping)."""
        try:
            async with transaction(self.runtime.sessions) as session:
                await processes.set_role(session, self.runtime.clock, self.name, role)
        except Exception:
            log.warning("could not record this process as %s", role, exc_info=True)

    async def step_down(self) -> None:
        """Stop leading: let go of the lock, so a standby takes over at once."""
        if self._watch is not None:
            self._watch.cancel()
            self._watch = None
        self.leading = False
        await self._release()
        await self.mark(ProcessRole.STANDBY)
        log.info("no longer leading")

    async def _try_lead(self) -> bool:
        if not self.postgres:
            return True
        try:
            if self._lock is None:
                self._lock = await self._bounded(LockConnection.open(self.url, self.schema))
                async with transaction(self.runtime.sessions) as session:
                    await processes.set_backend(session, self.name, self._backend_or_fail())
            return await self._bounded(self._lock.try_lead())
        except Exception as error:
            log.warning("cannot reach the database to take the lead: %s", _reason(error))
            await self._drop_lock()
            return False

    async def _become_leader(self) -> None:
        self.leading = True
        self.lost.clear()
        await self.mark(ProcessRole.LEADER)
        if self.postgres:
            self._watch = asyncio.create_task(self._watch_lock(), name="leader:watch")
        log.info("leading: this process takes the updates and sends the outbox")

    async def _watch_lock(self) -> None:
        """Check the lock connection on each tick; a silent or broken one ends the lead."""
        while True:
            await asyncio.sleep(self.check_every)
            lock = self._lock
            reason = "the lock connection is closed"
            held = False
            if lock is not None:
                try:
                    held = await self._bounded(lock.holds())
                    reason = "the lock is no longer held"
                except Exception as error:
                    reason = _reason(error)
            if not held:
                log.error("lost the lead (%s): stepping down", reason)
                self.lost.set()
                await self._drop_lock()
                return

    async def _release(self) -> None:
        lock = self._lock
        if lock is None:
            return
        try:
            await self._bounded(lock.release())
        except Exception as error:
            # Closing the connection ends the session, which lets go of the lock too.
            log.warning("could not release the lead (%s): closing its connection", _reason(error))
            await self._drop_lock()

    # ------------------------------------------------------------------ the lock connection

    def _backend(self) -> processes.Backend | None:
        lock = self._lock
        if lock is None or lock.backend_start is None:
            return None
        return processes.Backend(lock.backend_pid, lock.backend_start)

    def _backend_or_fail(self) -> processes.Backend:
        backend = self._backend()
        if backend is None:
            raise RuntimeError("the lock connection has no session")
        return backend

    async def _drop_lock(self) -> None:
        """Forget the lock connection; closing it must not wait on a dead network."""
        lock, self._lock = self._lock, None
        if lock is not None:
            try:
                await asyncio.wait_for(lock.close(), 1.0)
            except Exception:
                log.debug("lock connection closed uncleanly", exc_info=True)

    async def _bounded(self, call: Coroutine[Any, Any, T]) -> T:
        """The result of `call`, or TimeoutError after check_timeout.

        A call stuck on a dead network is left to end in the background: cancelling a query
        makes the driver try to cancel it on the server too, which would wait again.
        """
        task = asyncio.ensure_future(call)
        done, _pending = await asyncio.wait({task}, timeout=self.check_timeout)
        if not done:
            task.cancel()
            self._abandoned.add(task)
            task.add_done_callback(_forget_result(self._abandoned))
            raise TimeoutError(f"no answer from the database within {self.check_timeout:g} s")
        return task.result()

    # ------------------------------------------------------------------ heartbeat

    async def _beat(self) -> None:
        """Every few seconds: this process is alive; its dispatcher last ran then."""
        while True:
            await asyncio.sleep(self.heartbeat_every)
            try:
                async with transaction(self.runtime.sessions) as session:
                    found = await processes.beat(
                        session,
                        self.runtime.clock,
                        self.name,
                        dispatched_at=self.runtime.dispatcher.last_run_at,
                    )
                    if not found:
                        # A leader took this process for dead (its lock session was gone).
                        await processes.register(
                            session,
                            self.runtime.clock,
                            self.name,
                            mode=self.mode,
                            backend=self._backend(),
                        )
                        role = ProcessRole.LEADER if self.leading else ProcessRole.STANDBY
                        await processes.set_role(session, self.runtime.clock, self.name, role)
            except Exception as error:
                log.warning("heartbeat not recorded: %s", _reason(error))


def _forget_result(tasks: set[asyncio.Task[Any]]) -> Any:
    def done(task: asyncio.Task[Any]) -> None:
        tasks.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved, so asyncio does not log it as never retrieved

    return done


def _reason(error: BaseException) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


async def _sleep_unless(event: asyncio.Event, seconds: float) -> None:
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        pass


async def _set_when(source: asyncio.Event, target: asyncio.Event) -> None:
    await source.wait()
    target.set()


# ---------------------------------------------------------------------- the process's life


async def run(
    application: ShuraApplication,
    stop: asyncio.Event,
    receiver: Receiver,
    *,
    schema: str | None = None,
    leadership: Leadership | None = None,
) -> None:
    """Start the bot and stand by; lead whenever this process gets the lead; stop on `stop`.

    Leading: the start-up work (messages a dead process was sending, menus, the scheduler's
    jobs), the replies and updates a dead leader left, then updates from `receiver` until
    `stop` is set or the lead is lost. Then nothing more is taken: the messages and updates
    in hand are finished, the scheduler's jobs removed, and the lock let go.
    """
    rt: Runtime = application.bot_data[RUNTIME_KEY]
    rt.dispatcher.stop_claiming()  # a standby sends nothing
    async with application:
        await application.start()
        try:
            leadership = leadership or Leadership(rt, mode=receiver.mode, schema=schema)
            async with leadership:
                while await leadership.acquire(stop):
                    await _lead(application, leadership, receiver, stop)
        finally:
            await application.stop()
            if application.post_shutdown is not None:
                await application.post_shutdown(application)


async def _lead(
    application: ShuraApplication,
    leadership: Leadership,
    receiver: Receiver,
    stop: asyncio.Event,
) -> None:
    rt: Runtime = application.bot_data[RUNTIME_KEY]
    halt = asyncio.Event()
    watchers = [
        asyncio.create_task(_set_when(stop, halt)),
        asyncio.create_task(_set_when(leadership.lost, halt)),
    ]
    intake = Intake(application)
    rt.dispatcher.pacer.hold(HANDOVER)
    rt.dispatcher.resume_claiming()
    try:
        # Side by side: the start-up work (the outbox a dead process left, menus that changed,
        # the scheduler's jobs) and telling Telegram where updates go.
        await asyncio.gather(_post_init(application), receiver.prepare())
        await intake.resume()
        collect_garbage_again()
        if not halt.is_set():
            await receiver.run(intake, halt)
    finally:
        for watcher in watchers:
            watcher.cancel()
        if stop.is_set():
            await leadership.mark(ProcessRole.STOPPING)
        _remove_jobs(application)
        # Claim nothing more; what is on its way to Telegram is sent and recorded.
        await rt.dispatcher.drain()
        await intake.drain(DRAIN_TIMEOUT)
        await _forget_shown_edits(rt)
        await leadership.step_down()


async def _forget_shown_edits(rt: Runtime) -> None:
    """The edits shown since the dispatcher last claimed: a restart need not show them."""
    try:
        async with transaction(rt.sessions) as session:
            await rt.shown_edits.forget(session)
    except Exception:
        # Shown again at the next start, which changes nothing anyone sees.
        log.exception("could not forget %d shown edit(s)", len(rt.shown_edits))


async def _post_init(application: ShuraApplication) -> None:
    if application.post_init is not None:
        await application.post_init(application)


def _remove_jobs(application: ShuraApplication) -> None:
    """The scheduler's jobs run on the leader only."""
    job_queue = application.job_queue
    if job_queue is None:
        return
    for job in job_queue.jobs():
        job.schedule_removal()
