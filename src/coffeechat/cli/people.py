"""The network's commands: `people` (everyone by state, with the next step), `person`
(one person: log, sessions, referrals, the chain of introductions), `add`, `log` (one
event, its date said back) and `import` (contacts from a file, none twice).

Scripts run these: they never import Textual, print plain text or JSON (documented
in the README) to stdout, and report a person file that cannot be read on stderr
while still listing everyone else.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from coffeechat.cli.context import time_of
from coffeechat.cli.output import JSON_FORMAT, print_json
from coffeechat.cli.problems import EXIT_OK, print_problems
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.format import Person
    from coffeechat.core.people.network import Network, Row
    from coffeechat.core.sessions.summary import SessionSummary

Word = TypeVar("Word", bound=str)
HEADINGS = {
    "scheduled": "Scheduled",
    "asked": "Asked, waiting for an answer",
    "to-ask": "To ask",
    "in-touch": "In touch",
    "met": "Met",
    "quiet": "Quiet (move down your list)",
    "declined": "Declined",
}


def _rows(
    workspace: Workspace,
    network: Network,
    today: date,
    sessions: Sequence[SessionSummary] | None = None,
) -> list[Row]:
    """Everyone's row; the sessions (read here if not given) only for a cadence's advice."""
    from coffeechat.core.people.network import advice_done, agenda_people, rows
    from coffeechat.core.people.outreach import outreach_of

    outreach = outreach_of(workspace)
    advice = None
    if any(p.keep_in_touch for p in network.people):
        if sessions is None:
            from coffeechat.core.sessions.cache import load_index

            sessions = load_index(workspace).sessions
        advice = advice_done(network, sessions)
    return rows(network, today, outreach, agenda_people(workspace, network), advice)


def cmd_people(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat people`: everyone by state, each with the next step and when."""
    from coffeechat.core.people.format import STATES
    from coffeechat.core.people.network import load_network

    now = time_of(args).now()
    if args.state:
        _word(args.state, STATES, "--state", "state")
    network = load_network(workspace)
    everyone = _rows(workspace, network, now.date())
    if args.state:
        everyone = [row for row in everyone if row.state == args.state]
    if args.json:
        print_json(
            {
                "format": JSON_FORMAT,
                "now": now.isoformat(),
                "people": [row_json(network, row) for row in everyone],
                "damaged": _damaged_json(network),
            }
        )
    else:
        _print_people(network, everyone, now.date(), bool(args.state))
    print_problems(network.damaged, args)
    return EXIT_OK


def _print_people(network: Network, everyone: list[Row], today: date, filtered: bool) -> None:
    if not everyone:
        print("Nobody here." if filtered else 'Nobody yet: coffeechat add "Their Name"')
    state = ""
    for row in everyone:
        if row.state != state:
            state = row.state
            count = sum(1 for r in everyone if r.state == state)
            print(("\n" if row is not everyone[0] else "") + f"{HEADINGS[state]} ({count})")
        for line in row_lines(network, row, today):
            print(line)


def row_lines(network: Network, row: Row, today: date) -> list[str]:
    """A person as `people` prints them: who, their id, the next step and when."""
    from coffeechat.core.people.network import referred_by_name

    person = row.person
    who = person.name + (f" ({person.organization})" if person.organization else "")
    lines = [f"  {who} · {person.id}"]
    introducer = referred_by_name(network, person)
    if introducer:
        lines[0] += f" · referred by {introducer}"
    if row.step is not None:
        lines.append(f"    next: {row.step.text}{_when(row.step.due, today)}")
    return lines


def _when(due: date | None, today: date) -> str:
    from coffeechat.core.people.when import said_back

    return f" · {said_back(due, today)}" if due is not None else ""


