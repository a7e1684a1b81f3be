"""End to end through a real terminal (tmux): the notes survive `kill -9` and a closed terminal.

These start `coffeechat run` in a private tmux server, type as a person would, read
the screen, and kill the process the hard way. They poll the screen; the only
waiting on the app's own clock is the 5 seconds of the `--duration 5s` window.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.core.session import Session, read_session
from coffeechat.core.workspace import Workspace

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

NOTES = "Mondays are for planning; crits on Thursday"


class Terminal:
    """One program in a detached tmux session on a private socket."""

    def __init__(self, socket: Path, command: list[str], size: tuple[int, int]) -> None:
        self.socket = socket
        self.command = command
        line = "exec " + " ".join(shlex.quote(part) for part in command)
        self.tmux("new-session", "-d", "-s", "call", "-x", str(size[0]), "-y", str(size[1]), line)
        self.pid = int(self.tmux("display-message", "-p", "-t", "call", "#{pane_pid}").strip())

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this terminal's server."""
        return subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self) -> str:
        """What the terminal shows now."""
        return self.tmux("capture-pane", "-p", "-t", "call")

    def wait_for(self, text: str, seconds: float = 15) -> str:
        """Poll the screen until `text` is on it; the screen."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} not on screen after {seconds}s:\n{self.screen()}")

    def type(self, text: str) -> None:
        """Type literal text."""
        self.tmux("send-keys", "-t", "call", "-l", text)

    def close(self) -> None:
        """Close the terminal (its program gets SIGHUP)."""
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True)


def gone(pid: int, seconds: float = 10) -> bool:
    """Wait until process `pid` has ended."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def terminal(workspace: Workspace, tmp_path: Path) -> Iterator[Terminal]:
    """`coffeechat run jane-doe --duration 5s` in an 80x24 terminal."""
    command = [
        sys.executable,
        "-m",
        "coffeechat",
        "--workspace",
        str(workspace.root),
        "run",
        "jane-doe",
        "--duration",
        "5s",
    ]
    term = Terminal(tmp_path / "tmux.sock", command, (80, 24))
    try:
        yield term
    finally:
        term.close()


def only_session(workspace: Workspace) -> Session:
    files = sorted(workspace.sessions.glob("*.toml"))
    assert len(files) == 1, files
    return read_session(files[0])


def test_kill_9_in_overtime_loses_no_notes(terminal: Terminal, workspace: Workspace) -> None:
    terminal.wait_for("left of 5s")
    terminal.type(NOTES)
    terminal.wait_for(NOTES)
    shown = terminal.wait_for("+00:0")
    assert "over the 5s" in shown
    os.kill(terminal.pid, signal.SIGKILL)
    assert gone(terminal.pid)
    session = only_session(workspace)
    assert session.questions[0].notes == NOTES
    assert session.status == "in-progress"
    assert session.elapsed_seconds >= 3  # the clock is saved every second too

    # The lock died with the process: the next run offers to resume, nothing stale.
    terminal.close()
    again = Terminal(terminal.socket, terminal.command, (80, 24))
    again.wait_for("You have an unfinished call with Jane Doe")
    again.tmux("send-keys", "-t", "call", "r")
    again.wait_for(NOTES)
    again.wait_for("over the 5s", 3)  # the elapsed time came back: at most a second short


def test_closing_the_terminal_saves_and_frees_the_session(
    terminal: Terminal, workspace: Workspace
) -> None:
    terminal.wait_for("left of 5s")
    terminal.type(NOTES)
    terminal.wait_for(NOTES)
    terminal.close()
    assert gone(terminal.pid), "coffeechat kept running after its terminal closed"
    assert only_session(workspace).questions[0].notes == NOTES
    assert not list(workspace.sessions.glob(".*.lock"))
