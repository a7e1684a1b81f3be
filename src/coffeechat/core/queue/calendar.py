"""The follow-up queue as an iCalendar file: one to-do (VTODO) per open item.

Made with the `icalendar` package (imported only here, only when asked for), so the
escaping, folding and line endings are what calendar apps expect. Each to-do's UID
is the item's address, so importing a newer export updates the same to-dos instead
of adding copies. Times are written in UTC, which every calendar app reads. Control
characters, which iCalendar text may not hold, are written out (`core.text.controls`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coffeechat.core.queue.followups import QueueItem
from coffeechat.core.text.controls import escape_controls

if TYPE_CHECKING:
    from coffeechat.core.people.items import PersonItem

PRODUCT = "-//coffeechat//follow-up queue//EN"
UID_DOMAIN = "coffeechat"


def queue_calendar(items: Iterable[QueueItem | PersonItem], now: datetime) -> bytes:
    """An .ics file holding one VTODO for each item."""
    from icalendar import Calendar, Todo

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "coffeechat follow-ups")
    stamp = now.astimezone(UTC)
    for item in items:
        todo = Todo()
        todo.add("uid", f"{item.address}@{UID_DOMAIN}")
        todo.add("dtstamp", stamp)
        todo.add("summary", escape_controls(item.title))
        due = item.due.astimezone(UTC)
        todo.add("due", due)
        if item.snoozed_until is not None and item.snoozed_until < item.due:
            # The calendar hides a to-do until it starts: the same as a snooze.
            todo.add("dtstart", item.snoozed_until.astimezone(UTC))
        todo.add("status", "NEEDS-ACTION")
        todo.add("categories", [item.kind])
        todo.add("description", escape_controls(description(item)))
        calendar.add_component(todo)
    payload: bytes = calendar.to_ical()
    return payload


def description(item: QueueItem | PersonItem) -> str:
    """The to-do's notes: whom it is about, what to say, how to mark it done."""
    lines = []
    if item.referral is not None:
        reach = ", ".join(p for p in (item.referral.name, item.referral.role) if p)
        if item.referral.contact:
            reach += f" · {item.referral.contact}"
        lines += [f"Reach: {reach}", f"Referred by: {item.person}"]
    else:
        where = f" ({item.organization})" if item.organization else ""
        lines.append(f"With: {item.person}{where}")
    if item.say:
        lines.append(f"Say: {item.say}")
    if item.snoozed_until is not None:
        lines.append(f"Snoozed until {item.snoozed_until:%Y-%m-%d %H:%M}")
    lines.append(f"Mark it done: coffeechat done {item.address}")
    return "\n".join(lines)
