"""Reading a person's files: regular files only, never blocking, never too much.

Agendas, sessions, settings, themes and the cache are all read through
`read_regular`. A named pipe (or a device) under a `.toml` name would otherwise
block the reader for ever, and a folder would fail in a different way each time:
the path is looked at first, so that nothing but a regular file is ever opened,
and the opened file is looked at again (it may have been swapped in between); it
is opened without blocking, so that even a pipe swapped in at that instant costs
nothing.

How large a file may be is said here too, by kind: the session limit is the one
the app's writers keep to (the call refuses notes that would pass it), so that
whatever the app writes, its readers read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_BYTES = 1_000_000
"""The largest agenda, settings or theme file read: they are a few KB."""
MAX_SESSION_BYTES = 64_000_000
"""The largest session file read or written. Notes pasted into a call can be big
(a long session is a few dozen KB; a pasted transcript a few MB); the notes box
refuses text that would make the file larger than this."""
SESSION_FILE = "a session file"
"""What a session file is called in messages."""

_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
"""Never wait on a pipe, never take a terminal over (reading a regular file is the same)."""


class NotAFileError(OSError):
    """Something that is not a regular file (a folder, a named pipe...) is at a path."""

    def __init__(self, path: Path | str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"{kind}, not a file", os.fspath(path))
        self.kind = kind
        """What is there instead, in words: `a named pipe`."""


def kind_of(mode: int) -> str | None:
    """What a file of `mode` is, in words, when it is not a regular file (else None)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def not_a_file(path: Path | str) -> str | None:
    """What is at `path` if something that is not a regular file is (else None)."""
    try:
        return kind_of(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def read_regular(path: Path | str, limit: int | None = None) -> bytes:
    """The bytes of the regular file at `path`, at most `limit` + 1 of them (so that a
    caller can tell a file over its limit); `NotAFileError` if it is anything else, and the
    usual `OSError` if it cannot be read."""
    kind = kind_of(os.stat(path).st_mode)
    if kind is not None:
        raise NotAFileError(path, kind)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotAFileError(path, kind)  # swapped in since it was looked at
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    finally:
        os.close(fd)
