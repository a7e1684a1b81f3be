"""The follow-up queue's items about people: try someone else, nudge, prepare, check in.

They are computed (`outreach.next_step`), never stored; what was done with one is
kept in the person's file, in `[[followups]]` (`status`, `snoozed_until`). An item's
address is `people/<person-id>/<item-id>`, e.g. `people/priya-patel/nudge-2026-11-20`:
the item id holds the day that started it, so it stays the same while it stands and
a new round makes a new item. Marking one done also logs what it asked for in the
person's file: a nudge logs `nudged`, a check-in `checked-in`, thanking someone who
declined `thanked`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coffeechat.core.problems import InputError, Problem

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.format import Event, ItemKind, Person
    from coffeechat.core.people.network import Network, Row

PREFIX = "people/"
ADDRESS_EXAMPLE = "people/priya-patel/nudge-2026-11-20"


@dataclass(frozen=True)
class PersonItem:
    """One item of the queue about a person (the same face as a session's `QueueItem`)."""

    person_id: str
    item_id: str
    kind: ItemKind
    title: str
    due: datetime
    bucket: str
    snoozed_until: datetime | None
    person: str
    """Their name."""
    organization: str = ""
    say: str = ""
    note: str = ""
    """Never a note to self (the same face as `QueueItem`)."""
    referral: None = None
    """Never a referral (the same face as `QueueItem`)."""
    status: str = "open"
    """Always open: an item about a person is made only while it is to do."""

    @property
    def address(self) -> str:
        """`people/<person-id>/<item-id>`: what `done` and `snooze` take."""
        return person_address(self.person_id, self.item_id)


def person_address(person_id: str, item_id: str) -> str:
    """The address of the item `item_id` about the person `person_id`."""
    return f"{PREFIX}{person_id}/{item_id}"


def is_person_address(text: str) -> bool:
    """Whether `text` names an item about a person (`people/...`)."""
    return text.startswith(PREFIX)


def person_items(
    rows: Iterable[Row], now: datetime, include_snoozed: bool
) -> tuple[list[PersonItem], int]:
    """The items the rows make as things stand at `now`, and how many are snoozed."""
    from coffeechat.core.queue.dates import at_morning
    from coffeechat.core.queue.followups import bucket_of, snoozed_at

    zone = now.tzinfo
    found: list[PersonItem] = []
    snoozed = 0
    for row in rows:
        step = row.step
        if step is None or step.kind is None or step.due is None:
            continue
        record = row.person.record_of(step.item_id)
        if record is not None and record.status == "done":
            continue
        until = snoozed_at(record.snoozed_until if record is not None else None, now)
        if until is not None:
            snoozed += 1
            if not include_snoozed:
                continue
        due = step.due if isinstance(step.due, datetime) else at_morning(step.due, zone)
        found.append(
            PersonItem(
                row.person.id,
                step.item_id,
                step.kind,
                step.text,
                due,
                bucket_of(due, now, now.date()),
                until,
                row.person.name,
                row.person.organization,
                step.detail,
            )
        )
    return found, snoozed


def parse_person_address(text: str, source: str = "ID") -> tuple[str, str]:
    """(person id, item id) from `people/<person-id>/<item-id>`."""
    from coffeechat.core.files.names import is_id

    person_id, slash, item_id = text.removeprefix(PREFIX).partition("/")
    if not slash or not is_id(person_id) or not is_id(item_id):
        raise InputError.at(
            source,
            f"{text!r} is not a follow-up id",
            f"ids look like {ADDRESS_EXAMPLE}; see them with: coffeechat followups",
            line=0,
            col=0,
        )
    return person_id, item_id


_LOGGED: dict[str, Event] = {"nudge": "nudged", "check-in": "checked-in"}


def mark_person_item(workspace: Workspace, address: str, now: datetime) -> tuple[Person, str]:
    """Mark the item at `address` done, logging what it asked for; (the person, its title)."""
    from coffeechat.core.people import editing

    today = now.date()
    person, item = _current_item(workspace, address, now)
    event = _LOGGED.get(item.kind)
    if item.kind == "try-another" and item.item_id.startswith("try-another-") and _declined(person):
        event = "thanked"
    after = editing.set_item(workspace, person.id, item.item_id, {"status": "done"})
    if event is not None:
        after = editing.log_event(workspace, person.id, event, today, f"done: {item.title}")
    return after, item.title


def snooze_person_item(
    workspace: Workspace, address: str, until: datetime, now: datetime
) -> tuple[Person, str]:
    """Hide the item at `address` until `until`; (the person, its title)."""
    from coffeechat.core.people import editing

    person, item = _current_item(workspace, address, now)
    after = editing.set_item(workspace, person.id, item.item_id, {"snoozed_until": until})
    return after, item.title


def _declined(person: Person) -> bool:
    events = [e.event for e in sorted(person.log, key=lambda e: e.day) if e.event != "note"]
    return bool(events) and events[-1] == "declined"


def network_items(
    workspace: Workspace, now: datetime, include_snoozed: bool = False
) -> tuple[list[PersonItem], int, tuple[Problem, ...]]:
    """The queue's items about the workspace's people at `now`, how many are snoozed,
    and the problems of the person files that could not be read."""
    from coffeechat.core.people.network import load_network

    network = load_network(workspace)
    if not network.people:
        return [], 0, network.damaged
    items, snoozed = _items_of(workspace, network, now, include_snoozed)
    return items, snoozed, network.damaged


def _items_of(
    workspace: Workspace, network: Network, now: datetime, include_snoozed: bool
) -> tuple[list[PersonItem], int]:
    from coffeechat.core.people.network import agenda_people, rows
    from coffeechat.core.people.outreach import outreach_of

    everyone = rows(network, now.date(), outreach_of(workspace), agenda_people(workspace, network))
    return person_items(everyone, now, include_snoozed)


def _current_item(workspace: Workspace, address: str, now: datetime) -> tuple[Person, PersonItem]:
    """The person and the open item at `address`, as it stands at `now`."""
    from coffeechat.core.people.network import load_network

    person_id, item_id = parse_person_address(address)
    network = load_network(workspace)
    person = network.get(person_id)
    if person is None:
        raise InputError.at(
            "ID",
            f"no person called {person_id!r}",
            "see them with: coffeechat people",
            line=0,
            col=0,
        )
    items, _snoozed = _items_of(workspace, network, now, include_snoozed=True)
    for item in items:
        if item.person_id != person_id:
            continue
        if item.item_id == item_id:
            return person, item
    raise InputError.at(
        "ID",
        f"{person.name} has no open follow-up {item_id!r}",
        "see what is open with: coffeechat followups",
        line=0,
        col=0,
    )
