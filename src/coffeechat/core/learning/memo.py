"""The last overview `learned` made, kept until a session file changes.

Grouping the questions of 10,000 sessions takes longer than reading their summaries,
and between two calls nothing changes: the overview (no phrase, the notes of the
answers shown included) is kept in `.coffeechat-cache/learned.json` with a digest of
the stamps of every session file the index read and the version of the code that
makes it. Any file added, removed or changed, or a new coffeechat, and it is made
again. It is derived data: deleting it loses nothing, and a damaged one is ignored.
"""

from __future__ import annotations

import zlib
from functools import cache
from typing import TYPE_CHECKING, Any

from coffeechat.core.files.jsoncache import read_object, write_object
from coffeechat.core.learning.introductions import Introducer
from coffeechat.core.learning.lessons import Answer, Call, GoalRecord, QuestionGroup, call_of
from coffeechat.core.learning.timekeeping import TimeRecord

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.learning.learned import Learned
    from coffeechat.core.sessions.cache import SessionIndex
    from coffeechat.core.sessions.summary import SessionSummary

MEMO_NAME = "learned.json"
MADE_BY = (
    "learning/record.py",
    "learning/lessons.py",
    "learning/matching.py",
    "learning/learned.py",
    "learning/timekeeping.py",
    "learning/introductions.py",
    "learning/memo.py",
)


def key_of(index: SessionIndex) -> str:
    """What the overview was made from: the code and every session file's stamp."""
    stamps = repr(sorted(index.stamps.items())).encode()
    return f"{_code_version()}-{zlib.crc32(stamps):08x}{zlib.adler32(stamps):08x}"


@cache
def _code_version() -> str:
    """A digest of the modules that make the overview (read once a process: the
    Learning pane asks on every refresh)."""
    import os

    from coffeechat.core.sessions import cachefile

    code = (*cachefile.MADE_BY, *MADE_BY)
    return cachefile.digest_of(os.path.dirname(os.path.dirname(__file__)), code)


def recall(workspace: Workspace, index: SessionIndex) -> Learned | None:
    """The overview kept for exactly these files, or None."""
    data = read_object(workspace.cache / MEMO_NAME)
    if data is None or data.get("key") != key_of(index):
        return None
    try:
        return _learned(data, {s.id: s for s in index.sessions})
    except (ValueError, KeyError, TypeError, IndexError):  # a garbled overview
        return None


def keep(workspace: Workspace, index: SessionIndex, found: Learned) -> None:
    """Keep the overview `found` for these files (a failure only costs time next run)."""
    payload = {
        "key": key_of(index),
        "goals": [
            [g.text, g.wordings, [c.id for c in g.set_in], [c.id for c in g.learned_in]]
            for g in found.goals
        ],
        "questions": [
            [
                q.text,
                q.wordings,
                [[a.call.id, a.question, a.place, a.starred, a.notes] for a in q.answers],
                q.asked,
                q.answered,
                q.people,
                [c.id for c in q.must_left],
            ]
            for q in found.questions
        ],
        "time": [getattr(found.time, name) for name in _TIME],
        "introducers": [[i.name, i.people] for i in found.introducers],
    }
    write_object(workspace, workspace.cache / MEMO_NAME, payload)


_TIME = ("calls", "on_time", "median_overrun", "worst_overrun", "worst", "last")


def _learned(data: dict[str, Any], sessions: dict[str, SessionSummary]) -> Learned:
    from coffeechat.core.learning.learned import Learned

    calls: dict[str, Call] = {}

    def call(session_id: str) -> Call:
        made = calls.get(session_id)
        if made is None:
            made = calls[session_id] = call_of(sessions[session_id])
        return made

    def texts(values: Any) -> tuple[str, ...]:
        if not all(isinstance(v, str) for v in values):
            raise TypeError("not texts")
        return tuple(values)

    goals = tuple(
        GoalRecord(str(text), texts(words), tuple(map(call, set_in)), tuple(map(call, learned)))
        for text, words, set_in, learned in data["goals"]
    )
    questions = tuple(
        QuestionGroup(
            str(text),
            texts(words),
            tuple(
                Answer(call(i), str(asked), int(place), bool(star), str(notes))
                for i, asked, place, star, notes in answers
            ),
            int(times),
            int(answered),
            int(people),
            tuple(map(call, left)),
        )
        for text, words, answers, times, answered, people, left in data["questions"]
    )
    calls_, on_time, median, worst_overrun, worst, last = data["time"]
    time = TimeRecord(
        int(calls_), int(on_time), int(median), int(worst_overrun), str(worst), tuple(last)
    )
    people = tuple(Introducer(str(name), texts(whom)) for name, whom in data["introducers"])
    return Learned(goals, questions, time, people)
