"""The people's cache, `.coffeechat-cache/people.json`: every person file as read.

Reading 5,000 person files with tomllib and checking each takes seconds; the list
needs them in a fraction of one. One JSON object holds `version` (a digest of the
modules that decide what a file reads as, as for the sessions' cache) and `files`,
by file name, `[stamp, record]`: the stamp (size, modification time, inode) says the
file is unchanged; the record is the person (a list, in the order of the fields) or
the problems of a file that could not be read. It is derived data: a cache that is
missing, unreadable or of another version is made again, and a file whose stamp
changed is read again.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING, Any

from coffeechat.core.files import jsoncache
from coffeechat.core.people.format import ItemRecord, LogEntry, Person

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.files.workspace import Workspace

CACHE_NAME = "people.json"
MADE_BY = (
    "people/format.py",
    "people/cache.py",
    "people/cadence.py",
    "toml/schema.py",
    "toml/reading.py",
    "toml/validation.py",
    "queue/dates.py",
    "files/regular.py",
    "files/jsoncache.py",
)
"""The modules (in `core`) whose code decides what a person file reads as."""


@cache
def cache_version() -> str:
    """A digest of `MADE_BY`: a change to any of them makes the cache again."""
    import os

    from coffeechat.core.sessions.cachefile import digest_of

    return digest_of(os.path.dirname(os.path.dirname(__file__)), MADE_BY)


def read_cache(path: Path) -> dict[str, Any]:
    """The cached records by file name; empty if the cache is missing or unusable."""
    return jsoncache.read_files(path, cache_version())


def write_cache(workspace: Workspace, entries: dict[str, list[Any]]) -> None:
    """Save the records; a cache that cannot be written only costs time next time."""
    jsoncache.write_files(workspace, workspace.cache / CACHE_NAME, cache_version(), entries)


def _day(value: date) -> str:
    return value.isoformat() if isinstance(value, datetime) else f"D{value.isoformat()}"


def _from_day(text: str) -> date:
    return date.fromisoformat(text[1:]) if text.startswith("D") else datetime.fromisoformat(text)


def encode(person: Person) -> list[Any]:
    """A person as the cache keeps it."""
    return [
        person.name,
        person.role,
        person.organization,
        person.contact,
        person.profile,
        person.referred_by,
        list(person.tags) if person.tags is not None else None,
        person.keep_in_touch,
        person.notes,
        [[_day(e.on), e.event, e.note] for e in person.log],
        [
            [r.id, r.status, r.snoozed_until.isoformat() if r.snoozed_until else None]
            for r in person.followups
        ],
    ]


def decode(person_id: str, record: list[Any]) -> Person:
    """The person a record holds; `ValueError`, `TypeError` if it is garbled."""
    name, role, org, contact, profile, referred, tags, keep, notes, log, items = record
    return Person(
        id=person_id,
        name=name,
        role=role,
        organization=org,
        contact=contact,
        profile=profile,
        referred_by=referred,
        tags=tuple(tags) if tags is not None else None,
        keep_in_touch=keep,
        notes=notes,
        log=[LogEntry(_from_day(on), event, note) for on, event, note in log],
        followups=[
            ItemRecord(i, status, datetime.fromisoformat(until) if until else None)
            for i, status, until in items
        ],
    )
