"""Writing person files: a new one (`add`, `import`, a referral after a call), and
edits to an existing one that keep every other byte as it was.

A person file may be the person's own writing, with comments. An edit appends one
`[[log]]` table, or sets one key of one `[[followups]]` table, with tomlkit; the
result is trusted only once `tomllib` reads it back equal to the old file with
exactly that change, and replaces the old file atomically (created private: 0600).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.files import atomic
from coffeechat.core.people.format import (
    MAX_PERSON_BYTES,
    PERSON_FILE,
    Event,
    Person,
    parse_person,
    to_toml,
)
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace

_BARE_LF = re.compile(r"(?<!\r)\n")
_BOM = "\ufeff"


def write_new_person(workspace: Workspace, person: Person) -> Path:
    """Write `person` to a new file (never over an existing one); its path."""
    atomic.private_dir(workspace.people)
    path = workspace.person_path(person.id)
    try:
        atomic.write_new(path, to_toml(person))
    except FileExistsError:
        raise
    except OSError as err:  # not there, but cannot be written
        raise InputError.at(
            workspace.display(path), f"cannot write it: {err.strerror}", line=0, col=0
        ) from None
    return path


def write_new_people(workspace: Workspace, people: list[Person]) -> int:
    """Write each of `people` to a new file (an import): how many were written.

    Thousands of files each made durable on its own take seconds of `fsync`: they
    are written first, then made durable together (`os.sync`, one call), then the
    folder. A file that exists already is left as it is (another import got there).
    """
    import os

    folder = atomic.private_dir(workspace.people)
    written = 0
    try:
        for person in people:
            path = folder / f"{person.id}.toml"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, atomic.PRIVATE_FILE)
            except FileExistsError:
                continue
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(to_toml(person).encode("utf-8"))
            except BaseException:
                path.unlink(missing_ok=True)
                raise
            written += 1
        os.sync()
        atomic.fsync_dir(folder)
    except OSError as err:
        raise InputError.at(
            workspace.display(folder), f"cannot write it: {err.strerror}", line=0, col=0
        ) from None
    return written


def log_event(
    workspace: Workspace, person_id: str, event: Event, on: date, note: str = ""
) -> Person:
    """Append `[[log]]` with `event` on `on` to the person's file; the person after."""
    entry: dict[str, Any] = {"on": moment_of(on), "event": event}
    if note:
        entry["note"] = note
    return _edit(workspace, person_id, lambda doc: _append(doc, "log", entry), ("log", entry))


def set_item(workspace: Workspace, person_id: str, item_id: str, changes: dict[str, Any]) -> Person:
    """Set keys of the person's `[[followups]]` table for the queue's item `item_id`
    (made if it is not there yet); the person after."""

    def change(doc: Any) -> None:
        tables = doc.get("followups")
        for table in tables if tables is not None else ():
            if table.get("id") == item_id:
                for name, value in changes.items():
                    table[name] = value
                return
        _append(doc, "followups", {"id": item_id, **changes})

    return _edit(workspace, person_id, change, ("followups", {"id": item_id, **changes}))


def _append(doc: Any, name: str, values: dict[str, Any]) -> None:
    import tomlkit

    table = tomlkit.table()
    for key, value in values.items():
        table.add(key, value)
    if name in doc:
        doc[name][-1].add(tomlkit.nl())  # a blank line between tables, as `to_toml` writes
        doc[name].append(table)
    else:
        if not tomlkit.dumps(doc).endswith("\n\n"):
            doc.add(tomlkit.nl())
        tables = tomlkit.aot()
        tables.append(table)
        doc.append(name, tables)


def _expected(before: dict[str, Any], change: tuple[str, dict[str, Any]]) -> dict[str, Any]:
    """What `tomllib` must read after the edit: `before` with exactly the change."""
    name, values = change
    after = dict(before)
    tables = [dict(t) for t in before.get(name, [])]
    if name == "followups":
        for table in tables:
            if table.get("id") == values["id"]:
                table.update(values)
                break
        else:
            tables.append(values)
    else:
        tables.append(values)
    after[name] = tables
    return after


def _edit(
    workspace: Workspace, person_id: str, change: Any, expected: tuple[str, dict[str, Any]]
) -> Person:
    import tomlkit

    from coffeechat.core.toml.reading import read_bytes

    path = workspace.person_path(person_id)
    shown = workspace.display(path)
    raw = read_bytes(path, shown, PERSON_FILE, MAX_PERSON_BYTES)
    parse_person(raw, path, shown)  # a file with problems is not edited: they are shown
    text = raw.decode("utf-8")
    bom = _BOM if text.startswith(_BOM) else ""
    text = text[len(bom) :]
    doc = tomlkit.parse(text)
    change(doc)
    edited = tomlkit.dumps(doc)
    if "\r\n" in text:
        edited = _BARE_LF.sub("\r\n", edited)
    if tomllib.loads(edited) != _expected(tomllib.loads(text), expected):
        raise InputError.at(
            shown,
            "coffeechat could not add this without changing something else in the file",
            "add it by hand: coffeechat edit " + person_id,
            line=0,
            col=0,
        )
    new_raw = (bom + edited).encode("utf-8")
    try:
        atomic.write_atomic(path, new_raw)
    except OSError as err:
        raise InputError.at(shown, f"cannot save it: {err.strerror}", line=0, col=0) from None
    return parse_person(new_raw, path, shown)


def moment_of(value: date) -> date:
    """A log entry's `on` as written: a date, or a date-time to the second."""
    if isinstance(value, datetime):
        return value.replace(microsecond=0)
    return value
