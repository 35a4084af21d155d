"""What Telegram gets of our replies: inline keyboards, long lists cut into messages, and files
passed on by their Telegram file id."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Hashable, Iterator

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, WebAppInfo
from telegram.constants import ParseMode

from bot.i18n import Catalog, Html, Msg, frozen
from bot.presentation import Keyboard, Lines, SendMedia

# Keyboards built, by catalog, language and buttons: Telegram's objects are immutable, and a
# card's buttons are the same for everyone who answered alike.
_BUILT: dict[Hashable, InlineKeyboardMarkup] = {}
BUILT_KEPT = 1024


def markup(catalog: Catalog, lang: str, keyboard: Keyboard | None) -> InlineKeyboardMarkup | None:
    """Inline buttons with their labels in `lang`."""
    if keyboard is None:
        return None
    try:
        buttons = tuple(
            tuple((frozen(b.label), b.data, b.url, b.web_app) for b in row) for row in keyboard
        )
        key = (catalog, lang, buttons)
        built = _BUILT.get(key)
    except TypeError:  # a label whose message cannot be a key: built every time
        return _build(catalog, lang, keyboard)
    if built is None:
        built = _build(catalog, lang, keyboard)
        if len(_BUILT) >= BUILT_KEPT:
            _BUILT.clear()
        _BUILT[key] = built
    return built


def _build(catalog: Catalog, lang: str, keyboard: Keyboard) -> InlineKeyboardMarkup:
    rows = []
    for row in keyboard:
        buttons = []
        for button in row:
            label = (
                catalog.render(lang, button.label, plain=True)
                if isinstance(button.label, Msg)
                else button.label
            )
            web_app = WebAppInfo(button.web_app) if button.web_app else None
            buttons.append(
                InlineKeyboardButton(
                    label, callback_data=button.data, url=button.url, web_app=web_app
                )
            )
        rows.append(buttons)
    return InlineKeyboardMarkup(rows)


TEXT_LIMIT = 4096  # characters of a message, counted after Telegram parses the HTML
_TAG = re.compile(r"<[^>]*>")
# A private-use character no catalog contains: where the list goes in the rendered frame.
_LIST_MARK = "\ue000"


def utf16_len(text: str) -> int:
    # Telegram counts UTF-16 code units: an emoji outside the BMP is two.
    return len(text.encode("utf-16-le")) // 2


def plain_text(html_text: str) -> str:
    """What Telegram shows of an HTML message: tags dropped, entities decoded.

    Text people typed is escaped before it reaches a message, so every `<` left is a tag of
    the catalog's own.
    """
    return html.unescape(_TAG.sub("", html_text))


def telegram_length(html_text: str) -> int:
    """The length Telegram checks against its limits, for a message sent as HTML."""
    return utf16_len(plain_text(html_text).strip())


def render_lines(catalog: Catalog, lang: str, reply: Lines, limit: int = TEXT_LIMIT) -> list[str]:
    """The texts of a `Lines` reply: the frame's start, then lines, cut between lines."""
    frame = catalog.render(
        lang, Msg(reply.text.key, {**reply.text.params, "lines": Html(_LIST_MARK)})
    )
    head, _, tail = frame.partition(_LIST_MARK)
    lines = [line if isinstance(line, Html) else catalog.render(lang, line) for line in reply.lines]
    reserve = telegram_length(tail) + 1
    chunks: list[list[str]] = [[]]
    size = telegram_length(head)
    for line in lines:
        length = telegram_length(line) + 1  # and the line break before it
        if chunks[-1] and size + length + reserve > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(line)
        size += length
    texts = ["\n".join(chunk) for chunk in chunks]
    texts[0] = head + texts[0]
    texts[-1] = texts[-1] + tail
    return texts


CAPTION_LIMIT = 1024  # characters of a photo's, voice note's or document's caption, counted so
ELLIPSIS = "…"
# The zero-width non-joiner (the Dari and Pashto half-space, می‌آیم) and joiner (the parts of
# one emoji): a cut next to one splits what the reader sees as one word or one picture.
_JOINERS = frozenset("\u200c\u200d")
_WORD_REACH = 20  # how far back a cut goes to end at a space rather than inside a word
_LAST_SPACE = re.compile(r"\s(?=\S*\Z)")


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1  # a surrogate pair in UTF-16


