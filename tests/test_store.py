"""Session files on disk: locks, the autosaver, finding unfinished calls, conflicts."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest

from coffeechat.core.call.autosave import Autosaver, write_checked
from coffeechat.core.call.start import abandon, open_new, plan_call
from coffeechat.core.files import atomic
from coffeechat.core.files.leftovers import settle_leftovers
from coffeechat.core.files.locks import SessionBusyError, SessionLock, lock_path
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import read_session, to_toml
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from tests.disks import with_permissions_enforced

# --- the lock ---------------------------------------------------------------------------


def test_a_second_lock_is_refused_naming_the_first_pid(tmp_path: Path) -> None:
    with SessionLock.acquire(tmp_path, "s") as first:
        assert first.held
        with pytest.raises(SessionBusyError) as caught:
            SessionLock.acquire(tmp_path, "s")
        assert caught.value.pid == os.getpid()
        assert f"pid {os.getpid()}" in str(caught.value)
    assert not lock_path(tmp_path, "s").exists()
    SessionLock.acquire(tmp_path, "s").release()


def test_a_lock_left_by_a_killed_process_blocks_nobody(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path\n"
            "from coffeechat.core.files.locks import SessionLock\n"
            f"SessionLock.acquire(Path({str(tmp_path)!r}), 's')\n"
            "print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(SessionBusyError) as caught:
        SessionLock.acquire(tmp_path, "s")
    assert caught.value.pid == holder.pid
    holder.kill()
    holder.wait()
    assert lock_path(tmp_path, "s").exists()
    SessionLock.acquire(tmp_path, "s").release()


# --- the autosaver -------------------------------------------------------------------


def test_autosaver_writes_the_newest_text_privately(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    saver = Autosaver(path)
    saver.submit("one\n")
    saver.submit("two\n")
    assert saver.wait_idle(5)
    assert path.read_text() == "two\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert saver.close().saved


class FlakyDisk:
    """A writer that fails with `error` until told the disk is back."""

    def __init__(self, error: int) -> None:
        self.error = error
        self.broken = True

    def __call__(self, path: Path, text: str, check: Callable[[], object]) -> None:
        if self.broken:
            raise OSError(self.error, os.strerror(self.error))
        write_checked(path, text, check)


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_save_keeps_the_text_and_the_old_file(tmp_path: Path, error: int) -> None:
    path = tmp_path / "s.toml"
    path.write_text("before\n")
    disk = FlakyDisk(error)
    saver = Autosaver(path, retry_every=60, write=disk)
    saver.submit("after\n")
    status = saver.flush()
    assert not status.saved
    assert status.error == os.strerror(error)
    assert path.read_text() == "before\n"
    disk.broken = False
    status = saver.close()
    assert status.saved and status.error is None
    assert path.read_text() == "after\n"


def test_saving_is_retried_in_the_background_until_it_works(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    disk = FlakyDisk(errno.ENOSPC)
    saver = Autosaver(path, retry_every=0.05, write=disk)
    saver.submit("kept in memory\n")
    assert saver.wait_idle(5)
    assert saver.status.error == os.strerror(errno.ENOSPC)
    assert not path.exists()
    disk.broken = False
    assert saver.wait_saved(5)
    assert path.read_text() == "kept in memory\n"
    assert saver.status.error is None
    saver.close()


def test_a_rescue_from_a_signal_handler_writes_the_newest_text(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    saver = Autosaver(path)
    saver.submit("older\n")
    saver.flush()
    status, interrupted = saver.rescue("newest\n")
    assert (status.saved, interrupted) == (True, False)
    assert path.read_text() == "newest\n"


def test_a_rescue_that_interrupts_a_save_on_its_own_thread_says_so(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    seen: list[tuple[bool, str]] = []

    def write_then_get_a_signal(target: Path, text: str, check: Callable[[], object]) -> None:
        # A signal handler runs here, in the middle of this thread's own save.
        status, interrupted = saver.rescue("newest\n")
        seen.append((status.saved and interrupted, target.read_text()))
        write_checked(target, text, check)

    saver = Autosaver(path, write=write_then_get_a_signal)
    saver.submit("older\n")
    saver.flush()
    assert seen == [(True, "newest\n")]
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]


def test_a_hand_edit_during_the_call_is_kept_as_a_conflict_copy(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    saver = Autosaver(path)
    saver.submit("ours 1\n")
    saver.flush()
    path.write_text("edited by hand\n")
    saver.submit("ours 2\n")
    status = saver.close()
    assert status.conflict == tmp_path / "s.toml.conflict-1"
    assert status.conflict.read_text() == "edited by hand\n"
    assert path.read_text() == "ours 2\n"


def saves_into_a_read_only_folder(folder: Path) -> list[str]:
    path = folder / "s.toml"
    path.write_text("before\n")
    folder.chmod(0o500)
    try:
        saver = Autosaver(path, retry_every=60)
        saver.submit("after\n")
        events = [f"error: {saver.flush().error}", f"file: {path.read_text()!r}"]
    finally:
        folder.chmod(0o700)
    return [*events, f"saved once writable: {saver.close().saved}"]


def test_a_real_read_only_folder() -> None:
    assert with_permissions_enforced(saves_into_a_read_only_folder) == [
        "permissions apply",
        "error: Permission denied",
        "file: 'before\\n'",
        "saved once writable: True",
    ]


# --- finding and opening sessions ----------------------------------------------------


def test_unfinished_sessions_are_found_locked_and_busy_ones_refused(
    workspace: Workspace, clock: ManualTime
) -> None:
    agenda = workspace.agenda_path("jane-doe")
    plan = plan_call(workspace, agenda, Settings())
    assert plan.ref == "agendas/jane-doe.toml"
    assert plan.unfinished == []
    first = open_new(workspace, plan, clock.now())
    first.session.status = "in-progress"
    first.path.write_text(to_toml(first.session))
    assert first.path.name == "2026-11-24-1500-jane-doe.toml"
    plan.release()  # the agenda is free: the session's own lock is met
    with pytest.raises(InputError) as caught:
        plan_call(workspace, agenda, Settings())
    message = str(caught.value)
    assert "sessions/2026-11-24-1500-jane-doe.toml" in message
    assert f"already open in another coffeechat (pid {os.getpid()})" in message
    first.release()
    again = plan_call(workspace, agenda, Settings(), duration=300)
    assert [item.session.id for item in again.unfinished] == [first.session.id]
    assert again.planned == 300
    second = open_new(workspace, again, clock.now())
    assert second.session.id == "2026-11-24-1500-jane-doe-2"
    abandon(again.unfinished[0])
    again.release()
    assert read_session(first.path).status == "abandoned"
    assert plan_call(workspace, agenda, Settings()).unfinished == []


def test_completed_and_damaged_sessions_are_not_offered(
    workspace: Workspace, clock: ManualTime
) -> None:
    agenda = workspace.agenda_path("jane-doe")
    plan = plan_call(workspace, agenda, Settings())
    item = open_new(workspace, plan, clock.now())
    item.session.status = "completed"
    item.path.write_text(to_toml(item.session))
    item.release()
    plan.release()
    (workspace.sessions / "2026-11-25-1000-jane-doe.toml").write_text("status = [")
    assert plan_call(workspace, agenda, Settings()).unfinished == []


def test_a_rescue_cut_short_is_settled_at_the_next_start(tmp_path: Path) -> None:
    from coffeechat.core.files.regular import MAX_BYTES

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    path.write_text("whole\n")
    temp = tmp_path / f"{atomic.temp_name(path)}{dead.pid}{atomic.RESCUE_TAG}{atomic.TEMP_SUFFIX}"
    temp.write_text("half")
    found = settle_leftovers(tmp_path, lambda raw, target: raw.endswith(b"\n"), MAX_BYTES)
    assert [item.outcome for item in found] == ["swept"]
    assert not temp.exists()
    assert path.read_text() == "whole\n"


def test_a_full_disk_does_not_cost_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_room(fd: int, data: bytes, offset: int) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "pwrite", no_room)
    held = SessionLock.acquire(tmp_path, "s")
    monkeypatch.undo()
    with pytest.raises(SessionBusyError) as caught:
        SessionLock.acquire(tmp_path, "s", wait=0)  # a holder that never says who it is
    assert caught.value.pid is None
    assert str(caught.value) == "session s is open in another coffeechat (another process)"
    held.release()
    assert list(tmp_path.iterdir()) == []
    SessionLock.acquire(tmp_path, "s").release()


def test_a_hand_edit_while_a_save_is_being_written_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The file was compared before the temp file was written and synced (milliseconds
    # on a busy disk): an edit landing then was replaced without a copy.
    path = tmp_path / "s.toml"
    saver = Autosaver(path)
    saver.submit("ours\n")
    assert saver.flush().saved
    fsync = os.fsync
    edits: list[str] = []

    def edited_while_syncing(fd: int) -> None:
        fsync(fd)
        if not edits:
            edits.append(path.read_text())
            path.write_text("edited by hand\n")

    monkeypatch.setattr(os, "fsync", edited_while_syncing)
    saver.submit("ours, more\n")
    status = saver.flush()
    saver.close()
    assert status.conflict == tmp_path / "s.toml.conflict-1"
    assert status.conflict.read_text() == "edited by hand\n"
    assert path.read_text() == "ours, more\n"


def test_a_conflict_copy_cut_short_is_removed_and_made_whole_later(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.toml"
    saver = Autosaver(path, retry_every=60)
    saver.submit("ours 1\n")
    saver.flush()
    path.write_text("edited by hand\n")
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    saver.submit("ours 2\n")
    assert saver.flush().error == os.strerror(errno.ENOSPC)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]
    assert path.read_text() == "edited by hand\n"
    monkeypatch.setattr(os, "fsync", real_fsync)
    status = saver.close()
    assert status.saved
    assert status.conflicts == (tmp_path / "s.toml.conflict-1",)
    assert (tmp_path / "s.toml.conflict-1").read_text() == "edited by hand\n"
    assert path.read_text() == "ours 2\n"


# --- sessions edited by hand, at the start of the next call ---------------------------


def unfinished_file(workspace: Workspace, clock: ManualTime, minutes: int = 0) -> Path:
    """An in-progress session of jane-doe, started `minutes` after the fixture's time."""
    plan = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
    when = clock.now() + timedelta(minutes=minutes)
    item = open_new(workspace, plan, when)
    item.path.write_text(to_toml(item.session))
    item.release()
    plan.release()
    return item.path


