"""Finding and creating the workspace."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files.workspace import Workspace, find_workspace, prepare
from coffeechat.core.problems import InputError


def test_order_of_discovery(tmp_path: Path) -> None:
    nested = tmp_path / "project" / "a" / "b"
    nested.mkdir(parents=True)
    (tmp_path / "project" / "coffeechat.toml").write_text("")
    data = tmp_path / "data"
    env = {"COFFEECHAT_HOME": str(tmp_path / "home")}
    assert find_workspace("x", env, nested, data).root == Path("x").absolute()
    assert find_workspace(None, env, nested, data).root == tmp_path / "home"
    assert find_workspace(None, {}, nested, data).root == tmp_path / "project"
    assert find_workspace(None, {}, tmp_path, data).root == data


def test_new_workspace_has_a_valid_example_and_is_private(tmp_path: Path) -> None:
    workspace = prepare(Workspace(tmp_path / "new"))
    (example,) = workspace.agenda_files()
    assert load_agenda(example).warnings == ()
    for folder in (workspace.root, workspace.agendas, workspace.sessions):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(example.stat().st_mode) == 0o600


def test_example_is_not_recreated_once_agendas_exist(workspace: Workspace) -> None:
    (example,) = workspace.agenda_files()
    example.unlink()
    prepare(workspace)
    assert workspace.agenda_files() == []


def test_agenda_names_resolve_inside_the_workspace(workspace: Workspace) -> None:
    assert workspace.agenda_path("jane-doe").name == "jane-doe.toml"
    assert workspace.agenda_path("jane-doe.toml").name == "jane-doe.toml"
    for ref in ("../jane-doe", "jane-do", "a\0b", "a\nb", " "):
        with pytest.raises(InputError):
            workspace.agenda_path(ref)


def test_unknown_agenda_suggests_the_closest(workspace: Workspace) -> None:
    with pytest.raises(InputError) as caught:
        workspace.agenda_path("jane-do")
    assert "did you mean 'jane-doe'" in caught.value.problems[0].hint
