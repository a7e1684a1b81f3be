"""The thank-you note for a call, drafted from its session for you to edit and send.

Advice on informational interviews agrees on what makes a thank-you worth reading:
send it within a day, thank them by name, thank whoever introduced you, mention one
specific thing they said, say what you will do with their referrals, and confirm the
follow-up they agreed to. The draft does exactly that from the notes: the specific
point is the first starred insight, or the first answered note. It is only text
(control characters written out, see `core.text.controls`): coffeechat never sends anything.
"""

from __future__ import annotations

import re
from datetime import datetime

from coffeechat.core.sessions.format import Session, SessionQuestion
from coffeechat.core.text.controls import escape_controls

SIGNATURE = "[Your name]"
LONGEST_QUOTE = 200
"""A quote longer than this is cut at a word and marked with …"""


def thank_you(session: Session) -> str:
    """A thank-you email for the call in `session`, as plain text."""
    meeting = session.meeting
    first = _first_name(meeting.person)
    lines = []
    if meeting.contact:
        lines.append(f"To: {meeting.contact}")
    lines += [f"Subject: Thank you for your time, {first}", "", f"Hi {first},", ""]
    opening = f"Thank you for taking the time to talk with me on {_day(session.started)}"
    if meeting.organization:
        opening += f" about your work at {meeting.organization}"
    elif meeting.role:
        opening += f" about your work as {meeting.role}"
    opening += "."
    if meeting.referred_by:
        opening += f" And thank you to {meeting.referred_by} for introducing us."
    lines += [opening, ""]
    point = specific_point(session)
    if point is not None:
        question, quote = point
        lines += [f'Your answer to "{question.text}" has stayed with me, especially: "{quote}"', ""]
    names = [r.name for r in session.referrals if r.name.strip()]
    if names:
        lines += [
            f"Thank you also for suggesting I speak with {_and(names)}. "
            "I will reach out and mention that you sent me.",
            "",
        ]
    agreed = next((f for f in session.followups if f.kind == "follow-up"), None)
    if agreed is not None:
        lines += [
            f"As we agreed, I will be in touch around {_day(agreed.due)} "
            "to let you know how things are going.",
            "",
        ]
    lines += ["Thank you again for your generosity.", "", "Best wishes,", SIGNATURE]
    return escape_controls("\n".join(lines) + "\n")


def specific_point(session: Session) -> tuple[SessionQuestion, str] | None:
    """The question and the quote the note mentions: a starred note, else the first answer."""
    noted = [q for q in session.questions if q.notes.strip()]
    chosen = next((q for q in noted if q.starred), None) or next(
        (q for q in noted if q.status == "answered"), None
    )
    if chosen is None:
        return None
    return chosen, excerpt(chosen.notes)


def excerpt(notes: str) -> str:
    """The first line of a note, its first sentence if long, at most LONGEST_QUOTE long."""
    line = next(line.strip() for line in notes.splitlines() if line.strip())
    line = line.lstrip("-*• ").strip() or line
    if len(line) > LONGEST_QUOTE:
        sentence = re.match(r"(.{20,}?[.!?])(\s|$)", line)
        if sentence and len(sentence.group(1)) <= LONGEST_QUOTE:
            return sentence.group(1)
        cut = line[:LONGEST_QUOTE].rsplit(" ", 1)[0]
        return cut.rstrip(",;:") + "…"
    return line


def _first_name(person: str) -> str:
    words = person.split()
    if not words:
        return "there"
    return person.strip() if words[0].endswith(".") else words[0]


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
