"""Every session of a workspace at once, fast: summaries, cached between runs.

The home screen, `sessions` and `followups` need a line or two about each of
possibly thousands of sessions, never their notes. Each file is summarised once
(`summary.read_summary`: the app's own layout without a TOML parser, anything else
with `tomllib`) and the summaries are kept in
`.coffeechat-cache/sessions.json`, keyed by each file's name, size, modification
time and inode, so the next start reads one small JSON file and re-reads only the
sessions that changed. The cache is derived data: deleting it loses nothing, and a
damaged or outdated one is ignored. A damaged session file is reported by name with
the reason, and every other session still loads.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from coffeechat.core.files.jsoncache import stamped
from coffeechat.core.files.names import check_session_id
from coffeechat.core.files.parallel import PARALLEL_FROM, in_workers
from coffeechat.core.files.regular import (
    MAX_SESSION_BYTES,
    SESSION_FILE,
    NotAFileError,
    read_regular,
)
from coffeechat.core.files.serial import decoder, encoder
from coffeechat.core.files.syncconflicts import (
    SyncConflict,
    copies_among,
    git_conflict,
    onedrive_copy,
)
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError, Problem
from coffeechat.core.sessions.cachefile import (
    CACHE_NAME,
    Damage,
    Record,
    Stamp,
    problem_of,
    problem_record,
    read_cache,
    write_cache,
)
from coffeechat.core.sessions.summary import SessionSummary, read_summary


class Damaged(NamedTuple):
    """A session file that could not be read, and why."""

    name: str
    problems: tuple[Problem, ...]

    @property
    def reason(self) -> str:
        """The first problem, in one line (without its place)."""
        return self.problems[0].message if self.problems else "unreadable"


@dataclass(frozen=True)
class SessionIndex:
    """The sessions of a workspace, newest first, and the files that failed."""

    sessions: tuple[SessionSummary, ...]
    damaged: tuple[Damaged, ...]
    parsed: int = 0
    """How many files had to be read this time (the rest came from the cache)."""
    conflicts: tuple[SyncConflict, ...] = ()
    """Files left out as sync conflicts: copies made by a sync tool, or files holding
    git conflict markers (see `syncconflicts`), by name."""
    stamps: dict[str, Stamp] = field(default_factory=dict, compare=False)
    """Each session file's stamp as it was read, by name (for other caches of the
    files, e.g. `learning.record`)."""
    extras: dict[str, Any] = field(default_factory=dict, compare=False)
    """What the `reader` given to `load_index` made besides the summary, by name, for
    the files read this time (the others came from the cache)."""

    def find(self, session_id: str) -> SessionSummary | None:
        """The session with this id, if it was read."""
        return next((s for s in self.sessions if s.id == session_id), None)


Reader = Callable[[bytes, Path, str], tuple[SessionSummary, Any]]
"""What makes the summary of a file's bytes (named so in problems), and whatever else
another cache of the files needs from them, in the same read (see `SessionIndex.extras`;
it runs in a worker process too: a module's function)."""


def load_index(
    workspace: Workspace,
    use_cache: bool = True,
    parallel_from: int = PARALLEL_FROM,
    reader: Reader | None = None,
) -> SessionIndex:
    """Summaries of every session file, from the cache where the file is unchanged."""
    with collector_paused():
        return _load(workspace, use_cache, parallel_from, reader)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Keep the cyclic garbage collector off while many summaries are made or used.

    Tens of thousands of new objects, none of them garbage, would otherwise set off
    collections that walk all of them again and again (a third of a warm start).
    Afterwards they go straight to the oldest generation (freeze, then unfreeze), as
    if they had survived those collections, so the young ones stay cheap.
    """
    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if not frozen:  # what the app froze at its start stays frozen
            gc.unfreeze()
        if enabled:
            gc.enable()


def _load(
    workspace: Workspace, use_cache: bool, parallel_from: int, reader: Reader | None
) -> SessionIndex:
    cache_file = workspace.cache / CACHE_NAME
    cached = read_cache(cache_file) if use_cache else {}
    folder = workspace.display(workspace.sessions)
    files = dict(stamped(workspace.sessions))
    copies, maybe_onedrive = copies_among(files)
    for copy in copies:
        del files[copy.name]  # never read: a sync tool's copy is not a second call
    fresh: dict[str, tuple[Stamp, Record | Damage]] = {}
    found: list[tuple[float, str, SessionSummary]] = []
    left_out = _LeftOut(folder, [], copies)
    stale: list[tuple[str, str, str]] = []
    for name, stamp in files.items():
        entry = cached.get(name)
        if (
            isinstance(entry, list)
            and len(entry) == 2
            and entry[0] == stamp
            and left_out.take(name, entry[1], found)
        ):
            fresh[name] = (stamp, entry[1])
        else:
            stale.append((name, str(workspace.sessions / name), os.path.join(folder, name)))
    extras: dict[str, Any] = {}
    for name, record, extra in _summarise_all(stale, parallel_from, reader):
        fresh[name] = (files[name], record)
        if extra is not None:
            extras[name] = extra
        if not left_out.take(name, record, found):
            # Only a bug could make a garbled record here.
            left_out.damaged.append(
                Damaged(name, (Problem(left_out.shown(name), 0, 0, "unreadable"),))
            )
    if use_cache and (stale or fresh.keys() != cached.keys()):
        write_cache(workspace, cache_file, fresh)
    found = [item for item in found if not left_out.onedrive(item[2], maybe_onedrive)]
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return SessionIndex(
        tuple(item[2] for item in found),
        tuple(sorted(left_out.damaged, key=lambda d: d.name)),
        len(stale),
        tuple(sorted(left_out.conflicts, key=lambda c: c.name)),
        files,
        extras,
    )


@dataclass
class _LeftOut:
    """The files of one load that are not sessions: damaged ones and sync conflicts."""

    folder: str
    damaged: list[Damaged]
    conflicts: list[SyncConflict]

    def shown(self, name: str) -> str:
        """How to name a session file in a problem."""
        return os.path.join(self.folder, name)

    def take(
        self, name: str, record: Record | Damage, found: list[tuple[float, str, SessionSummary]]
    ) -> bool:
        """Add a record's session to `found` (or its file to those left out); False if
        the record is garbled (a cache edited by hand, or by a bug)."""
        try:
            if isinstance(record, dict):
                problems = tuple(problem_of(p, self.shown(name)) for p in record["problems"])
                if not problems:
                    raise ValueError("a damaged file with no problem")
                if record.get("sync") == "git":
                    self.conflicts.append(SyncConflict(name, "git", name, line=problems[0].line))
                else:
                    self.damaged.append(Damaged(name, problems))
                return True
            summary: SessionSummary = decoder(SessionSummary)(record)
            found.append((summary.order, summary.id, summary))
        except (KeyError, ValueError, TypeError, IndexError):
            return False
        return True

    def onedrive(self, summary: SessionSummary, maybe: dict[str, str]) -> bool:
        """True (and the file is left out) if this session's file is a OneDrive copy: its
        name adds a suffix to another session's id (`maybe`: the name of that file, by
        this one's), and its call is not named so."""
        name = f"{summary.id}.toml"
        if name not in maybe:
            return False
        copy = onedrive_copy(name, maybe[name], summary.started, summary.meeting.person)
        if copy is not None:
            self.conflicts.append(copy)
        return copy is not None


def session_files(folder: Path) -> list[Path]:
    """The session files in `folder` (temp and lock files left out)."""
    return [folder / name for name, _stamp in stamped(folder)]


def _summarise_all(
    stale: list[tuple[str, str, str]], parallel_from: int, reader: Reader | None
) -> list[tuple[str, Record | Damage, Any]]:
    """Records of the files that must be read (and what `reader` made besides), in
    other processes when there are many."""
    return in_workers(partial(_summarise_batch, reader=reader), stale, parallel_from)


def _summarise_batch(
    batch: list[tuple[str, str, str]], reader: Reader | None = None
) -> list[tuple[str, Record | Damage, Any]]:
    """Records for (name, path, shown) triples, and what `reader` made besides; runs in
    a worker process too."""
    out: list[tuple[str, Record | Damage, Any]] = []
    for name, path, shown in batch:
        try:
            check_session_id(name.removesuffix(".toml"), shown)
        except InputError:
            out.append((name, _not_an_id(shown), None))
            continue
        out.append((name, *_summarise_file(Path(path), shown, reader)))
    return out


def _not_an_id(shown: str) -> Damage:
    problem = Problem(
        shown,
        0,
        0,
        "the file name is not a session id",
        "rename it like 2026-11-24-1501-jane-doe.toml",
    )
    return {"problems": [problem_record(problem)]}


def _summarise_file(path: Path, shown: str, reader: Reader | None) -> tuple[Record | Damage, Any]:
    """The cache record of one file: its summary, or the problems that stop it (a file
    holding git conflict markers is marked as such: `"sync": "git"`); and what
    `reader` made besides (None without one, or for a file that cannot be read)."""
    try:
        raw = read_regular(path, MAX_SESSION_BYTES)
    except NotAFileError as err:
        problem = Problem(shown, 0, 0, f"this is {err.kind}, not {SESSION_FILE}")
        return {"problems": [problem_record(problem)]}, None
    except OSError as err:
        problem = Problem(shown, 0, 0, f"cannot read: {err.strerror}")
        return {"problems": [problem_record(problem)]}, None
    conflict = git_conflict(path.name, raw)
    if conflict is not None:
        return {"problems": [problem_record(conflict.problem(shown))], "sync": "git"}, None
    try:
        if reader is None:
            return encoder(SessionSummary)(read_summary(raw, path, shown)), None
        summary, extra = reader(raw, path, shown)
        return encoder(SessionSummary)(summary), extra
    except InputError as err:
        return {"problems": [problem_record(p) for p in err.problems]}, None
