"""End to end through a real terminal (tmux): the notes survive `kill -9` and a closed terminal.

These start `coffeechat run` in a private tmux server, type as a person would, read
the screen, and kill the process the hard way. They poll the screen; the only
waiting on the app's own clock is the 5 seconds of the `--duration 5s` window.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import Session, read_session
from tests.terminal import Terminal, coffeechat_command, gone

pytestmark = pytest.mark.e2e

NOTES = "Mondays are for planning; crits on Thursday"


@pytest.fixture
def terminal(workspace: Workspace, tmp_path: Path) -> Iterator[Terminal]:
    """`coffeechat run jane-doe --duration 5s` in an 80x24 terminal."""
    command = coffeechat_command(workspace, "run", "jane-doe", "--duration", "5s")
    term = Terminal(tmp_path / "tmux.sock", command, (80, 24))
    try:
        yield term
    finally:
        term.close()


def only_session(workspace: Workspace) -> Session:
    files = sorted(workspace.sessions.glob("*.toml"))
    assert len(files) == 1, files
    return read_session(files[0])


def saved_over_time(workspace: Workspace, seconds: float = 15) -> None:
    """Wait until the session file has the clock past the 5 s window."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if only_session(workspace).elapsed_seconds >= 5:
            return
        time.sleep(0.05)
    raise AssertionError(f"the clock past the window did not reach the file in {seconds}s")


def test_kill_9_in_overtime_loses_no_notes(terminal: Terminal, workspace: Workspace) -> None:
    terminal.wait_for("left of 5s")
    terminal.type(NOTES)
    terminal.wait_for(NOTES)
    shown = terminal.wait_for("+00:0")
    assert "over the 5s" in shown
    saved_over_time(workspace)  # the clock is saved too, not only the notes
    os.kill(terminal.pid, signal.SIGKILL)
    assert gone(terminal.pid)
    session = only_session(workspace)
    assert session.questions[0].notes == NOTES
    assert session.status == "in-progress"
    assert session.elapsed_seconds >= 5

    # The lock died with the process: the next run offers to resume, nothing stale.
    terminal.close()
    again = Terminal(terminal.socket, terminal.command, (80, 24))
    again.wait_for("You have an unfinished call with Jane Doe")
    again.keys("r")
    again.wait_for(NOTES)
    again.wait_for("over the 5s")  # the elapsed time came back


def test_closing_the_terminal_saves_and_frees_the_session(
    terminal: Terminal, workspace: Workspace
) -> None:
    terminal.wait_for("left of 5s")
    terminal.type(NOTES)
    terminal.wait_for(NOTES)
    terminal.close()
    assert gone(terminal.pid), "coffeechat kept running after its terminal closed"
    session = only_session(workspace)
    assert (session.questions[0].notes, session.status) == (NOTES, "in-progress")
    assert sorted(p.name for p in workspace.sessions.iterdir()) == [f"{session.id}.toml"]
