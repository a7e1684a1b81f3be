"""Hand edits of a session that the readers must locate instead of crashing on: a
follow-up id used twice, and a date too far out for the calendar.

Each is a problem of its file, at `path:line:col`, through every reader (the fast
path, the full reader, the cache, every command, home); the other sessions still show.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.skim import quick_summary
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, jane, omar, write

JANE = "2026-11-20-1501-jane-doe"
OMAR = "2026-11-23-1800-omar-haddad"


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


def thank_you_twice(text: str) -> str:
    """The thank-you table pasted again below itself (same id, same bucket)."""
    start = text.index("[[followups]]")
    end = text.index("[[followups]]", start + 1)
    return text[:end] + text[start:end] + text[end:]


def follow_up_renamed(text: str) -> str:
    """The agreed follow-up given the thank-you's id (another bucket: later)."""
    return text.replace('id = "follow-up"', 'id = "thank-you"')


def far_due(text: str, moment: str) -> str:
    """The thank-you due at `moment`."""
    start = text.index("[[followups]]")
    line_start = text.index("due = ", start)
    line_end = text.index("\n", line_start)
    return text[:line_start] + f"due = {moment}" + text[line_end:]


EDITS = {
    "same-bucket": (thank_you_twice, "the follow-up id 'thank-you' is already used at line"),
    "other-bucket": (follow_up_renamed, "the follow-up id 'thank-you' is already used at line"),
    "year-9999-utc": (
        lambda t: far_due(t, "9999-12-31T23:59:59Z"),
        "the year 9999 is outside the years coffeechat keeps",
    ),
    "year-9999-west": (
        lambda t: far_due(t, "9999-12-31T23:59:59-23:59"),
        "the year 9999 is outside the years coffeechat keeps",
    ),
    "year-1-east": (
        lambda t: far_due(t, "0001-01-01T00:00:00+23:59"),
        "the year 1 is outside the years coffeechat keeps",
    ),
}


@pytest.fixture(params=sorted(EDITS))
def edited(request: pytest.FixtureRequest, workspace: Workspace) -> tuple[Workspace, Path, str]:
    edit, message = EDITS[request.param]
    path = write(workspace, jane())
    path.write_text(edit(path.read_text()))
    write(workspace, omar())
    return workspace, path, message


def located(err: str, path: Path, message: str) -> None:
    line = next((line for line in err.splitlines() if message in line), None)
    assert line is not None, err
    assert line.startswith(f"{path}:") or f"sessions/{path.name}:" in line
    where = line.split(f"{path.name}:", 1)[1].split(":")[:2]
    assert all(part.isdigit() and int(part) > 0 for part in where), line


def test_every_reader_locates_it(edited: tuple[Workspace, Path, str]) -> None:
    workspace, path, message = edited
    assert quick_summary(path.read_bytes(), path) is None
    for _ in range(2):  # read, then from the cache
        index = load_index(workspace)
        assert [s.id for s in index.sessions] == [OMAR]
        (damaged,) = index.damaged
        assert damaged.name == path.name
        assert any(message in p.message and p.line > 0 for p in damaged.problems)
    assert index.parsed == 0


def test_every_command_locates_it_and_lists_the_rest(
    edited: tuple[Workspace, Path, str], capsys: pytest.CaptureFixture[str]
) -> None:
    workspace, path, message = edited
    for args in (["followups"], ["followups", "--json"], ["sessions"], ["followups", "--ics", "-"]):
        assert run(workspace, *args) == 0, args
        out, err = capsys.readouterr()
        located(err, path, message)
        assert "Omar" in out, args
    assert run(workspace, "followups", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {item["session"] for item in data["items"]} == {OMAR}
    for args in (["show", JANE], ["done", f"{JANE}/referral-priya-patel"], ["draft", JANE]):
        assert run(workspace, *args) == 1, args
        located(capsys.readouterr().err, path, message)


async def test_home_shows_the_rest(edited: tuple[Workspace, Path, str]) -> None:
    from coffeechat.ui.app import make_app
    from coffeechat.ui.widgets.queue_list import QueueList
    from coffeechat.ui.widgets.session_list import SessionList
    from tests.pilot_helpers import settle

    workspace, path, _message = edited
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert {item.address.partition("/")[0] for item in queue.items.values()} == {OMAR}
        sessions = app.screen.query_one(SessionList)
        assert list(sessions.damaged) == [path.name]
        await pilot.press("q")
    assert app.return_code == 0
