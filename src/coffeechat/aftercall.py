"""The after-call commands: `sessions`, `show`, `followups`, `done`, `snooze`, `draft`.

Scripts and cron run these, so they never import Textual, print plain text (or
JSON with stable field names, documented in the README) to stdout, and report
damaged session files on stderr while still listing every good one. Each command
imports what it needs when it runs, so that adding the commands to the parser
costs nothing (see `cli`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.files import atomic
from coffeechat.core.problems import InputError
from coffeechat.core.queue import dates

if TYPE_CHECKING:
    from datetime import datetime, tzinfo

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.queue.followups import Queue, QueueItem
    from coffeechat.core.sessions.cache import Damaged, SessionIndex
    from coffeechat.core.sessions.summary import SessionSummary
    from coffeechat.core.timesource import TimeSource

JSON_FORMAT = 1
"""Raise only when a field of the JSON output changes meaning or goes away."""
DUE_WORDS = ("today", "week", "all")
"""What `--due` takes: the keys of `followups.DUE_CHOICES` (a test keeps them equal)."""


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the after-call commands to the parser's subcommands."""
    sessions = commands.add_parser("sessions", parents=[common], help="list past sessions")
    sessions.add_argument("--json", action="store_true", help="print JSON (see README)")
    sessions.set_defaults(handler=cmd_sessions)

    show = commands.add_parser("show", parents=[common], help="print one session")
    show.add_argument("session", metavar="SESSION", help="a session id, or a unique part of one")
    show.add_argument("--markdown", action="store_true", help="print it as Markdown")
    show.set_defaults(handler=cmd_show)

    followups = commands.add_parser(
        "followups", parents=[common], help="the follow-up queue: what to do after your calls"
    )
    followups.add_argument(
        "--due",
        choices=DUE_WORDS,
        default="all",
        help="today: overdue and due today; week: also the next 6 days; all (default)",
    )
    followups.add_argument("--json", action="store_true", help="print JSON (see README)")
    followups.add_argument(
        "--ics", metavar="FILE", help="write the items as calendar to-dos (- for stdout)"
    )
    followups.add_argument(
        "--snoozed", action="store_true", help="also show snoozed items, with their dates"
    )
    followups.set_defaults(handler=cmd_followups)

    done = commands.add_parser("done", parents=[common], help="mark a follow-up done")
    done.add_argument("id", metavar="ID", help="e.g. 2026-11-24-1501-jane-doe/thank-you")
    done.set_defaults(handler=cmd_done)

    snooze = commands.add_parser("snooze", parents=[common], help="hide a follow-up until a date")
    snooze.add_argument("id", metavar="ID", help="e.g. 2026-11-24-1501-jane-doe/thank-you")
    snooze.add_argument("when", metavar="WHEN", nargs="+", help=f"a date, e.g. {dates.EXAMPLES}")
    snooze.set_defaults(handler=cmd_snooze)

    draft = commands.add_parser(
        "draft", parents=[common], help="draft the thank-you note for a session (never sent)"
    )
    draft.add_argument("session", metavar="SESSION", help="a session id, or a unique part of one")
    draft.add_argument("--output", metavar="FILE", help="write it to FILE instead of printing")
    draft.set_defaults(handler=cmd_draft)


def time_of(args: argparse.Namespace) -> TimeSource:
    """The clock the command runs on (tests pass a ManualTime through `main`)."""
    from coffeechat.core.timesource import SystemTime

    time: TimeSource = getattr(args, "time", None) or SystemTime()
    return time


# --- sessions ------------------------------------------------------------------------


