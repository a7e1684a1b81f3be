"""The agenda commands: `new` (from the commented template), `edit` (in $EDITOR, then
checked again), `check` (a summary per good file, every problem of the others).

The jobs themselves are `core.agendas.files`, which home's `n` and `e` use too;
this module says their outcome on the terminal.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from coffeechat.cli.context import settings_of
from coffeechat.cli.problems import EXIT_INPUT, EXIT_OK, print_problems
from coffeechat.cli.typed import command
from coffeechat.core.agendas.files import read_agenda
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.agendas.template import Person
    from coffeechat.core.files.workspace import Workspace

T = TypeVar("T")


def cmd_new(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat new NAME`: write an agenda from the template, never overwriting."""
    from coffeechat.core.agendas.files import write_new_agenda
    from coffeechat.core.agendas.template import Person

    if args.for_person:
        person = _for_person(workspace, args.for_person)
    elif args.name is not None:
        person = Person(
            name=args.name,
            role=args.role,
            organization=args.organization,
            referred_by=args.referred_by,
        )
    else:
        raise InputError.at(
            "NAME",
            "whom is the agenda for?",
            'give a name, coffeechat new "Jane Doe", or a person: coffeechat new --for jane-doe',
            line=0,
            col=0,
        )
    try:
        path = write_new_agenda(workspace, person)
    except FileExistsError as err:
        there = Path(err.filename)
        raise InputError.at(
            workspace.display(there),
            "an agenda with this name already exists; it was left as it is",
            f"open it with: {command(args, 'edit', there.stem)}",
            line=0,
            col=0,
        ) from None
    print(f"Wrote {workspace.display(path)}")
    with contextlib.suppress(InputError):  # what `new` wrote is reviewed like any agenda
        print_problems(read_agenda(workspace, settings_of(workspace), path).warnings, args)
    edit, run = command(args, "edit", path.stem), command(args, "run", path.stem)
    print(f"Next: {edit}   then, at call time: {run}")
    return EXIT_OK


def _for_person(workspace: Workspace, ref: str) -> Person:
    """What an agenda for the network's person `ref` is filled with."""
    from coffeechat.core.agendas.template import Person
    from coffeechat.core.people.network import find_person, load_network, referred_by_name

    network = load_network(workspace)
    person = find_person(network, ref, "--for")
    return Person(
        name=person.name,
        role=person.role,
        organization=person.organization,
        referred_by=referred_by_name(network, person),
        contact=person.contact,
        person_id=person.id,
    )


def cmd_edit(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat edit AGENDA`: edit, re-check, offer to reopen until it is valid (a
    person of the network too: `edit people/ID`, or their id when no agenda has it)."""
    from coffeechat.core.agendas.files import edit_agenda

    try:
        path = workspace.agenda_path(args.agenda)
    except InputError:
        person_path = _person_file(workspace, args.agenda)
        if person_path is None:
            raise
        return _edit_person(args, workspace, person_path)
    agenda = _edit_until_valid(
        args, "agenda", lambda: edit_agenda(workspace, settings_of(workspace), path)
    )
    if agenda is None:
        return EXIT_INPUT
    print_problems(agenda.warnings, args)
    print(summary(agenda))
    return EXIT_OK


def _person_file(workspace: Workspace, ref: str) -> Path | None:
    """The person file `ref` names (`people/ID`, an id, a unique part of one), or None."""
    from coffeechat.core.files.names import is_id
    from coffeechat.core.people.network import find_person, load_network

    stem = ref.removeprefix("people/").removesuffix(".toml")
    if is_id(stem) and workspace.person_path(stem).is_file():
        return workspace.person_path(stem)  # even a file that cannot be read: to mend it
    network = load_network(workspace)
    if not network.people and not ref.startswith("people/"):
        return None
    try:
        return workspace.person_path(find_person(network, ref).id)
    except InputError:
        if ref.startswith("people/"):
            raise
        return None


def _edit_person(args: argparse.Namespace, workspace: Workspace, path: Path) -> int:
    """Open a person file in $EDITOR, check it on exit, offer to reopen until it is valid."""
    from coffeechat.core.files.editor import edit_file
    from coffeechat.core.people.format import read_person

    person = _edit_until_valid(
        args,
        "person file",
        lambda: edit_file(path, lambda edited: read_person(edited, workspace.display(edited))),
    )
    if person is None:
        return EXIT_INPUT
    print(f"{workspace.display(path)}: ok: {person.name}")
    return EXIT_OK


def _edit_until_valid(
    args: argparse.Namespace, what: str, edit: Callable[[], T | InputError]
) -> T | None:
    """What `edit` (open a file in $EDITOR, check it when it closes) reads, run again
    while the file has problems (each time printed) and the person asks to reopen it;
    None once they decline."""
    while True:
        result = edit()
        if not isinstance(result, InputError):
            return result
        print_problems(result.problems, args)
        if not ask(f"The {what} has problems. Reopen it in the editor? [Y/n] "):
            return None


def cmd_check(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat check FILE...`: a summary per valid file, every problem otherwise."""
    status = EXIT_OK
    settings = settings_of(workspace)
    for ref in args.files:
        try:
            agenda = read_agenda(workspace, settings, *_check_target(workspace, ref))
        except InputError as err:
            print_problems(err.problems, args)
            status = EXIT_INPUT
            continue
        print_problems(agenda.warnings, args)
        print(summary(agenda))
    return status


def _check_target(workspace: Workspace, ref: str) -> tuple[Path, str]:
    """The file `check` reads for `ref`, and how to name it: as typed, if it is a path."""
    if "\0" not in ref and Path(ref).exists():
        return Path(ref), ref
    try:
        path = workspace.agenda_path(ref)
    except InputError:
        return Path(ref), ref
    return path, workspace.display(path)


def summary(agenda: Agenda) -> str:
    """One line saying a valid agenda is ready: who, how long, how many questions."""
    from coffeechat.core.agendas.durations import format_duration

    meeting = agenda.meeting
    who = meeting.person + (f" ({meeting.organization})" if meeting.organization else "")
    must = sum(1 for q in agenda.questions if q.priority == "must")
    count = len(agenda.questions)
    line = (
        f"{agenda.path}: ok: {who}, {format_duration(agenda.duration)}, "
        f"{count} question{'s' if count != 1 else ''} ({must} must)"
    )
    if agenda.warnings:
        count = len(agenda.warnings)
        line += f", {count} warning{'s' if count > 1 else ''}"
    return line


def ask(question: str) -> bool:
    """Ask yes/no on the terminal (default yes); without a terminal, the answer is no."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(question).strip().lower()
    except EOFError:
        return False
    return answer in ("", "y", "yes")
