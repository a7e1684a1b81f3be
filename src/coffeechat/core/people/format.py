"""The person format: one TOML file per person in the network, `people/<id>.toml`.

This module is the one definition of a person file, as `sessions.format` is of a
session file: its fields (the dataclasses below, whose types say each value's kind,
see `toml.schema`), the words of its events and states as typed constants, and the
version. The writer of a new file (`to_toml`) and the reader that reports every
problem at `path:line:col` with a hint (`read_person`) are derived from it; edits to
an existing file are made with tomlkit so that comments survive (`people.editing`).

A person's id is the file's stem, the slug of their name (a second "Jane Doe" is
`jane-doe-2`). Their *state* is never stored: it is derived from the log
(`people.outreach`). What was done with the queue's items about them (done,
snoozed) is kept in `[[followups]]`, after the log, as the app appends it.
"""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

from coffeechat.core.toml.schema import Record, key, table_of

if TYPE_CHECKING:
    from coffeechat.core.toml.reading import TomlFile

FORMAT = 1
PERSON_FILE = "a person file"
"""What a person file is called in messages."""
MAX_PERSON_BYTES = 1_000_000

Event = Literal[
    "asked", "nudged", "replied", "scheduled", "declined", "met", "thanked", "checked-in", "note"
]
EVENTS: tuple[Event, ...] = get_args(Event)
State = Literal["to-ask", "asked", "scheduled", "met", "declined", "quiet", "in-touch"]
STATES: tuple[State, ...] = get_args(State)
ItemKind = Literal["try-another", "nudge", "prepare", "check-in"]
ITEM_KINDS: tuple[ItemKind, ...] = get_args(ItemKind)
ItemStatus = Literal["done", "open"]
CADENCE_EXAMPLE = 'keep_in_touch = "3 months"'


@dataclass(eq=False, repr=False)
class LogEntry(Record):
    """One thing that happened with the person, on a day (or at a moment)."""

    on: date = key(required=True, hint="on = 2026-11-20 (a date, or a date-time)")
    event: Event = key(required=True, hint='event = "asked"')
    note: str = ""

    @property
    def day(self) -> date:
        """The calendar day of the entry."""
        return self.on.date() if isinstance(self.on, datetime) else self.on


@dataclass(eq=False, repr=False)
class ItemRecord(Record):
    """What was done with one of the queue's items about this person."""

    id: str = key(required=True, unique="follow-up")
    status: ItemStatus = "open"
    snoozed_until: datetime | None = None


@dataclass(kw_only=True, eq=False, repr=False)
class Person(Record):
    """One person, the fields in the order the file holds them."""

    id: str = key(in_file=False)
    """The file's name without `.toml`."""
    name: str = key(required=True, hint='name = "Priya Patel"')
    role: str = ""
    organization: str = ""
    contact: str = ""
    """An email, a phone number or a profile URL."""
    profile: str = ""
    """A profile URL, when `contact` holds an email or a phone number."""
    referred_by: str = ""
    """The person id of who introduced you."""
    tags: tuple[str, ...] | None = None
    keep_in_touch: str = key("", hint=CADENCE_EXAMPLE)
    notes: str = ""
    log: list[LogEntry] = key(factory=list)
    followups: list[ItemRecord] = key(factory=list)

    @property
    def tag_list(self) -> tuple[str, ...]:
        """Its tags (none when the file gives none)."""
        return self.tags or ()

    def record_of(self, item_id: str) -> ItemRecord | None:
        """What was done with the queue's item `item_id`, if anything."""
        return next((r for r in self.followups if r.id == item_id), None)


def to_toml(person: Person) -> str:
    """A new person file's text."""
    from coffeechat.core.toml.writing import document

    return document(person, table_of(Person), FORMAT)


def read_person(path: Path, display: str | None = None) -> Person:
    """Read and validate a person file; `InputError` names every problem in it."""
    from coffeechat.core.toml.reading import read_bytes

    shown = display if display is not None else str(path)
    return parse_person(read_bytes(path, shown, PERSON_FILE, MAX_PERSON_BYTES), path, shown)


def parse_person(raw: bytes, path: Path, display: str | None = None) -> Person:
    """Validate person bytes already read from `path`."""
    from coffeechat.core.toml.reading import parse_toml

    return check_person(parse_toml(raw, display or str(path), MAX_PERSON_BYTES), path.stem)


def check_person(file: "TomlFile", person_id: str) -> Person:
    """The person a parsed file holds; `InputError` names every problem in it."""
    from coffeechat.core.people.cadence import cadence_error
    from coffeechat.core.toml.validation import Validator

    check = Validator(file)
    if file.data.get("format") != FORMAT:
        check.report(("format",), f"expected format = {FORMAT}", "is this a person file?")
    person: Person = check.record(table_of(Person), file.data, (), ("format",), id=person_id)
    if person.keep_in_touch and cadence_error(person.keep_in_touch):
        check.report(
            ("keep_in_touch",),
            cadence_error(person.keep_in_touch),
            f"a length of time, e.g. {CADENCE_EXAMPLE}",
        )
    if check.has_errors():
        raise check.fail()
    return person
