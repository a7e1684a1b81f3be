"""Every command that takes a session accepts a unique part of its id, as `show raman`
does: `done raman/thank-you` too; and when a part fits several, the hint says what
would tell the real ones apart.

The fixture workspace (tests/past_sessions.py) has one session each with Jane, Omar
and Lena; `two_priyas` adds two with Priya Raman.
"""

from __future__ import annotations

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, at, make_session, write

JANE = "2026-11-20-1501-jane-doe"


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


@pytest.mark.parametrize(
    "args",
    [
        ("show", "jane"),
        ("draft", "jane"),
        ("done", "jane/thank-you"),
        ("snooze", "JANE-DOE/thank-you", "tomorrow"),
    ],
)
def test_a_unique_part_of_the_id_names_the_session(
    filled: Workspace, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, *args) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    if args[0] in ("done", "snooze"):
        assert out.endswith(f"({JANE}/thank-you)\n")  # said back in full
        thanks = read_session(filled.sessions / f"{JANE}.toml").followups[0]
        assert (thanks.status, thanks.snoozed_until is not None) == (
            ("done", False) if args[0] == "done" else ("open", True)
        )
    else:
        assert "Jane" in out


@pytest.fixture
def two_priyas(filled: Workspace) -> Workspace:
    write(filled, make_session("Priya Raman", "Globex", at(12, 9)))
    write(filled, make_session("Priya Raman", "Initech", at(17, 16, 30)))
    return filled


@pytest.mark.parametrize(
    "args", [("show", "priya"), ("draft", "raman"), ("done", "priya-raman/thank-you")]
)
def test_a_part_that_fits_several_names_them_and_what_tells_them_apart(
    two_priyas: Workspace, args: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(two_priyas, *args) == 1
    err = capsys.readouterr().err
    assert "matches 2 sessions: 2026-11-17-1630-priya-raman, 2026-11-12-0900-priya-raman" in err
    assert "hint: give more of the id, e.g. 2026-11-17 or 2026-11-12\n" in err


def test_what_tells_them_apart_is_longer_when_a_date_is_shared(
    two_priyas: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    write(two_priyas, make_session("Priya Raman", "Hooli", at(17, 10)))
    assert run(two_priyas, "show", "priya") == 1
    hint = capsys.readouterr().err.splitlines()[-1]
    assert hint == "  hint: give more of the id, e.g. 2026-11-17-1630 or 2026-11-17-1000"
