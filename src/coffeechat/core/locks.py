"""The lock that says a session is in use by a running call.

A running call holds an `fcntl.flock` on `sessions/.<session-id>.lock` (a separate
file: the session file itself is replaced on every save, and a lock on the old inode
would protect nothing). `flock` is released by the kernel when the holder exits, even
after `kill -9`, so a lock file left behind is never stale. Editing a session from the
queue takes the same lock for the few milliseconds of the edit, so a call cannot start
on it halfway, and is refused while a call holds it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coffeechat.core.atomic import PRIVATE_FILE
from coffeechat.core.problems import InputError


def lock_path(sessions: Path, session_id: str) -> Path:
    """The lock file of a session."""
    return sessions / f".{session_id}.lock"


@contextmanager
def session_lock(sessions: Path, session_id: str, shown: str) -> Iterator[None]:
    """Hold a session's lock; `InputError` at once if a running call holds it."""
    path = lock_path(sessions, session_id)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            raise InputError.at(
                shown,
                f"this session is open in a running call{holder}; it was left unchanged",
                "finish the call (ctrl+e, then ctrl+s) and try again",
                line=0,
                col=0,
            ) from None
        yield
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    """` (pid N)` if the lock file names the process holding it."""
    try:
        text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return f" (pid {text})" if text.isdigit() else ""
