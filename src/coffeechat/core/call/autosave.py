"""Saving a session file off the keystroke path, within a second, whatever happens.

The screen hands over the file's whole text when something changed (a few times a
second at most); a worker thread writes the newest text with `write_atomic` (temp
file in the same folder, fsync, rename, fsync of the folder), so no keystroke ever
waits for the disk. Texts superseded before they were written are skipped.

A failed write (read-only folder, full disk) keeps the text in memory, is reported
by `status`, and is retried every few seconds; the previous file is never touched
by a failed save. `flush` writes synchronously, for quitting and for signals.

If the file on disk is not the version this process last wrote or accepted as its
own (someone edited it by hand during the call, or before a resumed call), that
version is first kept beside it as `<name>.conflict-N`, so the edit is not silently
overwritten. A change is seen by the file's inode, size, modification time and
change time: the last one cannot be set back, so even an edit that keeps the size
and restores the time is caught.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coffeechat.core.files import atomic
from coffeechat.core.files.regular import read_regular

Writer = Callable[[Path, str, Callable[[], object]], None]
Signature = tuple[int, int, int, int]

RETRY_SECONDS = 2.0
RESCUE_WAIT = 1.0
"""How long a rescue waits for the worker's save in progress to finish."""


@dataclass(frozen=True)
class SaveStatus:
    """What the saver has achieved so far, for the screen to show."""

    saved: bool
    """True when everything handed over is on disk."""
    error: str | None = None
    """Why the last attempt failed, in the system's words (None if it worked)."""
    conflicts: tuple[Path, ...] = ()
    """Every conflict copy made so far, oldest first."""
    saves: int = 0
    """How many saves reached the disk."""

    @property
    def conflict(self) -> Path | None:
        """The last conflict copy made of a file edited outside coffeechat."""
        return self.conflicts[-1] if self.conflicts else None


def signature(path: Path) -> Signature | None:
    """What identifies a version of a file on disk, or None if there is none."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def write_checked(path: Path, text: str, check: Callable[[], object]) -> None:
    """The saver's writer: `atomic.write_atomic`, with `check` run just before the
    new text replaces the file."""
    atomic.write_atomic(path, text, before_replace=check)


class Autosaver:
    """Writes the newest text of one file in a background thread, retrying failures."""

    def __init__(
        self,
        path: Path,
        retry_every: float = RETRY_SECONDS,
        write: Writer = write_checked,
        own: Signature | None = None,
    ) -> None:
        """A saver for `path`. `own` is the signature of the version on disk that may
        be replaced as it is: one this process read and found to be exactly what it
        writes (see `core.call.start`). Any other file there is kept as a conflict copy before
        the first save, since replacing it would lose what coffeechat did not write."""
        self.path = path
        self.retry_every = retry_every
        self._write = write
        self._known = own
        self._cond = threading.Condition()
        self._write_lock = threading.Lock()
        self._pending: str | None = None
        self._generation = 0
        self._failed = False
        self._failures = 0
        self._error: str | None = None
        self._conflicts: list[Path] = []
        self._saves = 0
        self._closing = False
        self._owner: int | None = None
        self._thread = threading.Thread(target=self._run, name="coffeechat-autosave", daemon=True)
        self._thread.start()

    # --- for the screen -------------------------------------------------------------

    def submit(self, text: str) -> None:
        """Hand over the file's new text; it is written soon, off this thread."""
        with self._cond:
            self._pending = text
            self._generation += 1
            self._cond.notify_all()

    def flush(self) -> SaveStatus:
        """Write what is waiting now, on this thread; the status afterwards."""
        self._save_pending()
        return self.status

    def close(self) -> SaveStatus:
        """Stop the worker and write what is waiting, on this thread."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()
        self._thread.join(timeout=5)
        return self.flush()

    def rescue(self, text: str) -> tuple[SaveStatus, bool]:
        """Write `text` now, from a signal handler; the status, and whether it interrupted.

        A signal can arrive while this very thread is in the middle of a save: the
        rescue then writes through its own temp file, and the second value is True
        to say the process must end at once, before the interrupted save resumes
        and replaces the newer file with its older text.
        """
        interrupted = self._owner == threading.get_ident()
        got = False if interrupted else self._write_lock.acquire(timeout=RESCUE_WAIT)
        # Not getting the lock in time means this thread holds it, just before a save.
        interrupted = interrupted or not got
        try:
            if interrupted:
                atomic.write_atomic(self.path, text, tag=atomic.RESCUE_TAG)
            else:
                # Looked at once the new text is whole, just before it replaces the
                # file: an edit made while it was written is kept too.
                self._write(self.path, text, self._keep_outside_edit)
            saved, error = True, None
        except OSError as err:
            saved, error = False, err.strerror or str(err)
        finally:
            if got:
                self._write_lock.release()
        with self._cond:
            self._closing = True
            if saved:
                self._pending = None
                self._saves += 1
            self._error = error
            self._cond.notify_all()
        return self.status, interrupted

    def wait_idle(self, timeout: float) -> bool:
        """Wait until everything handed over is written or has failed; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None or self._failed, timeout)

    def wait_saved(self, timeout: float) -> bool:
        """Wait until everything handed over is on disk, retries included; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None, timeout)

    @property
    def status(self) -> SaveStatus:
        """What is saved, and why not if it is not."""
        with self._cond:
            return SaveStatus(
                saved=self._pending is None,
                error=self._error,
                conflicts=tuple(self._conflicts),
                saves=self._saves,
            )

    # --- the work -------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closing and self._pending is None:
                    self._cond.wait()
                if self._closing:
                    return
                # After a failure, wait out the back-off (new texts do not cut it
                # short, they are simply what the retry writes); a close ends it.
                if self._failed and self._cond.wait_for(lambda: self._closing, self.retry_every):
                    return
                failures = self._failures
            self._save_pending(unless_failed_since=failures)

    def _save_pending(self, unless_failed_since: int | None = None) -> None:
        """Write the newest text; for the worker, not if a save on another thread
        (a flush) failed while it waited its turn: its back-off comes first."""
        with self._write_lock:
            with self._cond:
                if unless_failed_since not in (None, self._failures):
                    return
                text, generation = self._pending, self._generation
            if text is None:
                return
            self._owner = threading.get_ident()
            try:
                # Looked at once the new text is whole, just before it replaces the
                # file: an edit made while it was written is kept too.
                self._write(self.path, text, self._keep_outside_edit)
                self._known = signature(self.path)
            except OSError as err:
                with self._cond:
                    self._failed = True
                    self._failures += 1
                    self._error = err.strerror or str(err)
                    self._cond.notify_all()
                return
            finally:
                self._owner = None
            with self._cond:
                if self._generation == generation:
                    self._pending = None
                self._failed = False
                self._error = None
                self._saves += 1
                self._cond.notify_all()

    def _keep_outside_edit(self) -> None:
        """Copy the file aside if it changed on disk since we last wrote it."""
        found = signature(self.path)
        if found is None or found == self._known:
            return
        copy = keep_copy(self.path)
        with self._cond:
            self._conflicts.append(copy)
        self._known = found


def keep_copy(path: Path) -> Path:
    """Copy the file at `path` to the first free `<name>.conflict-N` beside it; the copy."""
    edited = read_regular(path)
    number = 1
    while True:
        copy = path.with_name(f"{path.name}.conflict-{number}")
        try:
            # Half a copy (a full disk) would pass for the edit: `write_new` leaves
            # none, and the retry makes a whole one.
            atomic.write_new(copy, edited)
            return copy
        except FileExistsError:
            number += 1
