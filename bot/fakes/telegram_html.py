"""Telegram-style HTML entity parsing, modelled on tdlib's ``parse_html`` (MessageEntity.cpp)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EntityParseError", "ParsedText", "parse_html", "utf16_len"]

# Tags tdlib accepts in Bot API HTML; span is only valid with class="tg-spoiler".
_SIMPLE_TAGS: dict[str, str] = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
}
_ALLOWED_TAGS = frozenset({*_SIMPLE_TAGS, "span", "a", "code", "pre", "blockquote", "tg-emoji"})
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(
    r"&(?:#(?P<dec>[0-9]{1,8})|#x(?P<hex>[0-9a-fA-F]{1,7})|(?P<name>[a-zA-Z]+));"
)
_SPACE = " \t\n\r\f\v"


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; the message is tdlib's wording."""


@dataclass
class ParsedText:
    """Visible text plus the message entities Telegram would derive from HTML."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    utf16_offset: int
    text_offset: int


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts in."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entity(text: str, index: int) -> tuple[str, int] | None:
    """Decode the character reference at ``text[index]`` (an ``&``); None if it is not one."""
    match = _ENTITY_RE.match(text, index)
    if match is None:
        return None
    if match.group("name") is not None:
        char = _NAMED_ENTITIES.get(match.group("name"))
        if char is None:
            return None
    else:
        code = int(match.group("dec"), 10) if match.group("dec") else int(match.group("hex"), 16)
        if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            return None
        char = chr(code)
    return char, match.end()


def _parse_attributes(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Parse attributes after a start tag name; return them and the index of the closing ``>``."""
    offset = _byte_offset(text, begin)
    attributes: dict[str, str] = {}
    n = len(text)
    while i < n and text[i] != ">":
        while i < n and text[i] in _SPACE:
            i += 1
        if i < n and text[i] == ">":
            break
        name_start = i
        while i < n and text[i] not in _SPACE and text[i] not in "=>":
            i += 1
        name = text[name_start:i].lower()
        if not name:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset {offset}'
            )
        while i < n and text[i] in _SPACE:
            i += 1
        if tag == "blockquote" and name == "expandable" and (i >= n or text[i] != "="):
            attributes[name] = ""
            continue
        if i >= n or text[i] != "=":
            raise EntityParseError(
                "Expected equal sign in declaration of an attribute of the tag "
                f'"{tag}" at byte offset {offset}'
            )
        i += 1
        while i < n and text[i] in _SPACE:
            i += 1
        if i >= n:
            raise EntityParseError(f'Unclosed start tag "{tag}" at byte offset {offset}')
        if text[i] in "'\"":
            quote = text[i]
            i += 1
            value_chars: list[str] = []
            while i < n and text[i] != quote:
                if text[i] == "&":
                    decoded = _decode_entity(text, i)
                    if decoded is not None:
                        value_chars.append(decoded[0])
                        i = decoded[1]
                        continue
                value_chars.append(text[i])
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
            i += 1
            value = "".join(value_chars)
        else:
            token_start = i
            while i < n and (text[i].isalnum() or text[i] in ".-"):
                i += 1
            value = text[token_start:i].lower()
            if i < n and text[i] not in _SPACE and text[i] != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}"
                )
        attributes[name] = value
    if i >= n:
        raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
    return attributes, i


def _entity_for(tag: _OpenTag, length: int, inner_text: str) -> dict[str, Any] | None:
    """Build the entity a closed tag produces (None for tags without one)."""
    base: dict[str, Any] = {"offset": tag.utf16_offset, "length": length}
    if tag.name in _SIMPLE_TAGS:
        return {"type": _SIMPLE_TAGS[tag.name], **base}
    if tag.name == "span":
        return {"type": "spoiler", **base}
    if tag.name == "a":
        url = tag.attributes.get("href") or inner_text
        return {"type": "text_link", **base, "url": url}
    if tag.name == "code":
        language = tag.attributes.get("class", "")
        if language.startswith("language-"):
            # Kept until the enclosing <pre> closes, which turns it into the pre's language.
            return {"type": "code", **base, "_language": language.removeprefix("language-")}
        return {"type": "code", **base}
    if tag.name == "pre":
        return {"type": "pre", **base}
    if tag.name == "blockquote":
        expandable = "expandable" in tag.attributes
        return {"type": "expandable_blockquote" if expandable else "blockquote", **base}
    if tag.name == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": tag.attributes["emoji-id"]}
    return None


