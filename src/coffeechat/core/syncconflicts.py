"""Recognising the copies sync tools make when one file changed on two machines.

A workspace kept in Syncthing, Dropbox, OneDrive or Google Drive gets a second copy
of a session file when two machines changed it before they synced; git leaves
conflict markers inside the file instead. Read as data, such a copy is a second
call (every follow-up twice, and marking one done leaves its twin open), and
markers inside a notes string would read as notes. So they are recognised here
and never read as sessions; the commands and home say which files they are and
what to do: compare the copy with the real file, merge by hand, delete the copy.

The copies look like this (`tests/test_syncconflicts.py` holds real names):

    Syncthing     <id>.sync-conflict-20261125-101010-ABCDEFG.toml
    Dropbox       <id> (Jane's conflicted copy 2026-11-25).toml   (and variants)
    Google Drive  <id> (1).toml, <id>(1).toml
    OneDrive      <id>-DESKTOP-4F2K9QX.toml   (its machine name added to the id)
    git           <<<<<<< / ======= / >>>>>>> lines inside the file

A OneDrive copy is told from coffeechat's own ids as follows: the app's ids are
lowercase and a second call in the same minute gets `-2`, `-3`..., so a suffix that
is a number is ours, and one holding a capital letter is not. A lowercase suffix
(`-janes-laptop`) could be a session with someone whose name starts the same way;
it is a copy when its contents are the call of that id (same start, same person),
which is decided with the contents (`named_for`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coffeechat.core.names import session_id
from coffeechat.core.problems import Problem

SUFFIX = ".toml"
TOOLS = {
    "syncthing": "Syncthing",
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google-drive": "Google Drive",
    "git": "git",
}
"""Each tool's id (as `--json` gives it) and its name in messages."""
WHAT_TO_DO = (
    "compare each copy with the real file, copy what you need into the real file "
    "by hand, then delete the copy"
)

_SYNCTHING = re.compile(r"(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+")
_DROPBOX = re.compile(r"(?P<stem>.+?) \([^()]*conflict[^()]*(?:\(\d+\)[^()]*)?\)", re.IGNORECASE)
_NUMBERED = re.compile(r"(?P<stem>.+?) ?\(\d{1,4}\)")
_MARKER_OPEN = b"<<<<<<<"


@dataclass(frozen=True)
class SyncConflict:
    """A file that is a sync tool's conflict copy, or holds git conflict markers."""

    name: str
    """The file's name in its folder."""
    tool: str
    """Which tool made it: a key of `TOOLS`."""
    original: str
    """The name of the file it is a copy of (for git markers, the file itself)."""
    alone: bool = False
    """True when the file it is a copy of is not there."""
    line: int = 0
    """For git markers: the line of the first `<<<<<<<`."""

    @property
    def what(self) -> str:
        """What it is, in a few words: `a Syncthing conflict copy of <id>.toml`."""
        if self.tool == "git":
            return "a file holding git conflict markers"
        return f"a {TOOLS[self.tool]} conflict copy of {self.original}"

    def problem(self, shown: str) -> Problem:
        """What to tell the person about it; `shown` is how to name the file."""
        if self.tool == "git":
            return Problem(
                shown,
                self.line,
                1,
                "this file holds git conflict markers (<<<<<<<, =======, >>>>>>>); "
                "it is not read until they are gone",
                "keep what you want of each version, delete the marker lines, and save",
            )
        if self.alone:
            hint = f"{self.original} is not there: if this copy is the one to keep, rename it so"
        else:
            hint = f"compare the two, copy what you need into {self.original}, then delete the copy"
        return Problem(
            shown,
            0,
            0,
            f"this looks like {self.what}; it is not read as a session",
            hint,
        )


def copy_by_name(name: str, exists: Callable[[str], bool]) -> SyncConflict | None:
    """The conflict copy that the file name `name` says it is, if it says so.

    `exists` tells whether another file of that folder is there, by name. A name
    that only may be a OneDrive copy (a lowercase suffix) is not decided here: see
    `onedrive_original` and `named_for`.
    """
    if not name.endswith(SUFFIX):
        return None
    stem = name.removesuffix(SUFFIX)
    for tool, pattern in (
        ("syncthing", _SYNCTHING),
        ("dropbox", _DROPBOX),
        ("google-drive", _NUMBERED),
    ):
        match = pattern.fullmatch(stem)
        if match:
            original = match["stem"] + SUFFIX
            return SyncConflict(name, tool, original, alone=not exists(original))
    original = onedrive_original(name, exists)
    if original is not None and any(c.isupper() for c in stem[len(original) - len(SUFFIX) :]):
        return SyncConflict(name, "onedrive", original)
    return None


def copy_of_file(path: Path) -> SyncConflict | None:
    """The conflict copy the file at `path` is by its name, looking beside it."""
    return copy_by_name(path.name, beside(path))


def beside(path: Path) -> Callable[[str], bool]:
    """Whether a file of a given name is in the folder of `path`."""
    return lambda name: (path.parent / name).is_file()


def onedrive_original(name: str, exists: Callable[[str], bool]) -> str | None:
    """The file that `name` may be a OneDrive copy of: another file of the folder whose
    stem, with `-SUFFIX` added, is this one's (SUFFIX not a number, which would be
    coffeechat's own second call of a minute); the longest such, or None."""
    stem = name.removesuffix(SUFFIX)
    for at in range(len(stem) - 1, 0, -1):
        if stem[at] != "-":
            continue
        suffix = stem[at + 1 :]
        if suffix and not suffix.isdigit() and exists(stem[:at] + SUFFIX):
            return stem[:at] + SUFFIX
    return None


def named_for(stem: str, started: datetime, person: str) -> bool:
    """Whether `stem` is the id coffeechat gives a call of `person` starting at
    `started` (or that id with `-2`, `-3`... for a second call in the same minute)."""
    base = session_id(started, person)
    if stem == base:
        return True
    head, dash, number = stem.rpartition("-")
    return bool(dash) and head == base and number.isdigit()


def onedrive_copy(
    name: str, exists: Callable[[str], bool], started: datetime, person: str
) -> SyncConflict | None:
    """The OneDrive copy `name` is, judged by its contents too: a name that extends
    another file's id and is not the id of its own call."""
    original = onedrive_original(name, exists)
    if original is None or named_for(name.removesuffix(SUFFIX), started, person):
        return None
    return SyncConflict(name, "onedrive", original)


def git_markers(raw: bytes) -> int:
    """The line of the first git conflict block in a file (0 if there is none).

    A block is a line starting `<<<<<<<`, later a line `=======`, later a line
    starting `>>>>>>>`: all three, so that a row of `=` in someone's notes (a
    Markdown heading) is never taken for one.
    """
    if _MARKER_OPEN not in raw:
        return 0
    start = 0
    stage = 0
    for number, line in enumerate(raw.removeprefix(b"\xef\xbb\xbf").split(b"\n"), 1):
        line = line.removesuffix(b"\r")
        if stage == 0 and _marker(line, b"<"):
            start, stage = number, 1
        elif stage == 1 and line == b"=" * 7:
            stage = 2
        elif stage == 2 and _marker(line, b">"):
            return start
    return 0


def _marker(line: bytes, char: bytes) -> bool:
    return line.startswith(char * 7) and (len(line) == 7 or line[7:8] in b" \t")


def git_conflict(name: str, raw: bytes) -> SyncConflict | None:
    """The file `name` holding `raw` as a git conflict, if it holds markers."""
    line = git_markers(raw)
    return SyncConflict(name, "git", name, line=line) if line else None
