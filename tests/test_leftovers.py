"""Temp files of interrupted saves: swept when there is nothing to gain, kept for the
person when they hold a whole newer save, never touched while their writer runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files.atomic import write_atomic
from coffeechat.core.files.leftovers import recovery_copies, recovery_reminder
from coffeechat.core.files.workspace import Workspace, prepare, settle_workspace_leftovers
from coffeechat.core.sessions.format import Session, new_session, read_session, to_toml
from coffeechat.ui.app import CoffeechatApp, make_app
from tests.conftest import CALL_TIME
from tests.test_crash import dead_pid

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
NAME = "2026-11-24-1500-jane-doe.toml"


def session(notes: str) -> Session:
    made = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    made.general_notes = notes
    return made


def saved(workspace: Workspace, notes: str) -> Path:
    """The session file as the last good save left it, an hour ago."""
    path = workspace.sessions / NAME
    write_atomic(path, to_toml(session(notes)))
    stamp = path.stat().st_mtime - 3600
    os.utime(path, (stamp, stamp))
    return path


def leftover(workspace: Workspace, text: str, pid: int | None = None, name: str = NAME) -> Path:
    """A temp file as `write_atomic` names it, from a writer that is gone."""
    temp = workspace.sessions / f".{name}.{pid or dead_pid()}.tmp"
    temp.write_text(text)
    return temp


def outcomes(workspace: Workspace) -> list[str]:
    return [item.outcome for item in settle_workspace_leftovers(workspace)]


def test_a_save_cut_short_is_swept(workspace: Workspace) -> None:
    path = saved(workspace, "before")
    temp = leftover(workspace, to_toml(session("before and after"))[:-300])
    assert outcomes(workspace) == ["swept"]
    assert not temp.exists()
    assert read_session(path).general_notes == "before"


def test_a_whole_newer_save_is_kept_and_the_person_told(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    path = saved(workspace, "before")
    leftover(workspace, to_toml(session("before and after")))
    assert main(["--workspace", str(workspace.root), "check", "jane-doe"]) == 0
    kept = workspace.sessions / f"{NAME}.recovered"
    assert read_session(kept, NAME).general_notes == "before and after"
    assert read_session(path).general_notes == "before"  # never applied silently
    err = capsys.readouterr().err
    assert f"{NAME}.recovered: warning: coffeechat stopped while saving " in err
    assert "; the newer version it was writing is kept here" in err
    assert f"hint: compare the two; to use this one: mv {kept}" in err
    assert "Traceback" not in err
    assert sorted(p.name for p in workspace.sessions.iterdir()) == [NAME, kept.name]


def test_a_second_recovery_does_not_overwrite_the_first(workspace: Workspace) -> None:
    saved(workspace, "before")
    leftover(workspace, to_toml(session("first try")))
    leftover(workspace, to_toml(session("second try")))
    assert outcomes(workspace) == ["kept", "kept"]
    kept = sorted(p.name for p in workspace.sessions.glob("*.recovered*"))
    assert kept == [f"{NAME}.recovered", f"{NAME}.recovered-2"]


def test_an_older_or_identical_save_is_swept(workspace: Workspace) -> None:
    path = saved(workspace, "newest")
    old = leftover(workspace, to_toml(session("older")))
    stamp = path.stat().st_mtime - 60
    os.utime(old, (stamp, stamp))  # the file was saved (or edited) after it
    same = leftover(workspace, path.read_text())
    assert outcomes(workspace) == ["swept", "swept"]
    assert not old.exists() and not same.exists()
    assert read_session(path).general_notes == "newest"


def test_the_first_save_of_a_call_is_restored(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    leftover(workspace, to_toml(session("only copy")))
    prepare(workspace, notify=lambda notice: print(notice.render()))
    assert read_session(workspace.sessions / NAME).general_notes == "only copy"
    assert "stopped during the first save of this file; it was restored" in capsys.readouterr().out


def test_a_running_writer_is_left_alone(workspace: Workspace) -> None:
    saved(workspace, "before")
    writer = subprocess.Popen(
        [sys.executable, "-c", "print('ready', flush=True); input()"], stdin=-1, stdout=-1
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline() == b"ready\n"
        temp = leftover(workspace, "half a sa", pid=writer.pid)
        own = leftover(workspace, "half a sa", pid=os.getpid(), name="other.toml")
        assert outcomes(workspace) == ["left", "left"]
        assert temp.exists() and own.exists()
    finally:
        writer.communicate(b"\n")
    assert outcomes(workspace) == ["swept", "left"]


def test_only_temp_files_of_toml_files_are_touched(workspace: Workspace) -> None:
    mine = [
        workspace.sessions / ".notes.2024.tmp",
        workspace.sessions / ".draft.txt.123.tmp",
        workspace.root / ".backup.99.tmp",
    ]
    for path in mine:
        path.write_text("a person's own file")
    agenda_temp = workspace.agendas / f".jane-doe.toml.{dead_pid()}.tmp"
    agenda_temp.write_text("[meeting")
    odd_pid = workspace.sessions / f".{NAME}.9999999999.tmp"
    odd_pid.write_text("x")
    assert sorted(outcomes(workspace)) == ["swept", "swept"]
    assert all(path.exists() for path in mine)
    assert not agenda_temp.exists() and not odd_pid.exists()


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux's /proc")
def test_a_process_number_reused_by_another_program_does_not_keep_a_leftover(
    workspace: Workspace,
) -> None:
    saved(workspace, "before")
    other = subprocess.Popen(["sh", "-c", "echo ready; read line"], stdin=-1, stdout=-1)
    try:
        assert other.stdout is not None and other.stdout.readline() == b"ready\n"
        temp = leftover(workspace, "half a sa", pid=other.pid)
        assert outcomes(workspace) == ["swept"]
        assert not temp.exists()
    finally:
        other.communicate(b"\n")


async def test_the_app_reminds_the_person_of_recovered_copies(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved(workspace, "before")
    (workspace.sessions / f"{NAME}.recovered").write_text(to_toml(session("after")))
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(
        CoffeechatApp, "notify", lambda _app, message, **kw: told.append((message, kw["title"]))
    )
    async with make_app(workspace).run_test(size=(80, 24)):
        pass
    assert told == [
        (
            "A save of 2026-11-24-1500-jane-doe was interrupted. The newer copy is beside it "
            "in sessions/, ending in .recovered: compare them and keep the one you want.",
            "Notes recovered",
        )
    ]
    (workspace.sessions / f"{NAME}.recovered-2").write_text("x")
    assert recovery_reminder(recovery_copies(workspace.sessions)).startswith(
        "2 interrupted saves are kept in sessions/"
    )


async def test_no_reminder_without_recovered_copies(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(CoffeechatApp, "notify", lambda _app, message, **kw: told.append(message))
    async with make_app(workspace).run_test(size=(80, 24)):
        pass
    assert told == []
