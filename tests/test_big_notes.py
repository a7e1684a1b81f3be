"""Whatever the app writes, its readers read: a call with megabytes of pasted notes
is listed, queued, shown, searched, marked done and offered for resuming, and the
notes box refuses only what would pass the one limit every reader keeps to.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.call.start import plan_call
from coffeechat.core.files import atomic
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.format import read_session, to_toml
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, jane

JANE = "2026-11-20-1501-jane-doe"
PASTED = "".join(f"Line {n} of a pasted transcript, said in the call.\n" for n in range(60_000))
"""About 3 MB of notes over many lines (a transcript), and a needle at its end."""
NEEDLE = "the very last thing she said"
ONE_LINE = "word " * 400_000
"""2 MB of notes without a newline."""


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


def big(workspace: Workspace) -> Path:
    """Jane's session, written as the app writes it, with megabytes of notes."""
    session = jane()
    session.questions[0].notes = PASTED + NEEDLE
    session.general_notes = ONE_LINE
    path = workspace.sessions / f"{session.id}.toml"
    atomic.write_atomic(path, to_toml(session))
    assert path.stat().st_size > 5_000_000
    return path


def test_every_command_reads_it(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = big(workspace)
    assert run(workspace, "sessions", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["id"] for s in data["sessions"]] == [JANE]
    assert data["damaged"] == []
    assert run(workspace, "followups") == 0
    out, err = capsys.readouterr()
    assert "Send a thank-you note to Jane Doe" in out and err == ""
    assert run(workspace, "show", JANE) == 0
    out, err = capsys.readouterr()
    assert NEEDLE in out and err == ""
    assert run(workspace, "done", f"{JANE}/thank-you") == 0
    assert read_session(path).followups[0].status == "done"
    assert read_session(path).questions[0].notes.endswith(NEEDLE)


def test_search_and_home_read_it(workspace: Workspace) -> None:
    from coffeechat.core.sessions.search import search_sessions

    big(workspace)
    (hit,) = search_sessions(workspace, [JANE], NEEDLE)
    assert hit.where == "question 1"
    index = load_index(workspace)
    assert [s.id for s in index.sessions] == [JANE] and index.damaged == ()


def test_a_big_unfinished_call_is_offered_to_resume(
    workspace: Workspace, clock: ManualTime
) -> None:
    from tests.test_store import unfinished_file

    path = unfinished_file(workspace, clock)
    session = read_session(path)
    session.questions[0].notes = PASTED
    atomic.write_atomic(path, to_toml(session))
    plan = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
    assert [item.path for item in plan.unfinished] == [path]
    assert plan.unfinished[0].own is not None  # exactly what the app wrote: no copy
    plan.release()


def test_past_the_limit_every_reader_says_the_same(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """One limit (`files.regular.MAX_SESSION_BYTES`), the same for every reader."""
    for module in (
        "files.regular",
        "sessions.skim",
        "sessions.cache",
        "sessions.finding",
        "sessions.format",
        "sessions.marking",
    ):
        monkeypatch.setattr(f"coffeechat.core.{module}.MAX_SESSION_BYTES", 1_000_000, raising=False)
    path = big(workspace)
    for args in (["sessions"], ["show", JANE]):
        run(workspace, *args)
        assert f"{path.name}:1:1: the file is larger than 1 MB" in capsys.readouterr().err


async def test_the_notes_box_takes_a_big_paste_and_refuses_one_too_big(
    workspace: Workspace, clock: ManualTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.call_helpers import Notes, call_app, call_screen, on_disk

    app = call_app(workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = call_screen(app)
        pasted = PASTED[:300_000]  # a big paste (a TextArea takes a while with more)
        screen.notes.insert(pasted)
        await pilot.pause()
        assert on_disk(screen).questions[0].notes == pasted
        # The limit as if it were just above what is there: one more paste passes it.
        size = len(screen.call.file_text().encode())
        monkeypatch.setattr("coffeechat.ui.widgets.notes_box.MAX_SESSION_BYTES", size + 1000)
        screen.notes.insert("more " * 1000)
        await pilot.pause()
        assert screen.notes.text == pasted
        assert "Too much text" in toasts.titles
        await pilot.press(*"ok")
        await pilot.pause()
        assert on_disk(screen).questions[0].notes == pasted + "ok"
        await pilot.press("ctrl+q")
    assert len(load_index(workspace).sessions) == 1
