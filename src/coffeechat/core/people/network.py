"""Everyone in the network: reading the people folder, finding one person, the list
with each one's next step, the chain of introductions.

A person file that cannot be read is reported (`Network.damaged`) and never hides
the others.
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.files.jsoncache import stamped
from coffeechat.core.files.names import slugify
from coffeechat.core.files.regular import MAX_BYTES, read_regular
from coffeechat.core.people.format import MAX_PERSON_BYTES, Person, parse_person
from coffeechat.core.people.outreach import Context, Standing, Step, next_step, standing
from coffeechat.core.problems import InputError, Problem
from coffeechat.core.toml.schema import Record

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.outreach import Outreach
    from coffeechat.core.sessions.summary import SessionSummary

PEOPLE_HINT = 'add someone: coffeechat add "Their Name"'
STATE_ORDER = ("scheduled", "asked", "to-ask", "in-touch", "met", "quiet", "declined")
"""The order the lists show the states in: what needs you first, who is done with last."""


@dataclass(frozen=True, eq=False, repr=False)
class Network(Record):
    """The people read from the workspace, in the order to ask them, and the damaged files."""

    people: tuple[Person, ...]
    damaged: tuple[Problem, ...] = ()

    def get(self, person_id: str) -> Person | None:
        """The person with this id."""
        return next((p for p in self.people if p.id == person_id), None)


def person_files(folder: Path) -> list[Path]:
    """Every person file in `folder`, by name."""
    return [folder / name for name, _stamp in sorted(stamped(folder))]


def load_network(workspace: Workspace, use_cache: bool = True) -> Network:
    """Every readable person of the workspace; a located problem for each other file.

    A file unchanged since the last time is taken from the cache (`people.cache`)."""
    from coffeechat.core.people import cache
    from coffeechat.core.sessions.cachefile import problem_of, problem_record

    folder = workspace.display(workspace.people)
    cached = cache.read_cache(workspace.cache / cache.CACHE_NAME) if use_cache else {}
    entries: dict[str, list[Any]] = {}
    people: list[Person] = []
    damaged: list[Problem] = []
    changed = False
    for name, stamp in sorted(stamped(workspace.people)):
        shown = os.path.join(folder, name)
        person_id = name.removesuffix(".toml")
        known = cached.get(name)
        if isinstance(known, list) and len(known) == 2 and known[0] == stamp:
            try:
                if isinstance(known[1], dict):
                    damaged.extend(problem_of(p, shown) for p in known[1]["problems"])
                else:
                    people.append(cache.decode(person_id, known[1]))
                entries[name] = known
                continue
            except (KeyError, TypeError, ValueError):
                pass  # garbled: read the file again
        changed = True
        try:
            person = parse_person(
                read_regular(workspace.people / name, MAX_PERSON_BYTES),
                workspace.people / name,
                shown,
            )
        except InputError as err:
            damaged.extend(err.problems)
            entries[name] = [stamp, {"problems": [problem_record(p) for p in err.problems]}]
            continue
        except (OSError, ValueError) as err:
            damaged.append(Problem(shown, 0, 0, f"cannot read it: {err}", "", ""))
            continue
        people.append(person)
        entries[name] = [stamp, cache.encode(person)]
    if use_cache and (changed or len(entries) != len(cached)):
        cache.write_cache(workspace, entries)
    people.sort(key=lambda p: (p.name.casefold(), p.id))
    return Network(tuple(people), tuple(damaged))


def new_person_id(name: str, taken: Container[str]) -> str:
    """The id for a new person called `name`: its slug, `-2`, `-3`... if it is taken."""
    base = slugify(name) or "person"
    found, number = base, 1
    while found in taken:
        number += 1
        found = f"{base}-{number}"
    return found


def find_person(network: Network, ref: str, source: str = "PERSON") -> Person:
    """The person `ref` means: an id, a name, or a unique part of an id."""
    wanted = ref.strip().removesuffix(".toml").removeprefix("people/")
    exact = network.get(wanted) or network.get(slugify(wanted))
    if exact is not None:
        return exact
    key = slugify(wanted)
    matches = [p for p in network.people if key and key in p.id]
    if len(matches) == 1:
        return matches[0]
    if matches:
        shown = ", ".join(p.id for p in matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise InputError.at(
            source,
            f"{ref!r} matches {len(matches)} people: {shown}",
            "give more of the id",
            line=0,
            col=0,
        )
    from coffeechat.core.problems import did_you_mean

    ids = [p.id for p in network.people]
    hint = did_you_mean(key, ids) if ids else PEOPLE_HINT
    raise InputError.at(source, f"no person matches {ref!r}", hint or PEOPLE_HINT, line=0, col=0)


# --- the list with next steps -------------------------------------------------------


@dataclass(frozen=True, eq=False, repr=False)
class Row(Record):
    """One person as the list shows them."""

    person: Person
    standing: Standing
    step: Step | None

    @property
    def state(self) -> str:
        """Their state, from the log."""
        return self.standing.state


def rows(
    network: Network,
    today: date,
    rules: Outreach,
    has_agenda: frozenset[str] = frozenset(),
    advice_done: dict[str, tuple[str, ...]] | None = None,
) -> list[Row]:
    """Everyone with their state and next step on `today`, by state (`STATE_ORDER`)."""
    standings = [(p, standing(p, today, rules)) for p in network.people]
    context = Context(standings, has_agenda, advice_done)
    found = [Row(p, s, next_step(p, s, today, rules, context)) for p, s in standings]
    found.sort(key=lambda row: STATE_ORDER.index(row.state))  # by name within a state
    return found


def agenda_people(workspace: Workspace, network: Network) -> frozenset[str]:
    """The ids of the people an agenda is written for: its `meeting.person`, or (for an
    older agenda) the person whose name its `meeting.with` is. Only a step with someone
    `scheduled` asks (`next_step`): with no call ever agreed, no agenda is read."""
    if not any(e.event == "scheduled" for p in network.people for e in p.log):
        return frozenset()
    paths = workspace.agenda_files()
    if not paths:
        return frozenset()
    import tomllib  # only here: most runs of `followups` read no agenda

    by_name = {slugify(p.name): p.id for p in network.people}
    found = set()
    for path in paths:
        try:
            raw = read_regular(path, MAX_BYTES)  # never a named pipe: it would block
            meeting = tomllib.loads(raw.decode("utf-8-sig")).get("meeting", {})
        except (OSError, ValueError):
            continue  # `check` reports a bad agenda; here it only names no one
        if not isinstance(meeting, dict):
            continue
        person = meeting.get("person")
        if isinstance(person, str) and person:
            found.add(person)
        elif isinstance(meeting.get("with"), str):
            found.add(by_name.get(slugify(meeting["with"]), ""))
    return frozenset(found - {""})


def sessions_with(person: Person, sessions: Iterable[SessionSummary]) -> list[SessionSummary]:
    """The sessions held with `person`: named by id in the meeting, or by name."""
    name = slugify(person.name)
    return [
        s
        for s in sessions
        if s.meeting.person_id == person.id
        or (not s.meeting.person_id and slugify(s.meeting.person) == name)
    ]


def advice_done(network: Network, sessions: Iterable[SessionSummary]) -> dict[str, tuple[str, ...]]:
    """For each person: the action items of their latest completed session marked done."""
    everyone = list(sessions)
    found = {}
    for person in network.people:
        held = [s for s in sessions_with(person, everyone) if s.status == "completed"]
        if held:
            latest = max(held, key=lambda s: s.order)
            done = tuple(
                f.title for f in latest.followups if f.kind == "action" and f.status == "done"
            )
            if done:
                found[person.id] = done
    return found


def chain(network: Network, person: Person) -> list[Person]:
    """The introductions that led to `person`, first introducer first, `person` last."""
    out = [person]
    seen = {person.id}
    current = person
    while current.referred_by:
        introducer = network.get(current.referred_by) or network.get(slugify(current.referred_by))
        if introducer is None or introducer.id in seen:
            break
        out.insert(0, introducer)
        seen.add(introducer.id)
        current = introducer
    return out


def referred_by_name(network: Network, person: Person) -> str:
    """The name of who introduced `person` (their id if they are not in the network)."""
    if not person.referred_by:
        return ""
    introducer = network.get(person.referred_by)
    return introducer.name if introducer else person.referred_by
