"""Keeping coffeechat processes off each other's sessions: advisory locks on files of their own.

A lock is `fcntl.flock` on a small file, never on the file it guards: a session
file is replaced at every save, and a lock on the old inode would guard nothing.
(`fcntl.lockf` is not used either: it is silently dropped when any other
descriptor of the file is closed in the process.) An flock dies with its process,
so one left by a crash or `kill -9` blocks nobody.

The holder writes `<pid> <role>` into the file, so that another process can name
it and knows what it is waiting for. A running call (`CALL`) holds its locks for
minutes: whoever meets one is refused at once, with the call's pid. A short edit
(`EDIT`: `done`, `snooze`, undo on home) holds one for milliseconds: whoever meets
one waits for it, up to `WAIT_FOR_EDIT` seconds, so commands run side by side
simply take turns.

Two kinds of lock: a session's (`SessionLock`, `.<id>.lock` beside its file), held
by the call running on it and by each short edit of it; and an agenda's
(`call_lock`), held by the call started from it, so that two calls never start from
one agenda, even in a sessions folder that cannot hold a lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from coffeechat.core.files.atomic import PRIVATE_FILE
from coffeechat.core.problems import InputError

CALL = "call"
"""The role of a lock held for a whole call."""
EDIT = "edit"
"""The role of a lock held for one short edit of a session file."""
WAIT_FOR_EDIT = 10.0
"""Seconds a lock is waited for while a short edit (or a holder not yet named) has it."""
_POLL = 0.01
_ATTEMPTS = 5


@dataclass(frozen=True)
class Holder:
    """Who holds a lock, as its file says; None where it does not say (yet)."""

    pid: int | None = None
    role: str | None = None


class SessionBusyError(Exception):
    """The lock is held by another coffeechat process."""

    def __init__(self, name: str, holder: Holder) -> None:
        self.name = name
        self.holder = holder
        who = f"pid {holder.pid}" if holder.pid else "another process"
        super().__init__(f"session {name} is open in another coffeechat ({who})")

    @property
    def pid(self) -> int | None:
        """The holder's process id, if known."""
        return self.holder.pid

    @property
    def in_call(self) -> bool:
        """True when a running call holds it (not a short edit, not a holder unnamed)."""
        return self.holder.role == CALL


def lock_path(folder: Path, session_id: str) -> Path:
    """The lock file guarding a session: hidden, beside the session file."""
    return folder / f".{session_id}.lock"


