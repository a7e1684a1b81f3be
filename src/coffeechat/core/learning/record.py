"""What one session holds for learning across interviews, kept in a cache of its own.

`learned` needs, besides each session's summary (`sessions.summary`), its goals and
how each question went, but not the notes: `SessionLearning` is that part, read by
the fast reader of the app's own layout where it can (`skim.quick_parts`) and by the
full reader otherwise. It is kept in `.coffeechat-cache/learning.json` beside the
summaries' cache, keyed by the stamps the summaries' index read (each file's size,
modification time and inode), so the next run reads one JSON file. The notes of the
answers shown are read from their files when needed (`notes_of`), by the same two
readers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from coffeechat.core.agendas.questions import PRIORITIES, Priority
from coffeechat.core.files.jsoncache import read_object, write_object
from coffeechat.core.files.parallel import PARALLEL_FROM, in_workers
from coffeechat.core.files.regular import MAX_SESSION_BYTES, read_regular
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.cachefile import MADE_BY, Stamp, digest_of
from coffeechat.core.sessions.format import QUESTION_STATES, QuestionState

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.sessions.cache import SessionIndex
    from coffeechat.core.sessions.format import Goal, SessionQuestion
    from coffeechat.core.sessions.summary import SessionSummary

CACHE_NAME = "learning.json"
_ARRAYS = ("goals", "questions")


PRIORITY_CODES: tuple[Priority, ...] = PRIORITIES
STATUS_CODES: tuple[QuestionState, ...] = QUESTION_STATES
PRIORITY_BITS, STATE_BITS, _STARRED, _NOTED = 3, 12, 16, 32


def question_code(priority: Priority, status: QuestionState, starred: bool, noted: bool) -> int:
    """How a question went, as one small number: its priority, its status, whether it
    is starred and whether it has notes (a cache of 100,000 questions reads fast)."""
    return (
        PRIORITY_CODES.index(priority)
        | STATUS_CODES.index(status) << 2
        | (_STARRED if starred else 0)
        | (_NOTED if noted else 0)
    )


def code_of(status: QuestionState, priority: Priority = "must") -> int:
    """The bits of a code that say `status` (and `priority`, if `PRIORITY_BITS` are
    compared too)."""
    return STATUS_CODES.index(status) << 2 | PRIORITY_CODES.index(priority)


def starred(code: int) -> bool:
    """Whether the question's code says it is starred."""
    return bool(code & _STARRED)


class SessionLearning(NamedTuple):
    """The goals of one session, ticked or not, and how each of its questions went
    (its text and `question_code`), without the notes."""

    goals: tuple[tuple[str, bool], ...]
    questions: tuple[tuple[str, int], ...]


def learning_of(goals: Iterable[Goal], questions: Iterable[SessionQuestion]) -> SessionLearning:
    """The learning part of a session's goals and questions. Each text is interned, as
    the cache's table of texts shares them: the same agenda's questions, read from
    10,000 files, would otherwise be 140,000 strings held at once."""
    return SessionLearning(
        tuple((sys.intern(g.text), g.learned) for g in goals),
        tuple(
            (
                sys.intern(q.text),
                question_code(q.priority, q.status, q.starred, bool(q.notes.strip())),
            )
            for q in questions
        ),
    )


def read_parts(path: Path) -> tuple[list[Goal], list[SessionQuestion]]:
    """A session file's goals and questions, notes and all; `InputError` or `OSError`
    if it cannot be read (the summaries' index reports that, by name)."""
    raw = read_regular(path, MAX_SESSION_BYTES)
    _summary, goals, questions = _parts(raw, path, None)
    return goals, questions


def read_learning(raw: bytes, path: Path, shown: str) -> tuple[SessionSummary, SessionLearning]:
    """A session file's summary and learning part, in one read: the summaries' index
    calls it for each file it reads (`load_index(..., reader=read_learning)`), so that
    a first run reads each file once; `InputError` if the file is damaged."""
    summary, goals, questions = _parts(raw, path, shown)
    return summary, learning_of(goals, questions)


def _parts(
    raw: bytes, path: Path, shown: str | None
) -> tuple[SessionSummary, list[Goal], list[SessionQuestion]]:
    from coffeechat.core.sessions.skim import quick_parts

    quick = quick_parts(raw, path, _ARRAYS)
    if quick is not None:
        return quick[0], quick[1]["goals"], quick[1]["questions"]
    from coffeechat.core.sessions.format import parse_session
    from coffeechat.core.sessions.summary import summarize

    session = parse_session(raw, path, shown)
    return summarize(session), session.goals, session.questions