def _merge_pre_code(entities: list[dict[str, Any]], tag: _OpenTag, length: int) -> bool:
    """Fold ``<pre><code class="language-x">`` (either nesting order) into one pre entity."""
    language = tag.attributes.get("class", "").removeprefix("language-")
    for entity in reversed(entities):
        if entity["offset"] != tag.utf16_offset or entity["length"] != length:
            continue
        if tag.name == "pre" and entity["type"] == "code" and entity.get("_language"):
            entity["type"] = "pre"
            entity["language"] = entity.pop("_language")
            return True
        if (
            tag.name == "code"
            and entity["type"] == "pre"
            and tag.attributes.get("class", "").startswith("language-")
        ):
            entity["language"] = language
            return True
    return False


def _strip(parsed: ParsedText) -> ParsedText:
    """Trim surrounding whitespace as Telegram does, shifting and clipping entities."""
    stripped = parsed.text.strip()
    if stripped == parsed.text:
        return parsed
    shift = utf16_len(parsed.text[: len(parsed.text) - len(parsed.text.lstrip())])
    total = utf16_len(stripped)
    entities: list[dict[str, Any]] = []
    for entity in parsed.entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end > start:
            entities.append({**entity, "offset": start, "length": end - start})
    return ParsedText(stripped, entities)


def parse_html(text: str) -> ParsedText:
    """Parse Bot API HTML into visible text and entities, raising EntityParseError like tdlib.

    Stricter than Telegram in one respect: a bare ``&`` (or an unknown named entity) is
    rejected, because Telegram silently keeps it and that usually means unescaped user input.
    """
    out: list[str] = []
    utf16_offset = 0
    text_offset = 0
    entities: list[dict[str, Any]] = []
    stack: list[_OpenTag] = []
    n = len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                raise EntityParseError(
                    f'Unescaped "&" or unsupported entity at byte offset {_byte_offset(text, i)}'
                )
            out.append(decoded[0])
            utf16_offset += utf16_len(decoded[0])
            text_offset += len(decoded[0])
            i = decoded[1]
            continue
        if char != "<":
            # A run of plain text up to the next markup, taken at once.
            ends = [pos for pos in (text.find("&", i), text.find("<", i)) if pos != -1]
            end = min(ends) if ends else n
            run = text[i:end]
            out.append(run)
            utf16_offset += utf16_len(run)
            text_offset += len(run)
            i = end
            continue
        begin = i
        offset = _byte_offset(text, begin)
        i += 1
        if i < n and text[i] == "/":
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {offset}")
            name_start = i + 1
            while i < n and text[i] not in _SPACE and text[i] != ">":
                i += 1
            end_name = text[name_start:i].lower()
            while i < n and text[i] in _SPACE:
                i += 1
            if i >= n or text[i] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {offset}")
            i += 1
            tag = stack.pop()
            if end_name and end_name != tag.name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {offset}, expected "</{tag.name}>", '
                    f'found "</{end_name}>"'
                )
            length = utf16_offset - tag.utf16_offset
            if length > 0 and not _merge_pre_code(entities, tag, length):
                inner = "".join(out)[tag.text_offset :]
                entity = _entity_for(tag, length, inner)
                if entity is not None:
                    entities.append(entity)
            continue
        while i < n and text[i] not in _SPACE and text[i] != ">":
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {offset}")
        name = text[begin + 1 : i].lower()
        if name not in _ALLOWED_TAGS:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {offset}')
        attributes, i = _parse_attributes(text, i, name, begin)
        i += 1
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {offset}'
            )
        if name == "tg-emoji" and not attributes.get("emoji-id", "").isdigit():
            raise EntityParseError(
                f'Custom emoji entity must have "emoji-id" attribute at byte offset {offset}'
            )
        stack.append(_OpenTag(name, attributes, utf16_offset, text_offset))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    for entity in entities:
        entity.pop("_language", None)
    entities.sort(key=lambda entity: (entity["offset"], -entity["length"]))
    return _strip(ParsedText("".join(out), entities))
