"""The fast reader of a session file in the app's own layout: its summary, no TOML parser.

Parsing a 20 KB session with `tomllib` takes about 1.5 ms, nearly all of it spent
walking the notes one character at a time; ten thousand sessions would take 15 s. A
file in the layout the app writes (`writing.document`) is summarised without a
parser: its multi-line strings are cut out with `str.split` (they are only checked
for backslashes, the one thing that would need decoding), and what is left (some 80
short lines) is matched by one strict pattern made from the format's definition
(`format.Session`, see `schema`): each table's keys in the order the format declares
them, each optional unless the format requires it, each value of the kind and range
the full reader accepts. Anything else about the file (a comment, an escape, a hand
edit, a key out of order) takes the full reader, which also gives the exact place of
any problem. Both give the same summary; tests hold them to it, also on damaged and
mutated files.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.files.regular import MAX_SESSION_BYTES
from coffeechat.core.queue.dates import in_range
from coffeechat.core.sessions.format import FORMAT, FollowUp, Referral, Session
from coffeechat.core.sessions.summary import SessionSummary
from coffeechat.core.toml import writing
from coffeechat.core.toml.schema import Field, table_of

if TYPE_CHECKING:
    from pathlib import Path

# TOML allows no control character but tab (and newlines); the app writes no CR.
_CONTROL = bytes(i for i in range(32) if i not in (9, 10)) + b"\x7f"
_GIT_MARKER = b"\n<<<<<<<"
_CUT = "\x00"
"""Marks, with its number, a multi-line string cut out of the text (it cannot be in one)."""

_TEXT = r'"[^"\\\n]*"'
"""A one-line string without escapes."""
_NOT_BLANK = r'"(?=[^"\\\n]*[^"\\\s])[^"\\\n]*"'
"""The same, holding more than white space (checked once, in linear time)."""
_WHOLE = r"(?:0|[1-9]\d{0,8})"
"""A whole number from 0 to 999,999,999 (the readers refuse 10**9 and more)."""
_LEXEMES = {
    "text": f"(?:{_CUT}\\d+{_CUT}|{_TEXT})",
    "integer": _WHOLE,
    "number": _WHOLE + r"(?:\.\d{1,17})?",
    "flag": "(?:true|false)",
    "moment": r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-](?:[01]\d|2[0-3]):[0-5]\d|Z)?",
    "integers": rf"\[(?:{_WHOLE}(?:, {_WHOLE})*)?\]",
}
"""Each kind's values as the writer writes them. A date-time's offset is held to
TOML's ranges here; `datetime.fromisoformat` then holds the date and time to theirs
(as `tomllib` does: no month 13, no hour 24, no February 30) and `dates.in_range` the
year to the readers' (a time written without an offset is local, as TOML says)."""


def quick_summary(raw: bytes, path: Path) -> SessionSummary | None:
    """The summary by the fast path, or None when the file needs the full reader."""
    found = quick_parts(raw, path, ())
    return None if found is None else found[0]


def quick_parts(
    raw: bytes, path: Path, arrays: tuple[str, ...]
) -> tuple[SessionSummary, dict[str, list[Any]]] | None:
    """The summary and the session's arrays of tables `arrays` (e.g. "questions", as
    their records, notes and all) by the fast path, or None when the file needs the
    full reader."""
    if len(raw) > MAX_SESSION_BYTES or len(raw.translate(None, _CONTROL)) != len(raw):
        return None  # too large (the full reader says so), or control characters
    if _GIT_MARKER in raw:
        return None  # perhaps git conflict markers, which the full reader refuses
    try:
        parts = raw.decode("utf-8").split('"""')
    except UnicodeDecodeError:
        return None
    if len(parts) % 2 == 0:
        return None  # a multi-line string that is never closed
    strings = parts[1::2]
    if any("\\" in string for string in strings):
        return None  # escapes to decode (or to check): the full reader does that
    outside = parts[0::2]
    text = outside[0] + "".join(
        f"{_CUT}{number}{_CUT}{rest}" for number, rest in enumerate(outside[1:])
    )
    match = _layout().fullmatch(text)
    if match is None:
        return None
    try:
        summary = _summary(match, strings, path.stem)
    except ValueError:
        return None  # a date that does not exist, like 2026-02-30, or a repeated id
    try:
        return summary, {attr: _records(match, attr, strings) for attr in arrays}
    except TypeError:
        return None  # a key left out that its record needs: the full reader fills it in


# --- the layout, from the format's definition -------------------------------------


@cache
def _layout() -> re.Pattern[str]:
    """The layout of a whole file, compiled on first use (a few ms that a warm start,
    which reads no session file, never pays)."""
    table = table_of(Session)
    pattern = f"format = {FORMAT}\n(?P<_top>{_lines(table.values())})"
    sections = set()
    for part in table.in_file:
        if part.section and part.section not in sections:
            sections.add(part.section)
            body = re.escape(_header(part.section)) + _lines(table.values(part.section))
            pattern += f"(?:{body})?"
        elif part.table is not None and part.kind == "table":
            body = re.escape(_header(part.key)) + _lines(part.table.values())
            needed = any(f.required for f in part.table.values())
            pattern += f"(?P<{part.attr}>{body})" + ("" if needed else "?")
        elif part.table is not None:
            body = re.escape(_header(f"[{part.key}]")) + _lines(part.table.values())
            pattern += f"(?P<{part.attr}>(?:{body})*)"
    return re.compile(pattern)


def _header(name: str) -> str:
    """A table's header line as written, with the blank line before it."""
    return f"\n[{name}]\n"


