"""Workspaces for the bench, made on the fly: a small one, and years of sessions.

Every session is made the way the live call makes one (`new_session` from a real,
validated agenda, then `to_toml`) and filled with notes that read like notes typed
during a call: sentences of varying length, line breaks, accents, quotes and the
odd dash. Seeded, so two runs measure the same files.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from coffeechat.core.agendas.agenda import Agenda, load_agenda
from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.files.workspace import Workspace, prepare
from coffeechat.core.sessions.format import FollowUp, Referral, Session, new_session, to_toml

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=timezone(timedelta(hours=-5)))
"""The moment the bench's sessions are made up to (the last call was just before)."""


def words(text: str) -> tuple[str, ...]:
    """The words of `text` (lists of names are easier to read and edit as text)."""
    return tuple(text.split())


QUESTIONS = (
    ("What does a typical week look like for you?", "role", "must"),
    ("Which part of the work surprised you most?", "role", "should"),
    ("How are decisions made on your team?", "organization", "must"),
    ("What do new people struggle with in their first months?", "organization", "should"),
    ("How is the field changing, and what will matter in five years?", "industry", "must"),
    ("Which companies do the most interesting work right now?", "industry", "nice"),
    ("How did you get from your first job to this one?", "path", "must"),
    ("What would you do differently if you started again?", "path", "should"),
    ("Which skills helped you most, and how did you build them?", "path", "should"),
    ("What should someone coming from my background learn first?", "advice", "must"),
    ("How would you test whether this work suits me?", "advice", "should"),
    ("What do hiring managers look for that candidates miss?", "advice", "nice"),
    ("Which communities or events are worth my time?", "other", "nice"),
    ("Who else should I talk to, and may I say you sent me?", "other", "must"),
)
FIRST = words(
    "Jane Ana Priya Omar Lena Sam Yuki Chidi Marta José Zoë Tomás Aisha Kofi Ingrid Wei "
    "Lucía Rafael Noor Emeka Hana Jonas Amélie Dmitri Sofía Ravi Greta Mateo Leila Björn"
)
LAST = words(
    "Doe Patel Haddad Park Lee Tanaka Okafor García Álvarez Novak Chen Müller Rossi Silva "
    "Nguyen Kowalski O'Brien Dubois Andersen Mensah Ibrahim Costa Sato Fischer Moreau Khan"
)
ORGANISATIONS = (
    "Acme Health",
    "Northwind Labs",
    "Globex",
    "Initech",
    "Umbrella Research",
    "Hooli",
    "Stark Industries",
    "Wayne Foundation",
    "Aperture Science",
    "Soylent & Co",
    "Blue Sun",
    "Tyrell Corp",
)
ROLES = (
    "Staff Product Designer",
    "Engineering Manager",
    "UX Researcher",
    "Data Scientist",
    "Head of Product",
    "Policy Analyst",
    "Site Reliability Engineer",
    "Design Manager",
    "Technical Writer",
    "Founder",
)
WORDS = words(
    "critiques research synthesis roadmap stakeholders users interviews prototype hiring "
    "portfolio feedback mentor budget quarter launch metrics onboarding shadowing design "
    "system team manager process writing review data pipeline customers contract remote "
    "office culture growth promotion mistakes lessons conference meetup course certificate "
    "switch career industry healthcare fintech startup agency consulting freelance pay "
    "ladder skills tools figma python sql accessibility ethics scope deadline trade-offs "
    "a the and of to in for with on about that it was is they she he we really very "
    "mostly often rarely first then later because but so when how why what which"
)
ASIDES = (
    "Follow up on this!",
    "She said “don't over-polish the portfolio”.",
    "Ask Priya about it — maybe.",
    "Café chat in March?",
    'He called it "the hard part".',
    "Résumé: keep it to one page.",
    "Numbers: 3 interviews, 2 offers, 1 yes.",
)

AGENDA_TEXT = """format = 1

[meeting]
with = "Bench Person"
role = "Someone worth asking"
organization = "Somewhere"
channel = "video"
duration = "25m"
warn_at = ["5m", "2m"]

[goals]
learn = ["What a typical week looks like", "How they moved into this field"]

[prep]
pitch = "I spent six years in research and I am moving into design."
research = "Wrote about design critiques; spoke at a meetup last spring."
"""


def make_agenda(folder: Path) -> Agenda:
    """A validated 14-question agenda, written to `folder` and read back."""
    lines = [AGENDA_TEXT]
    for text, topic, priority in QUESTIONS:
        lines.append(
            f'[[questions]]\ntext = "{text}"\ntopic = "{topic}"\n'
            f'priority = "{priority}"\nminutes = 2\n'
        )
    path = folder / "bench-agenda.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return load_agenda(path)


