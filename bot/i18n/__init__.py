"""Every user-facing string, per language, from Fluent catalogs in `locales/`."""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from babel import Locale
from fluent.runtime import FluentBundle
from fluent.runtime.resolver import CurrentEnvironment, Pattern, ResolverEnvironment
from fluent.runtime.types import FluentFloat, FluentInt, FluentNone, FluentType
from fluent.runtime.utils import native_to_fluent
from fluent.syntax import FluentParser
from fluent.syntax import ast as fluent_ast
from fluent.syntax.visitor import Visitor

from bot.i18n.calendar import (
    format_date,
    format_meeting_time,
    format_number,
    localize_digits,
    zone_label,
)

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("en", "fa", "ps")
RIGHT_TO_LEFT = frozenset({"fa", "ps"})
LOCALES = Path(__file__).resolve().parent / "locales"
FALLBACK = "en"


class Html(str):
    """Text that is already safe HTML (a rendered fragment); passed through unescaped."""

    __slots__ = ()


@dataclass(frozen=True)
class Msg:
    """A message key and its parameters, translated when it is sent."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class When:
    """An instant shown in the reader's language and the meeting's zone (Solar Hijri in fa/ps)."""

    at: datetime
    timezone: str
    date_only: bool = False

    def render(self, lang: str) -> str:
        if self.date_only:
            return format_date(self.at.astimezone(ZoneInfo(self.timezone)).date(), lang)
        return format_meeting_time(self.at, self.timezone, lang)


@dataclass(frozen=True)
class Zone:
    """A time zone, named as a place the reader knows ("Kabul time", «وقت کابل»)."""

    tz: str

    def render(self, lang: str) -> str:
        return zone_label(self.tz, lang)


def to_data(value: object) -> object:
    """A message (and its parameters) as JSON, to be rendered later, e.g. from the outbox."""
    if isinstance(value, Msg):
        return {"msg": value.key, "params": {k: to_data(v) for k, v in value.params.items()}}
    if isinstance(value, When):
        return {"when": value.at.isoformat(), "tz": value.timezone, "date_only": value.date_only}
    if isinstance(value, Zone):
        return {"zone": value.tz}
    if isinstance(value, Html):
        return {"html": str(value)}
    if isinstance(value, Url):
        return {"url": str(value)}
    if isinstance(value, str | int | float) or value is None:
        return value
    raise TypeError(f"cannot store {type(value).__name__} in a message")


def from_data(data: object) -> object:
    """The inverse of to_data."""
    if isinstance(data, dict):
        if "msg" in data:
            params = data.get("params") or {}
            return Msg(str(data["msg"]), {k: from_data(v) for k, v in params.items()})
        if "when" in data:
            at = datetime.fromisoformat(str(data["when"]))
            return When(at, str(data["tz"]), bool(data.get("date_only")))
        if "zone" in data:
            return Zone(str(data["zone"]))
        if "html" in data:
            return Html(str(data["html"]))
        if "url" in data:
            return Url(str(data["url"]))
    return data


def msg(key: str, **params: object) -> Msg:
    return Msg(key, params)


FSI, PDI = "\u2068", "\u2069"
_LONG_VALUE = 1000  # characters; well under fluent.runtime's limit of 2,500 per placeable
_MARK_OPEN, _MARK_CLOSE = "\ue001", "\ue002"  # private-use characters no catalog holds
# Control characters and lone surrogates in a quoted answer ("“…” is not a date"): not text,
# and a lone surrogate cannot even be encoded to send.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


class Url(str):
    """A link: escaped, but not wrapped in bidi marks, so it stays one clickable piece."""

    __slots__ = ()


class _LocalInt(FluentInt):
    """A whole number that Fluent still selects plurals on, written in the reader's digits."""

    def format(self, locale: Locale) -> str:
        return _format_number(self, locale, super().format(locale))


class _LocalFloat(FluentFloat):
    def format(self, locale: Locale) -> str:
        return _format_number(self, locale, super().format(locale))


