"""Privacy: what coffeechat creates is its owner's alone (files 0600, folders 0700)
whatever the umask, and nothing about a person is written outside the workspace."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.call.autosave import Autosaver, write_checked
from coffeechat.core.files.atomic import RESCUE_TAG, TEMP_SUFFIX, write_atomic
from coffeechat.core.files.locks import lock_path
from coffeechat.core.files.workspace import Workspace, prepare, settle_workspace_leftovers
from coffeechat.core.sessions.format import new_session, read_session, to_toml
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from tests.call_helpers import call_app, call_screen, on_disk
from tests.conftest import CALL_TIME
from tests.terminal import Terminal, coffeechat_command
from tests.test_bad_input import COMMAND
from tests.test_crash import dead_pid

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
NOTE = "Priya said the reorg is not public yet"
"""A note about a person, to look for anywhere it should not be."""


@pytest.fixture
def open_umask() -> Iterator[None]:
    """The most permissive umask a person could have set."""
    before = os.umask(0)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def everything_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


@pytest.mark.usefixtures("open_umask")
def test_everything_created_is_private_under_umask_0(tmp_path: Path) -> None:
    workspace = prepare(Workspace(tmp_path / "new" / "parents" / "ws"))
    assert main(["--workspace", str(workspace.root), "new", "Ada Lovelace"]) == 0
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    session.general_notes = NOTE
    path = workspace.sessions / f"{session.id}.toml"
    write_atomic(path, to_toml(session))
    write_atomic(path, to_toml(session))  # replacing keeps it private too
    temp = workspace.sessions / f".{path.name}.{dead_pid()}.tmp"
    write_atomic(temp, to_toml(session) + "\n")  # an interrupted save, kept at start
    os.utime(path, (0, 0))
    assert [item.outcome for item in settle_workspace_leftovers(workspace)] == ["kept"]

    created = [
        tmp_path / "new",
        tmp_path / "new" / "parents",
        workspace.root,
        *everything_under(workspace.root),
    ]
    assert {p.name for p in created} >= {
        "ws",
        "agendas",
        "sessions",
        "jane-doe.toml",
        "ada-lovelace.toml",
        path.name,
        f"{path.name}.recovered",
    }
    for item in created:
        expected = 0o700 if item.is_dir() else 0o600
        assert mode(item) == expected, f"{item} is {oct(mode(item))}"


def run_cli(workspace: Workspace | None, env: dict[str, str], cwd: Path, *args: str) -> str:
    result = subprocess.run(
        [*COMMAND, *(["--workspace", str(workspace.root)] if workspace else []), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout + result.stderr


def clean_environment(tmp_path: Path) -> tuple[dict[str, str], list[Path]]:
    """An environment whose home, temp and working folders start empty."""
    home, temp, here = tmp_path / "home", tmp_path / "tmp", tmp_path / "here"
    for folder in (home, temp, here):
        folder.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("XDG_", "COFFEECHAT_", "PYTHON"))
    }
    env.update(HOME=str(home), TMPDIR=str(temp), PYTHONDONTWRITEBYTECODE="1")
    return env, [home, temp, here]


def test_commands_write_nothing_outside_the_workspace(tmp_path: Path) -> None:
    env, (home, temp, here) = clean_environment(tmp_path)
    workspace = Workspace(tmp_path / "ws")
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"p.write_text(p.read_text().replace('Ask for two people', {NOTE!r}))\n"
    )
    (tmp_path / "bad.toml").write_text(f'[meeting]\nwith = "Priya"\nnote = "{NOTE}"\n')
    run_cli(workspace, env, here, "new", "Priya Patel", "--organization", "Acme")
    run_cli(workspace, env, here, "check", "priya-patel", str(tmp_path / "bad.toml"), "nope")
    output = run_cli(
        workspace, {**env, "VISUAL": f"{sys.executable} {editor}"}, here, "edit", "priya-patel"
    )
    assert "ok: Priya Patel (Acme)" in output
    assert NOTE in (workspace.agendas / "priya-patel.toml").read_text()
    for folder in (home, temp, here):
        assert everything_under(folder) == [], f"written outside the workspace: {folder}"


def test_the_default_workspace_is_the_only_thing_in_home(tmp_path: Path) -> None:
    env, (home, temp, here) = clean_environment(tmp_path)
    output = run_cli(None, env, here, "check", "jane-doe")
    assert "ok: Jane Doe" in output
    root = home / ".local" / "share" / "coffeechat"
    assert [p for p in everything_under(home) if root not in (p, *p.parents)] == [
        home / ".local",
        home / ".local" / "share",
    ]
    assert mode(root) == 0o700
    assert everything_under(temp) == [] and everything_under(here) == []


async def test_the_home_screen_writes_nothing_outside_the_workspace(
    tmp_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    _env, (home, temp, here) = clean_environment(tmp_path)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.chdir(here)
    app = make_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter", "ctrl+p", "escape")
        await pilot.pause()
    for folder in (home, temp, here):
        assert everything_under(folder) == [], f"written outside the workspace: {folder}"


# --- the live call ----------------------------------------------------------------------


def temp_modes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Records the name and mode of every temp file as it is renamed over its file."""
    seen: list[tuple[str, int]] = []
    real_replace = os.replace

    def replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append((Path(src).name, mode(Path(src))))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    return seen


