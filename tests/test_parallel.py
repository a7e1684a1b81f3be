"""Calls and commands started side by side: they take turns or are refused, truthfully.

One call at a time runs from an agenda, however close together two start, and even
where the sessions folder cannot hold a lock file. Short edits (`done`, `snooze`)
wait for each other; only a running call refuses them. Commands setting up one new
workspace at once all find it whole.

The processes here are started with their imports done and then released together
(`released_together`), so that what they do really overlaps.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pytest

from coffeechat.core.call.start import begin, plan_call
from coffeechat.core.files.locks import (
    CALL,
    EDIT,
    HeldLock,
    SessionBusyError,
    SessionLock,
    session_lock,
)
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import FollowUp, read_session, to_toml
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from tests.conftest import CALL_TIME
from tests.disks import with_permissions_enforced
from tests.past_sessions import make_session

ROOT = Path(__file__).parent.parent
WARM = textwrap.dedent(
    """
    import sys
    {imports}
    print("ready", flush=True)
    sys.stdin.readline()  # released together with the others
    {body}
    """
)
COMMAND = WARM.format(  # warm: the modules the commands below need are loaded
    imports="from coffeechat.cli import main\nfrom coffeechat.core.sessions import cache, marking",
    body="sys.exit(main(sys.argv[1:]))",
)
"""`coffeechat ARGS`, released together with the others."""
CALL_START = WARM.format(
    imports=(
        "from pathlib import Path\n"
        "from coffeechat.core.problems import InputError\n"
        "from coffeechat.core.settings import Settings\n"
        "from coffeechat.core.call.start import begin, plan_call\n"
        "from coffeechat.core.timesource import SystemTime\n"
        "from coffeechat.core.files.workspace import Workspace, prepare\n"
        "workspace = prepare(Workspace(Path(sys.argv[1])))"
    ),
    body=(
        "try:\n"
        "    plan = plan_call(workspace, workspace.agenda_path('jane-doe'), Settings())\n"
        "except InputError as err:\n"
        "    print(f'refused: {err}', flush=True)\n"
        "    sys.exit(1)\n"
        "opened = begin(workspace, plan, None, SystemTime().now())\n"
        "print(f'call: {opened.session.id}', flush=True)\n"
        "sys.stdin.readline()  # the call goes on until the test ends it\n"
    ),
)
"""What `coffeechat run jane-doe` does before its screen: plan the call, then begin it."""


def released_together(scripts: Sequence[tuple[str, Sequence[str]]]) -> list[subprocess.Popen[str]]:
    """Start each (script, arguments); once all are ready, let them all go at once."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", script, *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for script, args in scripts
    ]
    for process in started:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    for process in started:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    return started


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    """The exit code and everything printed, once the process has ended."""
    out, err = process.communicate(timeout=60)
    return process.returncode, out + err


# --- one call at a time from an agenda -----------------------------------------------


def test_two_calls_of_one_agenda_planned_at_once_are_one_call(
    workspace: Workspace, clock: ManualTime
) -> None:
    agenda = workspace.agenda_path("jane-doe")
    first = plan_call(workspace, agenda, Settings())
    with pytest.raises(InputError) as caught:
        plan_call(workspace, agenda, Settings())  # before the first has a session file
    assert str(caught.value).startswith(
        f"{agenda}: a call from this agenda is already open in another coffeechat "
        f"(pid {os.getpid()})\n  hint: switch to the terminal running it"
    )
    opened = begin(workspace, first, None, clock.now())
    opened.path.write_text(to_toml(opened.session))
    with pytest.raises(InputError) as caught:
        plan_call(workspace, agenda, Settings())
    assert str(caught.value).startswith(
        f"{opened.path}: this call is already open in another coffeechat (pid {os.getpid()})"
    )
    opened.release()
    again = plan_call(workspace, agenda, Settings())
    assert [item.path for item in again.unfinished] == [opened.path]
    again.release()
    assert sorted(p.name for p in workspace.sessions.iterdir()) == [opened.path.name]


def test_two_runs_of_one_agenda_released_together_are_one_call(workspace: Workspace) -> None:
    """Twice `coffeechat run jane-doe` at the same instant: one call, one refusal."""
    for _ in range(3):
        runs = released_together([(CALL_START, [str(workspace.root)])] * 2)
        said = []
        for process in runs:
            assert process.stdout is not None
            said.append(process.stdout.readline().strip())
        for process in runs:
            assert process.stdin is not None
            process.stdin.close()  # end the call
            assert process.wait(timeout=60) in (0, 1)
        calls = [line for line in said if line.startswith("call: ")]
        refused = [line for line in said if line.startswith("refused: ")]
        assert (len(calls), len(refused)) == (1, 1), said
        assert "already open in another coffeechat (pid " in refused[0]
        assert not calls[0].endswith("-2"), said
        for path in workspace.sessions.glob("*.toml"):
            path.unlink()


