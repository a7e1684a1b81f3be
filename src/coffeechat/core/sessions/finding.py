"""Which session a person means: a path to its file, its id, or a unique part of the id
(what every command that takes a session accepts), and what to tell them when the
part matches none or several."""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from coffeechat.core.files.names import check_session_id
from coffeechat.core.files.regular import MAX_SESSION_BYTES, read_regular
from coffeechat.core.files.syncconflicts import copies_among, onedrive_copy, onedrive_original
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.cache import session_files
from coffeechat.core.sessions.summary import read_summary

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace


def find_session_file(workspace: Workspace, ref: str, source: str = "SESSION") -> Path:
    """The session file a person means: a path to one, its id, or a unique part of its id."""
    given = Path(ref).expanduser()
    if ref.endswith(".toml") and given.is_file():
        return given
    return workspace.session_path(find_session_id(workspace, ref.removesuffix(".toml"), source))


def find_session_id(workspace: Workspace, ref: str, source: str = "SESSION") -> str:
    """The id of the session a person means: its id, or a unique part of it (what every
    command that takes a session accepts: `show raman`, `done raman/thank-you`)."""
    wanted = check_session_id(ref, source)
    if workspace.session_path(wanted).is_file():
        return wanted
    names = {p.name for p in session_files(workspace.sessions)}
    names -= {copy.name for copy in copies_among(names)[0]}  # a copy would make any part twice
    ids = sorted((name.removesuffix(".toml") for name in names), reverse=True)
    matches = [i for i in ids if wanted.casefold() in i.casefold()]
    if len(matches) > 1:
        matches = [i for i in matches if not _onedrive_copy(workspace.sessions, f"{i}.toml", names)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(matches[:5]) + (", ..." if len(matches) > 5 else "")
        apart = " or ".join(telling_apart(matches[:2], ids))
        raise InputError.at(
            source,
            f"{ref!r} matches {len(matches)} sessions: {shown}",
            f"give more of the id, e.g. {apart}",
            line=0,
            col=0,
        )
    raise InputError.at(
        source, f"no session matches {ref!r}", session_hint(wanted, ids), line=0, col=0
    )


def telling_apart(ids: list[str], among: list[str]) -> list[str]:
    """For each of `ids`, the shortest of its date, its date and time, or all of it that
    no other id `among` them all holds: what to type to mean that one."""
    parts = []
    for one in ids:
        others = [i for i in among if i != one]
        # An id starts with its date (10 characters) and time (15): `2026-11-24-1501-…`.
        part = next((one[:n] for n in (10, 15) if not any(one[:n] in i for i in others)), one)
        parts.append(part)
    return parts


def _onedrive_copy(folder: Path, name: str, names: Collection[str]) -> bool:
    """Whether the session file `name` is a OneDrive copy, judged by its contents."""
    original = onedrive_original(name, names.__contains__)
    if original is None:
        return False  # the usual case: nothing to read
    try:
        summary = read_summary(read_regular(folder / name, MAX_SESSION_BYTES), folder / name)
    except (OSError, InputError):
        return False
    return onedrive_copy(name, original, summary.started, summary.meeting.person) is not None


def session_hint(wanted: str, ids: list[str]) -> str:
    """A hint for a session id that matched nothing: the closest id, or where to look."""
    if not ids:
        return "there are no sessions yet: coffeechat run AGENDA records one"
    import difflib

    close = difflib.get_close_matches(wanted, ids[:2000], n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    return "see them with: coffeechat sessions"
