"""One session written out for reading: as plain text for the terminal, or as Markdown.

Both hold the same things in the same order: who and when, how long against the
agreed window, the goals, the starred insights, every question with its notes, the
general notes, the referrals and the follow-ups. A person's notes are kept as typed,
line by line (in Markdown too: `_line_breaks_kept`), but for control characters,
written out so that they show (`core.text.controls`): this text is printed to
terminals and opened in editors.
"""

from __future__ import annotations

from datetime import datetime

from coffeechat.core.sessions.format import FollowUp, Session, SessionQuestion
from coffeechat.core.text.controls import escape_controls

STATE_WORDS = {"answered": "answered", "skipped": "skipped", "pending": "not asked"}


def clock(seconds: int) -> str:
    """A length of time as a clock shows it: `22:28`, or `1:02:03` past an hour."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def length_words(elapsed: int, planned: int) -> str:
    """How long the call took against the agreed window: `22:28 of 20:00 (2:28 over)`."""
    text = f"{clock(elapsed)} of {clock(planned)}"
    if elapsed > planned:
        text += f" ({clock(elapsed - planned)} over)"
    return text


def when_words(session: Session) -> str:
    """When the call was: `Tue 24 Nov 2026, 15:01–15:23`."""
    text = f"{_day(session.started)}, {session.started:%H:%M}"
    if session.ended is not None:
        text += f"–{session.ended:%H:%M}"
    return text


def who_words(session: Session) -> str:
    """The person and what they do: `Jane Doe, Staff Product Designer, Acme Health`."""
    meeting = session.meeting
    return ", ".join(p for p in (meeting.person, meeting.role, meeting.organization) if p)


def due_words(item: FollowUp) -> str:
    """When a follow-up is due, and until when it is snoozed."""
    text = f"due {_day(item.due)} {item.due:%H:%M}"
    if item.snoozed_until is not None and item.status == "open":
        text += f", snoozed until {_day(item.snoozed_until)}"
    return text


def insights(session: Session) -> list[SessionQuestion]:
    """The starred questions that have notes: the key things learned."""
    return [q for q in session.questions if q.starred and q.notes.strip()]


def session_text(session: Session) -> str:
    """The session as readable plain text."""
    meeting = session.meeting
    answered = sum(1 for q in session.questions if q.status == "answered")
    facts = [f"Referred by {meeting.referred_by}" if meeting.referred_by else ""]
    facts += [meeting.contact, meeting.channel]
    lines = [
        who_words(session),
        f"{when_words(session)} · "
        f"{length_words(session.elapsed_seconds, session.planned_seconds)} · {session.status}",
    ]
    if any(facts):
        lines.append(" · ".join(f for f in facts if f))
    lines += [f"Session {session.id}", ""]
    if session.goals:
        lines.append("Goals")
        lines += [f"  [{'x' if g.learned else ' '}] {g.text}" for g in session.goals]
        lines.append("")
    lines.append(f"Questions: {answered} of {len(session.questions)} answered")
    for number, question in enumerate(session.questions, 1):
        if number > 1:
            lines.append("")
        lines.append(f"{number:>3}. {question.text}")
        lines.append(f"     {_question_facts(question)}")
        lines += [f"     {line}" for line in question.notes.strip("\n").splitlines()]
    if session.general_notes.strip():
        lines += ["", "Notes", *_indent(session.general_notes, "  ")]
    if session.referrals:
        lines += ["", "Referrals"]
        for referral in session.referrals:
            about = ", ".join(p for p in (referral.name, referral.role) if p)
            lines.append(f"  • {about}" + (f" · {referral.contact}" if referral.contact else ""))
            lines += _indent(referral.note, "    ")
    if session.followups:
        lines += ["", "Follow-ups"]
        for item in session.followups:
            lines.append(f"  [{_box(item)}] {item.title} · {due_words(item)}")
            lines += _indent(item.detail, "      ")
            lines.append(f"      {session.id}/{item.id}")
    return escape_controls("\n".join(lines) + "\n")


def session_markdown(session: Session) -> str:
    """The session as a Markdown document, for notes apps and sharing with yourself."""
    meeting = session.meeting
    answered = sum(1 for q in session.questions if q.status == "answered")
    out = [f"# {meeting.person}", ""]
    if meeting.role or meeting.organization:
        out += [", ".join(p for p in (meeting.role, meeting.organization) if p), ""]
    facts = [
        ("When", when_words(session)),
        ("Length", length_words(session.elapsed_seconds, session.planned_seconds)),
        ("Referred by", meeting.referred_by),
        ("Contact", meeting.contact),
        ("Channel", meeting.channel),
        ("Status", session.status),
        ("Session", f"`{session.id}`"),
    ]
    out += [f"- **{name}:** {value}" for name, value in facts if value]
    if session.goals:
        out += ["", "## Goals", ""]
        out += [f"- [{'x' if g.learned else ' '}] {g.text}" for g in session.goals]
    starred = insights(session)
    if starred:
        out += ["", "## Key insights", ""]
        for question in starred:
            out += [*_quoted(_line_breaks_kept(question.notes)), f"> — *{question.text}*", ""]
        out.pop()
    out += ["", f"## Questions ({answered} of {len(session.questions)} answered)"]
    for number, question in enumerate(session.questions, 1):
        star = " ★" if question.starred else ""
        out += ["", f"### {number}. {question.text}{star}", "", f"*{_question_facts(question)}*"]
        if question.notes.strip():
            out += ["", _line_breaks_kept(question.notes)]
    if session.general_notes.strip():
        out += ["", "## Notes", "", _line_breaks_kept(session.general_notes)]
    if session.referrals:
        out += ["", "## Referrals", ""]
        for referral in session.referrals:
            line = f"- **{referral.name}**" + (f", {referral.role}" if referral.role else "")
            if referral.contact:
                line += f" — {referral.contact}"
            out.append(line)
            out += [f"  - {text}" for text in referral.note.splitlines() if text.strip()]
    if session.followups:
        out += ["", "## Follow-ups", ""]
        for item in session.followups:
            out.append(
                f"- [{'x' if item.status == 'done' else ' '}] {item.title} — {due_words(item)}"
                f"{' (dropped)' if item.status == 'dropped' else ''} "
                f"(`{session.id}/{item.id}`)"
            )
            out += [f"  - {text}" for text in item.detail.splitlines() if text.strip()]
    return escape_controls("\n".join(out) + "\n")


def _day(moment: datetime) -> str:
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def _question_facts(question: SessionQuestion) -> str:
    facts = [question.priority, STATE_WORDS.get(question.status, question.status)]
    if question.seconds:
        facts.append(clock(question.seconds))
    if question.starred:
        facts.append("★ starred")
    if question.added:
        facts.append("asked in the moment")
    return " · ".join(facts)


def _box(item: FollowUp) -> str:
    return {"done": "x", "dropped": "-"}.get(item.status, " ")


def _indent(text: str, prefix: str) -> list[str]:
    return [f"{prefix}{line}" for line in text.strip("\n").splitlines()]


def _line_breaks_kept(notes: str) -> str:
    """Notes as Markdown that breaks the line where they do: a line followed by another
    ends in two spaces (a Markdown line break; a single newline would join them into
    one paragraph, and people type lists and steps one a line)."""
    lines = [line.rstrip() for line in notes.strip("\n").splitlines()]
    return "\n".join(
        line + "  " if line and number + 1 < len(lines) and lines[number + 1] else line
        for number, line in enumerate(lines)
    )


def _quoted(text: str) -> list[str]:
    return [f"> {line}" if line.strip() else ">" for line in text.strip("\n").splitlines()]