def test_a_session_without_questions_is_not_offered_for_resuming(
    workspace: Workspace, clock: ManualTime
) -> None:
    path = unfinished_file(workspace, clock)
    head = path.read_text().split("\n[[questions]]")[0]
    for text in (head, "questions = []\n" + head):
        path.write_text(text + "\n")
        assert read_session(path).questions == []
        # A call needs a question to resume: a new call starts instead.
        plan = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
        assert plan.unfinished == []
        plan.release()


def test_a_question_budget_that_is_not_a_number_is_refused(
    workspace: Workspace, clock: ManualTime
) -> None:
    path = unfinished_file(workspace, clock)
    path.write_text(path.read_text().replace("minutes = 3.0", "minutes = nan", 1))
    with pytest.raises(InputError) as caught:
        read_session(path)
    assert ":65:11: expected a number, got nan (questions[1].minutes)" in str(caught.value)


def test_a_start_time_without_an_offset_is_offered_with_the_others(
    workspace: Workspace, clock: ManualTime
) -> None:
    """Typed by hand as local time; sorting it against the others must not crash."""
    older = unfinished_file(workspace, clock)
    newer = unfinished_file(workspace, clock, minutes=60)
    older.write_text(older.read_text().replace("T15:00:00-05:00", "T15:00:00", 1))
    plan = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
    assert {item.path for item in plan.unfinished} == {older, newer}
    plan.release()


