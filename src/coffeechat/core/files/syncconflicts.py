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
from collections.abc import Callable, Collection
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from coffeechat.core.files.names import session_id
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

# Patterns, compiled (and cached by `re`) only when a name holds their mark: `done`
# and the lists must not pay for them at every start.
_SYNCTHING = r"(?P<stem>.+)\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+"
_DROPBOX = r"(?i:(?P<stem>.+?) \([^()]*conflict[^()]*(?:\(\d+\)[^()]*)?\))"
_NUMBERED = r"(?P<stem>.+?) ?\(\d{1,4}\)"
_MARKER_OPEN = b"<<<<<<<"


class SyncConflict(NamedTuple):
    """A file that is a sync tool's conflict copy, or holds git conflict markers.

    (A named tuple rather than a frozen dataclass: `done` loads this module at every
    start, and a named tuple is the quicker of the two to define.)
    """

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
    `onedrive_copy`.
    """
    return _named_copy(name, exists) or _capitals(name, onedrive_original(name, exists))


def copies_among(names: Collection[str]) -> tuple[list[SyncConflict], dict[str, str]]:
    """The conflict copies among the names of one folder's files, by their names; and
    the names that may be OneDrive copies, each with the name of the file it may copy,
    to be judged by their contents (`onedrive_copy`). Quick for thousands of names."""
    exists = names.__contains__
    copies = [copy for name in names if (copy := _named_copy(name, exists)) is not None]
    named = {copy.name for copy in copies}
    maybe = {}
    for name, original in _onedrive_originals(names).items():
        if name not in named:
            copy = _capitals(name, original)
            if copy is None:
                maybe[name] = original
            else:
                copies.append(copy)
    return copies, maybe


def copy_of_file(path: Path) -> SyncConflict | None:
    """The conflict copy the file at `path` is by its name, looking beside it."""
    return copy_by_name(path.name, beside(path))


def beside(path: Path) -> Callable[[str], bool]:
    """Whether a file of a given name is in the folder of `path`."""
    return lambda name: (path.parent / name).is_file()


def _named_copy(name: str, exists: Callable[[str], bool]) -> SyncConflict | None:
    """The copy of Syncthing, Dropbox or Google Drive that `name` is, if it is one."""
    if not name.endswith(SUFFIX):
        return None
    stem = name.removesuffix(SUFFIX)
    # Each pattern is tried only where its mark is: a workspace has thousands of names.
    match = re.fullmatch(_SYNCTHING, stem) if ".sync-conflict-" in stem else None
    tool = "syncthing"
    if match is None and "(" in stem:
        match = re.fullmatch(_DROPBOX, stem)
        tool = "dropbox"
        if match is None:
            match = re.fullmatch(_NUMBERED, stem)
            tool = "google-drive"
    if match is None:
        return None
    original = match["stem"] + SUFFIX
    return SyncConflict(name, tool, original, alone=not exists(original))


def _capitals(name: str, original: str | None) -> SyncConflict | None:
    """The OneDrive copy of `original` that `name` is if its suffix holds a capital
    letter, which coffeechat's own ids never do."""
    if original is None:
        return None
    suffix = name[len(original) - len(SUFFIX) :]
    capital = any(char.isupper() for char in suffix)
    return SyncConflict(name, "onedrive", original) if capital else None


def onedrive_original(name: str, exists: Callable[[str], bool]) -> str | None:
    """The file that `name` may be a OneDrive copy of: another file of the folder whose
    stem, with `-SUFFIX` added, is this one's (SUFFIX not a number, which would be
    coffeechat's own second call of a minute); the longest such, or None."""
    stem = name.removesuffix(SUFFIX)
    at = stem.rfind("-")
    while at > 0:
        if _other(stem[at + 1 :]) and exists(stem[:at] + SUFFIX):
            return stem[:at] + SUFFIX
        at = stem.rfind("-", 0, at)
    return None


def _other(suffix: str) -> bool:
    """Whether an id's suffix is not coffeechat's own: not empty, not `2`, `3`..."""
    return bool(suffix) and not suffix.isdigit()


def _onedrive_originals(names: Collection[str]) -> dict[str, str]:
    """`onedrive_original` of every name of a folder, for those that have one."""
    stems = {name.removesuffix(SUFFIX) for name in names if name.endswith(SUFFIX)}
    shortest = min(map(len, stems), default=0)
    found = {}
    for stem in stems:
        at = stem.rfind("-")
        while at >= shortest:  # no other stem is shorter: nothing before can be one
            if stem[:at] in stems and _other(stem[at + 1 :]):
                found[stem + SUFFIX] = stem[:at] + SUFFIX
                break
            at = stem.rfind("-", 0, at)
    return found


def named_for(stem: str, started: datetime, person: str) -> bool:
    """Whether `stem` is the id coffeechat gives a call of `person` starting at
    `started` (or that id with `-2`, `-3`... for a second call in the same minute)."""
    base = session_id(started, person)
    if stem == base:
        return True
    head, dash, number = stem.rpartition("-")
    return bool(dash) and head == base and number.isdigit()


def onedrive_copy(
    name: str, original: str | None, started: datetime, person: str
) -> SyncConflict | None:
    """The OneDrive copy of `original` (see `onedrive_original`) that `name` is,
    judged by its contents: a file whose call, started at `started` with `person`,
    is not the one its name says."""
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