class HeldLock:
    """A lock this process holds; release it (or let the process end) to free it."""

    def __init__(self, path: Path, fd: int, name: str, role: str) -> None:
        self.path = path
        self.name = name
        self.role = role
        self._fd: int | None = fd

    @classmethod
    def take(
        cls,
        path: Path,
        name: str,
        role: str,
        wait: float = WAIT_FOR_EDIT,
        pause: Callable[[float], None] = time.sleep,
    ) -> HeldLock:
        """Lock `path` for `role`; `SessionBusyError` if a call holds it, or if another
        holder keeps it longer than `wait` seconds. `OSError` if the file cannot be made."""
        deadline = time.monotonic() + wait
        while True:
            try:
                return cls._try(path, name, role)
            except SessionBusyError as busy:
                if busy.in_call or time.monotonic() >= deadline:
                    raise
            pause(_POLL)

    @classmethod
    def _try(cls, path: Path, name: str, role: str) -> HeldLock:
        for _ in range(_ATTEMPTS):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = _read_holder(fd)
                os.close(fd)
                raise SessionBusyError(name, holder) from None
            except OSError:
                os.close(fd)
                raise
            # A holder releasing at this instant unlinks the file it locked; a lock
            # on that orphan would exclude nobody, so start again on the new file.
            if _same_file(fd, path):
                # Who holds it only lets others name us: a full disk must not cost
                # the lock (nor leak it, held by a descriptor nobody closes). Written
                # before the old text is cut off, so a reader never meets an empty
                # file where a holder had written.
                data = f"{os.getpid()} {role}\n".encode()
                with contextlib.suppress(OSError):
                    os.pwrite(fd, data, 0)
                    os.ftruncate(fd, len(data))
                return cls(path, fd, name, role)
            os.close(fd)
        raise SessionBusyError(name, Holder())

    @classmethod
    def check(cls, path: Path, name: str) -> None:
        """`SessionBusyError` if someone holds the lock at `path`; creates nothing (for a
        lock that may have been taken elsewhere, in a folder this process cannot write)."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError:
            return  # no file: nobody holds it
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SessionBusyError(name, _read_holder(fd)) from None
        except OSError:
            return
        finally:
            os.close(fd)

    @property
    def held(self) -> bool:
        """True until `release`."""
        return self._fd is not None

    def release(self) -> None:
        """Free the lock for another process (removing its file)."""
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> HeldLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


class SessionLock(HeldLock):
    """The lock on one session file, beside it."""

    @classmethod
    def acquire(
        cls,
        folder: Path,
        session_id: str,
        role: str = CALL,
        wait: float = WAIT_FOR_EDIT,
        pause: Callable[[float], None] = time.sleep,
    ) -> HeldLock:
        """Lock the session `session_id` in `folder` for `role` (see `HeldLock.take`)."""
        return cls.take(lock_path(folder, session_id), session_id, role, wait, pause)


def call_lock(sessions: Path, ref: str) -> HeldLock | None:
    """The lock that lets one call at a time run from agenda `ref` into `sessions`.

    It is held in the sessions folder, beside the session files; where that folder
    cannot hold a file (read-only, full), in the user's runtime folder instead
    (`$XDG_RUNTIME_DIR/coffeechat`, nothing in it but a pid). Wherever it is held, a
    new call looks in both places, so two calls never miss each other. None if
    neither place can hold it; `SessionBusyError` if it is taken.
    """
    key = hashlib.sha256(f"{sessions.resolve()}\0{ref}".encode()).hexdigest()[:32]
    here = sessions / f".call-{key}.lock"
    elsewhere = f"call-{key}.lock"
    try:
        held = HeldLock.take(here, ref, CALL)
    except SessionBusyError:
        raise
    except OSError:
        HeldLock.check(here, ref)  # held by a call that could write here
        folder = _runtime_folder(create=True)
        try:
            return None if folder is None else HeldLock.take(folder / elsewhere, ref, CALL)
        except SessionBusyError:
            raise
        except OSError:
            return None
    folder = _runtime_folder(create=False)
    try:
        if folder is not None:
            HeldLock.check(folder / elsewhere, ref)  # held by a call that could not write here
    except SessionBusyError:
        held.release()
        raise
    return held


def _runtime_folder(create: bool) -> Path | None:
    """Where the lock of a call whose sessions folder cannot hold one is kept; None if
    this user has no such folder that is theirs alone."""
    import warnings

    import platformdirs

    try:
        with warnings.catch_warnings():  # that it falls back to a folder of its own is fine
            warnings.simplefilter("ignore")
            return Path(platformdirs.user_runtime_dir("coffeechat", ensure_exists=create))
    except OSError:
        return None


@contextlib.contextmanager
def session_lock(
    folder: Path, session_id: str, shown: str, pause: Callable[[float], None] = time.sleep
) -> Iterator[HeldLock]:
    """Hold a session's lock for a short edit; `InputError` if a running call holds it.

    Editing a session from the queue takes the same lock as a running call, so a call
    cannot start on it halfway and the edit is refused while a call has it open.
    Another short edit holding it is waited for.
    """
    try:
        held = SessionLock.acquire(folder, session_id, EDIT, pause=pause)
    except SessionBusyError as busy:
        holder = f" (pid {busy.pid})" if busy.pid else ""
        if busy.in_call:
            message = f"this session is open in a running call{holder}; it was left unchanged"
            hint = "finish the call (ctrl+e, then ctrl+s) and try again"
        else:
            message = (
                f"another coffeechat{holder} kept this session locked for over "
                f"{WAIT_FOR_EDIT:.0f} seconds; it was left unchanged"
            )
            hint = "try again in a moment"
        raise InputError.at(shown, message, hint, line=0, col=0) from None
    with held:
        yield held


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _read_holder(fd: int) -> Holder:
    """Who the lock file names; nobody if that process is gone (a file left by a
    `kill -9`, being taken over right now by a holder about to write its name)."""
    try:
        text = os.pread(fd, 4096, 0).decode("utf-8", "replace")
    except OSError:
        return Holder()
    pid_text, _, rest = text.partition("\n")[0].strip().partition(" ")
    if not pid_text.isdigit() or not _alive(int(pid_text)):
        return Holder()
    return Holder(int(pid_text), rest.strip() or None)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