def two_calls_on_a_read_only_folder(folder: Path) -> list[str]:
    """Two calls of one agenda whose sessions folder cannot hold a lock file."""
    from coffeechat.core.files.workspace import prepare

    workspace = prepare(Workspace(folder / "ws"))
    agenda = workspace.agenda_path("jane-doe")
    os.chmod(workspace.sessions, 0o500)
    try:
        first = plan_call(workspace, agenda, Settings())
        events = []
        try:
            plan_call(workspace, agenda, Settings()).release()
            events.append("second: started too")
        except InputError as err:
            events.append(f"second: {err.problems[0].message}".replace(str(os.getpid()), "ME"))
        first.release()
        second = plan_call(workspace, agenda, Settings())
        events.append("after the first: started")
        second.release()
    finally:
        os.chmod(workspace.sessions, 0o700)
    events.append(f"in the sessions folder: {sorted(os.listdir(workspace.sessions))}")
    return events


def test_a_read_only_sessions_folder_still_keeps_to_one_call() -> None:
    events = with_permissions_enforced(two_calls_on_a_read_only_folder)
    assert events == [
        "permissions apply",
        "second: a call from this agenda is already open in another coffeechat (pid ME)",
        "after the first: started",
        "in the sessions folder: []",
    ]


# --- short edits take turns -------------------------------------------------------------


def test_a_short_edit_waits_for_another_one(tmp_path: Path) -> None:
    other = SessionLock.acquire(tmp_path, "s", EDIT)
    waited: list[float] = []

    def other_one_finishes(seconds: float) -> None:
        waited.append(seconds)
        other.release()

    with session_lock(tmp_path, "s", "s.toml", pause=other_one_finishes) as mine:
        assert mine.held
    assert waited


def test_a_running_call_refuses_a_short_edit_at_once(tmp_path: Path) -> None:
    def never(seconds: float) -> None:
        raise AssertionError("a running call is not waited for")

    with (
        SessionLock.acquire(tmp_path, "s", CALL),
        pytest.raises(InputError) as caught,
        session_lock(tmp_path, "s", "s.toml", pause=never),
    ):
        pass
    assert str(caught.value).startswith(
        f"s.toml: this session is open in a running call (pid {os.getpid()}); it was left unchanged"
    )


def test_a_lock_held_for_an_edit_does_not_pass_for_a_call(tmp_path: Path) -> None:
    with SessionLock.acquire(tmp_path, "s", EDIT), pytest.raises(SessionBusyError) as caught:
        HeldLock.take(tmp_path / ".s.lock", "s", CALL, wait=0)
    assert (caught.value.pid, caught.value.in_call) == (os.getpid(), False)


def test_five_done_at_once_on_one_session_all_succeed(workspace: Workspace) -> None:
    session = make_session("Jane Doe", "Acme", CALL_TIME)
    session.followups = [
        FollowUp(f"action-{n}", "action", f"Send link {n}", CALL_TIME) for n in range(1, 6)
    ]
    path = workspace.sessions / f"{session.id}.toml"
    path.write_text(to_toml(session))
    ws = ["--workspace", str(workspace.root)]
    dones = released_together(
        [(COMMAND, [*ws, "done", f"{session.id}/{item.id}"]) for item in session.followups]
    )
    results = [finished(process) for process in dones]
    assert [code for code, _ in results] == [0] * 5, results
    assert [item.status for item in read_session(path).followups] == ["done"] * 5


def test_commands_setting_up_one_new_workspace_at_once_all_work(tmp_path: Path) -> None:
    for round_ in range(3):
        root = tmp_path / f"new-{round_}"
        listings = released_together(
            [(COMMAND, ["--workspace", str(root), "sessions"])] * 3
            + [(COMMAND, ["--workspace", str(root), "check", "jane-doe"])]
        )
        results = [finished(process) for process in listings]
        assert [code for code, _ in results] == [0] * 4, results
        assert "ok: Jane Doe" in results[-1][1]
        names = {p.name for p in root.iterdir()}
        assert {"agendas", "sessions"} <= names
        assert not [name for name in names if name.startswith(".agendas")], names
        assert [p.name for p in (root / "agendas").iterdir()] == ["jane-doe.toml"]