def cmd_sessions(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat sessions`: one line per session, newest first."""
    from coffeechat.core.sessions.cache import collector_paused, load_index

    # The output walks every summary: no collections while it is made (see index).
    with collector_paused():
        index = load_index(workspace)
        if args.json:
            payload = {
                "format": JSON_FORMAT,
                "sessions": [session_json(s) for s in index.sessions],
                "damaged": damaged_json(index.damaged),
                "sync_conflicts": conflicts_json(workspace, index),
            }
            _print_json(payload)
        else:
            _print_sessions(index, time_of(args).now().tzinfo)
        _report_left_out(workspace, index)
        return 0


def _print_sessions(index: SessionIndex, zone: tzinfo | None) -> None:
    """One line per session, its start in local time (`zone`), as `followups` shows
    due times; a start written without an offset is local time already."""
    from coffeechat.core.sessions.printout import length_words

    if not index.sessions:
        print("No sessions yet. Record one with: coffeechat run AGENDA")
        return
    rows = [("WHEN", "WHO", "LENGTH", "ANSWERED", "OPEN", "ID")]
    for s in index.sessions:
        who = s.meeting.person + (f" ({s.meeting.organization})" if s.meeting.organization else "")
        if s.status != "completed":
            who += f" [{s.status}]"
        started = s.started.astimezone(zone) if s.started.tzinfo else s.started
        rows.append(
            (
                f"{started:%a %Y-%m-%d %H:%M}",
                who,
                length_words(s.elapsed_seconds, s.planned_seconds),
                f"{s.answered}/{s.questions}",
                str(s.open_followups),
                s.id,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]))


def session_json(s: SessionSummary) -> dict[str, Any]:
    """One session in `sessions --json`."""
    meeting = s.meeting
    return {
        "id": s.id,
        "status": s.status,
        "started": s.started.isoformat(),
        "ended": s.ended.isoformat() if s.ended else None,
        "person": meeting.person,
        "role": meeting.role,
        "organization": meeting.organization,
        "referred_by": meeting.referred_by,
        "planned_seconds": s.planned_seconds,
        "elapsed_seconds": s.elapsed_seconds,
        "questions": s.questions,
        "answered": s.answered,
        "skipped": s.skipped,
        "starred": s.starred,
        "referrals": [r.name for r in s.referrals],
        "followups_open": s.open_followups,
        "followups_total": len(s.followups),
    }


# --- show and draft --------------------------------------------------------------------


def cmd_show(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat show SESSION`: the whole session, as text or Markdown."""
    from coffeechat.core.sessions.cache import find_session_file
    from coffeechat.core.sessions.format import read_session
    from coffeechat.core.sessions.printout import session_markdown, session_text

    path = find_session_file(workspace, args.session)
    session = read_session(path, workspace.display(path))
    print(session_markdown(session) if args.markdown else session_text(session), end="")
    _mention_copies(workspace, path)
    return 0


def _mention_copies(workspace: Workspace, path: Path) -> None:
    """Say on stderr which sync conflict copies of the session `path` lie beside it:
    what they hold is not in what was shown."""
    from coffeechat.core.sessions.cache import session_files, sync_copies

    names = {p.name for p in session_files(path.parent)}
    for copy in sync_copies(names):
        if copy.original == path.name:
            print(
                copy.problem(workspace.display(path.parent / copy.name)).render(), file=sys.stderr
            )


def cmd_draft(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat draft SESSION`: the thank-you note, printed or written to a new file."""
    from coffeechat.core.sessions.cache import find_session_file
    from coffeechat.core.sessions.format import read_session
    from coffeechat.core.sessions.thankyou import thank_you

    path = find_session_file(workspace, args.session)
    text = thank_you(read_session(path, workspace.display(path)))
    if not args.output:
        print(text, end="")
        return 0
    write_new_file(Path(args.output), text)
    print(f"Wrote the draft to {args.output}. Nothing was sent: edit it and send it yourself.")
    return 0


def write_new_file(path: Path, text: str) -> None:
    """Create `path` (private) with `text`; refuse to overwrite or to write nowhere."""
    try:
        atomic.write_new(path.expanduser(), text)
    except FileExistsError:
        raise InputError.at(
            str(path), "the file already exists; it was left as it is", "choose another name"
        ) from None
    except OSError as err:
        raise InputError.at(str(path), f"cannot write it: {err.strerror}", line=0, col=0) from None


# --- the queue ---------------------------------------------------------------------------


def cmd_followups(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat followups`: the queue, grouped by when things are due."""
    from coffeechat.core.queue.followups import DUE_CHOICES, build_queue
    from coffeechat.core.sessions.cache import collector_paused, load_index

    now = time_of(args).now()
    with collector_paused():
        index = load_index(workspace)
        queue = build_queue(index.sessions, now, include_snoozed=args.snoozed)
        items = queue.in_buckets(DUE_CHOICES[args.due])
        if args.ics:
            from coffeechat.core.queue.calendar import queue_calendar

            payload = queue_calendar(items, now)
            if args.ics == "-":
                sys.stdout.buffer.write(payload)
                sys.stdout.flush()
            else:
                _write_calendar(Path(args.ics), payload)
                count = len(items)
                print(f"Wrote {count} to-do{'s' if count != 1 else ''} to {args.ics}")
        elif args.json:
            _print_json(
                {
                    "format": JSON_FORMAT,
                    "now": now.isoformat(),
                    "due": args.due,
                    "items": [item_json(item) for item in items],
                    "snoozed": queue.snoozed,
                    "damaged": damaged_json(index.damaged),
                    "sync_conflicts": conflicts_json(workspace, index),
                }
            )
        else:
            _print_queue(items, queue, now, args.snoozed)
        _report_left_out(workspace, index)
        return 0


def _write_calendar(path: Path, payload: bytes) -> None:
    try:
        atomic.write_atomic(path.expanduser(), payload)
    except OSError as err:
        raise InputError.at(str(path), f"cannot write it: {err.strerror}", line=0, col=0) from None


def _print_queue(
    items: tuple[QueueItem, ...], queue: Queue, now: datetime, show_snoozed: bool
) -> None:
    from coffeechat.core.queue.followups import HEADINGS

    if not items:
        print("Nothing to follow up right now.")
    bucket = ""
    for item in items:
        if item.bucket != bucket:
            bucket = item.bucket
            print(("\n" if item is not items[0] else "") + HEADINGS[bucket])
        for line in item_lines(item, now):
            print(line)
    hidden = queue.snoozed
    if hidden and not show_snoozed:
        them = "them" if hidden != 1 else "it"
        print(
            f"\n{hidden} snoozed item{'s are' if hidden != 1 else ' is'} hidden; "
            f"coffeechat followups --snoozed shows {them}."
        )


def item_lines(item: QueueItem, now: datetime) -> list[str]:
    """An item as the text queue prints it: what, when, its id, whom to reach, what to say."""
    due = item.due.astimezone(now.tzinfo)
    when = f"due {due:%a} {due.day} {due:%b %H:%M} ({dates.relative_words(due.date(), now.date())})"
    if item.snoozed_until is not None:
        when += f", snoozed until {dates.describe(item.snoozed_until.date(), now.date())}"
    lines = [f"  {item.title}", f"    {when} · {item.address}"]
    if item.referral is not None:
        who = ", ".join(p for p in (item.referral.name, item.referral.role) if p)
        if item.referral.contact:
            who += f" · {item.referral.contact}"
        lines.append(f"    {who} · referred by {item.person}")
    if item.say:
        lines.append(f"    {'say' if item.kind == 'referral' else 'note'}: {item.say}")
    return lines


def item_json(item: QueueItem) -> dict[str, Any]:
    """One item of `followups --json`."""
    referral = item.referral
    return {
        "id": item.address,
        "session": item.session.id,
        "followup": item.followup.id,
        "kind": item.kind,
        "title": item.title,
        "due": item.due.isoformat(),
        "bucket": item.bucket,
        "snoozed_until": item.snoozed_until.isoformat() if item.snoozed_until else None,
        "person": item.person,
        "organization": item.session.meeting.organization,
        "detail": item.followup.detail,
        "referral": None
        if referral is None
        else {
            "name": referral.name,
            "role": referral.role,
            "contact": referral.contact,
            "note": referral.note,
            "referred_by": item.person,
        },
    }


# --- done and snooze ---------------------------------------------------------------------


def cmd_done(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat done ID`: mark one follow-up done in its session file."""
    from coffeechat.core.sessions.marking import mark_done

    change = mark_done(workspace, args.id)
    if not change.changed:
        print(f"Already done: {change.before.title} ({change.address})")
    else:
        print(f"Done: {change.after.title} ({change.address})")
    return 0


def cmd_snooze(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat snooze ID WHEN`: hide one follow-up until WHEN, saying the date back."""
    from coffeechat.core.queue.followups import snooze_until
    from coffeechat.core.sessions.marking import snooze

    now = time_of(args).now()
    until = snooze_until(" ".join(args.when), now)
    change = snooze(workspace, args.id, until)
    print(
        f"Snoozed until {dates.describe(until.date(), now.date())}, {until:%H:%M}: "
        f"{change.after.title} ({change.address})"
    )
    return 0


# --- shared output ---------------------------------------------------------------------------


def damaged_json(damaged: tuple[Damaged, ...]) -> list[dict[str, Any]]:
    """Damaged files in the JSON output: the file and each problem as one line."""
    return [
        {"file": d.name, "problems": [p.render().split("\n")[0] for p in d.problems]}
        for d in damaged
    ]


def conflicts_json(workspace: Workspace, index: SessionIndex) -> list[dict[str, Any]]:
    """Sync conflicts in the JSON output: the file, the tool, the file it copies, and
    the problem as one line."""
    return [
        {
            "file": c.name,
            "tool": c.tool,
            "original": c.original,
            "problem": c.problem(_shown(workspace, c.name)).render().split("\n")[0],
        }
        for c in index.conflicts
    ]


def _shown(workspace: Workspace, name: str) -> str:
    return workspace.display(workspace.sessions / name)


def _report_left_out(workspace: Workspace, index: SessionIndex) -> None:
    """Name on stderr each file that was left out: damaged ones with every problem,
    sync conflicts one line each and what to do about them once."""
    from coffeechat.core.files.syncconflicts import WHAT_TO_DO

    damaged = index.damaged
    for item in damaged:
        for problem in item.problems:
            print(problem.render(), file=sys.stderr)
    if damaged:
        count = len(damaged)
        files = f"{count} session file{'s' if count != 1 else ''}"
        print(f"{files} could not be read and left out (see above)", file=sys.stderr)
    for conflict in index.conflicts:
        text = conflict.problem(_shown(workspace, conflict.name)).render()
        # Merging git markers is its own job (with its hint); copies share one below.
        print(text if conflict.tool == "git" else text.split("\n")[0], file=sys.stderr)
    if index.conflicts:
        count = len(index.conflicts)
        files = (
            "1 file looks like a sync conflict and was"
            if count == 1
            else f"{count} files look like sync conflicts and were"
        )
        print(f"{files} left out: {WHAT_TO_DO}", file=sys.stderr)


def _print_json(payload: dict[str, Any]) -> None:
    import json

    from coffeechat.core.text.controls import escape_json_controls

    # Indented for a person at a terminal; one compact line for a script (the
    # indenting encoder is pure Python and costs a second on 10,000 sessions).
    indent = 2 if sys.stdout.isatty() else None
    text = json.dumps(payload, ensure_ascii=False, indent=indent)
    sys.stdout.write(escape_json_controls(text) + "\n")
