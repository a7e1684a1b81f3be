"""Session files as the live call writes them (`new_session` + `to_toml`), for tests.

`fill_workspace` makes the fixture workspace of the queue and home-screen tests:
at `NOW` (2026-11-24 15:00, UTC-5) it has one overdue thank-you, one due later
today, items this week and later, one snoozed item, one done, and one damaged file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import FollowUp, Referral, Session, new_session, to_toml
from tests.conftest import CALL_TIME, EASTERN

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
NOW = CALL_TIME
DAMAGED_NAME = "2026-11-18-0900-broken.toml"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in November 2026, UTC-5."""
    return datetime(2026, 11, day, hour, minute, tzinfo=EASTERN)


def make_session(
    person: str,
    organization: str,
    started: datetime,
    minutes: int = 22,
    referred_by: str = "",
    role: str = "",
) -> Session:
    """A completed session with the full agenda's two questions, nothing noted yet."""
    agenda = load_agenda(FULL)
    meeting = Meeting(
        person=person,
        role=role,
        organization=organization,
        referred_by=referred_by,
        contact=f"{person.split()[0].lower()}@example.org",
        channel="video",
        scheduled=started,
    )
    session = new_session(replace(agenda, meeting=meeting), "agendas/x.toml", started, 1200)
    session.status = "completed"
    session.ended = started + timedelta(minutes=minutes)
    session.elapsed_seconds = minutes * 60
    return session


def jane() -> Session:
    """A call with starred notes, a referral and an agreed follow-up; thank-you overdue."""
    session = make_session(
        "Jane Doe", "Acme Health", at(20, 15, 1), referred_by="Sam Lee", role="Product Designer"
    )
    first, second = session.questions
    first.status, first.seconds = "answered", 185
    first.notes = "Mostly critiques and research synthesis.\nFridays are for writing."
    second.status, second.seconds, second.starred = "answered", 240, True
    second.notes = (
        "Shadowing the design team for six months made the switch feel safe.\n"
        "Ask for small design tasks first."
    )
    session.general_notes = "Warm, generous. Prefers email."
    session.referrals.append(
        Referral("Priya Patel", "Design Manager, Acme", "priya@acme.example", "Say Jane sent me")
    )
    ended = session.ended or session.started
    session.followups += [
        FollowUp(
            "thank-you", "thank-you", "Send a thank-you note to Jane Doe", ended + timedelta(1)
        ),
        FollowUp(
            "follow-up", "follow-up", "Tell Jane how the portfolio went", at(30, 9) + timedelta(11)
        ),
        FollowUp("referral-priya-patel", "referral", "Reach out to Priya Patel", at(27, 9)),
    ]
    return session


def omar() -> Session:
    """Yesterday's call: its thank-you is due later today, a promised article this week."""
    session = make_session("Omar Haddad", "Northwind Clinics", at(23, 18))
    session.questions[0].status = "answered"
    session.questions[0].notes = "Triage is the hardest design problem he has seen."
    ended = session.ended or session.started
    session.followups += [
        FollowUp(
            "thank-you", "thank-you", "Send a thank-you note to Omar Haddad", ended + timedelta(1)
        ),
        FollowUp(
            "action-1",
            "action",
            "Send Omar the article on triage design",
            at(26, 9),
            detail="The one from the Nielsen Norman Group",
        ),
    ]
    return session


def lena() -> Session:
    """An older call: thank-you done, the follow-up snoozed until Monday 30 November."""
    session = make_session("Lena Park", "Globex", at(10, 11), minutes=18)
    ended = session.ended or session.started
    session.followups += [
        FollowUp(
            "thank-you",
            "thank-you",
            "Send a thank-you note to Lena Park",
            ended + timedelta(1),
            "done",
        ),
        FollowUp(
            "follow-up",
            "follow-up",
            "Check in with Lena about the opening",
            at(22, 9),
            snoozed_until=at(30, 9),
        ),
    ]
    return session


def write(workspace: Workspace, session: Session) -> Path:
    """Save `session` where the app would, as the app would."""
    path = workspace.sessions / f"{session.id}.toml"
    path.write_text(to_toml(session), encoding="utf-8")
    return path


def fill_workspace(workspace: Workspace) -> Workspace:
    """The fixture workspace: three sessions and one half-written file."""
    for session in (jane(), omar(), lena()):
        write(workspace, session)
    half = to_toml(jane())
    (workspace.sessions / DAMAGED_NAME).write_text(half[: half.index("notes =") + 12])
    return workspace
