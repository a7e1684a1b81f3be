"""Disks that fail for real: a tiny tmpfs that fills up or turns read-only, a folder
made read-only for a user that file permissions apply to, and a sessions folder
bind-mounted read-only under a running call.

Mounting needs root (tests that need it skip with the reason otherwise); root
ignores file permissions, so a read-only folder is tried in a fork that gave up
the capabilities that let it (`with_permissions_enforced`).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
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


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
"""The capabilities that let root ignore file permissions (linux/capability.h)."""
_CAPABILITY_VERSION_3 = 0x20080522


class _CapHeader(ctypes.Structure):
    _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [
        ("effective", ctypes.c_uint32),
        ("permitted", ctypes.c_uint32),
        ("inheritable", ctypes.c_uint32),
    ]


def give_up_ignoring_permissions() -> None:
    """Drop, for this process, what lets root ignore file permissions.

    It stays uid 0, so it can still read what root owns (a checkout in a folder only
    root can open, where `nobody` could not even import coffeechat), but a folder
    made read-only refuses it as it would refuse its owner. `OSError` if the system
    does not allow it.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    header = _CapHeader(_CAPABILITY_VERSION_3, 0)
    sets = (_CapData * 2)()
    if libc.capget(ctypes.byref(header), sets) != 0:
        raise OSError(ctypes.get_errno(), "capget failed")
    keep = ~((1 << CAP_DAC_OVERRIDE) | (1 << CAP_DAC_READ_SEARCH) | (1 << CAP_FOWNER))
    for field in ("effective", "permitted", "inheritable"):
        setattr(sets[0], field, getattr(sets[0], field) & keep & 0xFFFFFFFF)
    if libc.capset(ctypes.byref(header), sets) != 0:
        raise OSError(ctypes.get_errno(), "capset failed")


def permissions_apply(folder: Path) -> bool:
    """Whether this process is refused a file in a folder made read-only."""
    probe = folder / "probe"
    probe.mkdir(mode=0o500)
    try:
        (probe / "file").touch()
    except PermissionError:
        return True
    finally:
        probe.chmod(0o700)
        shutil.rmtree(probe)
    return False


def with_permissions_enforced(task: Callable[[Path], list[str]]) -> list[str]:
    """Run `task` in a new folder, in a forked process to which file permissions apply.

    As root the fork gives up ignoring them (`give_up_ignoring_permissions`); the task
    reports what it saw as a list of lines, the first saying whether permissions
    applied (`permissions apply`), which every test checks.
    """
    folder = Path(tempfile.mkdtemp(prefix="coffeechat-test-"))
    try:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                if os.geteuid() == 0:
                    give_up_ignoring_permissions()
                applied = "permissions apply" if permissions_apply(folder) else "root ignores them"
                report = [applied, *task(folder)]
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
        report = list(json.loads(raw))
        if report[0].startswith("task failed: OSError") and "capset" in report[0]:
            pytest.skip(f"root cannot give up ignoring file permissions here: {report[0]}")
        return report
    finally:
        for root, dirs, _files in os.walk(folder):
            for name in dirs:
                os.chmod(os.path.join(root, name), 0o700)
        shutil.rmtree(folder)
