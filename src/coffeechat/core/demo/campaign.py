"""The demo campaign: an ICU nurse moving into clinical informatics, a month in.

`write_demo` fills an empty folder with a workspace as the app itself would leave
it: each agenda written by `coffeechat new`'s template and then edited as a person
would (their goals, a question or two about the organisation), each of five past
calls held through the live call's own `Call` on a clock moved by hand (notes,
stars, quotes, an added question, referrals, promises) and wrapped up by the
wrap-up's own `proposals` and `finish`, and the network of `core.demo.people`.
So the demo cannot drift from the formats: it is made by their writers.

Every date counts from the `now` given: the follow-ups are always one overdue, one
due today (the last call's thank-you, due 24 hours after it ended), some this week
and some later; one agenda (Rosa Mendes, tomorrow at 15:00) is ready to run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import tomlkit

from coffeechat.core.agendas.files import read_agenda, write_new_agenda
from coffeechat.core.agendas.template import Person
from coffeechat.core.call.live import Call
from coffeechat.core.call.start import agenda_ref
from coffeechat.core.call.wrapup import finish, proposals
from coffeechat.core.demo.people import PEOPLE, write_people
from coffeechat.core.files import atomic
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import Referral, new_session, to_toml
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime

PITCH = (
    "I'm an ICU nurse of eight years, moving into clinical informatics: I've been a "
    "super-user for our unit's EHR upgrade and loved it. {why}"
)
GOALS = (
    "What a typical week in clinical informatics looks like",
    "Which certifications or courses actually matter for the move",
    "Whether my years at the bedside count as experience in informatics",
)


@dataclass(frozen=True)
class DemoAgenda:
    """An agenda of the demo: the person, and what the person changed in the template."""

    person: Person
    duration: str = "20m"
    channel: str = "video"
    goals: tuple[str, ...] = GOALS
    questions: dict[int, str] = field(default_factory=dict)
    """Template questions reworded for this person, by their place in the template."""


@dataclass(frozen=True)
class PastCall:
    """One call held in the demo, and its wrap-up."""

    agenda: DemoAgenda
    days_ago: int
    at: time
    minutes: float
    """How long the call went on (the window is the agenda's)."""
    notes: dict[int, str]
    """The notes typed on each question asked, by the question's place."""
    starred: frozenset[int] = frozenset()
    skipped: frozenset[int] = frozenset()
    added: tuple[str, str] | None = None
    """A question that came up in the conversation, and its notes."""
    general: str = ""
    referrals: tuple[Referral, ...] = ()
    actions: tuple[str, ...] = ()
    learned: tuple[bool, ...] = ()
    follow_up: str = "in 3 weeks"
    done: frozenset[str] = frozenset()
    """The follow-ups marked done since."""


def _person(person_id: str, why: str, research: str) -> Person:
    """The agenda's person: who they are in the demo's network (`core.demo.people`),
    the pitch to them and the research done."""
    known = {person.id: person for person in PEOPLE}
    them = known[person_id]
    referred_by = known[them.referred_by].name if them.referred_by else ""
    return Person(
        them.name,
        them.role,
        them.organization,
        referred_by,
        them.contact,
        PITCH.format(why=why),
        research,
    )


DANA = DemoAgenda(
    _person(
        "dana-whitfield",
        "You made the same move from the ICU, and I'd love to hear how it went.",
        "ICU charge nurse for 10 years; led Riverside's Epic go-live in 2023. "
        "Riverside: 3 hospitals, informatics team of 9.",
    ),
    questions={5: "How is Riverside's informatics team organised, and who do you work with most?"},
)
TOM = DemoAgenda(
    _person(
        "tom-alvarez",
        "I'd like to understand what your team looks for in clinical analysts.",
        "Runs ClinDoc, orders, pharmacy and interfaces at Lakeview; spoke at the "
        "regional HIMSS chapter on ambient documentation pilots.",
    ),
    duration="30m",
    questions={6: "How does Lakeview decide which build requests from the units get done first?"},
)
MARCUS = DemoAgenda(
    _person(
        "marcus-bell",
        "Dana said you made the move from med-surg three years ago.",
        "Med-surg nurse for 6 years; Riverside informatics fellowship 2023.",
    ),
    channel="phone",
)
GRACE = DemoAgenda(
    _person(
        "grace-liu",
        "I'm curious whether public health could be a path as well as hospitals.",
        "Works on the state immunisation registry; school nurse before that.",
    ),
    duration="15m",
    goals=(*GOALS[:2], "How data work in public health differs from a hospital's"),
)
SAM = DemoAgenda(
    _person(
        "sam-okoro",
        "I'd love to hear what a clinician does in product at a startup.",
        "ER nurse, then clinical consultant at a vendor; PM at CareLoop (shift handoff "
        "software, 40 people, Series A) since 2024.",
    ),
    questions={7: "What is changing in nursing software that people outside it don't see yet?"},
)
ROSA = DemoAgenda(
    _person(
        "rosa-mendes",
        "You moved from managing a unit into informatics, which is the move I'm weighing.",
        "Nurse manager of a cardiac step-down unit for 10 years; joined Lakeview "
        "informatics in 2025 (Tom Alvarez's team).",
    ),
    questions={
        5: "How does Lakeview's informatics team decide which nurse requests get built first?",
        9: "What surprised you most when you moved from managing a unit into informatics?",
    },
)
READY = ROSA
"""The agenda of the call to come: tomorrow at 15:00."""

CALLS = (
    PastCall(
        DANA,
        days_ago=20,
        at=time(10, 0),
        minutes=22,
        notes={
            0: "Mon: huddle with the CNO's office. Tue-Thu: build requests from the units, "
            "testing, a lot of 'why did the MAR do that'. Fri: governance committee. "
            "About 40% meetings.",
            1: "Enjoys fixing something that annoyed 300 nurses at once. Hardest: saying no "
            'to a unit manager. Said: "the floor gives you credibility IT never has"',
            2: "Workflow analysis, basic SQL, running a meeting. Learned SQL from a free "
            "online course; the Epic certificate came with the job.",
            3: "Super-user at the go-live, then informatics nurse, then manager in 4 years. "
            "The super-user role is the door.",
            4: "Volunteer as super-user now, before applying anywhere. The ANCC informatics "
            "certification later, not first.",
            5: "Team of 9: 6 nurses, 2 pharmacists, 1 analyst. They sit with IT twice a week.",
            8: "Mostly nurses and pharmacists, a few from the lab. Bedside years count as "
            "domain expertise: that is the job.",
            12: "AMIA's nursing informatics working group; the local HIMSS chapter meetups.",
        },
        starred=frozenset({1, 3}),
        skipped=frozenset({7}),
        general="Warm and very direct. Went 2 minutes over; she didn't mind, but watch it.",
        referrals=(
            Referral(
                "Marcus Bell",
                "Nurse Informaticist, Riverside Health",
                "marcus.bell@riverside.example",
                "Made the same move from med-surg; ask him about the first year",
            ),
            Referral(
                "Priya Raman",
                "EHR Analyst, Northgate Medical Center",
                "priya.raman@northgate.example",
                "Knows the Epic certification route from the outside",
            ),
        ),
        actions=("Send Dana the article on alarm fatigue we discussed",),
        learned=(True, False, True),
        done=frozenset({"thank-you", "referral-1", "referral-2", "action-1"}),
    ),
    PastCall(
        TOM,
        days_ago=15,
        at=time(14, 0),
        minutes=27,
        notes={
            0: "Runs 4 teams: ClinDoc, orders, pharmacy, interfaces. His week is roadmap "
            "meetings and vendor calls.",
            1: "Hardest: every fix is a trade-off between three departments.",
            2: "What he hires for: can you map a workflow on a whiteboard, and do the nurses "
            "trust you. The tools can be taught.",
            5: "Analysts sit with the applications team, not IT operations. 5 of 14 are nurses.",
            6: "Change board every other Tuesday; anything touching medications needs "
            "pharmacy's sign-off.",
            7: "Everyone is piloting ambient documentation; nobody knows yet who owns the notes.",
            11: 'Wants evidence of a project: "show me one thing you changed on your unit".',
        },
        starred=frozenset({2, 11}),
        skipped=frozenset({9, 10}),
        actions=("Write up the falls-huddle checklist as a one-page case study",),
        learned=(False, False, False),
        follow_up="in 4 weeks",
        done=frozenset({"thank-you", "action-1"}),
    ),
    PastCall(
        MARCUS,
        days_ago=9,
        at=time(17, 30),
        minutes=19,
        notes={
            0: "Three days of build and testing, one day at the elbow on the units, one day "
            "of tickets.",
            1: "Loves that he still reads patients' charts every day. Hardest: being 'IT' "
            "to his old colleagues.",
            3: "Super-user, then Riverside's 6-month informatics fellowship (paid, 2 places "
            "a year), then hired on the team.",
            4: '"Don\'t wait for the certificate: join every workflow committee on your unit"',
            9: "How much of it is writing: test scripts, tip sheets, release notes.",
            12: "The AMIA 10x10 course; the Nursing Informatics podcast.",
        },
        starred=frozenset({3, 4}),
        added=(
            "How competitive is the fellowship?",
            "About 40 applicants for 2 places; applications open in February.",
        ),
        actions=("Send Marcus the lessons-learned notes from our barcode-scanning rollout",),
        learned=(True, False, False),
        done=frozenset({"thank-you"}),
    ),
    PastCall(
        GRACE,
        days_ago=5,
        at=time(12, 0),
        minutes=15,
        notes={
            0: "Data quality checks on the registry, weekly reports for the counties, a lot "
            "of emails to clinics about missing doses.",
            2: "SQL every day, some R. Learned R on the job.",
            3: "School nurse, then immunisation program nurse, then analyst.",
            7: "New interoperability rules mean hospitals send far more data; the state needs "
            "people who understand both ends.",
            8: "Nurses, epidemiologists, one former pharmacist.",
        },
        starred=frozenset({7}),
        general="Public health pays less but the hours are regular. Analyst roles are "
        "posted in the spring.",
        actions=("Take the free SQL for public health course she recommended",),
        learned=(False, False, False),
        follow_up="in 2 weeks",
        done=frozenset({"thank-you", "action-1"}),
    ),
    PastCall(
        SAM,
        days_ago=1,
        at=time(16, 0),
        minutes=21,
        notes={
            0: "Sprint planning Monday, customer calls Tuesday and Wednesday (mostly nurse "
            "managers), specs and design reviews Thursday and Friday.",
            1: "Enjoys shipping something nurses really use on night shift. Hardest: saying "
            "no to the biggest customer.",
            2: 'Clinical credibility and clear specs. "Half my job is translating nurse '
            'into engineer"',
            3: "ER nurse, clinical consultant at a vendor, then PM. A pay cut the first year.",
            5: "Team of 12; he is the only clinician. Works most with Lena, the UX researcher.",
            10: "Named three startups in handoff and staffing.",
        },
        starred=frozenset({2}),
        actions=("Send Sam my notes on night-shift handoff pain points",),
        learned=(False, False, True),
        follow_up="in 4 weeks",
    ),
)


def write_demo(folder: Path, now: datetime) -> Workspace:
    """Write the demo campaign into `folder` (new or empty), dated from `now` (aware)."""
    workspace = Workspace(folder)
    atomic.private_dir(workspace.sessions)
    settings = Settings()
    for call in CALLS:
        path = _write_agenda(workspace, call.agenda)
        started = _started(call, now)
        _hold_call(workspace, settings, path, call, started)
    tomorrow = now.date() + timedelta(days=1)
    _write_agenda(workspace, READY, scheduled=datetime.combine(tomorrow, time(15, 0), now.tzinfo))
    write_people(folder, now.date())
    return workspace


def _started(call: PastCall, now: datetime) -> datetime:
    """When `call` started: on its day at its hour; the last call earlier if need be,
    so that its thank-you (due 24 hours after the end) falls between now and midnight."""
    day = now.date() - timedelta(days=call.days_ago)
    started = datetime.combine(day, call.at, now.tzinfo)
    length = timedelta(minutes=call.minutes)
    if call is not CALLS[-1] or started + length + timedelta(days=1) > now:
        return started
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), now.tzinfo)
    return now + (midnight - now) / 2 - timedelta(days=1) - length


