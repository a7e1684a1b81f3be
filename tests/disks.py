"""Disks that fail for real: a tiny tmpfs that fills up or turns read-only, a folder
made read-only for a user that file permissions apply to, and a sessions folder
bind-mounted read-only under a running call.

Mounting needs root (tests that need it skip with the reason otherwise); root
ignores file permissions, so a read-only folder is tried as `nobody` in a fork.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


def mount(*args: str) -> subprocess.CompletedProcess[str]:
    """Run mount(8); its result, never raising."""
    return subprocess.run(["mount", *args], capture_output=True, text=True, check=False)


def unmount(point: Path) -> None:
    """Unmount `point`, lazily if something still uses it."""
    if subprocess.run(["umount", str(point)], capture_output=True, check=False).returncode:
        subprocess.run(["umount", "-l", str(point)], capture_output=True, check=False)


def can_mount() -> str | None:
    """Why mounting is impossible here, or None if it is possible."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return "mounting needs root and mount(8)"
    return None


@contextlib.contextmanager
def tiny_tmpfs(folder: Path, size: str = "256k") -> Iterator[Path]:
    """A tmpfs of `size` mounted at `folder/tiny` (skips the test if it cannot be)."""
    why = can_mount()
    if why:
        pytest.skip(why)
    point = folder / "tiny"
    point.mkdir()
    done = mount("-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(point))
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield point
    finally:
        unmount(point)


@contextlib.contextmanager
def read_only_mount(folder: Path) -> Iterator[None]:
    """`folder` read-only from now on, for every new file opened through its path.

    A bind mount of the folder on itself, remounted read-only: files already open
    (a running call's lock) stay as they are, as when a disk turns read-only.
    """
    why = can_mount()
    if why:
        pytest.skip(why)
    done = mount("--bind", str(folder), str(folder))
    if done.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {done.stderr.strip()}")
    try:
        done = mount("-o", "remount,bind,ro", str(folder))
        assert done.returncode == 0, done.stderr
        yield
    finally:
        unmount(folder)


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


def as_another_user(task: Callable[[Path], list[str]]) -> list[str]:
    """Run `task` in a folder where file permissions apply: as `nobody` when root.

    The task runs in a forked process and reports what it saw as a list of lines.
    """
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