def _lines(fields: tuple[Field, ...]) -> str:
    """The `key = value` lines of a table, in order, each there or not as the format says."""
    out = ""
    for part in fields:
        line = f"{re.escape(part.key)} = {_lexeme(part)}\n"
        out += line if part.required else f"(?:{line})?"
    return out


def _lexeme(part: Field) -> str:
    if part.kind == "choice":
        return '"(?:' + "|".join(re.escape(word) for word in part.choices) + ')"'
    if part.kind == "text" and part.required:
        return _NOT_BLANK
    if part.kind == "integer" and part.rules.minimum:
        if part.rules.minimum != 1:
            raise NotImplementedError("the fast path knows the minimums 0 and 1")
        return r"[1-9]\d{0,8}"
    return _LEXEMES[part.kind]


# --- the summary, from the matched layout ------------------------------------------


def _summary(match: re.Match[str], strings: list[str], session_id: str) -> SessionSummary:
    """The summary from the matched layout; `ValueError` for an impossible date or two
    follow-ups with one id."""
    top = _values(match["_top"], Session, strings)
    referrals = tuple(Referral(**values) for values in _tables(match, "referrals", strings))
    followups = tuple(FollowUp(**values) for values in _tables(match, "followups", strings))
    if len({item.id for item in followups}) != len(followups):
        raise ValueError("two follow-ups share an id")  # the full reader says where
    questions = match["questions"]
    header, answered, skipped, starred = _question_lines()
    defaults = _defaults()
    return SessionSummary(
        id=session_id,
        status=top.get("status", defaults["status"]),
        started=top["started"],
        ended=top.get("ended"),
        planned_seconds=top.get("planned_seconds", defaults["planned_seconds"]),
        elapsed_seconds=top.get("elapsed_seconds", defaults["elapsed_seconds"]),
        meeting=Meeting(**_values(match["meeting"], Meeting, strings)),
        questions=questions.count(header),
        answered=questions.count(answered),
        skipped=questions.count(skipped),
        starred=questions.count(starred),
        referrals=referrals,
        followups=followups,
    )


@cache
def _defaults() -> dict[str, Any]:
    """The value of each top-level key a file leaves out."""
    return {part.attr: part.default for part in table_of(Session).values()}


@cache
def _question_lines() -> tuple[str, str, str, str]:
    """What marks, in the questions' span, a question, an answered, a skipped and a
    starred one (each table's lines are whole: one can be counted with `str.count`)."""
    part = table_of(Session).field("questions")
    assert part.table is not None
    status, star = part.table.field("status").key, part.table.field("starred").key
    return (
        _header(f"[{part.key}]"),
        f"\n{status} = {writing.value('answered')}\n",
        f"\n{status} = {writing.value('skipped')}\n",
        f"\n{star} = {writing.value(True)}\n",
    )


def _tables(match: re.Match[str], attr: str, strings: list[str]) -> list[dict[str, Any]]:
    """The values of each table of the session's array of tables `attr`."""
    header, cls = _array(attr)
    return [_values(block, cls, strings) for block in match[attr].split(header)[1:]]


def _records(match: re.Match[str], attr: str, strings: list[str]) -> list[Any]:
    """The records of the session's array of tables `attr`."""
    cls = _array(attr)[1]
    return [cls(**values) for values in _tables(match, attr, strings)]


@cache
def _array(attr: str) -> tuple[str, type[Any]]:
    """The header of each table of the session's array `attr`, and their dataclass."""
    part = table_of(Session).field(attr)
    assert part.table is not None
    return _header(f"[{part.key}]"), part.table.cls


Convert = Callable[[str], Any]


def _values(block: str, cls: type[Any], strings: list[str]) -> dict[str, Any]:
    """The values a matched block of `cls`'s `key = value` lines gives, by attribute."""
    readers = _READERS.get(cls) or _READERS.setdefault(cls, _readers(cls))
    values: dict[str, Any] = {}
    for line in block.split("\n"):
        name, equals, lexeme = line.partition(" = ")
        if not equals:
            continue
        attr, convert = readers[name]
        if convert is not None:
            values[attr] = convert(lexeme)
        elif lexeme[0] == '"':
            values[attr] = lexeme[1:-1]  # a string without escapes, or a word
        else:
            string = strings[int(lexeme[1:-1])]  # a multi-line string, cut out
            values[attr] = string[1:] if string.startswith("\n") else string  # TOML trims it
    return values


_READERS: dict[type[Any], dict[str, tuple[str, Convert | None]]] = {}


def _readers(cls: type[Any]) -> dict[str, tuple[str, Convert | None]]:
    """For each key of `cls`'s table: its attribute, and what makes its value from its
    written form (None for a string: its quotes taken off)."""
    return {part.key: (part.attr, _CONVERT.get(part.kind)) for part in table_of(cls).values()}


def _moment(lexeme: str) -> datetime:
    moment = datetime.fromisoformat(lexeme)
    if not in_range(moment):
        raise ValueError("a year the readers refuse")
    return moment


def _integers(lexeme: str) -> tuple[int, ...]:
    return tuple(int(number) for number in lexeme[1:-1].split(", ") if number)


_CONVERT: dict[str, Convert] = {
    "moment": _moment,
    "integer": int,
    "number": float,
    "flag": "true".__eq__,
    "integers": _integers,
}
"""What makes a value of each kind but text from its written form (which the layout
has checked: these never fail, but for a date that does not exist or a year the
readers refuse)."""
