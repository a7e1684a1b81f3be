"""The demo campaign: every file it writes reads back and checks clean, its queue has
something overdue, due today and later whatever the hour, and `coffeechat demo`
leaves nothing behind, in the person's workspace or in the temporary folder."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
import tomllib
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coffeechat.cli import main
from coffeechat.cli.demo import PREFIX, open_demo
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.demo.campaign import CALLS, READY, write_demo
from coffeechat.core.demo.people import PEOPLE, write_people
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.people.format import read_person
from coffeechat.core.queue.followups import build_queue
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from tests.pilot_helpers import settle
from tests.terminal import Terminal, gone

NEW_YORK = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 2, 10, 30, tzinfo=NEW_YORK)
PERSON_KEYS = {"format", "name", "role", "organization", "contact", "referred_by", "tags"}
PERSON_KEYS |= {"keep_in_touch", "notes", "log"}
EVENTS = {"asked", "nudged", "replied", "scheduled", "declined", "met", "thanked", "checked-in"}


@pytest.fixture
def demo(tmp_path: Path) -> Workspace:
    return write_demo(tmp_path / "demo", NOW)


def test_every_agenda_checks_clean(demo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    agendas = demo.agenda_files()
    assert len(agendas) == len(CALLS) + 1
    assert main(["--workspace", str(demo.root), "check", *map(str, agendas)]) == 0
    assert "error" not in capsys.readouterr().err


def test_every_session_reads_back_completed_with_notes_stars_and_follow_ups(
    demo: Workspace,
) -> None:
    sessions = [read_session(path) for path in sorted(demo.sessions.glob("*.toml"))]
    assert len(sessions) == len(CALLS)
    assert {s.status for s in sessions} == {"completed"}
    assert all(any(q.starred for q in s.questions) for s in sessions)
    assert any('"' in q.notes for s in sessions for q in s.questions)
    assert any(q.added for s in sessions for q in s.questions)
    assert sum(len(s.referrals) for s in sessions) == 2
    assert {f.kind for s in sessions for f in s.followups} >= {"thank-you", "referral", "action"}
    learned = [g.learned for s in sessions for g in s.goals]
    assert any(learned) and not all(learned)
    assert all(s.started < NOW and s.ended is not None for s in sessions)


def test_one_agenda_is_ready_to_run_tomorrow(demo: Workspace) -> None:
    agenda = load_agenda(demo.agenda_file("rosa-mendes"))
    assert agenda.meeting.person == READY.person.name
    assert agenda.meeting.scheduled is not None
    assert agenda.meeting.scheduled.date() == date(2026, 12, 3)
    assert not list(demo.sessions.glob("*rosa-mendes*"))


@pytest.mark.parametrize(
    "now",
    [
        NOW,
        datetime(2026, 12, 2, 0, 5, tzinfo=NEW_YORK),
        datetime(2026, 12, 2, 23, 58, tzinfo=NEW_YORK),
        datetime(2026, 11, 2, 16, 45, tzinfo=NEW_YORK),  # the day after clocks went back
        datetime(2027, 3, 15, 9, 0, tzinfo=NEW_YORK),
    ],
)
def test_the_queue_has_overdue_today_and_later_items_whatever_the_hour(
    tmp_path: Path, now: datetime
) -> None:
    workspace = write_demo(tmp_path / "demo", now)
    index = load_index(workspace)
    assert not index.damaged
    buckets = {item.bucket for item in build_queue(index.sessions, now).items}
    assert buckets == {"overdue", "today", "week", "later"}


def test_the_commands_list_it(demo: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    clock = ManualTime(NOW)
    root = str(demo.root)
    assert main(["--workspace", root, "sessions"], clock) == 0
    assert main(["--workspace", root, "followups"], clock) == 0
    out, err = capsys.readouterr()
    assert "Sam Okoro" in out and "Overdue" in out and "Due today" in out and "Later" in out
    assert err == ""


def test_the_people_are_in_the_networks_format(tmp_path: Path) -> None:
    paths = write_people(tmp_path, date(2026, 12, 2))
    assert len(paths) == len(PEOPLE) == 12
    people = {path.stem: tomllib.loads(path.read_text()) for path in paths}
    for data in people.values():
        assert data["format"] == 1 and data["name"]
        assert set(data) <= PERSON_KEYS
        assert all(entry["event"] in EVENTS for entry in data.get("log", []))
    referred = [d["referred_by"] for d in people.values() if "referred_by" in d]
    assert len(referred) == 2 and set(referred) <= set(people)
    last = [d["log"][-1]["event"] if "log" in d else "to-ask" for d in people.values()]
    for state in ("met", "asked", "nudged", "declined", "scheduled", "to-ask"):
        assert state in last
    for path in paths:  # and the network's own reader takes every one
        assert read_person(path).name == people[path.stem]["name"]


def test_the_people_met_are_the_people_of_the_sessions(demo: Workspace) -> None:
    met = set()
    for path in (demo.root / "people").glob("*.toml"):
        data = tomllib.loads(path.read_text())
        if any(entry["event"] == "met" for entry in data.get("log", [])):
            met.add(data["name"])
    assert met == {read_session(p).meeting.person for p in demo.sessions.glob("*.toml")}


# --- coffeechat demo ------------------------------------------------------------------


def demo_args(**given: object) -> argparse.Namespace:
    return argparse.Namespace(time=ManualTime(NOW), theme=None, keep=None, **given)


def test_the_demo_opens_on_a_private_temporary_folder_removed_afterwards() -> None:
    seen: list[Workspace] = []

    def app(args: argparse.Namespace, workspace: Workspace) -> int:
        seen.append(workspace)
        assert workspace.root.name.startswith(PREFIX)
        assert workspace.root.stat().st_mode & 0o077 == 0
        assert len(list(workspace.sessions.glob("*.toml"))) == len(CALLS)
        return 3

    assert open_demo(demo_args(), app) == 3
    assert not seen[0].root.exists()


def test_the_folder_is_removed_when_the_app_fails_too() -> None:
    seen: list[Path] = []

    def app(args: argparse.Namespace, workspace: Workspace) -> int:
        seen.append(workspace.root)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        open_demo(demo_args(), app)
    assert not seen[0].exists()


def test_the_persons_own_workspace_is_never_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    own = tmp_path / "mine"
    monkeypatch.setenv("COFFEECHAT_HOME", str(own))
    assert main(["demo", "--keep", str(tmp_path / "kept")], ManualTime(NOW)) == 0
    assert not own.exists()
    assert f"coffeechat --workspace {tmp_path / 'kept'} followups" in capsys.readouterr().out


def test_keep_refuses_a_folder_that_is_not_empty(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert main(["demo", "--keep", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"{tmp_path}: a folder that is not empty")
    assert sorted(os.listdir(tmp_path)) == ["notes.txt"]


def test_an_end_that_skips_finally_still_removes_the_folder() -> None:
    """SIGHUP ends the app with `os._exit` (there is no terminal left to restore), and
    `kill -9` ends it without a word: the guard process removes the folder once the
    demo's process is gone."""
    script = (
        "import argparse, sys\n"
        "from coffeechat.cli.demo import open_demo\n"
        "def app(args, workspace):\n"
        "    print(workspace.root, flush=True)\n"
        "    sys.stdin.read()\n"
        "open_demo(argparse.Namespace(time=None, theme=None), app)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None and child.stdin is not None
    folder = Path(child.stdout.readline().strip())
    assert folder.is_dir()
    child.kill()
    child.wait()
    child.stdin.close()
    child.stdout.close()
    deadline = time.monotonic() + 30  # the guard is another process: poll for its work
    while folder.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not folder.exists()


async def test_home_on_the_demo_fills_every_pane(demo: Workspace) -> None:
    app = make_app(demo, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = app.export_screenshot().replace("&#160;", " ")
    for text in ("Overdue", "Due today", "Past sessions", "CareLoop", "dana-whitfield"):
        assert text in shown


@pytest.mark.e2e
@pytest.mark.parametrize("end", ["quit", "hang-up"])
def test_in_a_terminal_nothing_is_left_behind(tmp_path: Path, end: str) -> None:
    """`coffeechat demo` as a person runs it: its folder (under `$TMPDIR`) is there
    while the app is open and gone once they quit or close the terminal."""
    temp, own = tmp_path / "tmp", tmp_path / "mine"
    temp.mkdir()
    env = {"TMPDIR": str(temp), "COFFEECHAT_HOME": str(own)}
    command = [sys.executable, "-m", "coffeechat", "demo"]
    terminal = Terminal(tmp_path / "tmux.sock", command, (80, 24), env=env, report_exit=True)
    try:
        terminal.wait_for("Send a thank-you note to Sam Okoro", 60)
        assert [p.name[: len(PREFIX)] for p in temp.iterdir()] == [PREFIX]
        if end == "quit":
            terminal.keys("C-q")
            assert terminal.exit_code(30) == 0
        else:
            pid = terminal.pid
            terminal.close()
            assert gone(pid, 30)
    finally:
        terminal.close()
    deadline = time.monotonic() + 30  # after a hang-up, the guard process removes it
    while any(temp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(temp.iterdir()) == []
    assert not own.exists()
