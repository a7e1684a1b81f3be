"""The wrap-up: the follow-ups a finished call proposes, and writing them down.

A call proposes a thank-you note due within 24 hours of its end, the follow-up the
person agreed to (on a date typed in the strict grammar of `core.queue.dates`), one
outreach per referral, and the promises captured during the call. The person
keeps or drops each, sets the dates, says which goals they learned, and `finish`
turns that into the completed session. Until then, what they set is kept in the
session as typed (`choices`), and `proposals` comes back to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from coffeechat.core.queue import dates
from coffeechat.core.sessions.format import FollowUp, FollowUpKind, Session, WrapUpChoice

THANK_YOU_WITHIN = timedelta(hours=24)
FOLLOW_UP_AFTER = "in 3 weeks"
"""When to check in if the agenda names no `closing.followup_after`."""
REFERRAL_AFTER = "in 3 days"
ACTION_AFTER = "in 2 days"


@dataclass
class Proposal:
    """A follow-up the wrap-up offers; the person keeps or drops it and sets its date."""

    id: str
    kind: FollowUpKind
    title: str
    when: str | None
    """The date as typed (e.g. "in 3 weeks"); None for the thank-you, due 24 h after."""
    detail: str = ""
    keep: bool = True


def proposals(session: Session, followup_after: str | None) -> list[Proposal]:
    """The follow-ups a call proposes, in the order to confirm them, each as the person
    left it if the wrap-up was open before (`Session.wrapup`)."""
    person = session.meeting.person
    out = [
        Proposal(
            "thank-you",
            "thank-you",
            f"Send a thank-you note to {person}",
            None,
            "Mention one specific thing they said.",
        ),
        Proposal(
            "follow-up",
            "follow-up",
            f"Follow up with {person}",
            followup_after or FOLLOW_UP_AFTER,
            "Tell them what you did with their advice.",
        ),
    ]
    for number, referral in enumerate(session.referrals, 1):
        role = f", {referral.role}" if referral.role else ""
        detail = [f"Referred by {person}."]
        if referral.contact:
            detail.append(f"Contact: {referral.contact}.")
        if referral.note:
            detail.append(f"Say: {referral.note}")
        out.append(
            Proposal(
                f"referral-{number}",
                "referral",
                f"Reach out to {referral.name}{role}",
                REFERRAL_AFTER,
                " ".join(detail),
            )
        )
    for item in session.followups:
        if item.kind == "action":
            out.append(Proposal(item.id, "action", item.title, ACTION_AFTER, item.detail))
    left = {choice.id: choice for choice in session.wrapup}
    for proposal in out:
        choice = left.get(proposal.id)
        if choice is not None:
            proposal.keep = choice.keep
            if proposal.when is not None:
                proposal.when = choice.when or ""  # an empty date is not written
    return out


def choices(shown: Sequence[Proposal]) -> list[WrapUpChoice]:
    """The proposals as the person has set them so far, to keep in the session."""
    return [WrapUpChoice(p.id, p.keep, p.when) for p in shown]


def due_date(proposal: Proposal, ended: datetime) -> datetime:
    """When a kept proposal is due; `InputError` (with examples) if its date is garbage.

    In `ended`'s zone: 24 hours after the end for the thank-you (real hours, across a
    daylight-saving change too), 09:00 local time on the day typed for the others.
    """
    if proposal.when is None:
        return (ended.astimezone(UTC) + THANK_YOU_WITHIN).astimezone(ended.tzinfo)
    day = dates.parse_date(proposal.when, ended.date(), source=proposal.title)
    return dates.at_morning(day, ended.tzinfo)


def finish(session: Session, kept: Sequence[Proposal], learned: Sequence[bool]) -> Session:
    """The completed session: the kept follow-ups with their dates, the goals marked.

    The session must have ended; an `InputError` for any date that is not understood
    leaves it unchanged.
    """
    if session.ended is None:
        raise ValueError("the call has not ended")
    ended = session.ended
    followups = [
        FollowUp(p.id, p.kind, p.title, due_date(p, ended), detail=p.detail) for p in kept if p.keep
    ]
    session.followups = followups
    session.wrapup = []
    for goal, done in zip(session.goals, learned, strict=False):
        goal.learned = done
    session.status = "completed"
    return session
