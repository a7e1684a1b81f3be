"""The follow-up queue's commands: `followups` (grouped by when things are due, as
text, JSON or calendar to-dos), `done` and `snooze` (one item, inside its session file).

Scripts and cron run these: they never import Textual, print plain text (or JSON with
stable field names, documented in the README) to stdout, and report damaged session
files on stderr while still listing every good one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.cli.context import time_of
from coffeechat.cli.left_out import conflicts_json, damaged_json, report_left_out
from coffeechat.cli.output import JSON_FORMAT, print_json
from coffeechat.cli.problems import EXIT_OK
from coffeechat.cli.typed import command
from coffeechat.core.problems import InputError
from coffeechat.core.queue import dates

if TYPE_CHECKING:
    from datetime import datetime

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.queue.followups import Queue, QueueItem


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
            from coffeechat.core.queue.followups import closed_items

            closed = closed_items(index.sessions, now)
            payload = queue_calendar((*items, *closed), now, lambda *words: command(args, *words))
            if args.ics == "-":
                sys.stdout.buffer.write(payload)
                sys.stdout.flush()
            else:
                _write_calendar(Path(args.ics), payload)
                count = len(items)
                also = f", and {len(closed)} done or dropped (marked so)" if closed else ""
                print(f"Wrote {count} to-do{'s' if count != 1 else ''} to {args.ics}{also}")
        elif args.json:
            print_json(
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
            _print_queue(items, queue, now, args)
        report_left_out(workspace, index)
        return EXIT_OK


def _write_calendar(path: Path, payload: bytes) -> None:
    from coffeechat.core.files import atomic

    try:
        atomic.write_atomic(path.expanduser(), payload)
    except OSError as err:
        raise InputError.at(str(path), f"cannot write it: {err.strerror}", line=0, col=0) from None


def _print_queue(
    items: tuple[QueueItem, ...], queue: Queue, now: datetime, args: argparse.Namespace
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
    if hidden and not args.snoozed:
        them = "them" if hidden != 1 else "it"
        print(
            f"\n{hidden} snoozed item{'s are' if hidden != 1 else ' is'} hidden; "
            f"{command(args, 'followups', '--snoozed')} shows {them}."
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
        lines.append(f"    say: {item.say}")
    if item.note:
        lines.append(f"    note: {item.note}")
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


def cmd_done(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat done ID`: mark one follow-up done in its session file."""
    from coffeechat.core.sessions.marking import find_address, mark_done

    change = mark_done(workspace, find_address(workspace, args.id))
    if not change.changed:
        print(f"Already done: {change.before.title} ({change.address})")
    else:
        print(f"Done: {change.after.title} ({change.address})")
    return EXIT_OK


def cmd_snooze(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat snooze ID WHEN`: hide one follow-up until WHEN, saying the date back."""
    from coffeechat.core.queue.followups import snooze_until
    from coffeechat.core.sessions.marking import find_address, snooze

    now = time_of(args).now()
    address = find_address(workspace, args.id)
    until = snooze_until(" ".join(args.when), now)
    change = snooze(workspace, address, until)
    print(
        f"Snoozed until {dates.describe(until.date(), now.date())}, {until:%H:%M}: "
        f"{change.after.title} ({change.address})"
    )
    return EXIT_OK
