"""Replacing a file so that a crash at any instant leaves the old or the new one whole.

The new content goes to a temp file in the same folder, is flushed and fsynced,
then renamed over the target; the folder is fsynced so the rename itself survives
a power cut. The only copy is never written in place. Files are created private
(0600), since they hold notes about people.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable
from pathlib import Path

TEMP_SUFFIX = ".tmp"
RESCUE_TAG = "-rescue"
"""The `tag` of a save made from a signal handler (`.<name>.<pid>-rescue.tmp`)."""
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def temp_name(path: Path) -> str:
    """The prefix of temp files made while saving `path` (swept at the next start)."""
    return f".{path.name}."


def write_atomic(
    path: Path,
    data: str | bytes,
    *,
    tag: str = "",
    before_replace: Callable[[], object] | None = None,
) -> None:
    """Replace `path` with `data` atomically; on error the old file is untouched, and
    the `OSError` names `path` (not the temp file, which the person never sees).

    A symbolic link is written through: its target is replaced, in the target's own
    folder, and the link stays a link (replacing the link itself would leave the real
    file as it was). `tag` goes into the temp file's name, so that a save made from a
    signal handler cannot collide with one it interrupted in the same process.
    `before_replace` runs once the new text is whole on disk, just before it takes the
    old file's place: the last moment to look at what is being replaced.
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        target = through_links(path)
        folder = target.parent
        temp = folder / f"{temp_name(target)}{os.getpid()}{tag}{TEMP_SUFFIX}"
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    except OSError as err:
        err.filename = os.fspath(path)
        raise
    try:
        try:
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        if before_replace is not None:
            before_replace()
        os.replace(temp, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(err, OSError):
            err.filename = os.fspath(path)
        raise
    fsync_dir(folder)


def through_links(path: Path) -> Path:
    """The file that writing `path` must replace: `path`, or the end of its links."""
    if not os.path.islink(path):
        return path
    target = Path(os.path.realpath(path))
    if os.path.islink(target):
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), os.fspath(path))
    return target


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (not every file system allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    # The file is already whole under its name: an error here must not report the
    # save as failed (SQLite ignores it too).
    with contextlib.suppress(OSError):
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def private_dir(folder: Path) -> Path:
    """Create `folder` (and its parents) readable by its owner only, if missing.

    Missing parents are made private too: `mkdir -p` would make them with the umask
    alone (world-writable under umask 0), letting others swap the folder underneath.
    """
    missing = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):
            path.mkdir(mode=PRIVATE_DIR)
    return folder


def write_new(path: Path, data: str | bytes) -> None:
    """Create `path` privately with `data`; `FileExistsError` if it exists.

    If writing fails (a full disk), the half-written file is removed, so that trying
    again once there is room is not refused as "already exists".
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise


_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "no permission to write here",
    errno.EPERM: "no permission to write here",
    errno.EIO: "the disk reported an error",
    errno.ENOENT: "the folder is gone",
    errno.ENAMETOOLONG: "the file name is too long",
}


def reason(err: OSError) -> str:
    """Why a save failed, in a person's words: `the disk is full`."""
    if err.errno in _REASONS:
        return _REASONS[err.errno]
    return (err.strerror or str(err)).lower()


def remedy(err: OSError) -> str:
    """What a person can do about a failed save."""
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some space on this disk, then try again"
    if err.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "make the folder writable, or choose another workspace with --workspace DIR"
    return "try again; if it keeps failing, check the disk"
