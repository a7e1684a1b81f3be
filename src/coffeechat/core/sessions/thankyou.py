"""The thank-you note for a call, drafted from its session for you to edit and send.

The guides agree on what makes a thank-you worth reading: send it within a day, thank
them by name and whoever introduced you, "reiterate a point from your discussion or
mention how something you've just learned may change your perspective", do what you
said you would, show that you also have something to give, and confirm the follow-up
they agreed to. The draft does that from the session, and only from what the person
*marked* during the call: their words typed in quotes, a starred note, a goal ticked as
learned. With nothing marked it says what to add rather than inventing a point. It is
only text (control characters written out, see `core.text.controls`): coffeechat
never sends anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from coffeechat.core.sessions.format import Session, SessionQuestion
from coffeechat.core.text.controls import escape_controls

SIGNATURE = "[Your name]"
LONGEST_QUOTE = 200
"""A quote longer than this is cut at a sentence or clause (or a word, marked …)."""
HELP_BACK = (
    "If I can ever return the favour, with an introduction or a hand with something on "
    "your side, please just ask."
)
"""The guides: "Show that you also have something to give"."""
FEWEST_WORDS = 4
"""Quoted text shorter than this is a label ("governance committee"), not a point."""

_QUOTED = re.compile(r'"([^"\n]+)"|“([^”\n]+)”')
"""Text the person typed in quotes: the other person's own words."""
_EMAIL = re.compile(r"^[^@\s/:]+@[^@\s/]+\.[^@\s/]+$")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_SHORTHAND = (
    (re.compile(r"\bw/o\b", re.I), "without"),
    (re.compile(r"\bw/(?=\s|\w)", re.I), "with "),
    (re.compile(r"\bb/c\b", re.I), "because"),
    (re.compile(r"\s*(->|→)\s*"), " to "),
    (re.compile(r"\s&\s"), " and "),
    (re.compile(r"\.{3,}"), "…"),
)
"""Note-taking shorthand written out, so that a quote reads as a sentence."""
_SHORTHAND_SIGNS = re.compile(
    r"(^|[.;]\s+)[\w-]{1,12}:\s|\bw/|\bb/c\b|\.\.\.|…|->|→|\s[-–]\s|\s&\s", re.MULTILINE
)
"""Notes that read as shorthand ("Mon: huddle w/ CNO... - 40% meetings"), not as
sentences one could quote back to the person."""
_CLAUSE_END = re.compile(r"(?<=[.!?…;])\s+|\s+[-–—]\s+")


@dataclass(frozen=True)
class Point:
    """The point to reiterate: the words, and the question they answered (if any)."""

    text: str
    question: SessionQuestion | None = None
    shorthand: bool = False
    """True for notes in shorthand: shown for you to say in a sentence, never quoted."""


def thank_you(session: Session) -> str:
    """A thank-you message for the call in `session`, as plain text."""
    meeting = session.meeting
    first = _first_name(meeting.person)
    lines = _addressing(meeting.contact, first)
    lines += [f"Hi {first},", ""]
    opening = f"Thank you for taking the time to talk with me on {_day(session.started)}"
    if meeting.organization:
        opening += f" about your work at {meeting.organization}"
    elif meeting.role:
        opening += f" about your work as {meeting.role}"
    opening += "."
    if meeting.referred_by:
        opening += f" And thank you to {meeting.referred_by} for introducing us."
    lines += [opening, "", _point_paragraph(session), ""]
    names = [r.name for r in session.referrals if r.name.strip()]
    if names:
        lines += [
            f"Thank you also for suggesting I speak with {_and(names)}. "
            "I will reach out and mention that you sent me.",
            "",
        ]
    promised = promises(session)
    if promised:
        lines += [" ".join(promised), ""]
    lines += [HELP_BACK, ""]
    agreed = next(
        (f for f in session.followups if f.kind == "follow-up" and f.status != "dropped"), None
    )
    if agreed is not None:
        lines += [f"I'll check in around {_date(agreed.due)}, as you suggested.", ""]
    lines += ["Thank you again for your generosity.", "", "Best wishes,", SIGNATURE]
    return escape_controls("\n".join(lines) + "\n")


def _addressing(contact: str, first: str) -> list[str]:
    """`To:` and a subject for an email; for anything else, how to send it."""
    contact = contact.strip()
    if _EMAIL.match(contact):
        return [f"To: {contact}", f"Subject: Thank you for your time, {first}", ""]
    if "linkedin" in contact.casefold():
        return [f"Send via: LinkedIn message to {contact}", ""]
    if _PHONE.match(contact):
        return [f"Send via: text message to {contact}", ""]
    if contact:
        return [f"Send via: {contact}", ""]
    return []


