"""Crash: a process saving sessions is killed with `kill -9` at random moments, many
times. Every session file left behind must parse and hold at least the last save the
writer confirmed; temp files it left are swept or kept for recovery at the next start.

The writer is forked from the test process (already holding every import), so a round
costs a few milliseconds and hundreds of kills fit in a second or two.
"""

from __future__ import annotations

import os
import random
import signal
import struct
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.files.atomic import write_atomic
from coffeechat.core.files.leftovers import settle_leftovers
from coffeechat.core.files.regular import MAX_SESSION_BYTES
from coffeechat.core.files.workspace import Workspace, settle_workspace_leftovers
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import Session, new_session, read_session, to_toml
from tests.conftest import CALL_TIME

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
KILLS = 200
FILES = ("2026-11-24-1500-jane-doe.toml", "2026-11-20-0900-sam-lee.toml")
REPORT = struct.Struct("<BI")
"""What the writer sends after each confirmed save: which file, which save."""


def notes_for(save: int) -> str:
    """The notes as they stood at save number `save` (grows, then keeps the last 300)."""
    return "\n".join(
        f"{line:06d} They said the role is “half research, half design” — café ✓"
        for line in range(max(0, save - 300), save)
    )


def session_at(base: Session, save: int) -> Session:
    """The session as the writer saves it the `save`th time."""
    base.elapsed_seconds = save
    base.general_notes = notes_for(save)
    base.questions[save % len(base.questions)].notes = f"note written by save {save}"
    return base


def save_number(session: Session) -> int:
    """Which save a session on disk is, after checking it is that save exactly."""
    save = session.elapsed_seconds
    assert session.general_notes == notes_for(save), "notes from two different saves"
    return save


def write_forever(folder: Path, sessions: list[Session], first: list[int], report: int) -> None:
    """The writer: save each session in turn, telling the parent after each save."""
    saves = list(first)
    while True:
        for index, session in enumerate(sessions):
            saves[index] += 1
            write_atomic(folder / FILES[index], to_toml(session_at(session, saves[index])))
            os.write(report, REPORT.pack(index, saves[index]))


@dataclass
class Tally:
    """What the rounds found, for the assertion and for the report."""

    kills: int = 0
    damaged: list[str] = field(default_factory=list)
    confirmed_saves: int = 0
    leftovers: Counter[str] = field(default_factory=Counter)


def run_rounds(folder: Path, rounds: int, seed: int) -> Tally:
    """Start a writer, kill it at a random moment, check the files; `rounds` times."""
    rng = random.Random(seed)
    agenda = load_agenda(FULL)
    tally = Tally()
    found: dict[str, Session] = {}
    for round_number in range(rounds):
        # Each round resumes from what the last one left, as `coffeechat run` would.
        sessions = [
            found.get(name) or new_session(agenda, "agendas/full.toml", CALL_TIME, 1200)
            for name in FILES
        ]
        on_disk = [session.elapsed_seconds for session in sessions]
        confirmed = list(on_disk)
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                os.close(read_end)
                write_forever(folder, sessions, on_disk, write_end)
            finally:
                os._exit(1)
        os.close(write_end)
        # A random moment: after 0-4 confirmed saves, then up to 2 ms more.
        for _ in range(rng.randint(0, 4)):
            index, save = REPORT.unpack(os.read(read_end, REPORT.size))
            confirmed[index] = save
        time.sleep(rng.uniform(0, 0.002))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        tally.kills += 1
        while chunk := os.read(read_end, REPORT.size):
            index, save = REPORT.unpack(chunk)
            confirmed[index] = save
        os.close(read_end)
        tally.confirmed_saves += sum(c - d for c, d in zip(confirmed, on_disk, strict=True))
        found = check_files(folder, confirmed, f"round {round_number}", tally)
    return tally


def check_files(folder: Path, confirmed: list[int], where: str, tally: Tally) -> dict[str, Session]:
    """Each file holds its last confirmed save or the one after; leftovers settle."""
    found = {}
    for index, name in enumerate(FILES):
        path = folder / name
        if not path.exists():
            if confirmed[index]:
                tally.damaged.append(f"{where}: {name} is gone")
            continue
        try:
            found[name] = read_session(path)
            save = save_number(found[name])
        except (InputError, AssertionError) as err:
            found.pop(name, None)
            tally.damaged.append(f"{where}: {name}: {err}")
            continue
        if not confirmed[index] <= save <= confirmed[index] + 1:
            tally.damaged.append(f"{where}: {name} holds save {save}, confirmed {confirmed[index]}")
    for leftover in settle_leftovers(folder, whole_session, MAX_SESSION_BYTES):
        tally.leftovers[leftover.outcome] += 1
        if leftover.kept_as is not None:
            # Kept only when whole and newer: it is exactly the save being written.
            kept = save_number(read_session(leftover.kept_as, leftover.target.name))
            assert kept == found[leftover.target.name].elapsed_seconds + 1, where
            leftover.kept_as.unlink()
        if leftover.outcome == "restored":
            found[leftover.target.name] = read_session(leftover.target)
    left = {p.name for p in folder.iterdir()}
    assert left <= set(FILES), f"{where}: temp files remain after settling: {left}"
    return found


def whole_session(raw: bytes, path: Path) -> bool:
    """A temp file is worth keeping if it is a complete session."""
    from coffeechat.core.sessions.format import parse_session

    try:
        parse_session(raw, path)
    except InputError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_kill_9_never_leaves_a_damaged_or_stale_session(tmp_path: Path) -> None:
    seed = int(os.environ.get("COFFEECHAT_CRASH_SEED", random.randrange(2**32)))
    tally = run_rounds(tmp_path, KILLS, seed)
    print(
        f"\ncrash harness (seed {seed}): {tally.kills} kills, "
        f"{len(tally.damaged)} damaged files, {tally.confirmed_saves} confirmed saves, "
        f"leftover temp files: {dict(tally.leftovers)}"
    )
    assert tally.damaged == [], f"seed {seed}"
    assert tally.kills == KILLS
    assert tally.confirmed_saves > KILLS  # the writer got to work between kills


def test_a_plain_write_would_have_been_caught(tmp_path: Path) -> None:
    """The harness can fail: a session cut short in place is found damaged."""
    agenda = load_agenda(FULL)
    session = session_at(new_session(agenda, "a", CALL_TIME, 1200), 40)
    text = to_toml(session)
    (tmp_path / FILES[0]).write_text(text[: len(text) // 2])
    tally = Tally()
    check_files(tmp_path, [40, 0], "cut", tally)
    assert len(tally.damaged) == 1


def test_leftovers_are_settled_when_the_workspace_opens(workspace: Workspace) -> None:
    """What the harness saw, through the path the CLI takes at start."""
    agenda = load_agenda(FULL)
    session = new_session(agenda, "a", CALL_TIME, 1200)
    path = workspace.sessions / FILES[0]
    write_atomic(path, to_toml(session_at(session, 5)))
    dead = dead_pid()
    temp = workspace.sessions / f".{FILES[0]}.{dead}.tmp"
    temp.write_text(to_toml(session_at(session, 6))[:-200])  # cut short
    (outcome,) = [item.outcome for item in settle_workspace_leftovers(workspace)]
    assert outcome == "swept"
    assert not temp.exists()
    assert save_number(read_session(path)) == 5


def dead_pid() -> int:
    """The pid of a process that has exited."""
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid
