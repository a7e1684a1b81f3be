"""The outreach rules: a person's state from their log, and the next step with them.

Pure functions of the person files, the day and the settings (DESIGN.md, *The
network*). The state is never stored:

    to-ask     no log yet (notes aside)
    asked      asked or nudged, no reply yet (or a reply, no date yet)
    quiet      nudged, and `quiet_after` business days of silence since
    scheduled  a call is agreed
    met        you have talked
    in-touch   met, with a `keep_in_touch` cadence
    declined   they said no

and the 3B7 routine (*The 2-Hour Job Search*) gives the next step, in business days
(Monday to Friday) from the ask: after `try_another_after` without an answer, ask
someone else (the next `to-ask` person, from the same organisation first); after
`nudge_after`, nudge them once; nudged and `quiet_after` more, they go quiet and
produce nothing more. Declined: thank them and move down the list. Scheduled with
no agenda yet: prepare it, due the day before. In touch: check in one cadence after
the *last* entry of the log, so any contact resets it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from coffeechat.core.people import cadence

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.format import ItemKind, Person, State

_WEEKEND = (5, 6)


class Outreach(NamedTuple):
    """The rules' days, in business days (Monday to Friday): DESIGN.md's 3B7. They are
    settings (`[outreach]` in `coffeechat.toml`, read by `core.settings`)."""

    try_another_after: int = 3
    nudge_after: int = 7
    quiet_after: int = 7


def outreach_of(workspace: Workspace) -> Outreach:
    """The workspace's rules: its settings' `[outreach]`, else the rules' own days
    (without a settings file the settings' checker is not loaded: the queue asks on
    every `followups`); `InputError` if its `coffeechat.toml` is wrong."""
    if not workspace.settings.exists():
        return Outreach()
    from coffeechat.core.settings import load_settings

    return load_settings(workspace.settings, workspace.display(workspace.settings)).outreach


def add_business_days(day: date, count: int) -> date:
    """The business day `count` business days after `day` (Monday to Friday)."""
    while count > 0:
        day += timedelta(days=1)
        if day.weekday() not in _WEEKEND:
            count -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """How many business days after `start` have begun by `end` (0 if `end` is not later)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() not in _WEEKEND:
            count += 1
    return count


class Standing(NamedTuple):
    """Where things stand with a person, read from their log."""

    state: State
    asked_on: date | None = None
    nudged_on: date | None = None
    replied: bool = False
    declined_on: date | None = None
    thanked_since: bool = False
    """A `thanked` entry after they declined or you met."""
    scheduled: date | None = None
    """When the call is (a date or a date-time), for `scheduled`."""
    last_contact: date | None = None
    """The day of the log's last entry that is not a note (any contact resets a cadence)."""


def standing(person: Person, today: date, rules: Outreach) -> Standing:
    """The state of `person` on `today`, from their log (oldest first, by day)."""
    state: State = "to-ask"
    asked = nudged = declined = None
    scheduled: date | None = None
    replied = thanked = False
    entries = sorted(person.log, key=lambda entry: entry.day)
    for entry in entries:
        event, day = entry.event, entry.day
        if event == "asked":
            state, asked, nudged, replied = "asked", day, None, False
        elif event == "nudged":
            if state not in ("to-ask", "asked", "quiet"):
                continue
            state, asked, nudged = "asked", asked or day, day
        elif event == "replied":
            if state in ("to-ask", "asked", "quiet"):
                state, asked, replied = "asked", asked or day, True
        elif event == "scheduled":
            state, scheduled = "scheduled", entry.on
        elif event == "declined":
            state, declined, thanked = "declined", day, False
        elif event == "met":
            state, thanked = "met", False
        elif event == "thanked":
            thanked = True
    silent = state == "asked" and not replied and nudged is not None
    if silent and nudged is not None and business_days_between(nudged, today) >= rules.quiet_after:
        state = "quiet"
    if state == "met" and person.keep_in_touch and cadence.after(person.keep_in_touch, today):
        state = "in-touch"
    contacts = [entry.day for entry in entries if entry.event != "note"]
    last = contacts[-1] if contacts else None
    return Standing(state, asked, nudged, replied, declined, thanked, scheduled, last)