def _point_paragraph(session: Session) -> str:
    """The paragraph that reiterates a point, or says what to mark for one."""
    point = specific_point(session)
    if point is not None and not point.shorthand:
        if point.question is None:
            return f'Something you said has stayed with me: "{point.text}"'
        return (
            f'Your answer to "{_unquoted(point.question.text)}" has stayed with me, '
            f'especially: "{point.text}"'
        )
    learned = next((g.text.strip() for g in session.goals if g.learned and g.text.strip()), "")
    if learned:
        goal = _unquoted(learned.rstrip(".?!"))
        return (
            f"I came wanting to understand {goal[0].lower() + goal[1:]}, and what you told me "
            "has changed how I see it. [Say how, in a sentence.]"
        )
    if point is not None and point.question is not None:
        return (
            f'Your answer to "{_unquoted(point.question.text)}" has stayed with me, especially '
            f"[say in a sentence what struck you; your note: {point.text}]"
        )
    noted = next((q for q in session.questions if q.notes.strip()), None)
    if noted is not None:
        return (
            f'Your answer to "{_unquoted(noted.text)}" has stayed with me, especially '
            "[the point that mattered most to you: star its note, or type their words in "
            "quotes, and the draft quotes it]."
        )
    return (
        "[Nothing from the call is noted to reiterate: add one specific thing they said. "
        'Next time, star the note that matters or type their words in "quotes".]'
    )


def specific_point(session: Session) -> Point | None:
    """The point the person marked: their words in quotes (in a starred note first, then
    anywhere in the notes), else a starred note; None when nothing is marked."""
    questions = [q for q in session.questions if q.notes.strip()]
    ordered = [q for q in questions if q.starred] + [q for q in questions if not q.starred]
    for question in ordered:
        words = quoted_words(question.notes)
        if words is not None:
            return Point(words, question)
    words = quoted_words(session.general_notes)
    if words is not None:
        return Point(words)
    starred = next((q for q in questions if q.starred), None)
    if starred is None:
        return None
    text = excerpt(starred.notes)
    return Point(text, starred, shorthand=bool(_SHORTHAND_SIGNS.search(starred.notes)))


def quoted_words(notes: str) -> str | None:
    """The first text in `notes` typed in quotes that is long enough to be a point."""
    for match in _QUOTED.finditer(notes):
        words = " ".join((match.group(1) or match.group(2)).split()).strip(" ,;:")
        if len(words.split()) >= FEWEST_WORDS:
            return _cut(words)
    return None


def excerpt(notes: str) -> str:
    """The first line of a note as a quote: shorthand written out, inner quotes made
    single, cut at its first sentence or clause when long."""
    line = next(line.strip() for line in notes.splitlines() if line.strip())
    line = line.lstrip("-*• ").strip() or line
    return _cut(_unquoted(_written_out(line)))


def _written_out(text: str) -> str:
    """`text` with its note-taking shorthand written out (`_SHORTHAND`), on one line."""
    for pattern, written in _SHORTHAND:
        text = pattern.sub(written, text)
    return " ".join(text.split())


def _cut(text: str) -> str:
    """`text` within LONGEST_QUOTE: its first sentence or clause when longer (at a word,
    marked …, when even that does not fit)."""
    if len(text) <= LONGEST_QUOTE:
        return text
    end = next((m.start() for m in _CLAUSE_END.finditer(text) if m.start() >= 20), None)
    if end is not None and end <= LONGEST_QUOTE:
        return text[:end].rstrip(" ,;:")
    return text[:LONGEST_QUOTE].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _unquoted(text: str) -> str:
    """Double quotes inside a quote made single, so quotes never nest."""
    return text.replace("“", "'").replace("”", "'").replace('"', "'")


_FIRST_VERB = re.compile(
    r"^(send|share|forward|email|introduce|connect|read|look|follow|check|try|apply|write"
    r"|call|join|update|tell|let|reach|ask|find|review|finish|get|put|sign|watch|listen)\b",
    re.IGNORECASE,
)


def promises(session: Session) -> list[str]:
    """What you promised during the call (its action items not dropped), as sentences
    to them: "Send Omar the article" becomes "As promised, I will send you the article"."""
    first = _first_name(session.meeting.person)
    out = []
    for item in session.followups:
        if item.kind != "action" or item.status == "dropped" or not item.title.strip():
            continue
        text = " ".join(item.title.split()).rstrip(".")
        for name in dict.fromkeys((session.meeting.person.strip(), first)):  # full name first
            if name:
                text = re.sub(rf"\b{re.escape(name)}'s\b", "your", text)
                text = re.sub(rf"\b{re.escape(name)}\b", "you", text)
        text = re.sub(r"^(\w+) (him|her|them)\b", r"\1 you", text)
        text = _written_out(text)
        if _FIRST_VERB.match(text):
            out.append(f"As promised, I will {text[0].lower() + text[1:]}.")
        else:
            out.append(f"As promised: {text}.")
    return out


def _first_name(person: str) -> str:
    words = person.split()
    if not words:
        return "there"
    return person.strip() if words[0].endswith(".") else words[0]


def _day(moment: datetime) -> str:
    return f"{moment:%A} {moment.day} {moment:%B}"


def _date(moment: datetime) -> str:
    return f"{moment.day} {moment:%B}"


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