def _regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF  # one letter of a flag


def _holds_together(before: str, after: str) -> bool:
    """Whether a cut between these two characters would split one letter, word or emoji."""
    if before in _JOINERS or after in _JOINERS:
        return True
    if unicodedata.category(after) in ("Mn", "Mc", "Me"):
        return True  # a combining mark: an Arabic vowel sign, the hamza above, a keycap
    point = ord(after)
    if 0xFE00 <= point <= 0xFE0F or 0xE0100 <= point <= 0xE01EF:
        return True  # a variation selector: the emoji or text form of the character before
    if 0x1F3FB <= point <= 0x1F3FF or 0xE0020 <= point <= 0xE007F:
        return True  # a skin tone, or the tags of a flag such as Scotland's
    return _regional(before) and _regional(after)


def shorten(text: str, limit: int) -> str:
    """`text` within `limit` UTF-16 units (what Telegram counts), cut with an ellipsis.

    The cut splits no surrogate pair, no half-space (ZWNJ) cluster, no letter from its marks
    and no emoji sequence, and ends at a space when there is one near.
    """
    if utf16_len(text) <= limit:
        return text
    budget = limit - utf16_len(ELLIPSIS)
    end = used = 0
    while end < len(text) and used + _units(text[end]) <= budget:
        used += _units(text[end])
        end += 1
    while end > 0 and _holds_together(text[end - 1], text[end]):
        end -= 1
    space = _LAST_SPACE.search(text, 0, end)
    if space is not None and space.start() > 0 and end - space.start() <= _WORD_REACH:
        end = space.start()
    # A half-space left before the space the cut moved to joins nothing any more.
    return text[:end].rstrip().rstrip("\u200c\u200d").rstrip() + ELLIPSIS


def _typed(message: Msg, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    """The parameters people typed (plain strings, not markup or links), wherever they are."""
    for name, value in message.params.items():
        if isinstance(value, Msg):
            yield from _typed(value, (*path, name))
        elif type(value) is str:
            yield (*path, name), value


def _replaced(message: Msg, path: tuple[str, ...], value: str) -> Msg:
    name, *rest = path
    inner = message.params[name]
    new = _replaced(inner, tuple(rest), value) if rest and isinstance(inner, Msg) else value
    return Msg(message.key, {**message.params, name: new})


def render_caption(catalog: Catalog, lang: str, caption: Msg, limit: int = CAPTION_LIMIT) -> str:
    """A caption in `lang` that Telegram takes: over its limit, what people typed in it (the
    longest first) is shortened with an ellipsis; the catalog's words and markup stay whole.

    A member's caption may already be at Telegram's limit before the bot puts its own words
    around it.
    """
    done: set[tuple[str, ...]] = set()
    while True:
        text = catalog.render(lang, caption)
        over = telegram_length(text) - limit
        if over <= 0:
            return text
        typed = [(utf16_len(value), path, value) for path, value in _typed(caption)]
        typed = [item for item in typed if item[1] not in done]
        if not typed:
            # Nothing typed left to shorten (the words are all markup): the plain text, cut.
            return html.escape(shorten(plain_text(text).strip(), limit), quote=False)
        length, path, value = max(typed)
        done.add(path)
        caption = _replaced(caption, path, shorten(value, max(length - over, 0)))


async def send_by_file_id(bot: Bot, chat_id: int, media: SendMedia, caption: str | None) -> Message:
    """A voice note, photo or document by its file id (the bot never downloads it)."""
    if media.kind == "voice":
        return await bot.send_voice(
            chat_id, media.file_id, caption=caption, parse_mode=ParseMode.HTML
        )
    if media.kind == "document":
        return await bot.send_document(
            chat_id, media.file_id, caption=caption, parse_mode=ParseMode.HTML
        )
    return await bot.send_photo(chat_id, media.file_id, caption=caption, parse_mode=ParseMode.HTML)
