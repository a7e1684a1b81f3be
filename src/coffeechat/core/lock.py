"""One coffeechat at a time per session: an advisory lock beside the session file.

The lock is `fcntl.flock` on `sessions/.<id>.lock`, never on the session file
itself: that file is replaced at every save, and a lock on the old inode would
guard nothing. (`fcntl.lockf` is not used either: it is silently dropped when any
other descriptor of the file is closed in the process.) An flock dies with its
process, so one left by a crash or `kill -9` blocks nobody. The holder writes its
pid into the file so that a second instance can name it.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from coffeechat.core.atomic import PRIVATE_FILE
from coffeechat.core.problems import InputError

_ATTEMPTS = 5


class SessionBusyError(Exception):
    """The session is open in another coffeechat process."""

    def __init__(self, session_id: str, pid: int | None) -> None:
        self.session_id = session_id
        self.pid = pid
        holder = f"pid {pid}" if pid else "another process"
        super().__init__(f"session {session_id} is open in another coffeechat ({holder})")


def lock_path(folder: Path, session_id: str) -> Path:
    """The lock file guarding a session: hidden, beside the session file."""
    return folder / f".{session_id}.lock"


class SessionLock:
    """A held lock on one session; release it (or let the process end) to free it."""

    def __init__(self, path: Path, fd: int, session_id: str) -> None:
        self.path = path
        self.session_id = session_id
        self._fd: int | None = fd

    @classmethod
    def acquire(cls, folder: Path, session_id: str) -> SessionLock:
        """Lock the session `session_id` in `folder`; `SessionBusyError` if another holds it."""
        path = lock_path(folder, session_id)
        for _ in range(_ATTEMPTS):
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, PRIVATE_FILE)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = _read_pid(fd)
                os.close(fd)
                raise SessionBusyError(session_id, pid) from None
            except OSError:
                os.close(fd)
                raise
            # A holder releasing at this instant unlinks the file it locked; a lock
            # on that orphan would exclude nobody, so start again on the new file.
            if _same_file(fd, path):
                # The pid only lets a second instance name us: a full disk must not
                # cost the lock (nor leak it, held by a descriptor nobody closes).
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                return cls(path, fd, session_id)
            os.close(fd)
        raise SessionBusyError(session_id, None)

    @property
    def held(self) -> bool:
        """True until `release`."""
        return self._fd is not None

    def release(self) -> None:
        """Free the session for another process (removing the lock file)."""
        if self._fd is None:
            return
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> SessionLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()


@contextlib.contextmanager
def session_lock(folder: Path, session_id: str, shown: str) -> Iterator[SessionLock]:
    """Hold a session's lock for a short edit; `InputError` at once if a call holds it.

    Editing a session from the queue takes the same lock as a running call, so a call
    cannot start on it halfway and the edit is refused while a call has it open.
    """
    try:
        held = SessionLock.acquire(folder, session_id)
    except SessionBusyError as busy:
        holder = f" (pid {busy.pid})" if busy.pid else ""
        raise InputError.at(
            shown,
            f"this session is open in a running call{holder}; it was left unchanged",
            "finish the call (ctrl+e, then ctrl+s) and try again",
            line=0,
            col=0,
        ) from None
    with held:
        yield held


def _same_file(fd: int, path: Path) -> bool:
    try:
        return os.fstat(fd).st_ino == os.stat(path).st_ino
    except FileNotFoundError:
        return False


def _read_pid(fd: int) -> int | None:
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
