"""What the wide home screen shows beside its lists: the highlighted thing in full."""

from __future__ import annotations

from datetime import datetime

from rich.markup import escape

from coffeechat.core import dates
from coffeechat.core.followups import HEADINGS, QueueItem
from coffeechat.core.index import Damaged
from coffeechat.core.skim import SessionSummary
from coffeechat.core.syncconflicts import WHAT_TO_DO, SyncConflict
from coffeechat.core.writeup import length_words
from coffeechat.ui.widgets.agenda_list import meeting_lines
from coffeechat.ui.widgets.queue_list import BUCKET_COLOURS


def item_preview(item: QueueItem, now: datetime) -> str:
    """A follow-up: what, when, with whom, whom to reach and what to say."""
    due = item.due.astimezone(now.tzinfo)
    colour = BUCKET_COLOURS[item.bucket]
    meeting = item.session.meeting
    started = item.session.started
    lines = [
        f"[b]{escape(item.title)}[/b]",
        f"[{colour}]{HEADINGS[item.bucket]}[/] · due "
        f"{escape(dates.describe(due.date(), now.date()))}, {due:%H:%M}",
        "",
        f"[dim]With[/] {escape(_joined(meeting.person, meeting.role, meeting.organization))}",
        f"[dim]Call on[/] {started:%a} {started.day} {started:%b %Y}, {started:%H:%M}",
    ]
    if item.referral is not None:
        referral = item.referral
        lines += [
            "",
            f"[dim]Reach[/] {escape(', '.join(p for p in (referral.name, referral.role) if p))}",
        ]
        if referral.contact:
            lines.append(f"[dim]at[/] {escape(referral.contact)}")
        lines.append(f"[dim]Referred by[/] {escape(item.person)}")
    if item.say:
        label = "Say" if item.kind == "referral" else "Note"
        lines += ["", f"[dim]{label}:[/] {escape(item.say)}"]
    lines += ["", f"[dim]{escape(item.address)}[/]"]
    return "\n".join(lines)


def session_preview(summary: SessionSummary) -> str:
    """A session at a glance: who, when, how it went, and its follow-ups."""
    started = summary.started
    lines = meeting_lines(summary.meeting)
    lines += [
        "",
        f"{started:%a} {started.day} {started:%b %Y}, {started:%H:%M} · "
        f"{length_words(summary.elapsed_seconds, summary.planned_seconds)}",
        f"{summary.answered} of {summary.questions} questions answered"
        + (f" · {summary.starred} starred" if summary.starred else ""),
    ]
    if summary.referrals:
        lines += ["", "[b]Referrals[/b]"]
        lines += [
            f"• {escape(r.name)}" + (f" [dim]{escape(r.role)}[/]" if r.role else "")
            for r in summary.referrals
        ]
    if summary.followups:
        lines += ["", "[b]Follow-ups[/b]"]
        marks = {"done": "[$success]✓[/]", "dropped": "[dim]–[/]"}
        for item in summary.followups:
            lines.append(f"{marks.get(item.status, '•')} {escape(item.title)}")
    lines += ["", f"[dim]{escape(summary.id)}[/]"]
    return "\n".join(lines)


def damaged_preview(item: Damaged) -> str:
    """An unreadable session file: every problem found, with its place and hint."""
    problems = "\n\n".join(escape(p.render()) for p in item.problems)
    return (
        f"[b $error]{escape(item.name)} cannot be read[/]\n\n{problems}\n\n"
        "[dim]Every other session still works. Fix the file in an editor, "
        "or move it out of sessions/.[/]"
    )


def conflict_preview(copy: SyncConflict, shown: str) -> str:
    """A sync conflict: what it is, and how to merge it by hand."""
    problem = copy.problem(shown)
    return (
        f"[b $warning]{escape(copy.name)} is left out[/]\n\n{escape(problem.render())}\n\n"
        f"[dim]{escape(WHAT_TO_DO[:1].upper() + WHAT_TO_DO[1:])}.[/]"
    )


def _joined(*parts: str) -> str:
    return ", ".join(part for part in parts if part)
