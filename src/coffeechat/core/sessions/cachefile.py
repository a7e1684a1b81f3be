"""The summaries' cache file, `.coffeechat-cache/sessions.json`: its form and version.

One JSON object: `version` (see `cache_version`) and `files`, by each session
file's name, `[stamp, record]`: the stamp says the file is unchanged (see `Stamp`),
the record is its summary (a list, see `files.serial`) or, for a file that could not
be read, its problems. It is derived data, rebuilt whenever it cannot be read.
"""

from __future__ import annotations

import os
import zlib
from functools import cache
from typing import TYPE_CHECKING, Any

from coffeechat.core.files.jsoncache import read_files, write_files
from coffeechat.core.problems import Problem

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.files.workspace import Workspace

CACHE_NAME = "sessions.json"

Stamp = list[int]
"""What says a file is unchanged: [size, modification time in ns, inode] (a list, as
the cache holds it, so that the two compare as they are)."""
Record = list[Any]
"""A summary as the cache keeps it (see `files.serial`)."""
Damage = dict[str, Any]
"""What the cache keeps of a file that could not be read: {"problems": [...]}."""


MADE_BY = (
    "sessions/format.py",
    "sessions/summary.py",
    "agendas/meeting.py",
    "agendas/questions.py",
    "sessions/skim.py",
    "toml/schema.py",
    "toml/reading.py",
    "toml/validation.py",
    "queue/dates.py",
    "files/regular.py",
    "files/syncconflicts.py",
    "files/serial.py",
    "sessions/cache.py",
    "sessions/cachefile.py",
)
"""The modules (in `core`) whose code decides what the cache holds: the session
format's definition and the summary's, the readers and their limits, the form of a
record."""


@cache
def cache_version() -> str:
    """The version of the cache's contents: a digest of the modules that make them
    (`MADE_BY`). Any change to the format, the summary or what the readers accept
    changes it, and a cache of another version is ignored (and made again), so none
    is ever out of date and none is bumped by hand. Reading their text costs a
    fraction of a millisecond, less than describing them from their objects would."""
    return digest_of(os.path.dirname(os.path.dirname(__file__)), MADE_BY)


def digest_of(folder: str, names: tuple[str, ...]) -> str:
    """A digest of the files `names` in `folder` (a name's `.pyc` where only it is
    there, as in an install without sources)."""
    digest = 0
    for name in names:
        digest = zlib.crc32(name.encode(), digest)
        for source in (name, name + "c"):
            try:
                with open(os.path.join(folder, source), "rb") as file:
                    digest = zlib.crc32(file.read(), digest)
                break
            except OSError:
                continue
    return f"{digest:08x}"


def read_cache(path: Path) -> dict[str, Any]:
    """The cached records by file name; empty if the cache is missing or unusable.

    Entries are not checked one by one: a garbled one fails when its summary is made
    (`cache._LeftOut.take`), and its file is read again.
    """
    return read_files(path, cache_version())


def write_cache(
    workspace: Workspace, path: Path, entries: dict[str, tuple[Stamp, Record | Damage]]
) -> None:
    """Save the records; a cache that cannot be written only costs time next start."""
    files = {name: [stamp, record] for name, (stamp, record) in entries.items()}
    write_files(workspace, path, cache_version(), files)


def problem_record(problem: Problem) -> dict[str, Any]:
    return {
        "line": problem.line,
        "col": problem.col,
        "message": problem.message,
        "hint": problem.hint,
        "key": problem.key,
    }


def problem_of(record: dict[str, Any], shown: str) -> Problem:
    """The problem a damaged file's record names; `TypeError` if it is garbled."""
    line, col, message, hint, key = (record[k] for k in ("line", "col", "message", "hint", "key"))
    if not (_whole(line) and _whole(col) and _texts(message, hint, key)):
        raise TypeError("a garbled problem")
    return Problem(shown, line, col, message, hint, key)


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _texts(*values: object) -> bool:
    return all(isinstance(value, str) for value in values)
