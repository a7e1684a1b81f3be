"""A session's summary: what the lists and the follow-up queue need, not the notes.

The home screen, `sessions` and `followups` show a line or two about each of possibly
thousands of sessions. `SessionSummary` is that part of a `Session` (see `format`),
typed like it; `read_summary` makes one from a file, by the fast reader of the app's
own layout (`skim`) when it can and by the full reader otherwise, and the two give
the same summary. The cache keeps summaries between runs (`cache`).
"""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from coffeechat.core.agendas.meeting import Meeting
from coffeechat.core.sessions.format import FollowUp, Referral, SessionStatus
from coffeechat.core.toml.schema import FrozenRecord

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.sessions.format import Session


@dataclass(frozen=True, eq=False, repr=False)
class SessionSummary(FrozenRecord):
    """One session as the lists and the follow-up queue see it (no notes)."""

    id: str
    status: SessionStatus
    started: datetime
    ended: datetime | None
    planned_seconds: int
    elapsed_seconds: int
    meeting: Meeting
    questions: int
    answered: int
    skipped: int
    starred: int
    referrals: tuple[Referral, ...]
    followups: tuple[FollowUp, ...]

    @property
    def open_followups(self) -> int:
        """How many of its follow-ups are still to do."""
        return sum(1 for item in self.followups if item.status == "open")

    @property
    def order(self) -> float:
        """Where it goes in time order, whatever its offset (no offset: local time)."""
        try:
            return self.started.timestamp()
        except (OverflowError, OSError, ValueError):
            return 0.0


def summarize(session: "Session") -> SessionSummary:
    """The summary of a fully read session."""
    states = [q.status for q in session.questions]
    return SessionSummary(
        id=session.id,
        status=session.status,
        started=session.started,
        ended=session.ended,
        planned_seconds=session.planned_seconds,
        elapsed_seconds=session.elapsed_seconds,
        meeting=session.meeting,
        questions=len(states),
        answered=states.count("answered"),
        skipped=states.count("skipped"),
        starred=sum(1 for q in session.questions if q.starred),
        referrals=tuple(session.referrals),
        followups=tuple(session.followups),
    )


def read_summary(raw: bytes, path: "Path", display: str | None = None) -> SessionSummary:
    """The summary of the session file `path` holding `raw`; `InputError` if damaged."""
    from coffeechat.core.sessions.skim import quick_summary

    quick = quick_summary(raw, path)
    if quick is not None:
        return quick
    # The full reader (tomllib and the validators) is loaded only when a file needs it.
    from coffeechat.core.sessions.format import parse_session

    return summarize(parse_session(raw, path, display))
