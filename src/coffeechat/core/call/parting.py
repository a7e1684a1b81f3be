"""The one line `coffeechat run` prints once the call's screen is gone: where the
session was saved, and what is due next (or how to resume a call left unfinished)."""

from __future__ import annotations

from datetime import datetime

from coffeechat.core.queue import dates
from coffeechat.core.sessions.format import FollowUp, Session


def parting_line(session: Session, shown: str, resume: str, now: datetime) -> str:
    """`saved sessions/….toml; 4 follow-ups, thank-you due tomorrow 15:20` for a
    completed call; for one quit before its end, how to resume it (`resume`: the
    command to type)."""
    if session.status != "completed":
        return f"saved {shown} (call not finished); resume it with: {resume}"
    waiting = [item for item in session.followups if item.status == "open"]
    if not waiting:
        return f"saved {shown}; no follow-ups"
    first = min(waiting, key=lambda item: item.due)
    count = f"{len(waiting)} follow-up{'s' if len(waiting) > 1 else ''}"
    return f"saved {shown}; {count}, {due_words(first, now)}"


def due_words(item: FollowUp, now: datetime) -> str:
    """`thank-you due tomorrow 15:20` (an action item named by its own title)."""
    name = item.title if item.kind == "action" else item.kind
    due = item.due.astimezone(now.tzinfo) if item.due.tzinfo and now.tzinfo else item.due
    return f"{name} due {dates.relative_words(due.date(), now.date())} {due:%H:%M}"