def notes_of(workspace: Workspace, session_id: str) -> list[str]:
    """The notes of each question of a session, in order (empty if it cannot be read)."""
    try:
        return [q.notes for q in read_parts(workspace.session_path(session_id))[1]]
    except (OSError, InputError):
        return []


def load_learning(
    workspace: Workspace, index: SessionIndex, parallel_from: int = PARALLEL_FROM
) -> dict[str, SessionLearning]:
    """The learning part of each session of `index`, by id, from the cache where the
    file is unchanged since the index read it; a file that cannot be read now is left
    out (the index has reported it, or will next time)."""
    path = workspace.cache / CACHE_NAME
    texts, cached = _read_cache(path)
    found: dict[str, SessionLearning] = {}
    stamps: dict[str, Stamp] = {}
    stale: list[str] = []
    for summary in index.sessions:
        name = f"{summary.id}.toml"
        stamp = index.stamps.get(name)
        if stamp is None:
            continue
        stamps[name] = stamp
        read_now = index.extras.get(name)
        if isinstance(read_now, SessionLearning):
            found[summary.id] = read_now  # read by the index just now
            continue
        entry = cached.get(name)
        learning = _decoded(entry, texts) if entry is not None and entry[0] == stamp else None
        if learning is None:
            stale.append(name)
        else:
            found[summary.id] = learning
    for name, learning in _read_all(workspace, stale, parallel_from):
        if learning is not None:
            found[name.removesuffix(".toml")] = learning
    if stale or index.extras or len(cached) != len(found):
        _write_cache(workspace, path, stamps, found)
    return found


def _read_all(
    workspace: Workspace, names: list[str], parallel_from: int
) -> list[tuple[str, SessionLearning | None]]:
    """The learning parts of the files `names`, in other processes when there are many."""
    folder = str(workspace.sessions)
    jobs = [(name, os.path.join(folder, name)) for name in names]
    return in_workers(_read_batch, jobs, parallel_from)


def _read_batch(jobs: list[tuple[str, str]]) -> list[tuple[str, SessionLearning | None]]:
    """The learning parts for (name, path) pairs; runs in a worker process too."""
    from pathlib import Path

    out: list[tuple[str, SessionLearning | None]] = []
    for name, path in jobs:
        try:
            out.append((name, learning_of(*read_parts(Path(path)))))
        except (OSError, InputError):
            out.append((name, None))
    return out


# --- the cache file ------------------------------------------------------------------
# {"version": ..., "texts": [every goal's and question's text once],
#  "files": {name: [stamp, [text, learned, ...], [text, code, ...]]}}, texts by number.


@cache
def cache_version() -> str:
    """The version of the cache's contents: a digest of the modules that make them."""
    return digest_of(os.path.dirname(os.path.dirname(__file__)), (*MADE_BY, "learning/record.py"))


def _read_cache(path: Path) -> tuple[list[str], dict[str, Any]]:
    data = read_object(path)
    if data is None or data.get("version") != cache_version():
        return [], {}
    texts, files = data.get("texts"), data.get("files")
    if not isinstance(texts, list) or not isinstance(files, dict):
        return [], {}
    if not all(isinstance(text, str) for text in texts):
        return [], {}
    return texts, files


def _decoded(entry: Any, texts: list[str]) -> SessionLearning | None:
    """The learning part a cache entry holds; None if it is garbled."""
    try:
        _stamp, goals, questions = entry
        text = texts.__getitem__
        made = SessionLearning(
            tuple(zip(map(text, goals[0::2]), map(bool, goals[1::2]), strict=True)),
            tuple(zip(map(text, questions[0::2]), questions[1::2], strict=True)),
        )
    except (TypeError, ValueError, IndexError):
        return None
    return made if set(map(type, questions[1::2])) <= {int} else None


def _write_cache(
    workspace: Workspace, path: Path, stamps: dict[str, Stamp], found: dict[str, SessionLearning]
) -> None:
    """Save the parts; a cache that cannot be written only costs time next run."""
    numbers: dict[str, int] = {}
    files: dict[str, Any] = {}
    for name, stamp in stamps.items():
        learning = found.get(name.removesuffix(".toml"))
        if learning is None:
            continue
        goals: list[Any] = []
        for text, learned in learning.goals:
            goals += (numbers.setdefault(text, len(numbers)), int(learned))
        questions: list[Any] = []
        for text, code in learning.questions:
            questions += (numbers.setdefault(text, len(numbers)), code)
        files[name] = [stamp, goals, questions]
    payload = {"version": cache_version(), "texts": list(numbers), "files": files}
    write_object(workspace, path, payload)
