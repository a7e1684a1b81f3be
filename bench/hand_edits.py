"""Sessions as a person leaves them after editing by hand: valid TOML, any layout but
the app's own.

DESIGN.md asks that such files be read at tomllib speed, so the bench needs files that
miss every shortcut a reader may take for the layout the app writes. `hand_edited`
takes a session as the app wrote it and writes the same data in a layout chosen at
random from what editors and people do: comments (a header, before tables, after
values), keys in another order, tables in another order, inline tables and dotted
keys, literal and multi-line literal strings, multi-line basic strings with escapes
and line-ending backslashes, `\\uXXXX` escapes, CRLF line endings, a BOM, other
spacing and indentation, quoted keys, `1_500`, `2e0`, dates with a space for `T`,
arrays over several lines with a trailing comma. Every file has at least a comment
and its keys reordered, and every file is checked: it must parse with tomllib to
exactly the data the app wrote.
"""

from __future__ import annotations

import random
import re
import tomllib
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as clock_time
from typing import Any

CONTROL = {code: f"\\u{code:04X}" for code in (*range(0x20), 0x7F) if code not in (9, 10)}
BASIC = str.maketrans({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n", **CONTROL})
"""What a one-line basic string escapes."""
BASIC_LINES = str.maketrans({"\\": "\\\\", '"': '\\"', **CONTROL})
"""What a multi-line basic string escapes (its line breaks stay)."""
NOT_ASCII = re.compile(r"[^\x00-\x7f]")
NOT_LITERAL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f']")
"""What a one-line literal string cannot hold."""
NOT_LITERAL_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]|'''|'$")
"""What a multi-line literal string cannot hold (here: nor end with a quote)."""
INNER_SPACE = re.compile(r"(?<=\S) (?=\S)")


def escape_unicode(match: re.Match[str]) -> str:
    """A character as a TOML `\\uXXXX` or `\\UXXXXXXXX` escape."""
    code = ord(match.group(0))
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08X}"


@dataclass(frozen=True)
class Layout:
    """How one hand-edited file is laid out (chosen by `Layout.random`)."""

    newline: str
    bom: bool
    equals: str
    indent: str
    trailing_comments: bool
    airy: bool
    """Blank lines between some keys."""
    quoted_keys: bool
    tables_shuffled: bool
    meeting: str
    """"table", "inline" (`meeting = {...}`) or "dotted" (`meeting.with = ...`)."""
    notes: str
    """"table" or "dotted" (`notes.general = ...`)."""
    inline_arrays: bool
    """Goals, referrals and follow-ups as arrays of inline tables."""
    text: str
    """Notes as "basic" (multi-line), "literal" (multi-line), "continued" (multi-line
    basic with line-ending backslashes) or "escaped" (one line with `\\n`)."""
    strings: str
    """Other strings as "basic", "literal" or "unicode" (`\\u` escapes)."""
    date_space: bool
    numbers: bool
    """`1_500`, `2e0` and `2.00` instead of `1500` and `2.0`."""
    array_lines: bool
    header_spaces: bool
    """`[ meeting ]` and `[[ questions ]]`."""

    @classmethod
    def random(cls, rng: random.Random) -> Layout:
        """A layout with each habit picked at random."""
        return cls(
            newline=rng.choice(("\n", "\n", "\r\n")),
            bom=rng.random() < 0.15,
            equals=rng.choice((" = ", "=", "  =  ", " =\t", "\t= ")),
            indent=rng.choice(("", "", "  ", "    ", "\t")),
            trailing_comments=rng.random() < 0.5,
            airy=rng.random() < 0.4,
            quoted_keys=rng.random() < 0.25,
            tables_shuffled=rng.random() < 0.5,
            meeting=rng.choice(("table", "inline", "dotted")),
            notes=rng.choice(("table", "dotted")),
            inline_arrays=rng.random() < 0.4,
            text=rng.choice(("basic", "literal", "continued", "escaped")),
            strings=rng.choice(("basic", "literal", "unicode")),
            date_space=rng.random() < 0.5,
            numbers=rng.random() < 0.5,
            array_lines=rng.random() < 0.4,
            header_spaces=rng.random() < 0.2,
        )


def hand_edited(text: str, rng: random.Random) -> bytes:
    """The session `text` (as the app writes it) with the same data in another layout;
    the file's bytes. Raises `AssertionError` if tomllib would read other data."""
    data = tomllib.loads(text)
    writer = Writer(Layout.random(rng), rng)
    edited = writer.document(data)
    raw = ("\ufeff" if writer.layout.bom else "") + edited
    if tomllib.loads(raw.removeprefix("\ufeff")) != data:
        raise AssertionError(f"the hand-edited layout changed the data: {writer.layout}")
    return raw.encode("utf-8")


class Writer:
    """Writes a session's data as TOML in one `Layout`."""

    def __init__(self, layout: Layout, rng: random.Random) -> None:
        self.layout = layout
        self.rng = rng

    def document(self, data: dict[str, Any]) -> str:
        """The whole file."""
        layout, lines = self.layout, []
        person = data.get("meeting", {}).get("with", "someone")
        lines += [f"# Call with {person}: notes tidied by hand", "# vim: set ft=toml:", ""]
        top = {k: v for k, v in data.items() if not isinstance(v, dict) and not tables(v)}
        inline: dict[str, Any] = {}
        sections: list[tuple[str, Any]] = []
        for key, value in data.items():
            if key in top:
                continue
            if key == "meeting" and layout.meeting == "inline":
                inline[key] = value
            elif key == "meeting" and layout.meeting == "dotted":
                inline.update({f"meeting.{k}": v for k, v in value.items()})
            elif key == "notes" and layout.notes == "dotted":
                inline.update({f"notes.{k}": v for k, v in value.items()})
            elif tables(value) and layout.inline_arrays and key != "questions":
                inline[key] = value
            else:
                sections.append((key, value))
        lines += self.keys({**top, **inline}, indent="", shuffle=True)
        if layout.tables_shuffled:
            self.rng.shuffle(sections)
        for key, value in sections:
            lines.append("")
            if self.rng.random() < 0.4:
                lines.append(f"# {key}")
            if isinstance(value, dict):
                lines.append(self.header(key, array=False))
                lines += self.keys(value, layout.indent, shuffle=True)
                continue
            for item in value:
                lines.append(self.header(key, array=True))
                lines += self.keys(item, layout.indent, shuffle=self.rng.random() < 0.7)
                if layout.airy:
                    lines.append("")
        return layout.newline.join(lines) + layout.newline

    def header(self, key: str, array: bool) -> str:
        """`[key]` or `[[key]]`, maybe with spaces inside the brackets."""
        inner = f" {key} " if self.layout.header_spaces else key
        return f"[[{inner}]]" if array else f"[{inner}]"

    def keys(self, table: dict[str, Any], indent: str, shuffle: bool) -> list[str]:
        """`key = value` lines for a table's keys (dotted keys kept together)."""
        names = list(table)
        if shuffle:
            self.rng.shuffle(names)
            names.sort(key=lambda name: name.split(".")[0] if "." in name else "")
        lines = []
        for name in names:
            line = f"{indent}{self.key(name)}{self.layout.equals}{self.value(table[name])}"
            if self.layout.trailing_comments and "\n" not in line and self.rng.random() < 0.2:
                line += self.rng.choice(("  # checked", " # edited by hand", "\t# ok"))
            lines.append(line)
            if self.layout.airy and self.rng.random() < 0.3:
                lines.append("")
        return lines

    def key(self, name: str) -> str:
        """A key, bare or (sometimes) quoted, each part of a dotted one."""
        if not self.layout.quoted_keys:
            return name
        parts = name.split(".")
        return ".".join(f'"{part}"' if self.rng.random() < 0.5 else part for part in parts)

    def value(self, value: Any, one_line: bool = False) -> str:
        """A value; `one_line` inside inline tables, which must fit on one line."""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int):
            return f"{value:_}" if self.layout.numbers and abs(value) >= 1_000 else str(value)
        if isinstance(value, float):
            if self.layout.numbers and value.is_integer():
                return self.rng.choice((f"{int(value)}e0", f"{value:.2f}"))
            return repr(value)
        if isinstance(value, datetime | date | clock_time):
            text = value.isoformat()
            return text.replace("T", " ", 1) if self.layout.date_space else text
        if isinstance(value, str):
            return self.string(value, one_line)
        if isinstance(value, dict):
            pairs = [f"{self.key(k)} = {self.value(v, one_line=True)}" for k, v in value.items()]
            return "{ " + ", ".join(pairs) + " }"
        items = [self.value(item, one_line) for item in value]
        if self.layout.array_lines and not one_line and items:
            nl, pad = self.layout.newline, self.layout.indent or "  "
            return "[" + nl + "".join(f"{pad}{item},{nl}" for item in items) + "]"
        return "[" + ", ".join(items) + "]"

    def string(self, text: str, one_line: bool) -> str:
        """A string in the layout's style (multi-line ones only where they may go)."""
        nl = self.layout.newline
        if "\n" in text and not one_line and self.layout.text != "escaped":
            style = self.layout.text
            if style == "literal" and not NOT_LITERAL_LINES.search(text):
                return "'''" + nl + text.replace("\n", nl) + "'''"
            body = text.translate(BASIC_LINES)
            if style == "continued":
                body = self.continued(body)
            return '"""' + nl + body.replace("\n", nl) + '"""'
        if self.layout.strings == "literal" and not NOT_LITERAL.search(text):
            return f"'{text}'"
        body = text.translate(BASIC)
        if self.layout.strings == "unicode":
            body = NOT_ASCII.sub(escape_unicode, body)
        return f'"{body}"'

    def continued(self, body: str) -> str:
        """Some inner spaces of an escaped multi-line body broken with a line-ending
        backslash, which TOML removes with the line break and the indent after it."""
        count = 0

        def maybe_break(match: re.Match[str]) -> str:
            nonlocal count
            count += 1
            return " \\\n    " if count % 9 == 0 else match.group(0)

        return INNER_SPACE.sub(maybe_break, body)


def tables(value: Any) -> bool:
    """Whether `value` is an array of tables (`[[name]]`)."""
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
