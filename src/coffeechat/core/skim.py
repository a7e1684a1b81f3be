"""A session's summary read quickly: what the lists and the queue need, not the notes.

Parsing a 20 KB session with `tomllib` takes about 1.5 ms, nearly all of it spent
walking the notes one character at a time; ten thousand sessions would take 15 s.
A file in the form the app writes (`session.to_toml`) can be summarised without
parsing its notes: their multi-line strings are cut out with `str.find`, the
`[[questions]]` tables are checked line by line with one strict pattern and counted,
and only the rest (the head and the referrals and follow-ups) goes through
`tomllib` and the usual session checks. Anything else about the file (a backslash
in a note, a hand edit, a table out of order) takes the slow path, a full
`parse_session`, which also gives the exact place of any problem. Both paths give
the same summary; a test holds them to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from coffeechat.core.agenda import Meeting
from coffeechat.core.problems import InputError
from coffeechat.core.session import FollowUp, Referral, Session, parse_session
from coffeechat.core.tomlfile import MAX_BYTES


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
    quick = quick_summary(raw, path, display)
    if quick is not None:
        return quick
    return summarize(parse_session(raw, path, display))


# --- the fast path ------------------------------------------------------------------

# Control characters are not allowed anywhere in TOML (tab and newlines aside).
_CONTROL = bytes(i for i in range(32) if i not in (9, 10, 13)) + b"\x7f"
_NOTES = re.compile(r'^(?:notes|general) = """', re.MULTILINE)
_HEADER = re.compile(r"^\[.*$", re.MULTILINE)
_QUESTIONS_HEADER = "[[questions]]"
_PLAIN = r'"[^"\\\x00-\x1f\x7f]*"'
_QUESTION_LINE = (
    rf"(?:text = {_PLAIN}"
    r'|topic = "(?:role|organization|industry|path|advice|other)"'
    r'|priority = "(?:must|should|nice)"'
    r"|minutes = \d{1,3}(?:\.\d{1,17})?"
    r'|status = "(?:pending|answered|skipped)"'
    r"|seconds = \d{1,9}"
    r"|starred = (?:true|false)"
    r"|added = (?:true|false)"
    rf"|notes = {_PLAIN})?\n"
)
_QUESTION_BODY = re.compile(f"(?:{_QUESTION_LINE})*")
_KEY = re.compile(r"^([a-z]+) = ", re.MULTILINE)


def quick_summary(raw: bytes, path: Path, display: str | None = None) -> SessionSummary | None:
    """The summary by the fast path, or None when the file needs the full parse."""
    if len(raw) > MAX_BYTES or len(raw.translate(None, _CONTROL)) != len(raw):
        return None
    try:
        text = raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        return None
    if "\r" in text:
        return None
    stripped = _without_notes(text)
    if stripped is None:
        return None
    split = _questions_span(stripped)
    if split is None:
        return None
    start, end = split
    counts = _count_questions(stripped[start:end])
    if counts is None:
        return None
    try:
        rest = parse_session((stripped[:start] + stripped[end:]).encode(), path, display)
    except InputError:
        return None  # the full parse places the problem exactly
    questions, answered, skipped, starred = counts
    return replace(
        summarize(rest), questions=questions, answered=answered, skipped=skipped, starred=starred
    )


def _without_notes(text: str) -> str | None:
    """`text` with every `notes`/`general` multi-line string emptied, if simple."""
    parts: list[str] = []
    position = 0
    for match in _NOTES.finditer(text):
        if match.start() < position:
            return None  # an opening inside a string already cut out
        close = text.find('"""', match.end())
        # A backslash could escape a quote or need checking: the full parse decides.
        if close < 0 or text.find("\\", match.end(), close) >= 0:
            return None
        end = close + 3
        while end < len(text) and text[end] == '"' and end - close < 5:
            end += 1  # TOML lets up to two quotes end the text before the closing three
        parts += [text[position : match.end() - 3], '""']
        position = end
    parts.append(text[position:])
    return "".join(parts)


def _questions_span(text: str) -> tuple[int, int] | None:
    """Where the `[[questions]]` tables start and end, if they stand together."""
    start = end = None
    for header in _HEADER.finditer(text):
        if header.group() == _QUESTIONS_HEADER:
            if end is not None:
                return None  # questions after another table: not the app's layout
            if start is None:
                start = header.start()
        elif start is not None and end is None:
            end = header.start()
    if start is None:
        return len(text), len(text)
    return start, len(text) if end is None else end


def _count_questions(chunk: str) -> tuple[int, int, int, int] | None:
    """(questions, answered, skipped, starred) if every question is in the app's form."""
    blocks = chunk.split(_QUESTIONS_HEADER + "\n")
    if blocks[0] or '\ntext = ""\n' in chunk:
        return None
    for block in blocks[1:]:
        keys = _KEY.findall(block)
        if not _QUESTION_BODY.fullmatch(block) or len(keys) != len(set(keys)) or "text" not in keys:
            return None
    return (
        len(blocks) - 1,
        chunk.count('\nstatus = "answered"\n'),
        chunk.count('\nstatus = "skipped"\n'),
        chunk.count("\nstarred = true\n"),
    )
