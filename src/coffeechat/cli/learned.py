"""`coffeechat learned`: what the interviews taught together, as text, Markdown or
JSON (see `core.learning.learned`), optionally narrowed to a PHRASE.

Scripts run it: it never imports Textual, prints plain text (or JSON with stable field
names, documented in the README) to stdout, and reports damaged session files on
stderr while still using every good one.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from coffeechat.cli.left_out import conflicts_json, damaged_json, report_left_out
from coffeechat.cli.output import JSON_FORMAT, print_json
from coffeechat.cli.problems import EXIT_OK

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.learning.learned import Learned
    from coffeechat.core.learning.lessons import Answer, Call, GoalRecord, QuestionGroup
    from coffeechat.core.learning.timekeeping import TimeRecord

NAMES_SHOWN = 4
"""Calls or people named in a line before "and N more"."""


def cmd_learned(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat learned [PHRASE]`: goals, answers side by side, the time record."""
    from coffeechat.core.learning.learned import learned, read_learning
    from coffeechat.core.sessions.cache import collector_paused, load_index

    with collector_paused():
        index = load_index(workspace, reader=read_learning)  # a file read is read once
        found = learned(workspace, index, " ".join(args.phrase))
        if args.json:
            payload = learned_json(found)
            payload["damaged"] = damaged_json(index.damaged)
            payload["sync_conflicts"] = conflicts_json(workspace, index)
            print_json(payload)
        else:
            print("\n".join(learned_lines(found, markdown=args.markdown)))
        report_left_out(workspace, index)
        return EXIT_OK


# --- JSON ----------------------------------------------------------------------------


def learned_json(found: Learned) -> dict[str, Any]:
    """The JSON object of `learned --json` (without the files left out)."""
    return {
        "format": JSON_FORMAT,
        "phrase": found.phrase,
        "goals": [_goal_json(g) for g in found.goals],
        "questions": [_question_json(q) for q in found.questions],
        "time": _time_json(found.time),
        "introducers": [{"name": i.name, "people": list(i.people)} for i in found.introducers],
    }


def _goal_json(goal: GoalRecord) -> dict[str, Any]:
    return {
        "text": goal.text,
        "wordings": list(goal.wordings),
        "learned": goal.learned,
        "set_in": [c.id for c in goal.set_in],
        "learned_in": [c.id for c in goal.learned_in],
    }


def _question_json(group: QuestionGroup) -> dict[str, Any]:
    return {
        "text": group.text,
        "wordings": list(group.wordings),
        "asked": group.asked,
        "answered": group.answered,
        "people": group.people,
        "answers": [_answer_json(a) for a in group.answers],
        "must_left": [c.id for c in group.must_left],
    }


def _answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "session": answer.call.id,
        "person": answer.call.person,
        "organization": answer.call.organization,
        "started": answer.call.started.isoformat(),
        "question": answer.question,
        "starred": answer.starred,
        "notes": answer.notes,
    }


def _time_json(record: TimeRecord) -> dict[str, Any]:
    return {
        "calls": record.calls,
        "on_time": record.on_time,
        "median_overrun_seconds": record.median_overrun,
        "worst_overrun_seconds": record.worst_overrun,
        "worst_session": record.worst or None,
        "last_overrun_seconds": list(record.last),
        "trend": record.trend,
    }


# --- text and Markdown ---------------------------------------------------------------


def learned_lines(found: Learned, markdown: bool = False) -> list[str]:
    """`learned` as lines of plain text or of Markdown."""
    head = (lambda t: f"## {t}") if markdown else (lambda t: t.upper())
    item = "- " if markdown else "  "
    out: list[str] = []
    if found.phrase:
        out += [("# " if markdown else "") + f"What you learned about {found.phrase!r}", ""]
    learned = sum(1 for g in found.goals if g.learned)
    out.append(head(f"Goals: {learned} of {len(found.goals)} learned"))
    if not found.goals:
        out.append(f"{item}No goals yet: an agenda's [goals] learn = [...] sets them.")
    for goal in found.goals:
        if goal.learned:
            out.append(f"{item}[x] {goal.text}: from {_calls(goal.learned_in)}")
        else:
            out.append(f"{item}[ ] {goal.text}: not yet (set for {_calls(goal.set_in)})")
    out += ["", head("Answers side by side")]
    groups = [g for g in found.questions if g.answers]
    if not groups:
        out.append(f"{item}No answers yet." if not found.phrase else f"{item}No question matches.")
    for group in groups:
        people = f"{group.people} {'person' if group.people == 1 else 'people'}"
        title = f"**{group.text}**" if markdown else f"{group.text}"
        out.append(f"{'### ' if markdown else '  '}{title} ({people})")
        others = [w for w in group.wordings if w != group.text]
        if others:
            out.append(f"{'' if markdown else '    '}also asked as: " + "; ".join(others))
        for answer in group.answers:
            out += _answer_lines(answer, markdown)
        if len(group.answers) < group.answered:
            more = group.answered - len(group.answers)
            hint = f'coffeechat learned "{group.text}"'
            out.append(f"{'' if markdown else '    '}... {more:,} more: {hint}")
        if markdown:
            out.append("")
    out += ["", head("Respecting their time"), *_time_lines(found.time, item)]
    out += ["", head("Who introduced you")]
    if not found.introducers:
        out.append(f"{item}No introductions yet.")
    for who in found.introducers[:10]:
        count = len(who.people)
        people = f"{count} {'person' if count == 1 else 'people'}"
        out.append(f"{item}{who.name}: {people} ({_names(who.people)})")
    return out


def _answer_lines(answer: Answer, markdown: bool) -> list[str]:
    call = answer.call
    star = "★ " if answer.starred else ""
    where = f", {call.organization}" if call.organization else ""
    who = f"{star}{call.person}{where}, {call.started:%Y-%m-%d}"
    notes = answer.notes.strip().splitlines() or ["(no notes)"]
    if markdown:
        return [f"- {'**' + who + '**'}: {notes[0]}", *(f"  {line}" for line in notes[1:])]
    return [f"    {who}", *(f"      {line}" for line in notes)]


def _time_lines(record: TimeRecord, item: str) -> list[str]:
    if not record.calls:
        return [f"{item}No completed calls yet."]
    lines = [
        f"{item}{record.on_time} of {record.calls} calls ended on time"
        f" (within a minute of the window agreed)",
        f"{item}overrun: median {_minutes(record.median_overrun)},"
        f" worst {_minutes(record.worst_overrun)}" + (f" ({record.worst})" if record.worst else ""),
    ]
    if len(record.last) > 1:
        last = " ".join(_minutes(o, short=True) for o in record.last)
        lines.append(f"{item}last {len(record.last)} calls, oldest first: {last} ({record.trend})")
    return lines


def _minutes(seconds: int, short: bool = False) -> str:
    if short:
        return "0" if seconds == 0 else f"+{round(seconds / 60)}m"
    minutes = round(seconds / 60)
    return f"{minutes} min" if seconds else "none"


def _calls(calls: tuple[Call, ...]) -> str:
    return _names(tuple(f"{c.person} ({c.started:%Y-%m-%d})" for c in calls))


def _names(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:NAMES_SHOWN])
    more = len(names) - NAMES_SHOWN
    return shown + (f" and {more:,} more" if more > 0 else "")
