"""Replacing a file so that a crash at any instant leaves the old or the new one whole.

The new content goes to a temp file in the same folder, is flushed and fsynced,
then renamed over the target; the folder is fsynced so the rename itself survives
a power cut. The only copy is never written in place. Files are created private
(0600), since they hold notes about people.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

TEMP_SUFFIX = ".tmp"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def temp_name(path: Path) -> str:
    """The prefix of temp files made while saving `path` (swept at the next start)."""
    return f".{path.name}."


def write_atomic(path: Path, data: str | bytes, *, tag: str = "") -> None:
    """Replace `path` with `data` atomically; on error the old file is untouched.

    `tag` goes into the temp file's name, so that a save made from a signal handler
    cannot collide with one it interrupted in the same process.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    temp = folder / f"{temp_name(path)}{os.getpid()}{tag}{TEMP_SUFFIX}"
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def private_dir(folder: Path) -> Path:
    """Create `folder` (and its parents) readable by its owner only, if missing."""
    folder.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    return folder


def write_new(path: Path, data: str) -> None:
    """Create `path` privately with `data`; `FileExistsError` if it exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