class Step(NamedTuple):
    """The next step with a person: in words, when, and the queue's item if it makes one."""

    text: str
    due: date | None = None
    kind: ItemKind | None = None
    item_id: str = ""
    """The item's id within the person (`nudge-2026-11-20`); stable while it stands."""
    detail: str = ""


class Context(NamedTuple):
    """What the rules look at beyond the person: everyone, and what exists for them."""

    people: Sequence[tuple[Person, Standing]]
    """Everyone in the network with their standing, in the order to ask them."""
    has_agenda: frozenset[str] = frozenset()
    """The ids of the people an agenda is written for."""
    advice_done: dict[str, tuple[str, ...]] | None = None
    """For each person id: the action items of their sessions you marked done."""


def next_to_ask(person: Person, context: Context) -> Person | None:
    """Whom to ask next instead of `person`: a `to-ask` person, the same organisation first."""
    candidates = [p for p, s in context.people if s.state == "to-ask" and p.id != person.id]
    org = person.organization.strip().casefold()
    if org:
        for candidate in candidates:
            if candidate.organization.strip().casefold() == org:
                return candidate
    return candidates[0] if candidates else None


def next_step(
    person: Person, where: Standing, today: date, rules: Outreach, context: Context
) -> Step | None:
    """The next step with `person` as things stand on `today` (None: nothing to do)."""
    name = person.name
    state = where.state
    if state == "to-ask":
        return Step("ask them for 15–30 minutes")
    if state == "asked" and where.replied:
        return Step("they answered: agree a time")
    if state == "asked" and where.asked_on is not None:
        return _silence(person, where, where.asked_on, today, rules, context)
    if state == "quiet":
        return None
    if state == "declined":
        if where.thanked_since or where.declined_on is None:
            return None
        other = next_to_ask(person, context)
        title = f"Thank {name} and move on" + (f": ask {other.name}" if other else "")
        return Step(title, where.declined_on, "try-another", f"try-another-{where.declined_on}")
    if state == "scheduled" and where.scheduled is not None:
        day = where.scheduled.date() if isinstance(where.scheduled, datetime) else where.scheduled
        if day < today:
            return Step(f"log how it went: coffeechat log {person.id} met")
        if person.id in context.has_agenda:
            return Step("have the call", day)
        due = day - timedelta(days=1)
        return Step(f"Prepare the agenda for {name}", due, "prepare", f"prepare-{day}")
    if state == "in-touch" and where.last_contact is not None:
        check_day = cadence.after(person.keep_in_touch, where.last_contact)
        if check_day is None:
            return None
        done = (context.advice_done or {}).get(person.id, ())
        detail = ("Tell them what you did with their advice: " + "; ".join(done)) if done else ""
        return Step(f"Check in with {name}", check_day, "check-in", f"check-in-{check_day}", detail)
    if state == "met" and not where.thanked_since:
        return Step("send a thank-you note")
    return None


def _silence(
    person: Person, where: Standing, asked: date, today: date, rules: Outreach, context: Context
) -> Step:
    """The 3B7 routine for someone asked who has not answered."""
    name = person.name
    if where.nudged_on is not None:
        quiet = add_business_days(where.nudged_on, rules.quiet_after)
        return Step("wait for an answer to the nudge", quiet)
    try_day = add_business_days(asked, rules.try_another_after)
    nudge_day = add_business_days(asked, rules.nudge_after)
    if today >= nudge_day:
        return Step(f"Nudge {name} once", nudge_day, "nudge", f"nudge-{asked}")
    if today >= try_day:
        record = person.record_of(f"try-another-{asked}")
        if record is None or record.status != "done":
            other = next_to_ask(person, context)
            title = f"No answer from {name} yet: ask " + (
                other.name if other else "someone else (coffeechat add NAME)"
            )
            return Step(title, try_day, "try-another", f"try-another-{asked}")
        return Step("wait for an answer; nudge them", nudge_day)
    return Step("wait for an answer", try_day)
