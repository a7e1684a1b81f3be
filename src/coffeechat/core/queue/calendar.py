"""The follow-up queue as an iCalendar file: one to-do (VTODO) per item.

Made with the `icalendar` package (imported only here, only when asked for), so the
escaping, folding and line endings are what calendar apps expect. Each to-do's UID
is the item's address, so importing a newer export updates the same to-dos instead
of adding copies; for that, items done or dropped since are exported too, as
COMPLETED or CANCELLED, and a calendar that imported them open marks them so. Each
open to-do has an alarm (VALARM) at its due moment, or when its snooze ends. Times
are written in UTC, which every calendar app reads. Control characters, which
iCalendar text may not hold, are written out (`core.text.controls`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from coffeechat.core.queue.followups import QueueItem
from coffeechat.core.text.controls import escape_controls

if TYPE_CHECKING:
    from coffeechat.core.people.items import PersonItem

PRODUCT = "-//coffeechat//follow-up queue//EN"
UID_DOMAIN = "coffeechat"
STATUS = {"open": "NEEDS-ACTION", "done": "COMPLETED", "dropped": "CANCELLED"}
"""The to-do's STATUS for each state of a follow-up."""


def queue_calendar(
    items: Iterable[QueueItem | PersonItem], now: datetime, command: Callable[..., str]
) -> bytes:
    """An .ics file holding one VTODO for each item, open or not; `command` makes the
    command line a person types for its words (`command("done", address)`)."""
    from icalendar import Alarm, Calendar, Todo

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
        todo.add("status", STATUS[item.status])
        todo.add("categories", [item.kind])
        todo.add("description", escape_controls(description(item, command)))
        if item.status == "open":
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", escape_controls(item.title))
            ring = max(due, (item.snoozed_until or item.due).astimezone(UTC))
            alarm.add("trigger", ring, parameters={"VALUE": "DATE-TIME"})  # as RFC 5545 asks
            todo.add_component(alarm)
        calendar.add_component(todo)
    payload: bytes = calendar.to_ical()
    return payload


def description(item: QueueItem | PersonItem, command: Callable[..., str]) -> str:
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
    if item.note:
        lines.append(f"Note: {item.note}")
    if item.snoozed_until is not None:
        lines.append(f"Snoozed until {item.snoozed_until:%Y-%m-%d %H:%M}")
    if item.status == "open":
        if isinstance(item, QueueItem) and item.kind == "thank-you":
            lines.append(f"The whole note: {command('draft', item.session.id)}")
        lines.append(f"Mark it done: {command('done', item.address)}")
    return "\n".join(lines)