async def test_home_refuses_a_call_open_in_another_process_naming_its_pid(
    workspace: Workspace, clock: ManualTime
) -> None:
    from coffeechat.ui.app import make_app
    from tests.call_helpers import Notes

    session = unfinished_file(workspace, clock)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import time; from pathlib import Path\n"
            "from coffeechat.core.files.locks import SessionLock\n"
            f"SessionLock.acquire(Path({str(workspace.sessions)!r}), {session.stem!r})\n"
            "print('locked', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        app = make_app(workspace, clock)
        toasts = Notes(app)
        async with app.run_test(size=(80, 24)):
            assert not app.start_call(workspace.agenda_path("jane-doe"))
        assert toasts.titles == ["Cannot start the call"]
        assert f"already open in another coffeechat (pid {holder.pid})" in toasts.shown[0][1]
    finally:
        holder.kill()
        holder.wait()


def test_a_linked_session_file_is_saved_through_the_link(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "s.toml"
    real.parent.mkdir()
    link = tmp_path / "s.toml"
    link.symlink_to(real)
    saver = Autosaver(link)
    for text in ("one\n", "two\n"):
        saver.submit(text)
        saver.flush()
    status = saver.close()
    assert status.saved and status.conflict is None
    assert link.is_symlink() and real.read_text() == "two\n"
