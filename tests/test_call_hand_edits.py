"""A session file edited by hand while its call runs: the edit is never silently lost.

Before the next save replaces it, the edited version is kept beside it as
`<name>.conflict-N` and the person is told, in the app and, for a call started with
`coffeechat run`, on the terminal once the app has closed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coffeechat.core.files.workspace import Workspace, prepare
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.call import CallScreen
from tests.call_helpers import Notes, call_app, call_screen, on_disk, retry_quickly, written
from tests.disks import fill, tiny_tmpfs
from tests.terminal import Terminal, coffeechat_command

SMALL = (80, 24)


def edit_by_hand(path: Path, old: str, new: str) -> str:
    """Change the file in place, as an editor saving over it would; its new text."""
    text = path.read_text()
    assert old in text
    edited = text.replace(old, new)
    path.write_text(edited)
    return edited


def conflicts(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.conflict-*"))


async def test_an_edit_during_the_call_is_kept_and_the_person_told(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"ours")
        on_disk(screen)
        edited = edit_by_hand(path, 'notes = "ours"', 'notes = "fixed a typo by hand"')
        await pilot.press(*" and more")
        assert on_disk(screen).questions[0].notes == "ours and more"
        screen.autosave()
        await pilot.pause()
        (copy,) = conflicts(path)
        assert copy.name == f"{path.name}.conflict-1"
        assert copy.read_text() == edited
        assert stat.S_IMODE(copy.stat().st_mode) == 0o600
        assert toasts.shown[-1] == (
            "File edited elsewhere",
            "The session file was changed outside coffeechat; that version was kept "
            f"as {copy.name}.",
        )
        assert screen.notes.text == "ours and more"

        # A second edit is kept too, beside the first: nothing is overwritten.
        second = edit_by_hand(path, "ours and more", "edited again")
        await pilot.press("!")
        on_disk(screen)
        screen.autosave()
        await pilot.pause()
        assert [p.read_text() for p in conflicts(path)] == [edited, second]
        assert toasts.titles.count("File edited elsewhere") == 2
        await pilot.press("ctrl+q")
    assert read_session(path).questions[0].notes == "ours and more!"
    assert app.conflicts == conflicts(path)


async def test_an_edit_that_keeps_the_size_and_the_time_is_still_seen(
    workspace: Workspace, clock: ManualTime
) -> None:
    """`cp -p` of a backup, `touch -r`, a sync tool: same size, old mtime, new content."""
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"abcd")
        on_disk(screen)
        info = path.stat()
        edited = edit_by_hand(path, 'notes = "abcd"', 'notes = "wxyz"')
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        assert path.stat().st_size == info.st_size
        await pilot.press("e")
        on_disk(screen)
    assert [p.read_text() for p in conflicts(path)] == [edited]


async def test_an_edit_just_before_quitting_is_reported_after_the_app_closes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"ours")
        on_disk(screen)
        await pilot.press("ctrl+b")  # paused: nothing is saved until something changes
        on_disk(screen)
        edited = edit_by_hand(path, 'notes = "ours"', 'notes = "theirs"')
        await pilot.press("ctrl+q")
    (copy,) = conflicts(path)
    assert copy.read_text() == edited
    assert app.conflicts == [copy]
    assert read_session(path).questions[0].notes == "ours"


async def test_an_edit_during_the_wrap_up_is_reported_after_the_app_closes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"ours", "ctrl+e")
        await pilot.pause()
        written(screen)  # the wrap-up's own save is on disk before the hand edit
        edited = edit_by_hand(path, 'notes = "ours"', 'notes = "theirs"')
        await pilot.press("ctrl+s")
    assert not app.is_running
    (copy,) = conflicts(path)
    assert copy.read_text() == edited
    assert app.conflicts == [copy]
    assert read_session(path).status == "completed"


async def test_a_call_started_from_home_tells_the_person_back_home(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        home = app.screen
        assert app.start_call(workspace.agenda_path("jane-doe"))
        await pilot.pause()
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"ours", "ctrl+e")
        edit_by_hand(path, 'notes = "ours"', 'notes = "theirs"')
        await pilot.press("ctrl+s")
        assert app.screen is home
        (copy,) = conflicts(path)
        assert toasts.shown[-1] == (
            "File edited elsewhere",
            "A session file was changed outside coffeechat; "
            f"those versions are kept beside it: {copy.name}.",
        )


async def test_no_conflict_without_an_edit(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen: CallScreen = call_screen(app)
        for key in "abc":
            await pilot.press(key)
            clock.advance(1)
            on_disk(screen)
        await pilot.press("ctrl+q")
    assert conflicts(screen.opened.path) == []
    assert app.conflicts == []


async def test_a_conflict_copy_that_does_not_fit_on_the_disk_leaves_no_half_copy(
    tmp_path: Path, clock: ManualTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    retry_quickly(monkeypatch)
    with tiny_tmpfs(tmp_path) as disk:
        workspace = prepare(Workspace(disk / "ws"))
        app = call_app(workspace, clock)
        async with app.run_test(size=SMALL) as pilot:
            screen = call_screen(app)
            path = screen.opened.path
            await pilot.press(*"ours")
            on_disk(screen)
            edited = edit_by_hand(path, 'notes = "ours"', 'notes = """' + "x\n" * 8000 + '"""')
            filler = fill(workspace.root)
            await pilot.press("!")
            written(screen)
            assert screen.saving.status.error
            assert path.read_text() == edited
            filler.unlink()
            assert screen.saving.saver is not None
            assert screen.saving.saver.wait_saved(5)
            (copy,) = conflicts(path)
            assert copy.read_text() == edited
            assert read_session(path).questions[0].notes == "ours!"


@pytest.mark.e2e
def test_coffeechat_run_names_the_copy_on_the_terminal_after_the_call(
    workspace: Workspace, tmp_path: Path
) -> None:
    term = Terminal(
        tmp_path / "tmux.sock",
        coffeechat_command(workspace, "run", "jane-doe"),
        cwd=workspace.root,
        report_exit=True,
    )
    try:
        term.wait_for("left of 20m")
        term.keys("C-b")  # paused: nothing is saved again until something changes
        term.wait_for("PAUSED")
        term.keys("C-s")  # and the pause is on disk, no save left in progress
        term.wait_for("Saved to")
        (path,) = workspace.sessions.glob("*.toml")
        edited = edit_by_hand(path, 'status = "in-progress"', 'status = "in-progress"  # vim')
        term.keys("C-q")
        assert term.exit_code() == 0
        shown = term.screen()
    finally:
        term.close()
    (copy,) = conflicts(path)
    assert copy.read_text() == edited
    assert (
        f"sessions/{copy.name}: kept sessions/{path.name} as it was edited outside "
        "coffeechat\n" in shown
    ), shown
    assert f"hint: your notes are in sessions/{path.name}" in shown


# --- edited by hand between two runs of the call ----------------------------------------

ODD_BUT_READABLE = {
    "budget below zero": ("minutes = 3.0", "minutes = -3.0"),
    "current beyond the last question": ("current = 0", "current = 999"),
    "ended before it started": (
        'status = "in-progress"',
        'status = "in-progress"\nended = 1999-01-01T00:00:00Z',
    ),
    "start time without an offset": ("T15:00:00-05:00", "T15:00:00"),
    "end time without an offset": (
        'status = "in-progress"',
        'status = "in-progress"\nended = 2026-11-24T15:20:00',
    ),
}


@pytest.mark.parametrize("edit", ODD_BUT_READABLE.values(), ids=ODD_BUT_READABLE.keys())
async def test_an_odd_unfinished_session_resumes_and_finishes(
    workspace: Workspace, clock: ManualTime, edit: tuple[str, str]
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await pilot.press("k", "ctrl+q")
    edit_by_hand(path, *edit)
    read_session(path)  # the reader takes it
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = call_screen(again)
        clock.advance(61)
        screen.tick()
        await pilot.press("!", "ctrl+n", "ctrl+e")  # in the wrap-up if it had ended
        await pilot.pause()
        await pilot.press("ctrl+s")
    assert not again.is_running
    done = read_session(path)
    assert done.status == "completed"
    assert done.questions[0].notes.startswith("k")


async def test_hand_comments_in_an_unfinished_session_are_kept_when_it_resumes(
    workspace: Workspace, clock: ManualTime
) -> None:
    """The first save of a resumed call rewrites the file in the app's own layout: a
    comment added by hand since would be lost, so that version is kept first."""
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await pilot.press(*"ours", "ctrl+q")
    edited = edit_by_hand(path, "[meeting]", "# met at the UX meetup in March\n[meeting]")
    again = call_app(workspace, clock)
    toasts = Notes(again)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = call_screen(again)
        await pilot.press("!")
        assert on_disk(screen).questions[0].notes == "ours!"
        (copy,) = conflicts(path)
        assert copy.read_text() == edited
        assert "File edited elsewhere" in toasts.titles
        await pilot.press("ctrl+q")
    assert again.conflicts == [copy]
    assert "# met at the UX meetup" not in path.read_text()


async def test_resuming_a_session_nobody_edited_keeps_no_copy(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await pilot.press(*"ours", "ctrl+q")
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("!")
        on_disk(call_screen(again))
        await pilot.press("ctrl+q")
    assert conflicts(path) == []
    assert again.conflicts == []


async def test_starting_afresh_keeps_a_hand_edited_unfinished_session_too(
    workspace: Workspace, clock: ManualTime
) -> None:
    """Starting a new call marks the unfinished one abandoned, rewriting its file."""
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await pilot.press(*"ours", "ctrl+q")
    edited = edit_by_hand(path, "[meeting]", "# call back in spring\n[meeting]")
    clock.advance(120)
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+q")
    (copy,) = conflicts(path)
    assert copy.read_text() == edited
    assert read_session(path).status == "abandoned"
    assert again.conflicts == [copy]