def _format_number(number: FluentInt | FluentFloat, locale: Locale, default: str) -> str:
    if locale.language not in RIGHT_TO_LEFT:
        return default
    return format_number(number, locale.language, grouping=bool(number.options.useGrouping))


class _Bundle(FluentBundle):
    """A FluentBundle that keeps the number types it is given.

    FluentBundle.format_pattern turns every int into a plain FluentInt, which would write it
    in Latin digits whatever the language; this is its code, minus that conversion.
    """

    def format_pattern(
        self, pattern: Pattern, args: dict[str, object] | None = None
    ) -> tuple[str | FluentNone, list[Exception]]:
        fluent_args = {
            name: value if isinstance(value, FluentType) else native_to_fluent(value)
            for name, value in (args or {}).items()
        }
        errors: list[Exception] = []
        env = ResolverEnvironment(
            context=self, current=CurrentEnvironment(args=fluent_args), errors=errors
        )
        try:
            result: str | FluentNone = pattern(env)
        except ValueError as error:
            errors.append(error)
            result = "{???}"
        return result, errors


# Digits with separators (an id as text, a time such as 14:00, a part such as 1/3): a number
# whichever way it reached the message, so it takes the reader's digits.
_NUMERIC = re.compile(r"[0-9][0-9:/.\- ]*\Z")


def _isolate(text: str) -> str:
    # First-strong isolation keeps a Latin name or a number in its place inside
    # right-to-left text, and an Arabic-script name intact inside English.
    return f"{FSI}{text}{PDI}"


# Rendered messages kept for the next time they are asked for: a few megabytes at most.
RENDERED_KEPT = 2048


def frozen(value: object) -> Hashable:
    """A message or parameter as a key of the rendered messages; TypeError if it cannot be."""
    if isinstance(value, Msg):
        return (Msg, value.key, tuple((name, frozen(v)) for name, v in value.params.items()))
    if value is None or type(value) is str or isinstance(value, When | Zone):
        return value
    # Html and Url are strings rendered otherwise, True is 1, and 1.0 is 1: the type tells.
    return (type(value), value)


