"""A real terminal for end-to-end tests: one program in a detached tmux session.

Each `Terminal` runs its own tmux server on a private socket, so tests never meet
the person's tmux or each other. Tests poll the screen or the files; they do not
sleep for fixed times except where the time itself is what is tested.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from coffeechat.core.files.workspace import Workspace

EXITED = "coffeechat exited with"
"""What the shell prints after the program ends, when the terminal reports the exit."""


def coffeechat_command(workspace: Workspace, *args: str) -> list[str]:
    """`coffeechat --workspace WS ARGS...` from this interpreter."""
    return [sys.executable, "-m", "coffeechat", "--workspace", str(workspace.root), *args]


@contextmanager
def running_call(
    workspace: Workspace, tmp_path: Path, size: tuple[int, int] = (80, 24), shown: str = "left of"
) -> Iterator[Terminal]:
    """`coffeechat run jane-doe` in a terminal of `size` that reports the exit, once
    `shown` is on screen; closed afterwards."""
    command = coffeechat_command(workspace, "run", "jane-doe")
    term = Terminal(tmp_path / "tmux.sock", command, size, report_exit=True)
    try:
        term.wait_for(shown)
        yield term
    finally:
        term.close()


class Terminal:
    """One program in a detached tmux session on a private socket.

    `env` is added to the program's environment and `umask` set before it starts.
    With `report_exit`, a shell waits for the program and prints `EXITED <code>`
    afterwards, so a test can read the exit code and anything printed on the way out;
    otherwise the program replaces the shell and `pid` is the terminal's own process.
    """

    def __init__(
        self,
        socket: Path,
        command: Sequence[str],
        size: tuple[int, int] = (80, 24),
        *,
        env: Mapping[str, str] | None = None,
        umask: int | None = None,
        cwd: Path | None = None,
        report_exit: bool = False,
    ) -> None:
        self.socket = socket
        self.command = list(command)
        run = " ".join(shlex.quote(part) for part in self.command)
        if env:
            pairs = " ".join(shlex.quote(f"{key}={value}") for key, value in env.items())
            run = f"env {pairs} {run}"
        if report_exit:
            # A program killed in full-screen mode leaves line wrap off and the
            # terminal raw: turn wrapping on and end lines by hand.
            line = f"{run}; printf '\\033[?7h\\r\\n{EXITED} %s\\033[K\\r\\n' $?; exec sleep 600"
        else:
            line = f"exec {run}"
        if umask is not None:
            line = f"umask {umask:03o}; {line}"
        if cwd is not None:
            line = f"cd {shlex.quote(str(cwd))} && {line}"
        width, height = size
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
            line,
        )  # fmt: skip
        shell = int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())
        self.pid = child_of(shell) if report_exit else shell

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this terminal's server."""
        return subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=True
        ).stdout

    def screen(self) -> str:
        """What the terminal shows now, with the lines scrolled off the top."""
        return self.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "t")

    def wait_for(self, text: str, seconds: float = 15) -> str:
        """Poll the screen until `text` is on it; the screen."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            shown = self.screen()
            if text in shown:
                return shown
            time.sleep(0.05)
        raise AssertionError(f"{text!r} not on screen after {seconds}s:\n{self.screen()}")

    def type(self, text: str) -> None:
        """Type literal text."""
        self.tmux("send-keys", "-t", "t", "-l", text)

    def keys(self, *names: str) -> None:
        """Press keys by their tmux names (`C-q`, `Enter`)."""
        self.tmux("send-keys", "-t", "t", *names)

    def exit_code(self, seconds: float = 15) -> int:
        """The program's exit code, as the shell printed it (needs `report_exit`)."""
        shown = self.wait_for(EXITED, seconds)
        found = re.search(f"{EXITED} ([0-9]+)", shown)
        assert found, shown
        return int(found[1])

    def close(self) -> None:
        """Close the terminal (its program gets SIGHUP)."""
        subprocess.run(["tmux", "-S", str(self.socket), "kill-server"], capture_output=True)


def child_of(pid: int, seconds: float = 10) -> int:
    """The one child process of `pid`, once it has started."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = children.read_text().split()
        if found:
            return int(found[0])
        time.sleep(0.02)
    raise AssertionError(f"process {pid} started no program")


def gone(pid: int, seconds: float = 10) -> bool:
    """Wait until process `pid` has ended."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.02)
    return False
