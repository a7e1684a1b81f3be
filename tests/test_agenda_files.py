"""The agenda jobs the command line and home share (`core.agendas.files`): pure, no app."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.agendas.files import (
    edit_agenda,
    new_agenda_path,
    read_agenda,
    write_new_agenda,
)
from coffeechat.core.agendas.template import Person
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings

GOOD = '[meeting]\nwith = "Ada Lovelace"\n[[questions]]\ntext = "Why engines?"\n'


def editor(tmp_path: Path, text: str) -> str:
    """An 'editor' that writes `text` into the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({text!r})\n")
    return f"{sys.executable} {script}"


def test_an_agenda_is_read_with_the_workspace_defaults(workspace: Workspace) -> None:
    path = workspace.agenda_file("ada")
    path.write_text(GOOD)
    agenda = read_agenda(workspace, Settings(duration=900, warn_at=(120,)), path)
    assert (agenda.duration, agenda.warn_at) == (900, (120,))
    assert agenda.path == workspace.display(path)


def test_a_new_agenda_is_the_template_and_never_overwrites(workspace: Workspace) -> None:
    path = write_new_agenda(workspace, Person(name="  Ada   Lovelace ", organization="Engines"))
    assert (
        path == new_agenda_path(workspace, "Ada Lovelace") == workspace.agenda_file("ada-lovelace")
    )
    text = path.read_text()
    assert text.startswith(
        f"# coffeechat agenda — edit freely, then: coffeechat check {workspace.display(path)}\n"
    )
    assert read_agenda(workspace, Settings(), path).meeting.person == "Ada Lovelace"
    path.write_text(GOOD)
    with pytest.raises(FileExistsError) as refused:
        write_new_agenda(workspace, Person(name="Ada Lovelace"))
    assert Path(refused.value.filename) == path
    assert path.read_text() == GOOD


def test_a_name_without_letters_makes_no_agenda(workspace: Workspace) -> None:
    with pytest.raises(InputError, match="no letters or digits"):
        write_new_agenda(workspace, Person(name="???"))
    assert [p.name for p in workspace.agenda_files()] == ["jane-doe.toml"]


def test_edit_hands_the_terminal_over_and_checks_again(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workspace.agenda_file("jane-doe")
    held: list[str] = []

    @contextlib.contextmanager
    def handing_over() -> Iterator[None]:
        held.append(path.read_text())  # the editor has not run yet
        yield
        held.append(path.read_text())

    monkeypatch.setenv("VISUAL", editor(tmp_path, GOOD))
    result = edit_agenda(workspace, Settings(), path, handing_over)
    assert isinstance(result, Agenda) and result.meeting.person == "Ada Lovelace"
    assert held[1] == GOOD != held[0]

    monkeypatch.setenv("VISUAL", editor(tmp_path, "[meeting]\nwith = 1\n"))
    result = edit_agenda(workspace, Settings(), path)
    assert isinstance(result, InputError)
    assert "expected a string, got an integer" in str(result)


def test_edit_says_when_the_editor_cannot_start(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", str(tmp_path / "no-such-editor"))
    handed: list[bool] = []

    @contextlib.contextmanager
    def handing_over() -> Iterator[None]:
        handed.append(True)
        yield

    with pytest.raises(InputError, match="cannot start the editor"):
        edit_agenda(workspace, Settings(), workspace.agenda_file("jane-doe"), handing_over)
    assert handed == [True]


def test_paths_come_from_the_workspace(tmp_path: Path) -> None:
    workspace = Workspace(tmp_path)
    assert workspace.session_path("2026-11-24-1501-jane-doe") == (
        tmp_path / "sessions" / "2026-11-24-1501-jane-doe.toml"
    )
    assert workspace.agenda_file("jane-doe") == tmp_path / "agendas" / "jane-doe.toml"
