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
from coffeechat.cli.problems import EXIT_OK, print_problems
from coffeechat.cli.typed import command
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from datetime import datetime

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.items import PersonItem
    from coffeechat.core.problems import Problem
    from coffeechat.core.queue.followups import Queue, QueueItem


def cmd_followups(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat followups`: the queue, grouped by when things are due."""
    from coffeechat.core.people import any_person
    from coffeechat.core.queue.followups import DUE_CHOICES, build_queue, with_people
    from coffeechat.core.sessions.cache import collector_paused, load_index

    now = time_of(args).now()
    with collector_paused():
        index = load_index(workspace)
        people: list[PersonItem] = []
        snoozed = 0
        bad_people: tuple[Problem, ...] = ()
        if any_person(workspace.people):
            from coffeechat.core.people.items import network_items

            people, snoozed, bad_people = network_items(workspace, now, args.snoozed)
        queue = build_queue(index.sessions, now, include_snoozed=args.snoozed)
        queue = with_people(queue, people, snoozed)
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
                    "damaged": damaged_json(index.damaged) + people_damaged_json(bad_people),
                    "sync_conflicts": conflicts_json(workspace, index),
                }
            )
        else:
            _print_queue(items, queue, now, args)
        report_left_out(workspace, index)
        print_problems(bad_people, args)
        return EXIT_OK


def people_damaged_json(problems: tuple[Problem, ...]) -> list[dict[str, Any]]:
    """The person files that could not be read, as `damaged` lists them."""
    files: dict[str, list[str]] = {}
    for problem in problems:
        files.setdefault(problem.path, []).append(problem.render().split("\n")[0])
    return [{"file": name, "problems": lines} for name, lines in files.items()]


def _write_calendar(path: Path, payload: bytes) -> None:
    from coffeechat.core.files import atomic

    try:
        atomic.write_atomic(path.expanduser(), payload)
    except OSError as err:
        raise InputError.at(str(path), f"cannot write it: {err.strerror}", line=0, col=0) from None


def _print_queue(
    items: tuple[QueueItem | PersonItem, ...], queue: Queue, now: datetime, args: argparse.Namespace
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


def item_lines(item: QueueItem | PersonItem, now: datetime) -> list[str]:
    """An item as the text queue prints it: what, when, its id, whom to reach, what to say."""
    from coffeechat.core.queue import dates  # the words for dates (not for --json)

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


def item_json(item: QueueItem | PersonItem) -> dict[str, Any]:
    """One item of `followups --json` (one about a person has `person_id`, no session)."""
    from coffeechat.core.queue.followups import QueueItem

    found: dict[str, Any] = {"id": item.address}
    if isinstance(item, QueueItem):
        found |= {"session": item.session.id, "followup": item.followup.id}
        detail = item.followup.detail
    else:
        found |= {"session": None, "followup": item.item_id, "person_id": item.person_id}
        detail = item.say
    referral = item.referral
    return found | {
        "kind": item.kind,
        "title": item.title,
        "due": item.due.isoformat(),
        "bucket": item.bucket,
        "snoozed_until": item.snoozed_until.isoformat() if item.snoozed_until else None,
        "person": item.person,
        "organization": item.organization,
        "detail": detail,
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
    from coffeechat.core.people.items import is_person_address, mark_person_item
    from coffeechat.core.sessions.marking import find_address, mark_done

    if is_person_address(args.id):
        _person, title = mark_person_item(workspace, args.id, time_of(args).now())
        print(f"Done: {title} ({args.id})")
        return EXIT_OK
    change = mark_done(workspace, find_address(workspace, args.id), time_of(args).now().date())
    if not change.changed:
        print(f"Already done: {change.before.title} ({change.address})")
    else:
        print(f"Done: {change.after.title} ({change.address})")
    return EXIT_OK


def cmd_snooze(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat snooze ID WHEN`: hide one follow-up until WHEN, saying the date back."""
    from coffeechat.core.people.items import is_person_address, snooze_person_item
    from coffeechat.core.queue import dates
    from coffeechat.core.queue.followups import snooze_until
    from coffeechat.core.sessions.marking import find_address, snooze

    now = time_of(args).now()
    until = snooze_until(" ".join(args.when), now)
    if is_person_address(args.id):
        _person, title = snooze_person_item(workspace, args.id, until, now)
        address = args.id
    else:
        change = snooze(workspace, find_address(workspace, args.id), until)
        title, address = change.after.title, change.address
    print(
        f"Snoozed until {dates.describe(until.date(), now.date())}, {until:%H:%M}: "
        f"{title} ({address})"
    )
    return EXIT_OK