@pytest.mark.usefixtures("open_umask")
async def test_what_a_live_call_writes_is_private_under_umask_0(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = ManualTime(CALL_TIME)
    workspace = prepare(Workspace(tmp_path / "ws"))
    temps = temp_modes(monkeypatch)
    app = call_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"Priya")
        on_disk(screen)
        lock = lock_path(workspace.sessions, screen.opened.session.id)
        assert mode(lock) == 0o600
        path.write_text(path.read_text().replace('"Priya"', f'"{NOTE}"'))  # edited by hand
        os.chmod(path, 0o644)  # as an editor under umask 0 might leave it
        await pilot.press("!")
        on_disk(screen)
        await pilot.press("ctrl+q")
    conflict = path.with_name(f"{path.name}.conflict-1")
    assert NOTE in conflict.read_text()
    assert temps and {name for name, _ in temps} >= {f".{path.name}.{os.getpid()}.tmp"}
    assert {mode for _, mode in temps} == {0o600}
    created = [workspace.root, *everything_under(workspace.root)]
    assert {p.name for p in created} >= {"sessions", path.name, conflict.name}
    for item in created:
        expected = 0o700 if item.is_dir() else 0o600
        assert mode(item) == expected, f"{item} is {oct(mode(item))}"


@pytest.mark.usefixtures("open_umask")
def test_a_rescue_from_a_signal_handler_writes_privately(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rescue that interrupts a save in progress writes through its own temp file."""
    path = tmp_path / "s.toml"
    temps = temp_modes(monkeypatch)

    def write_then_get_a_signal(target: Path, text: str, check: Callable[[], object]) -> None:
        saver.rescue(NOTE)
        write_checked(target, text, check)

    saver = Autosaver(path, write=write_then_get_a_signal)
    saver.submit("older\n")
    saver.flush()
    rescue = f".{path.name}.{os.getpid()}{RESCUE_TAG}{TEMP_SUFFIX}"
    assert (rescue, 0o600) in temps
    assert {mode for _, mode in temps} == {0o600}


@pytest.mark.e2e
def test_a_call_in_a_terminal_writes_nothing_outside_the_workspace(tmp_path: Path) -> None:
    """The real app, under umask 0, with empty home, temp and working folders."""
    _env, (home, temp, here) = clean_environment(tmp_path)
    workspace = Workspace(tmp_path / "new" / "ws")
    term = Terminal(
        tmp_path / "tmux.sock",
        coffeechat_command(workspace, "run", "jane-doe"),
        env={"HOME": str(home), "TMPDIR": str(temp), "PYTHONDONTWRITEBYTECODE": "1"},
        umask=0,
        cwd=here,
        report_exit=True,
    )
    try:
        term.wait_for("left of 20m")
        term.type(NOTE)
        term.wait_for("reorg")
        locks = list(workspace.sessions.glob(".*.lock"))  # the session's and the agenda's
        assert locks and {mode(lock) for lock in locks} == {0o600}
        term.keys("C-r")
        term.wait_for("New referral")
        term.type("Priya Patel")
        term.keys("C-s", "C-e")
        term.wait_for("Save and finish")
        term.keys("C-s")
        assert term.exit_code() == 0
    finally:
        term.close()
    (path,) = workspace.sessions.glob("*.toml")
    session = read_session(path)
    assert (session.status, session.questions[0].notes) == ("completed", NOTE)
    assert [referral.name for referral in session.referrals] == ["Priya Patel"]
    for folder in (home, temp, here):
        assert everything_under(folder) == [], f"written outside the workspace: {folder}"
    created = [tmp_path / "new", workspace.root, *everything_under(workspace.root)]
    assert {p.name for p in created} >= {"ws", "agendas", "sessions", path.name}
    for item in created:
        expected = 0o700 if item.is_dir() else 0o600
        assert mode(item) == expected, f"{item} is {oct(mode(item))}"