def small_workspace(root: Path, sessions: int = 6) -> Workspace:
    """A workspace like a new user's after a few calls: the example agenda, a few sessions."""
    workspace = prepare(Workspace(root))
    write_sessions(workspace, sessions, seed=1)
    return workspace


def write_sessions(
    workspace: Workspace,
    count: int,
    seed: int = 0,
    layout: Callable[[str], bytes] = str.encode,
) -> list[Path]:
    """Write `count` sessions, one every few days back from `NOW`; their paths.
    `layout` turns the app's text of a session into the file's bytes."""
    rng = random.Random(seed)
    agenda = make_agenda(workspace.agendas)
    paths = []
    started = NOW - timedelta(hours=2)
    for number in range(count):
        session = made_up_session(agenda, started, number, rng)
        path = workspace.sessions / f"{session.id}.toml"
        path.write_bytes(layout(to_toml(session)))
        paths.append(path)
        started -= timedelta(hours=rng.randint(5, 60), minutes=rng.randint(0, 59))
    return paths


def made_up_session(agenda: Agenda, started: datetime, number: int, rng: random.Random) -> Session:
    """A completed call of about 20 KB: notes on every question, referrals, follow-ups."""
    person = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if number % 7 == 3:
        person += f" {number}"  # some people share a name: keep ids apart
    meeting = Meeting(
        person=person,
        role=rng.choice(ROLES),
        organization=rng.choice(ORGANISATIONS),
        referred_by=f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.6 else "",
        contact=f"{person.split()[0].lower()}@example.org",
        channel=rng.choice(("phone", "video", "in-person")),
        scheduled=started,
    )
    session = new_session(
        replace(agenda, meeting=meeting), "agendas/bench-agenda.toml", started, 1500
    )
    minutes = rng.randint(18, 34)
    session.status = "completed" if rng.random() < 0.97 else "abandoned"
    session.ended = started + timedelta(minutes=minutes)
    session.elapsed_seconds = minutes * 60
    session.current = len(session.questions) - 1
    for question in session.questions:
        question.status = rng.choices(("answered", "skipped", "pending"), (8, 1, 1))[0]
        question.seconds = rng.randint(30, 240) if question.status == "answered" else 0
        question.starred = rng.random() < 0.15
        if question.status == "answered":
            question.notes = notes(rng, rng.randint(900, 1700))
    session.general_notes = notes(rng, rng.randint(600, 1600))
    for goal in session.goals:
        goal.learned = rng.random() < 0.7
    session.referrals = [
        Referral(
            f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            f"{rng.choice(ROLES)}, {rng.choice(ORGANISATIONS)}",
            f"ref{number}-{index}@example.org",
            f"Say {person.split()[0]} sent me",
        )
        for index in range(rng.randint(0, 3))
    ]
    session.followups = followups(session, rng)
    return session


def followups(session: Session, rng: random.Random) -> list[FollowUp]:
    """The thank-you, an agreed follow-up and one per referral; old ones mostly done."""
    ended = session.ended or session.started
    person = session.meeting.person
    items = [
        FollowUp(
            "thank-you", "thank-you", f"Send a thank-you note to {person}", ended + timedelta(1)
        ),
        FollowUp(
            "follow-up",
            "follow-up",
            f"Tell {person.split()[0]} how it went",
            ended + timedelta(days=21),
            detail="Mention the portfolio review they suggested",
        ),
    ]
    for referral in session.referrals:
        slug = referral.name.lower().replace(" ", "-").replace("'", "")
        items.append(
            FollowUp(
                f"referral-{slug}"[:60],
                "referral",
                f"Reach out to {referral.name}",
                ended + timedelta(days=rng.randint(2, 10)),
            )
        )
    age = NOW - ended
    for item in items:
        if age > timedelta(days=30):
            item.status = rng.choices(("done", "dropped", "open"), (7, 1, 2))[0]
        if item.status == "open" and rng.random() < 0.1:
            item.snoozed_until = NOW + timedelta(days=rng.randint(-3, 9))
    return items


def notes(rng: random.Random, size: int) -> str:
    """About `size` characters of notes as typed during a call."""
    lines: list[str] = []
    length = 0
    while length < size:
        words = rng.choices(WORDS, k=rng.randint(6, 22))
        sentence = " ".join(words).capitalize() + rng.choice((".", ".", ".", "?", "!", "…"))
        if rng.random() < 0.12:
            sentence += " " + rng.choice(ASIDES)
        if rng.random() < 0.2:
            sentence = "- " + sentence
        lines.append(sentence)
        length += len(sentence) + 1
    return "\n".join(lines)
