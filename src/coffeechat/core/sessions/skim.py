"""A session's summary read quickly: what the lists and the queue need, not the notes.

Parsing a 20 KB session with `tomllib` takes about 1.5 ms, nearly all of it spent
walking the notes one character at a time; ten thousand sessions would take 15 s.
A file exactly in the form the app writes (`session.to_toml`) is summarised without
a TOML parser: its multi-line notes are cut out with `str.split` (they are only
checked for backslashes, the one thing that would need decoding), and what is left
(some 80 short lines) is matched by one strict pattern of the app's layout: every
key in its place and order, every value of the type and range the session reader
accepts. Anything else about the file (a comment, an escape, a hand edit, a key out
of order, a date that does not exist) takes the slow path, a full `parse_session`,
which also gives the exact place of any problem. Both paths give the same summary;
tests hold them to it, also on damaged and mutated files.

A summary travels between processes and into the index cache as a *record*: plain
JSON-ready data, made straight from the file by the fast path (no objects per
follow-up until the summary is needed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.files.regular import MAX_SESSION_BYTES
from coffeechat.core.sessions.records import FollowUp, Meeting, Referral

if TYPE_CHECKING:
    from coffeechat.core.sessions.format import Session

Record = list[Any]
"""A summary as JSON-ready data, its fields in this order (a list: in a cache of
thousands it reads faster than a table of named fields)."""
ID, STATUS, STARTED, ORDER, ENDED, PLANNED, ELAPSED, MEETING, COUNTS, REFERRALS, FOLLOWUPS = range(
    11
)


@dataclass(frozen=True)
class SessionSummary:
    """One session as the lists and the follow-up queue see it (no notes)."""

    id: str
    status: str
    started: datetime
    ended: datetime | None
    planned_seconds: int
    elapsed_seconds: int
    meeting: Meeting
    questions: int
    answered: int
    skipped: int
    starred: int
    referrals: tuple[Referral, ...]
    followups: tuple[FollowUp, ...]

    @property
    def open_followups(self) -> int:
        """How many of its follow-ups are still to do."""
        return sum(1 for item in self.followups if item.status == "open")


def summarize(session: Session) -> SessionSummary:
    """The summary of a fully read session."""
    states = [q.status for q in session.questions]
    return SessionSummary(
        id=session.id,
        status=session.status,
        started=session.started,
        ended=session.ended,
        planned_seconds=session.planned_seconds,
        elapsed_seconds=session.elapsed_seconds,
        meeting=session.meeting,
        questions=len(states),
        answered=states.count("answered"),
        skipped=states.count("skipped"),
        starred=sum(1 for q in session.questions if q.starred),
        referrals=tuple(session.referrals),
        followups=tuple(session.followups),
    )


def read_summary(raw: bytes, path: Path, display: str | None = None) -> SessionSummary:
    """The summary of the session file `path` holding `raw`; `InputError` if damaged."""
    quick = quick_summary(raw, path)
    if quick is not None:
        return quick
    # The full reader (tomllib and the validators) is loaded only when a file needs it.
    from coffeechat.core.sessions.format import parse_session

    return summarize(parse_session(raw, path, display))


def read_record(raw: bytes, path: Path, display: str | None = None) -> Record:
    """The record of the session file `path` holding `raw`; `InputError` if damaged."""
    record = quick_record(raw, path.stem)
    if record is not None:
        return record
    from coffeechat.core.sessions.format import parse_session

    return as_record(summarize(parse_session(raw, path, display)))


def quick_summary(raw: bytes, path: Path) -> SessionSummary | None:
    """The summary by the fast path, or None when the file needs the full parse."""
    record = quick_record(raw, path.stem)
    return None if record is None else from_record(record)


# --- records --------------------------------------------------------------------------


def _when(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def order_of(moment: datetime) -> float:
    """Where a session goes in time order whatever its offset (no offset: local time)."""
    try:
        return moment.timestamp()
    except (OverflowError, OSError, ValueError):
        return 0.0


def as_record(summary: SessionSummary) -> Record:
    """A summary as JSON-ready data."""
    meeting = summary.meeting
    return [
        summary.id,
        summary.status,
        _when(summary.started),
        order_of(summary.started),
        _when(summary.ended),
        summary.planned_seconds,
        summary.elapsed_seconds,
        [
            meeting.person,
            meeting.role,
            meeting.organization,
            meeting.referred_by,
            meeting.contact,
            meeting.channel,
            _when(meeting.scheduled),
        ],
        [summary.questions, summary.answered, summary.skipped, summary.starred],
        [[r.name, r.role, r.contact, r.note] for r in summary.referrals],
        [
            [f.id, f.kind, f.title, _when(f.due), f.status, _when(f.snoozed_until), f.detail]
            for f in summary.followups
        ],
    ]


def from_record(record: Record) -> SessionSummary:
    """The summary a record holds; `ValueError`, `TypeError` or `IndexError` if garbled."""
    (
        session_id,
        status,
        started,
        _order,
        ended,
        planned,
        elapsed,
        meeting,
        counts,
        referrals,
        followups,
    ) = record
    person, role, organization, referred_by, contact, channel, scheduled = meeting
    questions, answered, skipped, starred = counts
    return SessionSummary(
        session_id,
        status,
        datetime.fromisoformat(started),
        _moment(ended),
        planned,
        elapsed,
        Meeting(person, role, organization, referred_by, contact, channel, _moment(scheduled)),
        questions,
        answered,
        skipped,
        starred,
        tuple([Referral(*r) for r in referrals]),
        tuple(
            [
                FollowUp(i, kind, title, datetime.fromisoformat(due), state, _moment(until), detail)
                for i, kind, title, due, state, until, detail in followups
            ]
        ),
    )


# --- the fast path ----------------------------------------------------------------------

# TOML allows no control character but tab (and newlines); the app writes no CR.
_CONTROL = bytes(i for i in range(32) if i not in (9, 10)) + b"\x7f"
_GIT_MARKER = b"\n<<<<<<<"
_CUT = "\x00"
"""Stands in for a multi-line string cut out of the text (it cannot occur in one)."""

_TEXT = r'"[^"\\\n]*"'
"""A one-line string without escapes."""
_NOT_BLANK = r'"(?=[^"\\\n]*[^"\\\s])[^"\\\n]*"'
"""The same, holding more than white space (checked once, in linear time)."""
_WHOLE = r"(?:0|[1-9]\d{0,8})"
"""A whole number from 0 to 999,999,999 (the readers refuse 10**9 and more)."""
_MOMENT = r"(?:19\d\d|2\d\d\d)-\d\d-\d\dT\d\d:\d\d:\d\d(?:[+-](?:[01]\d|2[0-3]):[0-5]\d|Z)?"
"""A date-time as `to_toml` (or `tomlkit`, with its Z for UTC) writes it, in the years
the readers keep (`dates.YEARS`, 1900 to 2999: a test holds the two equal). The offset
is held to TOML's ranges here; `datetime.fromisoformat` later holds the date and time
to theirs (as `tomllib` does: no month 13, no hour 24, no second 60, no February 30)."""
_NOTE = f"(?:{_CUT}|{_TEXT})"


def _line(key: str, value: str, name: str | None = None, optional: bool = True) -> str:
    text = f"{key} = (?P<{name}>{value})\n" if name else f"{key} = {value}\n"
    return f"(?:{text})?" if optional else text


def _choice(words: tuple[str, ...]) -> str:
    return '"(?:' + "|".join(re.escape(word) for word in words) + ')"'


def _table(header: str, body: str) -> str:
    return rf"\n\[\[{header}\]\]\n{body}"


def _question() -> str:
    return _table(
        "questions",
        _line("text", _NOT_BLANK, optional=False)
        + _line("topic", _choice(("role", "organization", "industry", "path", "advice", "other")))
        + _line("priority", _choice(("must", "should", "nice")))
        + _line("minutes", _WHOLE + r"(?:\.\d{1,17})?")
        + _line("status", _choice(("pending", "answered", "skipped")))
        + _line("seconds", _WHOLE)
        + _line("starred", "true")
        + _line("added", "true")
        + _line("notes", _NOTE),
    )


def _referral() -> str:
    return _table(
        "referrals",
        _line("name", _NOT_BLANK, optional=False)
        + _line("role", _TEXT)
        + _line("contact", _TEXT)
        + _line("note", _TEXT),
    )


def _followup() -> str:
    return _table(
        "followups",
        _line("id", _NOT_BLANK, optional=False)
        + _line("kind", _choice(("thank-you", "follow-up", "referral", "action")))
        + _line("title", _NOT_BLANK, optional=False)
        + _line("due", _MOMENT, optional=False)
        + _line("status", _choice(("open", "done", "dropped")))
        # `snooze` adds its line at the end of the table, after any detail.
        + f"(?:{_line('snoozed_until', _MOMENT)}{_line('detail', _TEXT)}"
        + f"|{_line('detail', _TEXT, optional=False)}"
        + f"{_line('snoozed_until', _MOMENT, optional=False)})",
    )


@cache
def _document() -> re.Pattern[str]:
    """The layout of a whole file, compiled on first use (a few ms that a warm start,
    which reads no session file, never pays)."""
    return re.compile(
        "format = 1\n"
        + _line("agenda", _TEXT)
        + _line("status", _choice(("in-progress", "completed", "abandoned")), "status")
        + _line("started", _MOMENT, "started", optional=False)
        + _line("ended", _MOMENT, "ended")
        + _line("planned_seconds", r"[1-9]\d{0,8}", "planned")
        + _line("elapsed_seconds", _WHOLE, "elapsed")
        + _line("paused_seconds", _WHOLE)
        + _line("warn_at", r"\[(?:\d{1,9}(?:, \d{1,9})*)?\]")
        + _line("current", _WHOLE)
        + r"\n\[meeting\]\n"
        + _line("with", _NOT_BLANK, "person", optional=False)
        + _line("role", _TEXT, "role")
        + _line("organization", _TEXT, "organization")
        + _line("referred_by", _TEXT, "referred_by")
        + _line("contact", _TEXT, "contact")
        + _line("channel", _TEXT, "channel")
        + _line("scheduled", _MOMENT, "scheduled")
        + rf"(?:\n\[notes\]\ngeneral = {_NOTE}\n)?"
        + "(?:"
        + _table("goals", _line("text", _TEXT) + _line("learned", "(?:true|false)", optional=False))
        + ")*"
        + f"(?P<questions>(?:{_question()})*)"
        + f"(?P<referrals>(?:{_referral()})*)"
        + f"(?P<followups>(?:{_followup()})*)"
    )


def _tables(span: str, name: str) -> list[dict[str, str]]:
    """The `key = value` lines of each `[[name]]` table in a span the layout matched."""
    tables = []
    for block in span.split(f"\n[[{name}]]\n")[1:]:
        table = {}
        for line in block.split("\n"):
            if line:
                key, _equals, value = line.partition(" = ")
                table[key] = value
        tables.append(table)
    return tables


def _text(value: str | None) -> str:
    """A one-line string's value from its quoted form (it holds no escapes)."""
    return "" if value is None else value[1:-1]


