"""Where the demo plays: the real bot on the fake Telegram, a simulated clock, the people, and
a transcript of what they type and what reaches them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.fakes.harness import Harness
from bot.fakes.telegram import Call, UploadedFile
from bot.i18n.calendar import format_date, solar_hijri_month_name, to_solar_hijri
from bot.i18n.calendar import localize_digits as persian_digits

# What the bot sends that a person sees as a message (a new one, or one changed in place).
SHOWN = frozenset(
    {"sendMessage", "sendPhoto", "sendDocument", "sendVoice", "sendVenue", "editMessageText"}
)
# Every bidi isolate: invisible on a phone, but a terminal may show them.
ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")
# What a line may start or end with that nobody sees: spaces and direction marks.
MARKS = " \t\u200e\u200f"
WIDTH = 110  # characters of a message shown in the transcript before it is cut


# How much of a step the transcript shows: what the person did and what came of it, only what
# they did, or nothing.
Show = Literal["all", "input", "none"]


class DemoFailed(Exception):
    """A step did not do what it should; the message says what was expected."""


@dataclass(frozen=True)
class Person:
    """Someone in the demo: their Telegram id, the name they go by and the language they read."""

    tg_user_id: int
    name: str
    lang: str
    surname: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} ({self.lang})"


@dataclass(frozen=True)
class Received:
    """A message that reached a chat, or was changed there, as the person sees it."""

    chat_id: int
    method: str
    text: str
    message_id: int
    buttons: tuple[str, ...] = ()
    file: UploadedFile | None = None
    # For a message changed in place: its lines that were not there before.
    changed: tuple[str, ...] = ()

    @property
    def edited(self) -> bool:
        return self.method == "editMessageText"

    def first_lines(self, count: int = 1) -> list[str]:
        """The lines worth showing: the first ones, or for an edit the first that changed."""
        lines = list(self.changed) or _lines(self.text)
        return lines[:count] or [f"[{self.method.removeprefix('send').lower()}]"]


class Stage:
    """The bot, its clock and the people, with the transcript written as things happen."""

    def __init__(
        self, bot: Harness, out: Path, write: Callable[[str], None], zone: str, first_day: date
    ) -> None:
        self.bot = bot
        self.out = out
        self._write = write
        self.zone = ZoneInfo(zone)
        self.first_day = first_day
        self.people: dict[int, Person] = {}
        self.groups: dict[int, str] = {}
        self._seen = len(bot.api.calls)
        self._day: date | None = None
        self.artifacts: list[Path] = []
        # What reached people while the clock moved (the scheduled jobs and the outbox).
        self.news_seen: list[Received] = []
        # The numbers things were given as people saw them (a concern's, a motion's).
        self.numbers: dict[object, int] = {}
        self._shown: dict[tuple[int, int], list[str]] = {}
        # The outcome summary as the group got it, and where its chart was written.
        self.summary: list[str] = []
        self.chart: Path | None = None

    # --- the transcript ----------------------------------------------------------------------

    def line(self, text: str = "") -> None:
        self._write(text)

    def note(self, text: str) -> None:
        """A line of narration: what happens, in the demo's words."""
        self.line(f"   · {text}")

    def scene(self, title: str) -> None:
        """A new step of the month, at the clock's time."""
        local = self.now()
        self.line()
        self.line(f"{local:%H:%M}  {title}")

    def _day_header(self, day: date) -> None:
        year, month, number = to_solar_hijri(day)
        solar = persian_digits(f"{number} {solar_hijri_month_name(month, 'fa')} {year}", "fa")
        count = (day - self.first_day).days + 1
        title = f" Day {count} · {format_date(day, 'en')} · {solar} "
        self.line()
        self.line(f"{title:═^{WIDTH}}")

    def who(self, chat_id: int) -> str:
        if chat_id in self.people:
            return self.people[chat_id].label
        if chat_id in self.groups:
            return f"group «{self.groups[chat_id]}»"
        return str(chat_id)

    def show(self, message: Received, *, to: str | None = None, lines: int = 1) -> None:
        """One message as its reader sees it: who, then its first lines, cut to the width."""
        head = "   ↳ " if to is None else f"   → {to}: "
        head += "(edited) " if message.edited else ""
        text = message.first_lines(lines)
        self.line(_cut(head + text[0]))
        for more in text[1:]:
            self.line(_cut(" " * len(head) + more))

    # --- the clock ---------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.bot.clock.now().astimezone(self.zone)

    def local(self, day: int, clock: str) -> datetime:
        """Day `day` of the demo (1 is the first) at `clock` (HH:MM), in the network's zone."""
        hour, minute = (int(part) for part in clock.split(":"))
        on = self.first_day + timedelta(days=day - 1)
        return datetime(on.year, on.month, on.day, hour, minute, tzinfo=self.zone)

    async def at(self, day: int, clock: str) -> None:
        """Time passes to day `day` at `clock`; what the scheduler has due by then runs."""
        when = self.local(day, clock)
        if when < self.bot.clock.now():
            raise DemoFailed(f"the demo tried to go back in time, to day {day} {clock}")
        self.bot.clock.set(when)
        if self._day != when.date():
            self._day = when.date()
            self._day_header(when.date())
        await self.bot.run_jobs()
        self.check_bot()
        self.news_seen = self.news()

    # --- people act --------------------------------------------------------------------------

    def cast(self, person: Person) -> Person:
        """The person has Telegram on their phone, set to their language."""
        self.bot.api.user(
            person.tg_user_id,
            person.name,
            language_code=person.lang,
            last_name=person.surname or None,
        )
        self.people[person.tg_user_id] = person
        return person

    def group(self, chat_id: int, title: str) -> None:
        """A Telegram group the bot has been added to."""
        self.bot.api.add_group(chat_id, title)
        self.groups[chat_id] = title

    async def type(
        self,
        person: Person,
        text: str,
        *,
        group: int | None = None,
        show: Show = "all",
        lines: int = 1,
    ) -> list[Received]:
        """`person` sends `text` (in their chat with the bot, or in `group`)."""
        if show != "none":
            where = f"   (in {self.who(group)})" if group is not None else ""
            self.line(_cut(f"   {person.name} › {text}{where}"))
        if group is None:
            await self.bot.send(person.tg_user_id, text)
        else:
            await self.bot.send(person.tg_user_id, text, chat_id=group, chat_type="supergroup")
        return self._after(person, show=show == "all", lines=lines, chat=group)

    async def voice(self, person: Person, *, show: Show = "all") -> list[Received]:
        """`person` records a voice note and sends it to the bot."""
        if show != "none":
            self.line(f"   {person.name} › 🎤 (a voice note)")
        await self.bot.send_voice(person.tg_user_id)
        return self._after(person, show=show == "all")

    async def tap(
        self,
        person: Person,
        *data: str,
        on: str = "",
        label: str = "",
        show: Show = "all",
        lines: int = 1,
        chat: int | None = None,
    ) -> list[Received]:
        """`person` taps buttons one after another, each the one whose callback data starts
        with the prefix given, on the latest message that has one; `on` picks the first one's
        message by its text, `label` the last one by its label. What the last tap brought is
        shown."""
        chat_id = person.tg_user_id if chat is None else chat
        labels = []
        replies: list[Received] = []
        for index, prefix in enumerate(data):
            last = index == len(data) - 1
            found = self._button(chat_id, prefix, on if index == 0 else "", label if last else "")
            if found is None:
                raise DemoFailed(f"{person.name} has no button {prefix!r} to tap")
            message_id, button = found
            labels.append(f"[{_plain(button['text'])}]")
            await self.bot.press(
                person.tg_user_id, button["callback_data"], message_id=message_id, chat_id=chat
            )
            replies = self._after(person, show=False, chat=chat)
        if show != "none":
            head = f"   {person.name} taps "
            for line in textwrap.wrap(
                " → ".join(labels), WIDTH - len(head), break_long_words=False
            ):
                self.line(_cut(head + line))
                head = " " * len(head)
        if show == "all":
            self._show_answers(person, replies, lines, chat)
        return replies

    def _button(
        self, chat_id: int, data: str, on: str, label: str
    ) -> tuple[int, dict[str, Any]] | None:
        for message in reversed(self.bot.api.messages(chat_id)):
            if on not in _plain(message["plain_text"] or message["plain_caption"]):
                continue
            for row in (message.get("reply_markup") or {}).get("inline_keyboard", []):
                for button in row:
                    tapped = str(button.get("callback_data", "")).startswith(data)
                    if tapped and label in _plain(button["text"]):
                        return message["message_id"], button
        return None

    def has_button(self, person: Person, data: str) -> bool:
        """Whether `person` has a button whose callback data starts with `data`."""
        return self._button(person.tg_user_id, data, "", "") is not None

    def _after(
        self, person: Person, *, show: bool, lines: int = 1, chat: int | None = None
    ) -> list[Received]:
        """What the bot did in answer, shown if asked: the replies, the toast of a tapped
        button, and messages to others with who got them."""
        self.check_bot()
        replies = self.news()
        if show:
            self._show_answers(person, replies, lines, chat)
        return replies

    def _show_answers(
        self, person: Person, replies: list[Received], lines: int, chat: int | None
    ) -> None:
        own = person.tg_user_id if chat is None else chat
        toasts = {m.text for m in replies if m.method == "answerCallbackQuery"}
        for message in replies:
            if message.edited and message.changed and set(message.changed) <= toasts:
                continue  # the card now says what the toast said
            if message.method == "answerCallbackQuery":
                self.line(_cut(f"   ↳ 💬 {message.text}"))
            elif message.chat_id == own:
                self.show(message, lines=lines)
            else:
                self.show(message, to=self.who(message.chat_id), lines=lines)

    # --- what reached people -----------------------------------------------------------------

    def _new_calls(self) -> list[Call]:
        calls = self.bot.api.calls[self._seen :]
        self._seen += len(calls)
        return [call for call in calls if call.ok]

    def news(self) -> list[Received]:
        """Every message that reached someone (or was changed) since the last look."""
        found = []
        for call in self._new_calls():
            if call.method == "answerCallbackQuery" and call.params.get("text"):
                toast = _plain(call.params["text"]).strip(MARKS)
                found.append(Received(0, call.method, toast, 0))
            if call.method not in SHOWN or not isinstance(call.result, dict):
                continue
            result = call.result
            markup = result.get("reply_markup") or {}
            labels = tuple(
                _plain(button["text"])
                for row in markup.get("inline_keyboard", [])
                for button in row
            )
            chat_id, message_id = int(result["chat"]["id"]), int(result["message_id"])
            text = _plain(result.get("text") or result.get("caption") or "")
            before = set(self._shown.get((chat_id, message_id), []))
            self._shown[chat_id, message_id] = _lines(text)
            changed = tuple(line for line in _lines(text) if line not in before)
            found.append(
                Received(
                    chat_id,
                    call.method,
                    text,
                    message_id,
                    labels,
                    _upload(call),
                    changed if call.method == "editMessageText" else (),
                )
            )
        return found

    def check_bot(self) -> None:
        """Nothing went wrong inside the bot, and Telegram refused nothing it sent."""
        if self.bot.errors:
            raise DemoFailed(f"the bot raised an error: {self.bot.errors[0]!r}")
        if self.bot.api.problems:
            raise DemoFailed(f"Telegram refused a call: {self.bot.api.problems[0]}")

    def expect(self, condition: object, what: str) -> None:
        """Stop the demo, saying what should have happened, unless it did."""
        if not condition:
            raise DemoFailed(what)

    # --- files -------------------------------------------------------------------------------

    def save(self, name: str, content: bytes) -> Path:
        """Write a file the bot sent into the output folder."""
        path = self.out / name
        path.write_bytes(content)
        self.artifacts.append(path)
        return path


def _upload(call: Call) -> UploadedFile | None:
    for kind in ("photo", "document", "voice"):
        value = call.params.get(kind)
        if isinstance(value, UploadedFile):
            return value
    return None


def _lines(text: str) -> list[str]:
    return [line.strip(MARKS) for line in _plain(text).splitlines() if line.strip(MARKS)]


def _cut(text: str) -> str:
    return text if len(text) <= WIDTH else text[: WIDTH - 1] + "…"


def by_language(messages: list[Received], stage: Stage) -> Iterator[Received]:
    """One message per language among `messages`, to show what each reader got."""
    shown: set[str] = set()
    for message in messages:
        person = stage.people.get(message.chat_id)
        if person is not None and person.lang not in shown:
            shown.add(person.lang)
            yield message


def _plain(text: str | None) -> str:
    return (text or "").translate(ISOLATES)
