"""I/O errors: the Nth open, write, fsync, close or rename of a save fails, for every N
through a whole save; the previous file stays whole, no temp file is left, and the
error reaches the caller as an OSError it can put into words.

Failures are injected by giving `core.files.atomic` an `os` whose calls fail on cue, the way
SQLite's test harness fails its Nth I/O call.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from coffeechat.cli import main
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files import atomic
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import new_session, read_session, to_toml
from tests.conftest import CALL_TIME

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
NAME = "2026-11-24-1500-jane-doe.toml"
CODES = (errno.EIO, errno.ENOSPC, errno.EROFS, errno.EACCES)
FILE_CALLS = ("open", "write", "fsync", "close", "replace")
CHUNK = 2048
"""Writes are cut to this size, as a kernel may do, so a save takes several."""


class FaultyOS:
    """`os` as `core.files.atomic` sees it: file calls are counted and the Nth one fails.

    `lasting` makes every later call fail too (a disk that stays full or read-only).
    """

    def __init__(self, fail_at: int = 0, code: int = errno.EIO, lasting: bool = False) -> None:
        self.fail_at = fail_at
        self.code = code
        self.lasting = lasting
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        real = getattr(os, name)
        if name not in FILE_CALLS:
            return real

        def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            count = len(self.calls)
            if count == self.fail_at or (self.lasting and count > self.fail_at > 0):
                if name == "close":
                    real(*args)  # a failed close still releases the descriptor
                raise OSError(self.code, os.strerror(self.code), str(args[0]))
            if name == "write":
                args = (args[0], args[1][:CHUNK])
            return real(*args, **kwargs)

        return call


def texts() -> tuple[str, str]:
    """The session as last saved, and as the save being tried (about 20 KB)."""
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    session.general_notes = "\n".join(f"line {n}: what they said" for n in range(300))
    before = to_toml(session)
    session.general_notes += "\nand the part typed since"
    session.questions[0].notes = "They moved from research in 2021."
    return before, to_toml(session)


def clean_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file calls of one save that meets no error."""
    after = texts()[1]
    spy = FaultyOS()
    monkeypatch.setattr(atomic, "os", spy)
    atomic.write_atomic(tmp_path / NAME, after)
    monkeypatch.undo()
    assert (tmp_path / NAME).read_text() == after
    return spy.calls


def test_a_save_makes_the_calls_expected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = clean_save(tmp_path, monkeypatch)
    writes = calls.count("write")
    assert writes > 3  # short writes are carried on, not taken for the end
    assert calls == ["open", *["write"] * writes, "fsync", "close", "replace"] + [
        "open",
        "fsync",
        "close",
    ]


def test_every_failing_call_of_a_save_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "clean").mkdir()
    calls = clean_save(tmp_path / "clean", monkeypatch)
    renamed_at = calls.index("replace") + 1
    before, after = texts()
    tried = 0
    for lasting in (False, True):
        for code in CODES:
            for fail_at in range(1, len(calls) + 1):
                folder = tmp_path / f"{lasting}-{code}-{fail_at}"
                folder.mkdir()
                path = folder / NAME
                atomic.write_atomic(path, before)
                faulty = FaultyOS(fail_at, code, lasting)
                monkeypatch.setattr(atomic, "os", faulty)
                try:
                    atomic.write_atomic(path, after)
                except OSError as err:
                    monkeypatch.undo()
                    assert fail_at <= renamed_at, f"{calls[fail_at - 1]} failed after the rename"
                    assert err.errno == code
                    assert atomic.reason(err) and atomic.remedy(err)
                    assert path.read_text() == before, f"call {fail_at} ({calls[fail_at - 1]})"
                else:
                    monkeypatch.undo()
                    # Only the folder's fsync may fail quietly: the file is already whole.
                    assert fail_at > renamed_at, f"call {fail_at} failed but no error was raised"
                    assert path.read_text() == after
                read_session(path)
                assert os.listdir(folder) == [NAME], f"call {fail_at} left {os.listdir(folder)}"
                tried += 1
    with capsys.disabled():
        print(f"\nI/O failure points tried: {tried} ({len(calls)} calls per save)")
    assert tried == 2 * len(CODES) * len(calls)


@pytest.mark.parametrize("code", CODES)
def test_a_new_agenda_that_cannot_be_written_leaves_nothing(
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
) -> None:
    faulty = FaultyOS(fail_at=2, code=code)  # open works, then fsync fails
    monkeypatch.setattr(atomic, "os", faulty)
    assert main(["--workspace", str(workspace.root), "new", "Ada Lovelace"]) == 1
    monkeypatch.undo()
    assert faulty.calls == ["open", "fsync"]
    assert not (workspace.agendas / "ada-lovelace.toml").exists()
    err = capsys.readouterr().err
    assert err.startswith(f"{workspace.display(workspace.agendas)}/ada-lovelace.toml: ")
    assert atomic.reason(OSError(code, "")) in err
    assert "hint: " in err and "Traceback" not in err
    # Once the disk is back, the same command works.
    assert main(["--workspace", str(workspace.root), "new", "Ada Lovelace"]) == 0


REASONS: list[tuple[int, str, Callable[[str], bool]]] = [
    (errno.ENOSPC, "the disk is full", lambda hint: "free some space" in hint),
    (errno.EROFS, "the disk is read-only", lambda hint: "writable" in hint),
    (errno.EACCES, "no permission to write here", lambda hint: "writable" in hint),
    (errno.EIO, "the disk reported an error", lambda hint: "try again" in hint),
    (errno.EMFILE, "too many open files", lambda hint: "try again" in hint),
]


@pytest.mark.parametrize(("code", "words", "hint_ok"), REASONS)
def test_failures_in_words(code: int, words: str, hint_ok: Callable[[str], bool]) -> None:
    err = OSError(code, os.strerror(code))
    assert atomic.reason(err) == words
    assert hint_ok(atomic.remedy(err))
