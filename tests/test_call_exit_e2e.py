"""Issue 15 (8, 11): `coffeechat run` says where the session went as it leaves, and
refuses to start its screen into a pipe."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from tests.terminal import coffeechat_command, running_call


@pytest.mark.e2e
def test_quitting_a_call_says_where_it_was_saved_and_how_to_resume(
    workspace: Workspace, tmp_path: Path
) -> None:
    with running_call(workspace, tmp_path, (100, 30)) as term:
        term.type("hello")
        term.keys("C-q")
        assert term.exit_code() == 0
        shown = term.screen()
    (saved,) = workspace.sessions.glob("*.toml")
    assert f"saved {workspace.display(saved)} (call not finished); resume it with: " in shown
    assert f"--workspace {workspace.root} run jane-doe" in shown


@pytest.mark.e2e
def test_saving_the_wrap_up_says_what_is_due_next(workspace: Workspace, tmp_path: Path) -> None:
    with running_call(workspace, tmp_path, (100, 30)) as term:
        term.keys("C-e")
        term.wait_for("Follow-ups to confirm")
        term.keys("C-s")
        assert term.exit_code() == 0
        shown = term.screen()
    (saved,) = workspace.sessions.glob("*.toml")
    assert f"saved {workspace.display(saved)}; 2 follow-ups, thank-you due tomorrow " in shown


def test_run_into_a_pipe_is_refused_and_leaves_nothing(workspace: Workspace) -> None:
    result = subprocess.run(
        coffeechat_command(workspace, "run", "jane-doe"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "coffeechat run: standard input is not a terminal; run it in a terminal\n"
    )
    assert list(workspace.sessions.glob("*.toml")) == []


def test_home_into_a_pipe_is_refused(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert sys.stdout is not None
    assert main(["--workspace", str(workspace.root)]) == 2
    err = capsys.readouterr().err
    assert err.endswith("is not a terminal; run it in a terminal\n")
    assert err.count("\n") == 1
