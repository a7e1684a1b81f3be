"""The live call on a disk that fails: full, remounted read-only, a folder the person
cannot write, and each system call of a save failing in turn.

Through Pilot, as a person would notice it: a banner says the notes are not saved
and why, what was typed stays in the notes box, the file keeps its last whole save,
and once there is room or permission again the notes are saved and the banner goes.
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from coffeechat.core.files import atomic
from coffeechat.core.files.workspace import Workspace, prepare
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import CoffeechatApp
from coffeechat.ui.screens.call import CallScreen
from coffeechat.ui.screens.wrapup import WrapUpScreen
from tests.call_helpers import Notes, call_app, call_screen, retry_quickly, written
from tests.conftest import CALL_TIME
from tests.disks import fill, read_only_mount, tiny_tmpfs, with_permissions_enforced
from tests.terminal import Terminal, coffeechat_command
from tests.test_io_errors import CODES, FaultyOS

SMALL = (80, 24)


@pytest.fixture(autouse=True)
def quick_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    """Failed saves are retried every 0.05 s instead of 2 s, so tests wait less."""
    retry_quickly(monkeypatch)


@pytest.fixture
def tiny_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace on a 256 KB tmpfs."""
    with tiny_tmpfs(tmp_path) as point:
        yield prepare(Workspace(point / "ws"))


def banner(screen: CallScreen) -> str:
    """The banner's text, or "" when it is hidden."""
    shown = screen.query_one("#banner", Static)
    return str(shown.render()) if shown.display else ""


async def settle(screen: CallScreen) -> None:
    """Hand the newest text to the saver, let it try once, and show the outcome."""
    written(screen)
    screen.autosave()


async def saved_again(screen: CallScreen) -> None:
    """Wait for the background retry to get everything on disk, and show it."""
    assert screen.saving.saver is not None
    assert screen.saving.saver.wait_saved(5), "not saved once the disk was back"
    screen.autosave()


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX))


async def test_the_disk_fills_up_during_the_call(
    tiny_workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(tiny_workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"before")
        await settle(screen)
        before = path.read_bytes()
        assert read_session(path).questions[0].notes == "before"
        filler = fill(tiny_workspace.root)

        await pilot.press(*" after")
        await settle(screen)
        await pilot.pause()
        shown = banner(screen)
        assert "NOT SAVED" in shown and "No space left on device" in shown
        assert "Your notes are kept here" in shown
        assert screen.notes.text == "before after"
        assert path.read_bytes() == before
        assert temp_files(path.parent) == []

        clock.advance(30)
        await pilot.press(*" more")  # typing on while the disk is full
        await settle(screen)
        assert screen.notes.text == "before after more"
        assert path.read_bytes() == before

        filler.unlink()
        await saved_again(screen)
        await pilot.pause()
        assert banner(screen) == ""
        assert ("Saved", "Your notes are saved again.") in toasts.shown
        saved = read_session(path)
        assert saved.questions[0].notes == "before after more"
        assert saved.elapsed_seconds == 30


async def test_a_disk_full_before_the_call_starts(
    tiny_workspace: Workspace, clock: ManualTime
) -> None:
    filler = fill(tiny_workspace.root)
    app = call_app(tiny_workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        assert screen.opened.lock is not None and screen.opened.lock.held
        await pilot.press(*"first words")
        await settle(screen)
        await pilot.pause()
        assert "NOT SAVED" in banner(screen)
        assert not path.exists()
        assert temp_files(path.parent) == []
        filler.unlink()
        await saved_again(screen)
        await pilot.pause()
        assert banner(screen) == ""
        assert read_session(path).questions[0].notes == "first words"
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]


async def test_the_disk_turns_read_only_during_the_call(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"before")
        await settle(screen)
        before = path.read_bytes()
        with read_only_mount(workspace.sessions):
            await pilot.press(*" after")
            await settle(screen)
            await pilot.pause()
            shown = banner(screen)
            assert "NOT SAVED" in shown and "Read-only file system" in shown
            assert screen.notes.text == "before after"
            assert path.read_bytes() == before
        await saved_again(screen)
        await pilot.pause()
        assert banner(screen) == ""
        assert read_session(path).questions[0].notes == "before after"


def read_only_folder_during_a_call(folder: Path) -> list[str]:
    """A call whose sessions folder turns read-only, as a user permissions apply to."""
    return asyncio.run(_read_only_call(folder))


async def _read_only_call(folder: Path) -> list[str]:
    events: list[str] = []
    workspace = prepare(Workspace(folder / "ws"))
    clock = ManualTime(CALL_TIME)
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"before")
        await settle(screen)
        before = path.read_bytes()
        os.chmod(workspace.sessions, 0o500)
        try:
            await pilot.press(*" after")
            await settle(screen)
            await pilot.pause()
            events.append(f"banner: {banner(screen)}")
            events.append(f"notes box: {screen.notes.text}")
            events.append("old file whole" if path.read_bytes() == before else "old file changed")
        finally:
            os.chmod(workspace.sessions, 0o700)
        await saved_again(screen)
        await pilot.pause()
        events.append(f"banner after: {banner(screen)!r}")
        events.append(f"on disk: {read_session(path).questions[0].notes}")
    return events