def quick_record(raw: bytes, session_id: str) -> Record | None:
    """The record of a file in the app's own form, or None if it needs the full parse."""
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
    notes = parts[1::2]
    if any("\\" in note for note in notes):
        return None  # escapes to decode (or to check): the full parse does that
    match = _document().fullmatch(_CUT.join(parts[0::2]))
    if match is None:
        return None
    try:
        return _record_of(match, session_id)
    except ValueError:
        return None  # a date that does not exist, like 2026-02-30, or a repeated id


def _record_of(match: re.Match[str], session_id: str) -> Record:
    """The record from the matched layout; `ValueError` for an impossible date or two
    follow-ups with one id."""
    started = datetime.fromisoformat(match["started"])
    for key in ("ended", "scheduled"):
        if match[key] is not None:
            datetime.fromisoformat(match[key])
    questions = match["questions"]
    followups = []
    for item in _tables(match["followups"], "followups"):
        datetime.fromisoformat(item["due"])
        until = item.get("snoozed_until")
        if until is not None:
            datetime.fromisoformat(until)
        followups.append(
            [
                _text(item["id"]),
                _text(item.get("kind")) or "action",
                _text(item["title"]),
                item["due"],
                _text(item.get("status")) or "open",
                until,
                _text(item.get("detail")),
            ]
        )
    if len({item[0] for item in followups}) != len(followups):
        raise ValueError("two follow-ups share an id")  # the full reader says where
    return [
        session_id,
        _text(match["status"]) or "in-progress",
        match["started"],
        order_of(started),
        match["ended"],
        int(match["planned"] or 1),
        int(match["elapsed"] or 0),
        [
            _text(match["person"]),
            _text(match["role"]),
            _text(match["organization"]),
            _text(match["referred_by"]),
            _text(match["contact"]),
            _text(match["channel"]),
            match["scheduled"],
        ],
        [
            questions.count("\n[[questions]]\n"),
            questions.count('\nstatus = "answered"\n'),
            questions.count('\nstatus = "skipped"\n'),
            questions.count("\nstarred = true\n"),
        ],
        [
            [_text(r["name"]), _text(r.get("role")), _text(r.get("contact")), _text(r.get("note"))]
            for r in _tables(match["referrals"], "referrals")
        ],
        followups,
    ]
