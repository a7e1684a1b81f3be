"""The demo campaign's network: a dozen people, one file each in `people/`.

Written by the network's own writer (`people.editing.write_new_person`, the one `add`
and a call's referrals use), so the demo cannot drift from the person format.
Every date is counted from `today`, so the campaign never looks stale: some people
met (the five calls of `core.demo.campaign`), some asked and waiting, one quiet
(asked, nudged, no answer), one declined, one scheduled with an agenda ready, one
scheduled without one, two referred by others, and some not yet asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from coffeechat.core.files.names import slugify
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.people.editing import write_new_person
from coffeechat.core.people.format import Event, LogEntry, Person


@dataclass(frozen=True)
class Entry:
    """One line of a person's log: `days` from today (negative: in the past)."""

    days: int
    event: Event
    note: str = ""
    at: time | None = None
    """A time of day, for a meeting scheduled at an hour."""


@dataclass(frozen=True)
class DemoPerson:
    """Someone in the demo network."""

    name: str
    role: str
    organization: str
    contact: str
    tags: tuple[str, ...] = ()
    notes: str = ""
    referred_by: str = ""
    keep_in_touch: str = ""
    log: tuple[Entry, ...] = field(default=())

    @property
    def id(self) -> str:
        """The person's id: the slug of their name (their file's stem)."""
        return slugify(self.name)


PEOPLE = (
    DemoPerson(
        "Dana Whitfield",
        "Clinical Informatics Manager",
        "Riverside Health",
        "dana.whitfield@riverside.example",
        ("informatics", "hospital"),
        "Former ICU charge nurse; led Riverside's Epic go-live. Met at the nursing alumni night.",
        keep_in_touch="2 months",
        log=(
            Entry(-30, "asked", "Email after the alumni night"),
            Entry(-28, "replied", "Happy to talk; 20 minutes by video"),
            Entry(-20, "met"),
            Entry(-19, "thanked"),
        ),
    ),
    DemoPerson(
        "Tom Alvarez",
        "Director of Clinical Applications",
        "Lakeview Hospital",
        "https://www.linkedin.com/in/tom-alvarez-example",
        ("leadership", "hospital"),
        "Hires analysts for the clinical applications team.",
        keep_in_touch="3 months",
        log=(
            Entry(-22, "asked", "LinkedIn message; mentioned the HIMSS chapter"),
            Entry(-21, "replied"),
            Entry(-15, "met"),
            Entry(-14, "thanked"),
        ),
    ),
    DemoPerson(
        "Marcus Bell",
        "Nurse Informaticist",
        "Riverside Health",
        "marcus.bell@riverside.example",
        ("informatics", "nursing"),
        "Moved from med-surg to informatics three years ago.",
        referred_by="dana-whitfield",
        log=(
            Entry(-18, "asked", "Email; Dana Whitfield gave me his name"),
            Entry(-17, "replied"),
            Entry(-9, "met"),
            Entry(-8, "thanked"),
        ),
    ),
    DemoPerson(
        "Priya Raman",
        "EHR Analyst (Epic ClinDoc)",
        "Northgate Medical Center",
        "priya.raman@northgate.example",
        ("epic", "analyst"),
        "Certified in Epic ClinDoc; was a pediatric nurse.",
        referred_by="dana-whitfield",
        log=(
            Entry(-17, "asked", "Email; mentioned Dana"),
            Entry(-15, "replied", "Busy until their upgrade is live, then happy to"),
            Entry(6, "scheduled", "After the upgrade", time(12, 30)),
        ),
    ),
    DemoPerson(
        "Grace Liu",
        "Health Data Analyst",
        "State Department of Health",
        "grace.liu@health.state.example",
        ("data", "public-health"),
        "Works on the state's immunisation registry.",
        log=(
            Entry(-12, "asked", "Through the public health nursing forum"),
            Entry(-11, "replied"),
            Entry(-5, "met"),
            Entry(-4, "thanked"),
        ),
    ),
    DemoPerson(
        "Sam Okoro",
        "Product Manager",
        "CareLoop",
        "sam@careloop.example",
        ("product", "startup"),
        "CareLoop makes shift-handoff software for nurses.",
        log=(
            Entry(-8, "asked", "LinkedIn message"),
            Entry(-7, "replied"),
            Entry(-1, "met"),
        ),
    ),
    DemoPerson(
        "Rosa Mendes",
        "Informatics Specialist",
        "Lakeview Hospital",
        "rosa.mendes@lakeview.example",
        ("informatics", "nursing"),
        "Nurse manager for ten years before moving into informatics.",
        log=(
            Entry(-6, "asked", "Email; mentioned Tom Alvarez's team"),
            Entry(-5, "replied", "Tomorrow afternoon works"),
            Entry(1, "scheduled", "Video call", time(15, 0)),
        ),
    ),
    DemoPerson(
        "Aisha Khan",
        "Clinical Analyst",
        "Lakeview Hospital",
        "https://www.linkedin.com/in/aisha-khan-example",
        ("analyst", "hospital"),
        "Builds order sets; posted about nurse-led design.",
        log=(Entry(-5, "asked", "LinkedIn message"),),
    ),
    DemoPerson(
        "Jordan Reyes",
        "Informatics Educator",
        "Northgate Medical Center",
        "jordan.reyes@northgate.example",
        ("education",),
        "Trains nurses on the EHR.",
        log=(
            Entry(-24, "asked", "Email"),
            Entry(-14, "nudged", "Short reminder, offered 15 minutes"),
        ),
    ),
    DemoPerson(
        "Helen Park",
        "Chief Nursing Informatics Officer",
        "Riverside Health",
        "helen.park@riverside.example",
        ("leadership",),
        log=(
            Entry(-10, "asked", "Email"),
            Entry(-8, "declined", "Busy with the go-live until spring; suggested Marcus"),
        ),
    ),
    DemoPerson(
        "Ben Carter",
        "Epic Implementation Consultant",
        "Lakeview Hospital",
        "ben.carter@lakeview.example",
        ("epic", "consulting"),
        "On Lakeview's upgrade team this year.",
    ),
    DemoPerson(
        "Lena Fischer",
        "UX Researcher",
        "CareLoop",
        "https://www.linkedin.com/in/lena-fischer-example",
        ("design", "startup"),
        "Ran CareLoop's studies with night-shift nurses.",
    ),
)


def write_people(folder: Path, today: date) -> list[Path]:
    """Write every person of the demo into `folder/people/`; their files' paths."""
    workspace = Workspace(folder)
    return [write_new_person(workspace, person_of(person, today)) for person in PEOPLE]


def person_of(person: DemoPerson, today: date) -> Person:
    """`person` as the network holds them, their log dated from `today` (a meeting's
    hour in local time, without an offset, as a person would type it)."""
    log = []
    for entry in person.log:
        day = today + timedelta(days=entry.days)
        on = day if entry.at is None else datetime.combine(day, entry.at)
        log.append(LogEntry(on, entry.event, entry.note))
    return Person(
        id=person.id,
        name=person.name,
        role=person.role,
        organization=person.organization,
        contact=person.contact,
        referred_by=person.referred_by,
        tags=person.tags,
        keep_in_touch=person.keep_in_touch,
        notes=person.notes,
        log=log,
    )
