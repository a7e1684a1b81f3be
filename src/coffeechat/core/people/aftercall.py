"""One call feeds the next: what a completed session, and its thank-you, do to the network.

Once a session is completed, the person met is logged `met` on the call's day (and
added to the network if they were not in it), and each of its referrals becomes a
person, `referred_by` the person met, the referral's note kept. Marking the
thank-you done logs `thanked`. Doing it again adds nobody twice and logs nothing twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from coffeechat.core.files.names import slugify

if TYPE_CHECKING:
    from coffeechat.core.agendas.meeting import Meeting
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.format import Event, Person
    from coffeechat.core.people.network import Network
    from coffeechat.core.sessions.format import Referral, Session


@dataclass(frozen=True)
class AfterCall:
    """What a completed call did to the network."""

    met: str
    """The id of the person met."""
    added: tuple[str, ...]
    """The names of the referrals that became people."""


def person_met(network: Network, meeting: Meeting) -> Person | None:
    """Whom a session was with: the agenda's `person`, else (an older agenda) by name."""
    if meeting.person_id:
        found = network.get(meeting.person_id)
        if found is not None:
            return found
    name = slugify(meeting.person)
    return next((p for p in network.people if slugify(p.name) == name), None)


def after_call(workspace: Workspace, session: Session) -> AfterCall:
    """Log the call and make its referrals people (`session` is completed)."""
    from coffeechat.core.people.editing import write_new_person
    from coffeechat.core.people.format import Person
    from coffeechat.core.people.network import load_network, new_person_id, person_files

    network = load_network(workspace)
    taken = {p.stem for p in person_files(workspace.people)}
    day = session.started.date()
    met = person_met(network, session.meeting)
    if met is None:
        meeting = session.meeting
        met = Person(
            id=meeting.person_id or new_person_id(meeting.person, taken),
            name=" ".join(meeting.person.split()),
            role=meeting.role,
            organization=meeting.organization,
            contact=meeting.contact,
        )
        write_new_person(workspace, met)
        taken.add(met.id)
    _log_once(workspace, met, "met", day, f"session {session.id}")
    added = []
    for referral in session.referrals:
        if not referral.name.strip() or _known(network, referral):
            continue
        person = Person(
            id=new_person_id(referral.name, taken),
            name=" ".join(referral.name.split()),
            role=referral.role,
            contact=referral.contact,
            referred_by=met.id,
            notes=referral.note,
        )
        write_new_person(workspace, person)
        taken.add(person.id)
        added.append(person.name)
    return AfterCall(met.id, tuple(added))


def thanked(workspace: Workspace, session_meeting: Meeting, on: date, session_id: str) -> bool:
    """Log `thanked` for the person a session was with; False if they are not in the network."""
    met = _named(workspace, session_meeting) or _found(workspace, session_meeting)
    if met is None:
        return False
    _log_once(workspace, met, "thanked", on, f"thank-you for session {session_id}")
    return True


def _named(workspace: Workspace, meeting: Meeting) -> Person | None:
    """The person the agenda names by id, from their file alone (None if it is not
    there or cannot be read: `person_met` looks further)."""
    from coffeechat.core.files.names import is_id
    from coffeechat.core.people.format import read_person
    from coffeechat.core.problems import InputError

    if not is_id(meeting.person_id):
        return None
    try:
        return read_person(workspace.person_path(meeting.person_id))
    except InputError:
        return None


def _found(workspace: Workspace, meeting: Meeting) -> Person | None:
    from coffeechat.core.people.network import load_network

    return person_met(load_network(workspace), meeting)


def _known(network: Network, referral: Referral) -> bool:
    """Whether a referral is someone already in the network (same contact, or same name)."""
    name = slugify(referral.name)
    contact = referral.contact.strip().casefold()
    for person in network.people:
        theirs = person.contact.strip().casefold()
        if contact and theirs:
            if contact == theirs:
                return True
        elif slugify(person.name) == name:
            return True
    return False


def _log_once(workspace: Workspace, person: Person, event: Event, on: date, note: str) -> None:
    from coffeechat.core.people.editing import log_event

    if any(e.event == event and e.note == note for e in person.log):
        return
    log_event(workspace, person.id, event, on, note)
