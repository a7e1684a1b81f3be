"""Marking a follow-up done, or snoozing it, inside its session file.

The session file may have been read, annotated or reformatted by its owner, so the
edit keeps every other byte as it was (comments, layout, multi-line notes): the file
is read and validated (`format.check_session`), the one key of the one
`[[followups]]` table is changed with `tomlkit`, with the one thing it gets wrong put
right (a key it adds to a CRLF file ends in a bare LF), and the result is trusted
only after `tomllib` reads it back equal to the old file with exactly this change.
The new file then replaces the old one atomically, under the session's lock, so a
running call is never raced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.files import atomic
from coffeechat.core.files.locks import session_lock
from coffeechat.core.files.regular import (
    MAX_SESSION_BYTES,
    SESSION_FILE,
    NotAFileError,
    read_regular,
)
from coffeechat.core.files.syncconflicts import copy_of_file
from coffeechat.core.problems import InputError, Problem, did_you_mean
from coffeechat.core.queue.followups import parse_address
from coffeechat.core.sessions.summary import SessionSummary, summarize

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.sessions.format import FollowUp, Session

_BOM = b"\xef\xbb\xbf"
_BARE_LF = re.compile(r"(?<!\r)\n")

Changes = dict[str, Any]
"""Keys of one `[[followups]]` table to set; a value of None removes the key."""


@dataclass(frozen=True)
class Change:
    """What an edit did to one follow-up (keep it to undo the edit)."""

    address: str
    session: SessionSummary
    """The session as it was before the edit."""
    before: FollowUp
    after: FollowUp
    raw_before: bytes | None = field(default=None, repr=False)
    """The file's bytes before the edit (None when the file was not touched)."""
    raw_after: bytes | None = field(default=None, repr=False)
    """The file's bytes the edit wrote."""

    @property
    def changed(self) -> bool:
        """False when the item already was as asked (the file was not touched)."""
        return self.before != self.after


def find_address(workspace: Workspace, text: str, source: str = "ID") -> str:
    """The whole address of the follow-up a person means by `text`: its session given
    by id or by a unique part of it, as everywhere (`finding.find_session_id`)."""
    from coffeechat.core.sessions.finding import find_session_id

    session_part, item_id = parse_address(text, source)
    return f"{find_session_id(workspace, session_part, source)}/{item_id}"


def mark_done(workspace: Workspace, address: str, on: date | None = None) -> Change:
    """Mark the follow-up at `address` done; a thank-you also logs `thanked` `on` that
    day (default: today) in the file of the person the call was with, if they have one."""
    change = edit_followup(workspace, address, {"status": "done"})
    if change.changed and change.after.kind == "thank-you":
        from coffeechat.core.people.aftercall import thanked

        session = change.session
        thanked(workspace, session.meeting, on or date.today(), session.id)
    return change


def snooze(workspace: Workspace, address: str, until: datetime) -> Change:
    """Hide the open follow-up at `address` until `until`."""
    return edit_followup(workspace, address, {"snoozed_until": until}, only_open=True)


def undo(workspace: Workspace, change: Change) -> Change:
    """Put the follow-up back as it was before `change`: the file's very bytes when
    nothing else changed it since (a key the edit added goes again), else the item's
    status and snooze as they were."""
    if change.raw_before is not None and change.raw_after is not None:
        session_id, _item = parse_address(change.address)
        path = workspace.session_path(session_id)
        shown = workspace.display(path)
        with session_lock(workspace.sessions, session_id, shown):
            if _read(path, shown) == change.raw_after:
                _write(path, change.raw_before, shown)
                return Change(
                    change.address,
                    change.session,
                    change.after,
                    change.before,
                    change.raw_after,
                    change.raw_before,
                )
    before = change.before
    return edit_followup(
        workspace, change.address, {"status": before.status, "snoozed_until": before.snoozed_until}
    )


def edit_followup(
    workspace: Workspace, address: str, changes: Changes, only_open: bool = False
) -> Change:
    """Apply `changes` to one follow-up's table in its session file."""
    session_id, item_id = parse_address(address)
    path = workspace.session_path(session_id)
    shown = workspace.display(path)
    if not path.is_file():
        from coffeechat.core.sessions.cache import session_files
        from coffeechat.core.sessions.finding import session_hint

        known = sorted((p.stem for p in session_files(workspace.sessions)), reverse=True)
        hint = session_hint(session_id, known)
        raise InputError([Problem("ID", 0, 0, f"no session called {session_id!r}", hint)])
    copy = copy_of_file(path)
    if copy is not None:
        raise InputError([copy.problem(shown)])
    with session_lock(workspace.sessions, session_id, shown):
        raw = _read(path, shown)
        change, new_raw = _edit(raw, path, address, item_id, changes, only_open, shown)
        if new_raw is None:
            return change
        _write(path, new_raw, shown)
    return replace(change, raw_before=raw, raw_after=new_raw)


