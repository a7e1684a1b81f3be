"""Only regular files are ever opened: a named pipe or a folder where an agenda,
a session, the settings, a theme or the cache should be is reported, never waited on.

Before the fix a pipe blocked the reader for ever, so every test here would hang:
each runs its reader where a hang shows as a failure (a thread with a deadline, or
a process with a timeout), and then unblocks the pipe.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import quoted
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.cachefile import CACHE_NAME
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.widgets.agenda_list import AgendaList
from tests.past_sessions import NOW, jane, write
from tests.pilot_helpers import settle
from tests.test_bad_input import COMMAND, GOOD, assert_clean_failure

DEADLINE = 20.0
"""Seconds a reader gets; it takes milliseconds, or hangs for ever."""


def pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def unblock(fifo: Path) -> None:
    """Let a reader blocked on opening `fifo` go on (a writer opens and closes it)."""
    with contextlib.suppress(OSError):
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def finishes(task: Callable[[], object], fifos: list[Path]) -> object:
    """`task`'s result, run where a hang fails the test instead of stopping the suite."""
    result: list[object] = []

    def run() -> None:
        try:
            result.append(task())
        except Exception as err:  # raised again below, on the test's thread
            result.append(err)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(DEADLINE)
    hung = worker.is_alive()
    for fifo in fifos:
        unblock(fifo)
    worker.join(DEADLINE)
    assert not hung, "the reader waited on a named pipe"
    if isinstance(result[0], Exception):
        raise result[0]
    return result[0]


def coffeechat(workspace: Workspace, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            [*COMMAND, "--workspace", str(workspace.root), *args],
            capture_output=True,
            encoding="utf-8",
            cwd=workspace.root,
            timeout=DEADLINE,
            check=False,
        )
    except subprocess.TimeoutExpired:
        for fifo in workspace.agendas.glob("*.toml"):
            unblock(fifo)
        pytest.fail("coffeechat waited on a named pipe")


@pytest.fixture
def odd(workspace: Workspace) -> Workspace:
    """Agendas holding a good file, a named pipe and a folder, all named `.toml`."""
    (workspace.agendas / "ada.toml").write_text(GOOD)
    pipe(workspace.agendas / "pipe.toml")
    (workspace.agendas / "folder.toml").mkdir()
    return workspace


def test_read_regular_refuses_what_is_not_a_file(tmp_path: Path) -> None:
    from coffeechat.core.files.regular import NotAFileError, read_regular

    fifo = pipe(tmp_path / "fifo")
    kinds = {}
    for path in (fifo, tmp_path, Path("/dev/null")):
        with pytest.raises(NotAFileError) as caught:
            finishes(lambda path=path: read_regular(path), [fifo])  # type: ignore[misc]
        kinds[path.name] = caught.value.kind
    assert kinds == {"fifo": "a named pipe", tmp_path.name: "a folder", "null": "a device"}
    (tmp_path / "file").write_bytes(b"12345")
    assert read_regular(tmp_path / "file", limit=2) == b"123"


def test_check_names_a_pipe_and_a_folder(odd: Workspace) -> None:
    result = coffeechat(odd, "check", "agendas/pipe.toml")
    assert_clean_failure(result)
    assert result.stderr.startswith(
        "agendas/pipe.toml:1:1: this is a named pipe, not an agenda file\n  hint: "
    )


def test_check_every_agenda_as_the_readme_says(odd: Workspace) -> None:
    names = sorted(str(p.relative_to(odd.root)) for p in odd.agendas.glob("*.toml"))
    result = coffeechat(odd, "check", *names)
    assert_clean_failure(result)
    assert "agendas/ada.toml: ok: Jane Doe" in result.stdout
    assert "agendas/pipe.toml:1:1: this is a named pipe, not an agenda file" in result.stderr
    assert "agendas/folder.toml:1:1: this is a folder, not an agenda file" in result.stderr


def test_run_says_what_a_pipe_is(odd: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("pipe", str(odd.agendas / "pipe.toml")):
        assert main(["--workspace", str(odd.root), "run", name], ManualTime(NOW)) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"AGENDA: {quoted(name)} is a named pipe, not an agenda file\n")
        assert "did you mean" not in err


def test_the_agendas_pane_reads_around_a_pipe(odd: Workspace) -> None:
    found = finishes(lambda: AgendaList.read_all(odd, Settings()), [odd.agendas / "pipe.toml"])
    assert isinstance(found, dict)
    problems = {path.name: str(agenda) for path, agenda in found.items()}
    assert "this is a named pipe, not an agenda file" in problems["pipe.toml"]
    assert "this is a folder, not an agenda file" in problems["folder.toml"]


async def test_home_shows_the_pipe_and_quits(odd: Workspace) -> None:
    from coffeechat.ui.app import make_app

    app = make_app(odd, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        agendas = app.screen.query_one(AgendaList)
        labels = {o.id: str(o.prompt) for o in agendas.options}
        assert "has problems" in labels["pipe"]
        assert "has problems" not in labels["ada"]
        await pilot.press("q")
    assert app.return_code == 0


def test_settings_theme_and_cache_pipes_are_not_waited_on(workspace: Workspace) -> None:
    write(workspace, jane())
    workspace.cache.mkdir()
    cache = pipe(workspace.cache / CACHE_NAME)
    index = finishes(lambda: load_index(workspace), [cache])
    assert [s.id for s in index.sessions] == [jane().id]  # type: ignore[attr-defined]
    pipe(workspace.settings)
    example = next(workspace.agendas.glob("*.toml"))
    result = coffeechat(workspace, "check", str(example))
    assert "coffeechat.toml:1:1: this is a named pipe, not a settings file" in result.stderr
    os.unlink(workspace.settings)
    (workspace.root / "themes").mkdir()
    pipe(workspace.root / "themes" / "night.toml")
    result = coffeechat(workspace, "themes")
    assert result.returncode == 1
    assert "themes/night.toml:1:1: this is a named pipe, not a theme file" in result.stderr