class _Variables(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def visit_VariableReference(self, node: fluent_ast.VariableReference) -> None:
        self.names.add(node.id.name)


class Catalog:
    """The loaded catalogs: `text(lang, key, **params)` renders a message as safe HTML."""

    def __init__(self, locales: Path = LOCALES) -> None:
        self._rendered: dict[Hashable, str] = {}
        self._bundles: dict[str, FluentBundle] = {}
        self._entries: dict[str, dict[str, fluent_ast.Message]] = {}
        for lang in LANGUAGES:
            # One folder per language, one file per feature: files are joined in name order.
            source = "\n".join(
                path.read_text(encoding="utf-8") for path in sorted((locales / lang).glob("*.ftl"))
            )
            # Parsed once, without source positions: the parser is most of the start-up time.
            resource = FluentParser(with_spans=False).parse(source)
            # Isolation is done per parameter in _resolve: Fluent's would also wrap links.
            bundle = _Bundle([lang], use_isolating=False)
            bundle.add_resource(resource)
            self._bundles[lang] = bundle
            entries: dict[str, fluent_ast.Message] = {}
            for entry in resource.body:
                if isinstance(entry, fluent_ast.Message):
                    if entry.id.name in entries:
                        # Two feature files defining one key: the later would win silently.
                        raise ValueError(f"message {entry.id.name!r} defined twice in {lang}")
                    entries[entry.id.name] = entry
            self._entries[lang] = entries

    def text(self, lang: str, key: str, *, plain: bool = False, **params: object) -> str:
        """The message as safe HTML; `plain` for button labels and alerts, which are not HTML."""
        bundle = self._bundles.get(lang) or self._bundles[FALLBACK]
        if not bundle.has_message(key):
            log.error("message %r missing in %r", key, lang)
            bundle = self._bundles[FALLBACK]
            if not bundle.has_message(key):
                raise KeyError(key)
        message = bundle.get_message(key)
        if message.value is None:
            raise KeyError(key)
        # A parameter may itself be a message (a kind, a role): rendered in the same language.
        params = {name: self._resolve(lang, value, plain) for name, value in params.items()}
        # Fluent refuses a placeable over 2,500 characters and shows "{???}" instead. A meeting
        # card with a long agenda is longer once escaped (each & is five characters), so long
        # values go in after Fluent, in place of a short mark. They are never selectors.
        long_values: dict[str, str] = {}
        for name, resolved in params.items():
            if isinstance(resolved, str) and len(resolved) > _LONG_VALUE:
                mark = f"{_MARK_OPEN}{len(long_values)}{_MARK_CLOSE}"
                long_values[mark] = resolved
                params[name] = mark
        value, errors = bundle.format_pattern(message.value, dict(params))
        if errors:
            log.error("message %r in %r: %s", key, lang, errors)
        text = str(value)
        for mark, resolved in long_values.items():
            text = text.replace(mark, resolved)
        return text

    def _resolve(self, lang: str, value: object, plain: bool) -> object:
        """Every message is HTML: text that came from people is escaped here, once."""
        if isinstance(value, Msg):
            return self.render(lang, value, plain=plain)
        if isinstance(value, When | Zone):
            return _isolate(value.render(lang))
        if isinstance(value, Html):
            return str(value)
        if isinstance(value, Url):
            return str(value) if plain else html.escape(value)
        if isinstance(value, str):
            value = _CONTROLS.sub("", value)
            if lang in RIGHT_TO_LEFT and _NUMERIC.match(value):
                value = localize_digits(value, lang)
            return _isolate(value if plain else html.escape(value, quote=False))
        if isinstance(value, bool):
            return value
        if isinstance(value, int):
            return _LocalInt(value)
        if isinstance(value, float):
            return _LocalFloat(value)
        return value

    def render(self, lang: str, message: Msg, *, plain: bool = False) -> str:
        """The message in `lang`; the same message asked for again (a card's text, a button's
        label) is looked up, not formatted again."""
        try:
            key = (lang, plain, frozen(message))
            rendered = self._rendered.get(key)
        except TypeError:  # a parameter that cannot be a key: formatted every time
            return self.text(lang, message.key, plain=plain, **message.params)
        if rendered is None:
            rendered = self.text(lang, message.key, plain=plain, **message.params)
            if len(self._rendered) >= RENDERED_KEPT:
                self._rendered.clear()
            self._rendered[key] = rendered
        return rendered

    def command_lines(self, lang: str, names: list[str]) -> Html:
        """One line per command, `/name — what it does`, for /help."""
        if lang in RIGHT_TO_LEFT:
            # A line that starts with /name is laid out left-to-right, with the command shown
            # as name/: the right-to-left mark sets the line's direction, the isolate keeps
            # /name in its order (Telegram still finds the command inside it).
            line = "\u200f\u2066/{name}\u2069 — {text}"
        else:
            line = "/{name} — {text}"
        return Html(
            "\n".join(line.format(name=name, text=self.text(lang, f"cmd-{name}")) for name in names)
        )

    def keys(self, lang: str) -> set[str]:
        """The message ids a catalog defines (for the completeness test)."""
        return set(self._entries[lang])

    def variables(self, lang: str, key: str) -> set[str]:
        """The `$placeholders` a message uses (for the completeness test)."""
        visitor = _Variables()
        visitor.visit(self._entries[lang][key])
        return visitor.names


@cache
def catalog() -> Catalog:
    return Catalog()


def pick_language(chosen: str | None, telegram_hint: str | None, default: str) -> str:
    """The person's language: their choice, else Telegram's hint when we speak it, else default."""
    if chosen in LANGUAGES:
        return chosen
    hint = (telegram_hint or "").split("-")[0].lower()
    if hint in LANGUAGES:
        return hint
    return default