def _read(path: Path, shown: str) -> bytes:
    """A session file's bytes (only a regular file's: see `reading`)."""
    try:
        return read_regular(path, MAX_SESSION_BYTES)
    except NotAFileError as err:
        raise InputError.at(shown, f"this is {err.kind}, not {SESSION_FILE}", line=0) from None


def _write(path: Path, raw: bytes, shown: str) -> None:
    """Replace the session file with `raw`; a failure names the file and leaves it be."""
    try:
        atomic.write_atomic(path, raw)
    except OSError as err:
        raise InputError.at(
            shown,
            f"cannot save the change: {atomic.reason(err)}; the file was left as it was",
            atomic.remedy(err),
            line=0,
        ) from None


def _refuse_closed(before: FollowUp, address: str, shown: str) -> None:
    if before.status != "open":
        raise InputError.at(
            shown,
            f"{address} is already {before.status}; it was left unchanged",
            "only open follow-ups can be snoozed",
            line=0,
            col=0,
        )


def _edit(
    raw: bytes,
    path: Path,
    address: str,
    item_id: str,
    changes: Changes,
    only_open: bool,
    shown: str,
) -> tuple[Change, bytes | None]:
    """The change made with `tomlkit` and checked with `tomllib`; the new bytes, or
    None when the item already was as asked."""
    from coffeechat.core.sessions.format import check_session
    from coffeechat.core.toml.reading import parse_toml

    file = parse_toml(raw, shown, MAX_SESSION_BYTES)
    session = check_session(file, path.stem)
    index = _find(session, item_id, shown)
    before = session.followups[index]
    if only_open:
        _refuse_closed(before, address, shown)
    after = replace(before, **changes)
    change = Change(address, summarize(session), before, after)
    if after == before:
        return change, None
    new_raw = _edited(raw, index, changes, shown)
    _check(file.data, new_raw, index, changes, shown)
    return change, new_raw


# --- tomlkit, checked by tomllib ------------------------------------------------------


def _find(session: Session, item_id: str, shown: str) -> int:
    """The position of the follow-up `item_id` among the session's follow-ups (the
    reader refuses a session in which two share an id)."""
    ids = [item.id for item in session.followups]
    if item_id in ids:
        return ids.index(item_id)
    hint = did_you_mean(item_id, ids) if ids else "this session has no follow-ups"
    raise InputError.at(shown, f"this session has no follow-up {item_id!r}", hint, line=0, col=0)


def _edited(raw: bytes, index: int, changes: Changes, shown: str) -> bytes:
    """The file's bytes with the changes made to its `index`-th follow-up by tomlkit."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    bom = _BOM if raw.startswith(_BOM) else b""
    text = raw[len(bom) :].decode("utf-8")
    try:
        document = tomlkit.parse(text)
        table = document["followups"][index]
        for key, value in changes.items():
            if value is None:
                if key in table:
                    del table[key]
            else:
                table[key] = value
        new_text = document.as_string()
    except (TOMLKitError, KeyError, IndexError, TypeError) as err:
        raise _unsafe(shown, f"tomlkit could not edit it ({err})") from None
    if "\r\n" in text and not _BARE_LF.search(text):
        new_text = _BARE_LF.sub("\r\n", new_text)  # tomlkit ends added lines in LF
    return bom + new_text.encode("utf-8")


def _check(old: dict[str, Any], new: bytes, index: int, changes: Changes, shown: str) -> None:
    """Refuse unless `new` reads as the data `old` with exactly `changes` made."""
    expected = dict(old)
    expected["followups"] = [dict(table) for table in old["followups"]]
    table: dict[str, Any] = expected["followups"][index]
    for key, value in changes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    try:
        again = _data(new)
    except ValueError as err:  # tomllib.TOMLDecodeError
        raise _unsafe(shown, f"the edited file would not be valid TOML ({err})") from None
    if again != expected:
        raise _unsafe(shown, "the edit would have changed more than this follow-up")


def _data(raw: bytes) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(raw.decode("utf-8-sig"))


def _unsafe(shown: str, why: str) -> InputError:
    return InputError.at(
        shown,
        f"cannot edit this session file safely: {why}; it was left unchanged",
        'edit the [[followups]] table by hand (status = "done" or snoozed_until = ...)',
        line=0,
        col=0,
    )
