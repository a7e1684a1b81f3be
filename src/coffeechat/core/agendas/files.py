"""The workspace's agenda files as a person works on them: each read with the
workspace's defaults, a new one written from the commented template, one opened in
the person's editor and checked again when it closes.

The command line (`check`, `new`, `edit`, `run`) and home (its list, `n`, `e`) both
do these jobs through here, so the two cannot drift apart; each says the outcome in
its own way (printed problems, a toast).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from coffeechat.core.agendas.agenda import Agenda, load_agenda
from coffeechat.core.problems import InputError, Problem

if TYPE_CHECKING:
    from coffeechat.core.agendas.template import Person
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.settings import Settings


def read_agenda(
    workspace: Workspace, settings: Settings, path: Path, shown: str | None = None
) -> Agenda:
    """The agenda in `path` with the workspace's default window and warnings, named
    `shown` in problems (default: as the workspace displays it); `InputError` lists
    every problem found."""
    display = workspace.display(path) if shown is None else shown
    return load_agenda(path, display, settings.duration, settings.warn_at)


def new_agenda_path(workspace: Workspace, name: str) -> Path:
    """Where the agenda for a person called `name` is written; `InputError` if the
    name has no letters or digits to name a file after."""
    from coffeechat.core.agendas.template import agenda_slug  # only to make a new one

    return workspace.agenda_file(agenda_slug(name))


def write_new_agenda(workspace: Workspace, person: Person) -> Path:
    """Write the commented template for `person` as a new private agenda; its path.

    `FileExistsError` (its `filename` the agenda's path) if an agenda of that name
    exists: it is never overwritten, and each caller says how to open it instead.
    `InputError` if the file cannot be written (nothing is left behind).
    """
    from coffeechat.core.files import atomic

    # A refusal quotes the name as given; a person of the network names it by their id.
    path = new_agenda_path(workspace, person.person_id or person.name)
    person = dataclasses.replace(person, name=" ".join(person.name.split()))
    shown = workspace.display(path)
    try:
        atomic.private_dir(workspace.agendas)
        atomic.write_new(path, agenda_text(workspace, person, shown))
    except FileExistsError:
        raise
    except OSError as err:
        raise InputError([Problem(shown, 0, 0, atomic.reason(err), atomic.remedy(err))]) from None
    return path


def agenda_text(workspace: Workspace, person: Person, shown: str) -> str:
    """The text of a new agenda: the template, with what earlier calls left to learn."""
    from coffeechat.core.agendas.template import agenda_template, with_lessons
    from coffeechat.core.learning.learned import still_to_learn

    return with_lessons(agenda_template(person, shown), *still_to_learn(workspace))


def edit_agenda(
    workspace: Workspace,
    settings: Settings,
    path: Path,
    handing_over: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> Agenda | InputError:
    """Open `path` in the person's editor, wait until it closes, and check the agenda
    again: the agenda, or the error listing what is wrong with it (`editor.edit_file`)."""
    from coffeechat.core.files.editor import edit_file

    return edit_file(path, lambda edited: read_agenda(workspace, settings, edited), handing_over)
