"""Temp files left by a save that was cut short, dealt with at the next start.

`write_atomic` writes `.<name>.<pid>.tmp` beside the file, then renames it over the
file. A crash, `kill -9` or power cut between the two leaves the temp behind, and
the file keeps the last whole save. At the next start, each temp whose writer is
gone is looked at:

- it does not parse (cut short), or it is not newer than its file: deleted, since
  the file already holds everything that was confirmed;
- it parses and its file is missing (the first save of a call was cut short): it
  becomes the file;
- it parses and is newer than its file: kept beside it as `<name>.recovered` and the
  person is told. It is never applied silently: a save cut at the end of a line can
  still parse while missing the notes after it.

A temp whose writer is still running (another coffeechat in the middle of a save)
is left alone.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Literal, NamedTuple

from coffeechat.core.files import atomic
from coffeechat.core.files.regular import read_regular
from coffeechat.core.problems import Problem

Outcome = Literal["swept", "restored", "kept", "left"]
IsWhole = Callable[[bytes, Path], bool]
"""Whether bytes are a complete file of the kind kept at a path (e.g. a session)."""

RECOVERED_SUFFIX = ".recovered"
_RECOVERED = re.compile(r".+\.toml" + re.escape(RECOVERED_SUFFIX) + r"(-\d+)?")
_TEMP = re.compile(
    r"^\.(?P<name>.+\.toml)\.(?P<pid>\d{1,10})"
    + f"(?:{re.escape(atomic.RESCUE_TAG)})?"
    + re.escape(atomic.TEMP_SUFFIX)
    + "$"
)
"""Only temp files of `.toml` files: a person's own `.notes.2024.tmp` is not ours.
(A save made from a signal handler tags its temp file `-rescue`.)"""


class Leftover(NamedTuple):
    """One temp file found at start, and what was done with it."""

    temp: Path
    target: Path
    outcome: Outcome
    kept_as: Path | None = None

    def notice(self, display: Callable[[Path], str]) -> Problem | None:
        """What to tell the person, if anything (a recovered or restored save)."""
        target = display(self.target)
        if self.outcome == "restored":
            return Problem(
                target,
                0,
                0,
                "coffeechat stopped during the first save of this file; it was restored",
                severity="warning",
            )
        if self.outcome == "kept" and self.kept_as is not None:
            import shlex  # rarely needed

            kept = display(self.kept_as)
            return Problem(
                kept,
                0,
                0,
                f"coffeechat stopped while saving {target}; the newer version it was "
                "writing is kept here",
                f"compare the two; to use this one: mv {shlex.quote(kept)} {shlex.quote(target)}",
                severity="warning",
            )
        return None


def settle_leftovers(folder: Path, is_whole: IsWhole, limit: int) -> list[Leftover]:
    """Sweep, restore or keep each temp file left in `folder` by a dead writer (a temp
    larger than `limit`, the most its kind of file may hold, is not whole)."""
    try:
        entries = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return []
    found = []
    # Temp files start with a dot: the check is cheap for thousands of sessions.
    for name in sorted(name for name in entries if name.startswith(".")):
        match = _TEMP.fullmatch(name)
        if match is None:
            continue
        temp, target = folder / name, folder / match["name"]
        if _writer_alive(int(match["pid"])):
            found.append(Leftover(temp, target, "left"))
            continue
        try:
            found.append(_settle(temp, target, is_whole, limit))
        except OSError:
            # A read-only or failing disk: leave it for next time rather than stop here.
            found.append(Leftover(temp, target, "left"))
    if any(item.outcome != "left" for item in found):
        atomic.fsync_dir(folder)
    return found


def _settle(temp: Path, target: Path, is_whole: IsWhole, limit: int) -> Leftover:
    raw = read_regular(temp, limit)
    try:
        current = target.stat()
    except FileNotFoundError:
        current = None
    newer = current is None or temp.stat().st_mtime_ns > current.st_mtime_ns
    if not newer or not is_whole(raw, target) or _same_bytes(target, raw):
        temp.unlink()
        return Leftover(temp, target, "swept")
    if current is None:
        with contextlib.suppress(FileExistsError):
            _move_without_overwriting(temp, target)
            return Leftover(temp, target, "restored")
    for number in range(1, 1000):
        suffix = RECOVERED_SUFFIX if number == 1 else f"{RECOVERED_SUFFIX}-{number}"
        kept = target.with_name(target.name + suffix)
        with contextlib.suppress(FileExistsError):
            _move_without_overwriting(temp, kept)
            return Leftover(temp, target, "kept", kept)
    return Leftover(temp, target, "left")


def _same_bytes(path: Path, raw: bytes) -> bool:
    try:
        return read_regular(path, len(raw)) == raw
    except OSError:
        return False


def _move_without_overwriting(source: Path, destination: Path) -> None:
    """Rename `source` to `destination`; `FileExistsError` if that already exists."""
    try:
        os.link(source, destination)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links: check, then rename (a small race, at start).
        if destination.exists():
            raise FileExistsError(destination) from None
        os.rename(source, destination)
        return
    source.unlink()


def _writer_alive(pid: int) -> bool:
    """Whether the process that named a temp file may still be writing it."""
    if pid == os.getpid():
        return True
    if not 0 < pid < 2**31:
        return False  # no process has this number
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    # Process numbers are reused: where Linux says what runs under this one, a
    # program that is not Python (so not coffeechat) cannot be the writer.
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True
    # Empty while the process is starting a program (or is a zombie): keep waiting.
    return not command or b"python" in command or b"coffeechat" in command


def recovery_copies(folder: Path) -> list[Path]:
    """The `.recovered` copies in `folder` that the person has not dealt with yet."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.is_file())
    except OSError:
        return []
    return [
        folder / name for name in names if RECOVERED_SUFFIX in name and _RECOVERED.fullmatch(name)
    ]


def recovery_reminder(copies: list[Path]) -> str:
    """What to tell a person at start while recovered copies wait for them."""
    if len(copies) == 1:
        session = copies[0].name.split(".toml")[0]
        return (
            f"A save of {session} was interrupted. The newer copy is beside it in "
            "sessions/, ending in .recovered: compare them and keep the one you want."
        )
    return (
        f"{len(copies)} interrupted saves are kept in sessions/, ending in .recovered: "
        "compare each with the session beside it and keep the one you want."
    )
