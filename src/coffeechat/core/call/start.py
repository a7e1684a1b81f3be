"""Starting a call or resuming one: its session file, its locks, the calls left unfinished.

A call's record lives at `sessions/<id>.toml`, where the id is the start time and
the person (`2026-11-24-1501-jane-doe`). Before a call starts, `plan_call` takes the
agenda's call lock (`core.files.locks.call_lock`), so that one call at a time runs from an
agenda: a second `coffeechat run` of it is refused with the first one's pid, however
close together they start, and even when the sessions folder is read-only. Then it
finds the sessions of the agenda still `in-progress` (a call quit with ctrl+q, or cut
short by a crash) so the app can offer to resume one, and locks them too: `done` and
`snooze` refuse a session a call holds.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.agendas.files import read_agenda
from coffeechat.core.call.autosave import Signature, keep_copy, signature
from coffeechat.core.call.clock import fit_warnings
from coffeechat.core.files import atomic
from coffeechat.core.files.locks import (
    CALL,
    HeldLock,
    SessionBusyError,
    SessionLock,
    call_lock,
    lock_path,
)
from coffeechat.core.files.names import session_id, slugify
from coffeechat.core.files.regular import MAX_SESSION_BYTES, read_regular
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import (
    Session,
    checklist_of,
    new_session,
    read_session,
    to_toml,
)
from coffeechat.core.settings import Settings

AWAY_OFFERED = 60
"""Seconds since an unfinished call's last save from which resuming offers to count them."""
AWAY_LONGEST = 3 * 3600
"""Seconds since the last save beyond which no call can have gone on all along."""


@dataclass
class OpenSession:
    """A session file this process holds the lock on."""

    path: Path
    session: Session
    lock: HeldLock | None
    """None when the sessions folder cannot hold a lock file (read-only, full)."""
    call_lock: HeldLock | None = None
    """The agenda's call lock, once the call goes on in this session (see `begin`)."""
    saved: datetime | None = None
    """When an unfinished session's file was last written (its modification time)."""
    own: Signature | None = None
    """The signature of the file as read, if its bytes were exactly what coffeechat
    writes for this session; None for a new session, or a file edited by hand since,
    which the first save keeps as a conflict copy (see `autosave`)."""

    def release(self) -> None:
        """Let another process open it (and start a call from its agenda)."""
        for held in (self.lock, self.call_lock):
            if held is not None:
                held.release()


@dataclass
class CallPlan:
    """What starting a call from an agenda needs: the agenda and any unfinished call."""

    agenda: Agenda
    ref: str
    """How the session files name the agenda: relative to the workspace if inside it."""
    duration: int | None
    """The window given on the command line, overriding the agenda's."""
    unfinished: list[OpenSession] = field(default_factory=list)
    """In-progress sessions of this agenda, newest first, locked by this process."""
    lock: HeldLock | None = None
    """The agenda's call lock (None where no lock file can be made at all)."""
    kept: list[Path] = field(default_factory=list)
    """Conflict copies kept of unfinished sessions edited by hand, as they were
    marked abandoned (see `begin`)."""

    @property
    def planned(self) -> int:
        """The window of a new call from this plan."""
        return self.duration or self.agenda.duration

    def release(self) -> None:
        """Unlock every unfinished session still held, and the agenda."""
        for item in self.unfinished:
            item.release()
        if self.lock is not None:
            self.lock.release()


def agenda_ref(workspace: Workspace, path: Path) -> str:
    """How a session names its agenda: `agendas/jane-doe.toml`, or an absolute path."""
    full = path.resolve()
    try:
        return full.relative_to(workspace.root.resolve()).as_posix()
    except ValueError:
        return str(full)


