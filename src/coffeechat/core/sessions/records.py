"""The small records that lists and the follow-up queue are made of: who a call was
with, whom they referred you to, and what to do afterwards.

They live apart from the agenda and session readers (which re-export them) so that
`followups`, `sessions` and the home screen can use them without importing the TOML
parsers and validators, which a warm start never needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Meeting:
    """Who the call is with and the window they agreed to."""

    person: str
    role: str = ""
    organization: str = ""
    referred_by: str = ""
    contact: str = ""
    channel: str = ""
    scheduled: datetime | None = None


@dataclass
class Referral:
    """Someone the person suggested talking to."""

    name: str
    role: str = ""
    contact: str = ""
    note: str = ""


@dataclass
class FollowUp:
    """Something to do after the call; its address is `<session-id>/<id>`."""

    id: str
    kind: str
    title: str
    due: datetime
    status: str = "open"
    snoozed_until: datetime | None = None
    detail: str = ""
