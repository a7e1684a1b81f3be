"""Writing TOML by hand, so a session file stays readable and fast to save.

`document` writes an object in the layout of its format (`schema`): the top-level
keys, then each table after a blank line, each key on one line, in the order the
format declares them; a value that is None or empty is left out.

Notes are written as multi-line strings that read like the text that was typed.
Escaping is the least that keeps them valid: backslashes, control characters and
any quote that could close the string early.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.core.toml.schema import Field, Table

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_CLOSING_QUOTE = re.compile(r'"(?="|\Z)')
"""A quote followed by a quote, or last, could end a multi-line string: it is escaped."""


def _control(match: re.Match[str]) -> str:
    char = match.group()
    return {"\r": "\\r", "\f": "\\f", "\b": "\\b"}.get(char, f"\\u{ord(char):04x}")


def key(name: str) -> str:
    """A key, bare when it can be, quoted (always on one line) when it must be."""
    return name if _BARE_KEY.fullmatch(name) else _one_line(name)


def string(text: str) -> str:
    """A string value: one line in `"..."`, several in `\"\"\"...\"\"\"`."""
    if "\n" not in text:
        return _one_line(text)
    escaped = _CONTROL.sub(_control, text.replace("\\", "\\\\"))
    return '"""\n' + _CLOSING_QUOTE.sub(r'\\"', escaped) + '"""'


def _one_line(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + _CONTROL.sub(_control, escaped).replace("\n", "\\n") + '"'


def value(item: object) -> str:
    """Any supported value: text, number, boolean, date-time or a list of them."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, (int, float)):
        return repr(item)
    if isinstance(item, str):
        return string(item)
    if isinstance(item, datetime):
        return item.isoformat(timespec="seconds")
    if isinstance(item, date):
        return item.isoformat()
    if isinstance(item, Sequence):
        return "[" + ", ".join(value(part) for part in item) + "]"
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


def document(item: object, table: Table, version: int) -> str:
    """The text of a file holding `item` as `table` describes it (format `version`).

    Its tables are one level deep: a table's own tables are not written."""
    lines = [f"format = {version}", *_pairs(item, table.values())]
    sections = set()
    for part in table.in_file:
        if part.section and part.section not in sections:
            sections.add(part.section)
            body = _pairs(item, table.values(part.section))
            if body:
                lines += ["", f"[{_key(part.section)}]", *body]
        elif part.table is not None and part.kind == "table":
            lines += [
                "",
                f"[{_key(part.key)}]",
                *_pairs(getattr(item, part.attr), part.table.values()),
            ]
        elif part.table is not None:
            for entry in getattr(item, part.attr):
                lines += ["", f"[[{_key(part.key)}]]", *_pairs(entry, part.table.values())]
    return "\n".join(lines) + "\n"


def _pairs(item: object, fields: tuple[Field, ...]) -> list[str]:
    """The `key = value` lines of `item`'s `fields` that are set."""
    lines = []
    for part in fields:
        found = getattr(item, part.attr)
        if found is None or found == "" or (found is False and part.rules.omit_false):
            continue
        lines.append(f"{_key(part.key)} = {value(found)}")
    return lines


@cache
def _key(name: str) -> str:
    return key(name)