def _write_agenda(
    workspace: Workspace, agenda: DemoAgenda, scheduled: datetime | None = None
) -> Path:
    """The template for the person, edited as they would in their editor."""
    path = write_new_agenda(workspace, agenda.person)
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    meeting: Any = doc["meeting"]
    meeting["channel"] = agenda.channel
    meeting["duration"] = agenda.duration
    if scheduled is not None:
        meeting["scheduled"] = scheduled.replace(microsecond=0)
    goals: Any = doc["goals"]
    learn = tomlkit.array()
    learn.extend(agenda.goals)
    goals["learn"] = learn.multiline(True)
    questions: Any = doc["questions"]
    for index, text in agenda.questions.items():
        questions[index]["text"] = text
    atomic.write_atomic(path, tomlkit.dumps(doc))
    return path


def _hold_call(
    workspace: Workspace, settings: Settings, path: Path, script: PastCall, started: datetime
) -> None:
    """Hold the call as a person would, wrap it up, and write its session file."""
    agenda = read_agenda(workspace, settings, path)
    clock = ManualTime(started)
    session = new_session(agenda, agenda_ref(workspace, path), started, agenda.duration)
    call = Call(session, clock)
    asked = sorted(set(script.notes) | script.skipped)
    weight = {index: 80 + len(text) for index, text in script.notes.items()}
    if script.added is not None:
        weight[-1] = 80 + len(script.added[1])
    seconds = script.minutes * 60 / sum(weight.values())
    for index in asked:
        call.jump(index)
        if index in script.skipped:
            call.skip()
            continue
        call.write_notes(script.notes[index])
        if index in script.starred:
            call.toggle_star()
        clock.advance(weight[index] * seconds)
    if script.added is not None:
        question, notes = script.added
        call.jump(call.add_question(question))
        call.write_notes(notes)
        clock.advance(weight[-1] * seconds)
    if script.general:
        call.write_general(script.general)
    for referral in script.referrals:
        call.add_referral(referral)
    for action in script.actions:
        call.add_action(action)
    call.end()
    shown = proposals(call.session, script.follow_up)
    completed = finish(call.snapshot(), shown, script.learned)
    for item in completed.followups:
        if item.id in script.done:
            item.status = "done"
    atomic.write_new(workspace.session_path(completed.id), to_toml(completed))
