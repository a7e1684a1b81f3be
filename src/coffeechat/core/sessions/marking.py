"""Marking a follow-up done, or snoozing it, inside its session file.

The session file may have been read, annotated or reformatted by its owner, so the
edit keeps every other byte as it was (comments, layout, multi-line notes). A file
still in the form the app writes (see `skim`) is edited as text: the one line of
the one `[[followups]]` table is replaced, added at the end of the table or
removed, exactly where `tomlkit` would put it, and the result is trusted only if
the skim reads it back equal to the old file with exactly this change. Any other
file goes through `tomlkit`, with two things it gets wrong put right (a key it adds
to a CRLF file ends in a bare LF), and its result is trusted only after `tomllib`
reads it back equal to the old file with exactly this change. The new file then
replaces the old one atomically, under the session's lock, so a running call is
never raced. (The text path also keeps `done` and `snooze` quick to start: they
load neither `tomlkit` nor the full session reader.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import datetime
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
from coffeechat.core.sessions.skim import (
    FOLLOWUPS,
    Record,
    SessionSummary,
    from_record,
    quick_record,
    summarize,
)

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.sessions.format import Session
    from coffeechat.core.sessions.records import FollowUp

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


def mark_done(workspace: Workspace, address: str) -> Change:
    """Mark the follow-up at `address` done."""
    return edit_followup(workspace, address, {"status": "done"})


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
        from coffeechat.core.sessions.cache import session_files, session_hint

        known = sorted((p.stem for p in session_files(workspace.sessions)), reverse=True)
        hint = session_hint(session_id, known)
        raise InputError([Problem("ID", 0, 0, f"no session called {session_id!r}", hint)])
    copy = copy_of_file(path)
    if copy is not None:
        raise InputError([copy.problem(shown)])
    with session_lock(workspace.sessions, session_id, shown):
        raw = _read(path, shown)
        quick = _quick_edit(raw, session_id, address, item_id, changes, only_open, shown)
        if quick is not None:
            change, new_raw = quick
        else:
            change, new_raw = _full_edit(raw, path, address, item_id, changes, only_open, shown)
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


def _full_edit(
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
    from coffeechat.core.sessions.format import parse_session

    session = parse_session(raw, path, shown)
    index = _find(session, item_id, shown)
    before = session.followups[index]
    if only_open:
        _refuse_closed(before, address, shown)
    after = replace(before, **changes)
    change = Change(address, summarize(session), before, after)
    if after == before:
        return change, None
    new_raw = _edited(raw, index, changes, shown)
    _check(raw, new_raw, index, changes, shown)
    return change, new_raw


# --- the app's own layout, edited as text -------------------------------------------

_POSITIONS = {"status": 4, "snoozed_until": 5}
"""Where the keys `done` and `snooze` change sit in a follow-up's record (see skim)."""
_PLAIN = re.compile(r'[^"\\\x00-\x1f\x7f]*')
_TABLE = re.compile(r"^\[\[followups\]\]\n", re.MULTILINE)


def _quick_edit(
    raw: bytes,
    session_id: str,
    address: str,
    item_id: str,
    changes: Changes,
    only_open: bool,
    shown: str,
) -> tuple[Change, bytes | None] | None:
    """The change made as text in a file of the app's own layout, and the new bytes
    (None when nothing changes); None when the full path must do it."""
    record = quick_record(raw, session_id)
    if record is None or any(key not in _POSITIONS for key in changes):
        return None
    ids = [item[0] for item in record[FOLLOWUPS]]
    if item_id not in ids:
        return None  # the full path says what is wrong
    index = ids.index(item_id)
    summary = from_record(record)
    before = summary.followups[index]
    if only_open:
        _refuse_closed(before, address, shown)
    after = replace(before, **changes)
    change = Change(address, summary, before, after)
    if after == before:
        return change, None
    written = {key: _written(value) for key, value in changes.items()}
    if any(text == "" for text in written.values()):
        return None
    new_text = _edited_lines(raw.decode("utf-8"), index, written)
    if new_text is None:
        return None
    new_raw = new_text.encode("utf-8")
    if quick_record(new_raw, session_id) != _expected(record, index, written):
        return None  # not read back as exactly this change: let tomlkit do it
    return change, new_raw


def _written(value: Any) -> str | None:
    """A value as `tomlkit` writes it, when it is that simple; None removes the key;
    empty when the value is not simple enough for the text path."""
    if value is None:
        return None
    if isinstance(value, str):
        return f'"{value}"' if _PLAIN.fullmatch(value) else ""
    if isinstance(value, datetime) and not value.microsecond:
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    return ""


def _edited_lines(text: str, index: int, written: dict[str, str | None]) -> str | None:
    """`text` with the lines of its `index`-th follow-up table changed."""
    # Follow-up values are one-line strings in this layout, so every table lies
    # after the last multi-line note.
    tail = text.split('"""')[-1]
    offset = len(text) - len(tail)
    tables = list(_TABLE.finditer(tail))
    if index >= len(tables):
        return None
    start = tables[index].end()
    end = tables[index + 1].start() if index + 1 < len(tables) else len(tail)
    body = tail[start:end]
    lines = body.rstrip("\n").split("\n")
    for key, value in written.items():
        at = next((i for i, line in enumerate(lines) if line.startswith(f"{key} = ")), None)
        if value is None:
            if at is not None:
                del lines[at]
        elif at is None:
            lines.append(f"{key} = {value}")  # tomlkit adds a key at the end of its table
        else:
            lines[at] = f"{key} = {value}"
    new_body = "\n".join(lines) + body[len(body.rstrip("\n")) :]
    return text[: offset + start] + new_body + text[offset + end :]


def _expected(record: Record, index: int, written: dict[str, str | None]) -> Record:
    """The record the edited file must have: the old one with exactly this change."""
    item = list(record[FOLLOWUPS][index])
    for key, value in written.items():
        item[_POSITIONS[key]] = value if key != "status" else (value or '"open"')[1:-1]
    followups = list(record[FOLLOWUPS])
    followups[index] = item
    expected = list(record)
    expected[FOLLOWUPS] = followups
    return expected


# --- any other file: tomlkit, checked by tomllib --------------------------------------


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
