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
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.agenda import load_agenda
from coffeechat.core.atomic import write_atomic
from coffeechat.core.session import new_session, read_session, to_toml
from coffeechat.core.workspace import Workspace, prepare
from tests.conftest import CALL_TIME

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
NAME = "2026-11-24-1500-jane-doe.toml"


def texts() -> tuple[str, str]:
    """A session as last saved, and the next save (a few KB more notes)."""
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    before = to_toml(session)
    session.general_notes = "They moved from research to design in 2021.\n" * 200
    return before, to_toml(session)


def mount(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs, unmounted afterwards."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root and mount(8)")
    point = tmp_path / "tiny"
    point.mkdir()
    done = mount("-t", "tmpfs", "-o", "size=256k,mode=0700", "tmpfs", str(point))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield point
    finally:
        if subprocess.run(["umount", str(point)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(point)], check=False)


def fill(folder: Path) -> Path:
    """Write a file until the disk is full; return it."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError as err:
            assert err.errno == errno.ENOSPC
    return filler


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


def as_another_user(task: Callable[[Path], list[str]]) -> list[str]:
    """Run `task` in a folder where file permissions apply: as `nobody` when root."""
    folder = Path(tempfile.mkdtemp(prefix="coffeechat-test-"))
    try:
        if os.geteuid() != 0:
            return task(folder)
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            pytest.skip("running as root and there is no 'nobody' user to drop to")
        os.chown(folder, nobody.pw_uid, nobody.pw_gid)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
                report = task(folder)
            except BaseException as err:
                report = [f"task failed: {err!r}"]
            finally:
                with contextlib.suppress(BaseException):
                    os.write(write_end, json.dumps(report).encode())
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            raw = pipe.read()
        os.waitpid(pid, 0)
        return list(json.loads(raw))
    finally:
        for root, dirs, _files in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o700)
        shutil.rmtree(folder)


def read_only_folder(folder: Path) -> list[str]:
    """What happens, step by step, when the sessions folder turns read-only."""
    events = [f"uid {os.geteuid()}"]
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
    events = as_another_user(read_only_folder)
    assert events[0] != "uid 0", "the test must not run as root: root ignores permissions"
    assert events[1:4] == [
        f"refused: errno {errno.EACCES}",
        "old file whole",
        f"files: {[NAME]}",
    ]
    assert events[4].startswith("new: exit 1: ")
    assert "ada-lovelace.toml: no permission to write here" in events[4]
    assert "Traceback" not in events[4]
    assert events[5] == "saved once writable"
