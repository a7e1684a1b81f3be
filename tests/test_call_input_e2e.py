"""End to end through a real terminal (tmux): what is typed and pasted reaches the
session file in order, in its field, as text, however it arrives.

Keys sent with one `send-keys -l` reach the app in one burst, as over a slow SSH
link; `send-keys -H` sends raw bytes; `paste-buffer -p` is a real bracketed paste.
Each test ends the call with ctrl+q and reads the file the app left.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import Session, read_session
from tests.terminal import Terminal, gone, running_call

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal(workspace: Workspace, tmp_path: Path) -> Iterator[Terminal]:
    """`coffeechat run jane-doe` in an 80x24 terminal, the call on screen."""
    with running_call(workspace, tmp_path, shown="left of 20m") as term:
        yield term


def quit_and_read(terminal: Terminal, workspace: Workspace) -> Session:
    """ctrl+q (typed after everything else), then the session file it left."""
    terminal.keys("C-q")
    assert terminal.exit_code() == 0
    assert gone(terminal.pid)
    assert "Traceback" not in terminal.screen()
    (path,) = workspace.sessions.glob("*.toml")
    return read_session(path)


def test_the_issue_s_burst_lands_on_three_questions(
    terminal: Terminal, workspace: Workspace
) -> None:
    terminal.type("They mostly do research.\x0eThey enjoy mentoring.\x0eSQL.")
    terminal.type("\x12Priya Patel\rDesign lead\r\r\rafter the referral")
    session = quit_and_read(terminal, workspace)
    assert [q.notes for q in session.questions[:3]] == [
        "They mostly do research.",
        "They enjoy mentoring.",
        "SQL.after the referral",
    ]
    assert [q.status for q in session.questions[:3]] == ["answered", "answered", "pending"]
    assert [(r.name, r.role) for r in session.referrals] == [("Priya Patel", "Design lead")]


def test_text_and_ctrl_q_in_one_burst_keeps_all_the_text(
    terminal: Terminal, workspace: Workspace
) -> None:
    text = "the last words typed before quitting, every one of them kept"
    terminal.type(text + "\x11")
    assert terminal.exit_code() == 0
    (path,) = workspace.sessions.glob("*.toml")
    assert read_session(path).questions[0].notes == text


def test_a_byte_that_is_not_utf8_does_not_end_the_call(
    terminal: Terminal, workspace: Workspace
) -> None:
    terminal.type("Jos")
    terminal.keys("-H", "e9")
    terminal.type("e said yes")
    terminal.wait_for("Jos\ufffde said yes")
    session = quit_and_read(terminal, workspace)
    assert session.questions[0].notes == "Jos\ufffde said yes"


def test_a_bracketed_paste_stays_text_in_its_place(
    terminal: Terminal, workspace: Workspace, tmp_path: Path
) -> None:
    clip = tmp_path / "clip.txt"
    clip.write_bytes(b"one \x1b[31mRED\x1b[0m two \x1b]0;title\x07 three\nfour")
    terminal.tmux("load-buffer", str(clip))
    terminal.type("<")
    terminal.tmux("paste-buffer", "-p", "-t", "t")
    terminal.type(">")
    terminal.wait_for("four>")
    session = quit_and_read(terminal, workspace)
    assert session.questions[0].notes == "<one ␛[31mRED␛[0m two ␛]0;title␇ three\nfour>"
    assert session.general_notes == ""