def row_json(network: Network, row: Row) -> dict[str, Any]:
    """One person of `people --json`."""
    from coffeechat.core.people.items import person_address

    person, step = row.person, row.step
    item = person_address(person.id, step.item_id) if step is not None and step.kind else None
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "organization": person.organization,
        "contact": person.contact,
        "state": row.state,
        "referred_by": person.referred_by or None,
        "tags": list(person.tag_list),
        "next": step.text if step is not None else None,
        "due": step.due.isoformat() if step is not None and step.due is not None else None,
        "kind": step.kind if step is not None else None,
        "item": item,
        "last_contact": _iso(row.standing.last_contact),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _damaged_json(network: Network) -> list[dict[str, Any]]:
    from coffeechat.cli.queue import people_damaged_json

    return people_damaged_json(network.damaged)


# --- one person ---------------------------------------------------------------------


def cmd_person(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat person PERSON`: the log, the sessions, the referrals, the chain."""
    from coffeechat.core.people.network import chain, find_person, load_network, sessions_with
    from coffeechat.core.sessions.cache import load_index

    now = time_of(args).now()
    network = load_network(workspace)
    person = find_person(network, args.person)
    sessions = load_index(workspace).sessions
    everyone = {r.person.id: r for r in _rows(workspace, network, now.date(), sessions)}
    row = everyone[person.id]
    held = sorted(sessions_with(person, sessions), key=lambda s: s.order)
    referrals = [p for p in network.people if p.referred_by == person.id]
    states = {pid: r.state for pid, r in everyone.items()}
    introductions = chain(network, person)
    if args.json:
        payload = row_json(network, row)
        payload.update(
            {
                "keep_in_touch": person.keep_in_touch or None,
                "notes": person.notes,
                "log": [
                    {"on": e.on.isoformat(), "event": e.event, "note": e.note} for e in person.log
                ],
                "sessions": [
                    {"id": s.id, "started": s.started.isoformat(), "status": s.status} for s in held
                ],
                "referrals": [
                    {"id": p.id, "name": p.name, "state": states.get(p.id)} for p in referrals
                ],
                "chain": [{"id": None, "name": "You"}]
                + [{"id": p.id, "name": p.name} for p in introductions],
            }
        )
        print_json({"format": JSON_FORMAT, "person": payload})
        return EXIT_OK
    today = now.date()
    about = " · ".join(x for x in (person.role, person.organization, person.contact) if x)
    print(person.name + (f"  ({person.id})" if person.id else ""))
    if about:
        print(f"  {about}")
    print(f"  state: {row.state}")
    if row.step is not None:
        print(f"  next: {row.step.text}{_when(row.step.due, today)}")
        if row.step.detail:
            print(f"    {row.step.detail}")
    print("  introduced: " + " → ".join(["You", *(p.name for p in introductions)]))
    if person.notes:
        print(f"  notes: {person.notes}")
    print("\nLog" if person.log else "\nLog: nothing yet")
    from coffeechat.core.people.when import said_back

    for entry in person.log:
        note = f" · {entry.note}" if entry.note else ""
        print(f"  {said_back(entry.on, today)}  {entry.event}{note}")
    if held:
        print("\nSessions")
        for s in held:
            print(f"  {s.id}  {s.status}")
    if referrals:
        print("\nReferrals they gave")
        for p in referrals:
            print(f"  {p.name} · {p.id} · {states.get(p.id, '')}")
    return EXIT_OK


# --- changing the network -----------------------------------------------------------


def cmd_add(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat add NAME`: a new person file, never over another."""
    from coffeechat.core.people.format import Person
    from coffeechat.core.people.network import find_person, load_network, new_person_id

    name = " ".join(args.name.split())
    network = load_network(workspace)
    referred_by = (
        find_person(network, args.referred_by, "--referred-by").id if args.referred_by else ""
    )
    taken = {p.id for p in network.people} | {p.stem for p in _files(workspace)}
    person = Person(
        id=new_person_id(name, taken),
        name=name,
        role=args.role,
        organization=args.org,
        contact=args.contact,
        referred_by=referred_by,
        tags=tuple(args.tag) or None,
    )
    if not person.name:
        raise InputError.at(
            "NAME", "a person needs a name", 'coffeechat add "Priya Patel"', line=0, col=0
        )
    path = _write_new(workspace, person)
    same = [p for p in network.people if p.name.casefold() == name.casefold()]
    if same:
        print(f"There is already a {name} ({same[0].id}): this one is {person.id}.")
    print(f"Added {person.name}: {workspace.display(path)}")
    print(f'Next: coffeechat log {person.id} asked --note "how you asked"')
    return EXIT_OK


def _files(workspace: Workspace) -> list[Path]:
    from coffeechat.core.people.network import person_files

    return person_files(workspace.people)


def _write_new(workspace: Workspace, person: Person) -> Path:
    from coffeechat.core.people.editing import write_new_person

    try:
        return write_new_person(workspace, person)
    except FileExistsError:
        path = workspace.person_path(person.id)
        raise InputError.at(
            workspace.display(path),
            "a person file with this name already exists; it was left as it is",
            f"open it with: coffeechat edit people/{person.id}",
            line=0,
            col=0,
        ) from None


def cmd_log(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat log PERSON EVENT`: one line of their log, the date said back."""
    from coffeechat.core.people.editing import log_event
    from coffeechat.core.people.format import EVENTS
    from coffeechat.core.people.network import find_person, load_network
    from coffeechat.core.people.when import parse_when, said_back

    now = time_of(args).now()
    event = _word(args.event, EVENTS, "EVENT", "event")
    network = load_network(workspace)
    person = find_person(network, args.person)
    on = parse_when(args.on, now.date(), now.tzinfo) if args.on else now.date()
    after = log_event(workspace, person.id, event, on, args.note or "")
    print(f"Logged: {after.name} {event} {said_back(on, now.date())}")
    # The network as it is now: only their file changed (its name, and so its place, did not).
    network = replace(network, people=tuple(after if p is person else p for p in network.people))
    row = next((r for r in _rows(workspace, network, now.date()) if r.person.id == person.id), None)
    if row is not None:
        print(f"  now {row.state}" + (f"; next: {row.step.text}" if row.step else ""))
    return EXIT_OK


def _word(given: str, words: tuple[Word, ...], source: str, what: str) -> Word:
    """`given` if it is one of `words`; a located error with the closest otherwise."""
    from coffeechat.core.problems import did_you_mean, quoted

    for word in words:
        if given.strip().lower() == word:
            return word
    hint = did_you_mean(given, words, f"one of: {', '.join(words)}")
    article = "an" if what[0] in "aeiou" else "a"
    raise InputError.at(source, f"{quoted(given)} is not {article} {what}", hint, line=0, col=0)


def cmd_import(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat import FILE`: the contacts not yet in the network become people."""
    from coffeechat.core.people.contacts import read_contacts
    from coffeechat.core.people.importing import plan_import
    from coffeechat.core.people.network import load_network

    path = Path(args.file).expanduser()
    contacts, problems = read_contacts(path, args.file)
    network = load_network(workspace)
    unreadable = {p.stem for p in _files(workspace)} - {p.id for p in network.people}
    plan = plan_import([*network.people, *map(_placeholder, sorted(unreadable))], contacts)
    print_problems(problems, args)
    if args.dry_run:
        for person in plan.added:
            org = f" ({person.organization})" if person.organization else ""
            print(f"  would add {person.name}{org} as {person.id}")
        print(f"Would add {len(plan.added)}; {len(plan.known)} already in the network.")
        return EXIT_OK
    from coffeechat.core.people.editing import write_new_people

    added = write_new_people(workspace, list(plan.added))
    print(
        f"Added {added} to {workspace.display(workspace.people)}; "
        f"{len(plan.known)} already in the network."
    )
    print_problems(network.damaged, args)
    return EXIT_OK


def _placeholder(person_id: str) -> Person:
    """A file that could not be read still takes its id."""
    from coffeechat.core.people.format import Person

    return Person(id=person_id, name="")
