"""What the wide home screen shows beside its lists: the highlighted thing in full."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from coffeechat.core.files.syncconflicts import WHAT_TO_DO, SyncConflict
from coffeechat.core.queue import dates
from coffeechat.core.queue.followups import HEADINGS, QueueItem
from coffeechat.core.sessions.cache import Damaged
from coffeechat.core.sessions.printout import length_words
from coffeechat.core.sessions.summary import SessionSummary
from coffeechat.ui.literal import lines, literal
from coffeechat.ui.widgets.agenda_list import meeting_lines
from coffeechat.ui.widgets.queue_list import BUCKET_COLOURS

if TYPE_CHECKING:
    from coffeechat.core.people.items import PersonItem


def item_preview(item: QueueItem, now: datetime) -> Content:
    """A follow-up: what, when, with whom, whom to reach and what to say."""
    due = item.due.astimezone(now.tzinfo)
    colour = BUCKET_COLOURS[item.bucket]
    meeting = item.session.meeting
    started = item.session.started
    shown: list[Content | str] = [
        literal((item.title, "bold")),
        literal(
            (HEADINGS[item.bucket], colour),
            f" · due {dates.describe(due.date(), now.date())}, {due:%H:%M}",
        ),
        "",
        _labelled("With", _joined(meeting.person, meeting.role, meeting.organization)),
        _labelled("Call on", f"{started:%a} {started.day} {started:%b %Y}, {started:%H:%M}"),
    ]
    if item.referral is not None:
        referral = item.referral
        shown += ["", _labelled("Reach", _joined(referral.name, referral.role))]
        if referral.contact:
            shown.append(_labelled("at", referral.contact))
        shown.append(_labelled("Referred by", item.person))
    said = [(label, text) for label, text in (("Say:", item.say), ("Note:", item.note)) if text]
    if said:
        shown += ["", *(_labelled(label, text) for label, text in said)]
    shown += ["", literal((item.address, "dim"))]
    return lines(shown)


def person_item_preview(item: PersonItem, now: datetime) -> Content:
    """An item about a person: what, when, with whom, what it is about."""
    due = item.due.astimezone(now.tzinfo)
    shown: list[Content | str] = [
        literal((item.title, "bold")),
        literal(
            (HEADINGS[item.bucket], BUCKET_COLOURS[item.bucket]),
            f" · due {dates.describe(due.date(), now.date())}, {due:%H:%M}",
        ),
        "",
        _labelled("With", _joined(item.person, item.organization)),
    ]
    if item.say:
        shown += ["", _labelled("Say:", item.say)]
    shown += ["", literal((item.address, "dim"))]
    return lines(shown)


def session_preview(summary: SessionSummary) -> Content:
    """A session at a glance: who, when, how it went, and its follow-ups."""
    started = summary.started
    shown = meeting_lines(summary.meeting)
    shown += [
        "",
        f"{started:%a} {started.day} {started:%b %Y}, {started:%H:%M} · "
        f"{length_words(summary.elapsed_seconds, summary.planned_seconds)}",
        f"{summary.answered} of {summary.questions} questions answered"
        + (f" · {summary.starred} starred" if summary.starred else ""),
    ]
    if summary.referrals:
        shown += ["", Content.styled("Referrals", "bold")]
        shown += [
            literal(f"• {r.name}", " " if r.role else "", (r.role, "dim"))
            for r in summary.referrals
        ]
    if summary.followups:
        shown += ["", Content.styled("Follow-ups", "bold")]
        marks = {"done": ("✓", "$success"), "dropped": ("–", "dim")}
        for item in summary.followups:
            shown.append(literal(marks.get(item.status, ("•", "")), f" {item.title}"))
    shown += ["", literal((summary.id, "dim"))]
    return lines(shown)


def damaged_preview(item: Damaged) -> Content:
    """An unreadable session file: every problem found, with its place and hint."""
    problems = "\n\n".join(p.render() for p in item.problems)
    return literal(
        (f"{item.name} cannot be read", "bold $error"),
        f"\n\n{problems}\n\n",
        (
            "Every other session still works. Fix the file in an editor, "
            "or move it out of sessions/.",
            "dim",
        ),
    )


def _labelled(label: str, text: str) -> Content:
    return literal((label, "dim"), f" {text}")


def conflict_preview(copy: SyncConflict, shown: str) -> Content:
    """A sync conflict: what it is, and how to merge it by hand."""
    problem = copy.problem(shown)
    return literal(
        (f"{copy.name} is left out", "bold $warning"),
        f"\n\n{problem.render()}\n\n",
        (f"{WHAT_TO_DO[:1].upper()}{WHAT_TO_DO[1:]}.", "dim"),
    )


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)
