"""Marking a follow-up done, or snoozing it, inside its session file.

The session file may have been read, annotated or reformatted by its owner, so the
edit goes through `tomlkit`, which keeps every other byte as it was (comments,
layout, multi-line notes). Two things `tomlkit` gets wrong are put right: a key it
adds to a CRLF file ends in a bare LF, and its result is trusted only after
`tomllib` reads it back equal to the old file with exactly this change. The new
file then replaces the old one atomically, under the session's lock, so a running
call is never raced.
"""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError

from coffeechat.core import atomic
from coffeechat.core.followups import parse_address
from coffeechat.core.index import session_files, session_hint
from coffeechat.core.lock import session_lock
from coffeechat.core.problems import InputError, Problem, did_you_mean
from coffeechat.core.session import FollowUp, Session, parse_session
from coffeechat.core.workspace import Workspace

_BOM = b"\xef\xbb\xbf"
_BARE_LF = re.compile(r"(?<!\r)\n")

Changes = dict[str, Any]
"""Keys of one `[[followups]]` table to set; a value of None removes the key."""


@dataclass(frozen=True)
class Change:
    """What an edit did to one follow-up (keep it to undo the edit)."""

    address: str
    session: Session
    before: FollowUp
    after: FollowUp

    @property
    def changed(self) -> bool:
        """False when the item already was as asked (the file was not touched)."""
        return self.before != self.after


def mark_done(workspace: Workspace, address: str) -> Change:
    """Mark the follow-up at `address` done."""
    return edit_followup(workspace, address, {"status": "done"})


def snooze(workspace: Workspace, address: str, until: datetime) -> Change:
    """Hide the open follow-up at `address` until `until`."""
    return edit_followup(workspace, address, {"snoozed_until": until}, only_open=True)


def undo(workspace: Workspace, change: Change) -> Change:
    """Put the follow-up back as it was before `change`."""
    before = change.before
    return edit_followup(
        workspace, change.address, {"status": before.status, "snoozed_until": before.snoozed_until}
    )


def edit_followup(
    workspace: Workspace, address: str, changes: Changes, only_open: bool = False
) -> Change:
    """Apply `changes` to one follow-up's table in its session file."""
    session_id, item_id = parse_address(address)
    path = workspace.sessions / f"{session_id}.toml"
    shown = workspace.display(path)
    if not path.is_file():
        known = sorted((p.stem for p in session_files(workspace.sessions)), reverse=True)
        hint = session_hint(session_id, known)
        raise InputError([Problem("ID", 0, 0, f"no session called {session_id!r}", hint)])
    with session_lock(workspace.sessions, session_id, shown):
        raw = path.read_bytes()
        session = parse_session(raw, path, shown)
        index = _find(session, item_id, shown)
        before = session.followups[index]
        if only_open and before.status != "open":
            raise InputError.at(
                shown,
                f"{address} is already {before.status}; it was left unchanged",
                "only open follow-ups can be snoozed",
                line=0,
                col=0,
            )
        after = replace(before, **changes)
        if after == before:
            return Change(address, session, before, after)
        new_raw = _edited(raw, index, changes, shown)
        _check(raw, new_raw, index, changes, shown)
        atomic.write_atomic(path, new_raw)
    return Change(address, session, before, after)


def _find(session: Session, item_id: str, shown: str) -> int:
    """The position of the follow-up `item_id` among the session's follow-ups."""
    found = [i for i, item in enumerate(session.followups) if item.id == item_id]
    if len(found) == 1:
        return found[0]
    ids = [item.id for item in session.followups]
    if found:
        raise InputError.at(
            shown,
            f"{len(found)} follow-ups in this session have the id {item_id!r}",
            "give each [[followups]] table its own id",
            line=0,
            col=0,
        )
    hint = did_you_mean(item_id, ids) if ids else "this session has no follow-ups"
    raise InputError.at(shown, f"this session has no follow-up {item_id!r}", hint, line=0, col=0)


def _edited(raw: bytes, index: int, changes: Changes, shown: str) -> bytes:
    """The file's bytes with the changes made to its `index`-th follow-up by tomlkit."""
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


def _check(old: bytes, new: bytes, index: int, changes: Changes, shown: str) -> None:
    """Refuse unless `new` reads as `old` with exactly `changes` made."""
    expected = _data(old)
    table: dict[str, Any] = expected["followups"][index]
    for key, value in changes.items():
        if value is None:
            table.pop(key, None)
        else:
            table[key] = value
    try:
        again = _data(new)
    except tomllib.TOMLDecodeError as err:
        raise _unsafe(shown, f"the edited file would not be valid TOML ({err})") from None
    if again != expected:
        raise _unsafe(shown, "the edit would have changed more than this follow-up")


def _data(raw: bytes) -> dict[str, Any]:
    return copy.deepcopy(tomllib.loads(raw.decode("utf-8-sig")))


def _unsafe(shown: str, why: str) -> InputError:
    return InputError.at(
        shown,
        f"cannot edit this session file safely: {why}; it was left unchanged",
        'edit the [[followups]] table by hand (status = "done" or snoozed_until = ...)',
        line=0,
        col=0,
    )
