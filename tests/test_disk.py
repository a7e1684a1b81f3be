"""A real full disk, a disk remounted read-only and a read-only folder: the old file
stays whole, the error is raised (and said in words by the CLI), and saving works
again once there is room or permission.

The full disk is a tiny tmpfs (needs root to mount; skipped otherwise). Root ignores
file permissions, so the read-only folder is tried as `nobody` in a forked process.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files.atomic import write_atomic
from coffeechat.core.files.workspace import Workspace, prepare
from coffeechat.core.sessions.format import new_session, read_session, to_toml
from tests.conftest import CALL_TIME
from tests.disks import fill, mount, tiny_tmpfs, with_permissions_enforced

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
NAME = "2026-11-24-1500-jane-doe.toml"


def texts() -> tuple[str, str]:
    """A session as last saved, and the next save (a few KB more notes)."""
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    before = to_toml(session)
    session.general_notes = "They moved from research to design in 2021.\n" * 200
    return before, to_toml(session)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs, unmounted afterwards."""
    with tiny_tmpfs(tmp_path) as point:
        yield point


def test_full_disk(tiny_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = prepare(Workspace(tiny_disk / "ws"))
    path = workspace.sessions / NAME
    before, after = texts()
    write_atomic(path, before)
    filler = fill(workspace.root)

    with pytest.raises(OSError) as caught:
        write_atomic(path, after)
    assert caught.value.errno == errno.ENOSPC
    assert path.read_text() == before
    assert os.listdir(workspace.sessions) == [NAME]

    assert main(["--workspace", str(workspace.root), "new", "Ada Lovelace"]) == 1
    err = capsys.readouterr().err
    assert "ada-lovelace.toml: the disk is full\n  hint: free some space" in err
    assert "Traceback" not in err
    assert not (workspace.agendas / "ada-lovelace.toml").exists()

    filler.unlink()
    write_atomic(path, after)
    assert path.read_text() == after
    read_session(path)
    assert main(["--workspace", str(workspace.root), "new", "Ada Lovelace"]) == 0


def test_disk_remounted_read_only(tiny_disk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workspace = prepare(Workspace(tiny_disk / "ws"))
    path = workspace.sessions / NAME
    before, after = texts()
    write_atomic(path, before)
    assert mount("-o", "remount,ro", str(tiny_disk)).returncode == 0
    try:
        with pytest.raises(OSError) as caught:
            write_atomic(path, after)
        assert caught.value.errno == errno.EROFS
        assert path.read_text() == before
        assert main(["--workspace", str(workspace.root), "new", "Ada Lovelace"]) == 1
        assert "the disk is read-only" in capsys.readouterr().err
    finally:
        assert mount("-o", "remount,rw", str(tiny_disk)).returncode == 0
    write_atomic(path, after)
    assert path.read_text() == after
    assert os.listdir(workspace.sessions) == [NAME]


def read_only_folder(folder: Path) -> list[str]:
    """What happens, step by step, when the sessions folder turns read-only."""
    events: list[str] = []
    workspace = prepare(Workspace(folder / "ws"))
    path = workspace.sessions / NAME
    before, after = texts()
    write_atomic(path, before)
    os.chmod(workspace.sessions, 0o500)
    os.chmod(workspace.agendas, 0o500)
    try:
        write_atomic(path, after)
        events.append("saved into a read-only folder")
    except PermissionError as err:
        events.append(f"refused: errno {err.errno}")
    events.append("old file whole" if path.read_text() == before else "old file changed")
    events.append(f"files: {sorted(os.listdir(workspace.sessions))}")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        code = main(["--workspace", str(workspace.root), "new", "Ada Lovelace"])
    events.append(f"new: exit {code}: {stderr.getvalue()}")
    os.chmod(workspace.sessions, 0o700)
    write_atomic(path, after)
    events.append("saved once writable" if path.read_text() == after else "not saved")
    return events


def test_read_only_sessions_folder() -> None:
    events = with_permissions_enforced(read_only_folder)
    assert events[0] == "permissions apply", events
    assert events[1:4] == [
        f"refused: errno {errno.EACCES}",
        "old file whole",
        f"files: {[NAME]}",
    ]
    assert events[4].startswith("new: exit 1: ")
    assert "ada-lovelace.toml: no permission to write here" in events[4]
    assert "Traceback" not in events[4]
    assert events[5] == "saved once writable"