def plan_call(
    workspace: Workspace, agenda_path: Path, settings: Settings, duration: int | None = None
) -> CallPlan:
    """Load the agenda, lock it and its unfinished sessions; `InputError` if a call from
    it is already running."""
    agenda = read_agenda(workspace, settings, agenda_path)
    plan = CallPlan(agenda, agenda_ref(workspace, agenda_path), duration)
    try:
        plan.lock = call_lock(workspace.sessions, plan.ref)
    except SessionBusyError as busy:
        running = running_session(workspace, plan)  # none yet if it has only just started
        if running is not None:
            raise _busy_error(workspace, running, busy) from None
        raise _busy_error(workspace, agenda_path, busy, "a call from this agenda is") from None
    for item in unfinished_sessions(workspace, plan.ref, agenda.meeting.person):
        try:
            item.lock = try_lock(workspace, item.session.id)
        except SessionBusyError as busy:
            plan.release()
            raise _busy_error(workspace, item.path, busy) from None
        item.saved = _modified(item.path)
        plan.unfinished.append(item)
    return plan


def _modified(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except (OSError, OverflowError, ValueError):
        return None


def running_session(workspace: Workspace, plan: CallPlan) -> Path | None:
    """The unfinished session of `plan`'s agenda that another process has open, if any."""
    for item in unfinished_sessions(workspace, plan.ref, plan.agenda.meeting.person):
        try:
            SessionLock.check(lock_path(workspace.sessions, item.session.id), item.session.id)
        except SessionBusyError:
            return item.path
    return None


def unfinished_sessions(workspace: Workspace, ref: str, person: str) -> list[OpenSession]:
    """The in-progress sessions of agenda `ref`, newest first, not yet locked; damaged
    files and sync conflict copies are skipped."""
    slug = slugify(person) or "call"
    found = []
    # Only this person's files are read, so thousands of past sessions cost nothing.
    for path in workspace.sessions.glob(f"*-{slug}*.toml"):
        try:
            before = signature(path)
            session = read_session(path, workspace.display(path))
        except (InputError, OSError):
            continue  # listed, with the reason, by `coffeechat sessions`
        # One whose questions were all deleted by hand could not be resumed: not offered.
        if session.status == "in-progress" and session.agenda == ref and session.questions:
            found.append(OpenSession(path, session, None, own=_own(path, session, before)))
    found.sort(key=lambda item: _comparable(item.session.started), reverse=True)
    return found


def _own(path: Path, session: Session, before: Signature | None) -> Signature | None:
    """The file's signature if it holds exactly what coffeechat writes for `session`
    (and did not change while it was read), else None: its first save keeps a copy."""
    try:
        same = read_regular(path, MAX_SESSION_BYTES) == to_toml(session).encode()
    except OSError:
        return None
    return before if same and signature(path) == before else None


def _comparable(moment: datetime) -> datetime:
    """A start time typed by hand without an offset, read as local time (as written)."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def open_new(workspace: Workspace, plan: CallPlan, started: datetime) -> OpenSession:
    """A new locked in-progress session for `plan`, not yet written to disk."""
    base = session_id(started, plan.agenda.meeting.person)
    number = 1
    while True:
        ident = base if number == 1 else f"{base}-{number}"
        path = workspace.session_path(ident)
        if not path.exists():
            try:
                lock = try_lock(workspace, ident)
            except SessionBusyError:
                number += 1
                continue
            if not path.exists():
                session = replace(
                    new_session(plan.agenda, plan.ref, started, plan.planned), id=ident
                )
                return OpenSession(path, session, lock)
            if lock is not None:
                lock.release()
        number += 1


def try_lock(workspace: Workspace, ident: str) -> HeldLock | None:
    """Lock a session; None if the folder cannot hold a lock; `SessionBusyError` if taken.

    A call must start even when the sessions folder is read-only or full: the
    screen then says the notes are not saved, and keeps trying.
    """
    try:
        return SessionLock.acquire(workspace.sessions, ident, CALL)
    except SessionBusyError:
        raise
    except OSError:
        return None


def reopen(item: OpenSession, duration: int | None, zone: tzinfo | None = None) -> OpenSession:
    """An unfinished session made ready to continue (its window changed if asked).

    Its start and end are put in `zone` (the clock's, which knows its daylight-saving
    rules), as if this process had taken them: the file holds only their offset, and
    the wrap-up's dates count from the end. Temp files of saves cut short were
    already settled when the workspace was prepared (`core.files.leftovers`).
    """
    session = item.session
    if duration:
        session.planned_seconds = duration
        session.warn_at = fit_warnings(session.warn_at, duration).kept
    if zone is not None:
        session.started = _in_zone(session.started, zone)
        if session.ended is not None:
            session.ended = _in_zone(session.ended, zone)
    return item


def _in_zone(moment: datetime, zone: tzinfo) -> datetime:
    """`moment` in `zone`; as it was where that would fall outside the calendar."""
    try:
        return moment.astimezone(zone)
    except (OverflowError, ValueError):
        return moment


def time_away(item: OpenSession, now: datetime) -> int:
    """Whole seconds from an unfinished call's last save to `now`, on the wall clock.

    That is the time its clock did not count if the call went on while coffeechat was
    not running (a crash, `kill -9`, a closed terminal: saves come every second while
    the clock runs). Whether it did is the person's to say, so it is only offered:
    0 when under `AWAY_OFFERED` seconds, over `AWAY_LONGEST` (no call goes on that
    long) or for a call that had ended.
    """
    if item.saved is None or item.session.ended is not None:
        return 0
    try:
        away = int((now.astimezone(UTC) - item.saved).total_seconds())
    except (OverflowError, ValueError):
        return 0
    return away if AWAY_OFFERED <= away <= AWAY_LONGEST else 0


def count_time_away(item: OpenSession, seconds: int) -> OpenSession:
    """`item` with `seconds` more of call on its clock (what `time_away` offered)."""
    item.session.elapsed_seconds += max(seconds, 0)
    return item


def abandon(item: OpenSession) -> Path | None:
    """Mark an unfinished session abandoned (its notes stay) and unlock it. A file
    edited by hand since it was read is first kept as a conflict copy (its comments
    and layout would be lost); the copy, if one was kept."""
    item.session.status = "abandoned"
    try:
        found = signature(item.path)
        kept = keep_copy(item.path) if found is not None and found != item.own else None
        atomic.write_atomic(item.path, to_toml(item.session))
    finally:
        item.release()
    return kept


def _busy_error(
    workspace: Workspace, path: Path, busy: SessionBusyError, what: str = "this call is"
) -> InputError:
    kill = f"; if it is stuck: kill {busy.pid}" if busy.pid else ""
    who = f"pid {busy.pid}" if busy.pid else "another process"
    return InputError.at(
        workspace.display(path),
        f"{what} already open in another coffeechat ({who})",
        f"switch to the terminal running it{kill}",
        line=0,
        col=0,
    )


def begin(
    workspace: Workspace, plan: CallPlan, chosen: OpenSession | None, started: datetime
) -> OpenSession:
    """The session the call goes on in: the unfinished one chosen, or a new one.

    Starting afresh marks the other unfinished calls of the agenda abandoned (their
    notes stay in their files); resuming one leaves the others as they are.
    """
    for item in plan.unfinished:
        if item is chosen:
            continue
        if chosen is None:
            # A folder that cannot be written keeps it in progress: offered again next time.
            with contextlib.suppress(OSError):
                kept = abandon(item)
                if kept is not None:
                    plan.kept.append(kept)
        item.release()
    plan.unfinished = []
    if chosen is not None:
        opened = reopen(chosen, plan.duration, started.tzinfo)
        if not opened.session.checklist:  # written before sessions kept their checklists
            opened.session.checklist = checklist_of(plan.agenda)
    else:
        opened = open_new(workspace, plan, started)
    opened.call_lock, plan.lock = plan.lock, None
    return opened
