"""The wrap-up survives what the notes survive: signals and `kill -9`, in a real terminal.

A date is typed into the wrap-up; the process then gets a signal at once, or is
killed once the date has reached the file. The session stays in progress with the
wrap-up as typed, and the next `run` resumes into that same wrap-up.
"""

from __future__ import annotations

import os
import signal
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import Session, read_session
from tests.terminal import Terminal, coffeechat_command, gone

pytestmark = pytest.mark.e2e

DATE = "in 10 days"
"""Not one of the examples the wrap-up shows, so the screen shows it only once typed."""


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    try:
        yield opened
    finally:
        for term in opened:
            term.close()


def open_call(terminals: list[Terminal], workspace: Workspace, tmp_path: Path) -> Terminal:
    socket = tmp_path / f"tmux-{len(terminals)}.sock"
    term = Terminal(socket, coffeechat_command(workspace, "run", "jane-doe"), report_exit=True)
    terminals.append(term)
    return term


def type_a_date_in_the_wrap_up(term: Terminal) -> None:
    """End the call, drop the thank-you, and type a new follow-up date."""
    term.wait_for("left of 20m")
    term.type("said yes")
    term.keys("C-e")
    term.wait_for("Save and finish")
    term.type(" ")  # the thank-you has the focus: dropped
    term.keys("Tab", "Tab", "C-u")
    term.type(DATE)
    term.wait_for(DATE)


def the_session(workspace: Workspace) -> Session:
    (path,) = workspace.sessions.glob("*.toml")
    return read_session(path)


def wrapped_up_as_typed(workspace: Workspace) -> bool:
    """The file holds the wrap-up as typed (read as plain TOML)."""
    (path,) = workspace.sessions.glob("*.toml")
    wrapup: list[dict[str, object]] = tomllib.loads(path.read_text()).get("wrapup", [])
    return wrapup[:2] == [
        {"id": "thank-you", "keep": False},
        {"id": "follow-up", "keep": True, "when": DATE},
    ]


def resumes_into_it(terminals: list[Terminal], workspace: Workspace, tmp_path: Path) -> None:
    again = open_call(terminals, workspace, tmp_path)
    again.wait_for("You have an unfinished call with Jane Doe")
    again.keys("r")
    again.wait_for("Save and finish")
    again.wait_for(f"when  {DATE}")


@pytest.mark.parametrize(
    "signum", [signal.SIGHUP, signal.SIGTERM, signal.SIGINT], ids=lambda s: s.name
)
def test_a_signal_in_the_wrap_up_keeps_it_as_typed(
    signum: signal.Signals, terminals: list[Terminal], workspace: Workspace, tmp_path: Path
) -> None:
    term = open_call(terminals, workspace, tmp_path)
    type_a_date_in_the_wrap_up(term)
    os.kill(term.pid, signum)
    assert term.exit_code() == 128 + signum
    session = the_session(workspace)
    assert (session.status, session.followups) == ("in-progress", [])
    assert session.ended is not None
    assert wrapped_up_as_typed(workspace)
    if signum == signal.SIGTERM:
        resumes_into_it(terminals, workspace, tmp_path)


def test_kill_9_in_the_wrap_up_keeps_what_reached_the_file(
    terminals: list[Terminal], workspace: Workspace, tmp_path: Path
) -> None:
    term = open_call(terminals, workspace, tmp_path)
    type_a_date_in_the_wrap_up(term)
    # Saved within a second, like the notes: wait for it on disk, then kill.
    end = time.monotonic() + 10
    while not wrapped_up_as_typed(workspace):
        assert time.monotonic() < end, "the wrap-up did not reach the file"
        time.sleep(0.05)
    os.kill(term.pid, signal.SIGKILL)
    assert gone(term.pid)
    resumes_into_it(terminals, workspace, tmp_path)