def test_a_read_only_sessions_folder_during_the_call() -> None:
    events = with_permissions_enforced(read_only_folder_during_a_call)
    assert events[0] == "permissions apply", events
    assert events[1].startswith("banner: NOT SAVED: cannot write to "), events
    assert "(Permission denied)" in events[1]
    assert events[2:] == [
        "notes box: before after",
        "old file whole",
        "banner after: ''",
        "on disk: before after",
    ]


async def test_each_failing_call_of_a_save_is_shown_and_recovered(
    workspace: Workspace,
    clock: ManualTime,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The Nth file call of a save fails (and keeps failing), for every N in a save,
    with each kind of error in turn (a full disk where no tmpfs can be mounted)."""
    app = call_app(workspace, clock)
    tried = 0
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        spy = FaultyOS()
        monkeypatch.setattr(atomic, "os", spy)
        await pilot.press("x")
        await settle(screen)
        calls = list(spy.calls)
        renamed_at = calls.index("replace") + 1
        for fail_at in range(1, len(calls) + 1):
            before = path.read_bytes()
            code = CODES[fail_at % len(CODES)]
            monkeypatch.setattr(atomic, "os", FaultyOS(fail_at, code, lasting=True))
            await pilot.press(str(fail_at % 10))
            await settle(screen)
            await pilot.pause()
            typed = screen.notes.text
            if fail_at <= renamed_at:
                assert "NOT SAVED" in banner(screen), f"call {fail_at} ({calls[fail_at - 1]})"
                assert f"({os.strerror(code)})" in banner(screen)
                assert path.read_bytes() == before
            else:  # only the folder's fsync failed: the file is already whole
                assert banner(screen) == ""
            assert temp_files(path.parent) == []
            monkeypatch.setattr(atomic, "os", os)
            await saved_again(screen)
            await pilot.pause()
            assert banner(screen) == ""
            assert read_session(path).questions[0].notes == typed
            tried += 1
    with capsys.disabled():
        print(f"\nfailure points tried during a live call: {tried} ({len(calls)} calls per save)")
    assert tried == len(calls) > 5


async def test_quitting_while_the_disk_is_full_hands_the_notes_over(
    tiny_workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(tiny_workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await settle(screen)
        fill(tiny_workspace.root)
        await pilot.press(*"only in memory")
        await pilot.press("ctrl+q")
    assert isinstance(app, CoffeechatApp)
    (unsaved,) = app.unsaved
    assert unsaved.path == path
    assert unsaved.error == os.strerror(errno.ENOSPC)
    assert 'notes = "only in memory"' in unsaved.text
    assert read_session(path).questions[0].notes == ""
    assert not list(path.parent.glob(".*.lock")), "the lock outlived the call"


@pytest.mark.e2e
@pytest.mark.parametrize("how", ["ctrl+q", "SIGTERM"])
def test_notes_that_cannot_be_saved_are_printed_when_coffeechat_run_ends(
    tiny_workspace: Workspace, tmp_path: Path, how: str
) -> None:
    """The real app on a full disk: the last resort is the terminal itself."""
    notes = "Priya runs the design crit"
    term = Terminal(
        tmp_path / "tmux.sock",
        coffeechat_command(tiny_workspace, "run", "jane-doe"),
        cwd=tiny_workspace.root,
        report_exit=True,
    )
    try:
        term.wait_for("left of 20m")
        (path,) = tiny_workspace.sessions.glob("*.toml")
        before = path.read_bytes()
        fill(tiny_workspace.root)
        term.type(notes)
        term.wait_for("NOT SAVED: cannot write to sessions/ (No space left on device)")
        if how == "ctrl+q":
            term.keys("C-q")
        else:
            os.kill(term.pid, signal.SIGTERM)
        code = term.exit_code()
        shown = term.screen()
    finally:
        term.close()
    assert code == 1
    assert f"sessions/{path.name}: could not be saved: No space left on device" in shown
    assert f'notes = "{notes}"' in shown, shown
    assert "Traceback" not in shown
    assert path.read_bytes() == before


async def test_finishing_on_a_full_disk_stays_in_the_wrap_up_until_it_is_saved(
    tiny_workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(tiny_workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"said yes", "ctrl+r", *"Ada Quist", "ctrl+s")
        clock.advance(600)
        await pilot.press("ctrl+e")
        assert isinstance(app.screen, WrapUpScreen)
        before = path.read_bytes()
        filler = fill(tiny_workspace.root)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, WrapUpScreen)
        assert toasts.titles[-1] == "Not saved yet"
        assert "No space left on device" in toasts.shown[-1][1]
        assert path.read_bytes() == before
        filler.unlink()
        await pilot.press("ctrl+s")
    assert not app.is_running
    saved = read_session(path)
    assert saved.status == "completed"
    assert [f.id for f in saved.followups] == ["thank-you", "follow-up", "referral-1"]
    assert saved.questions[0].notes == "said yes"
