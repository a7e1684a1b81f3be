"""Home's search box: keys typed in a burst all land, in order, and the search finds
words across punctuation.

The fixture workspace (tests/past_sessions.py), with Omar's notes talking of an
"order-set".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from coffeechat.core.files.workspace import Workspace
from tests.call_helpers import burst
from tests.past_sessions import fill_workspace, omar, write
from tests.pilot_helpers import settle
from tests.terminal import Terminal, coffeechat_command
from tests.test_home import app_at_now

OMAR = "2026-11-23-1800-omar-haddad"


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    fill_workspace(workspace)
    session = omar()
    session.general_notes = "Nurses rebuilt the sepsis order-set, twice."
    write(workspace, session)
    return workspace


async def test_a_burst_of_keys_in_the_search_box_all_land_in_order(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await burst(pilot, "epic", *["backspace"] * 4, "order set")
        await settle(pilot)
        search = app.screen.query_one("#search", Input)
        assert search.value == "order set"
        assert search.has_focus
        await burst(pilot, "backspace", "backspace", "t", "backspace", "et")
        await settle(pilot)
        assert search.value == "order set"
        sessions = app.screen.query_one("#sessions")
        assert [o.id for o in sessions.options] == [OMAR]  # type: ignore[attr-defined]


async def test_the_count_of_sessions_found_agrees_with_its_verb(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.screen.query_one("#sessions-pane")
        for phrase, said in (("order set", "1 session holds"), ("e", "3 sessions hold")):
            app.screen.query_one("#search", Input).value = phrase
            await settle(pilot)
            assert str(pane.border_subtitle) == f"{said} “{phrase}”"


@pytest.mark.e2e
def test_a_burst_typed_into_a_real_terminal_lands_in_order(
    filled: Workspace, tmp_path: Path
) -> None:
    command = coffeechat_command(filled)
    term = Terminal(tmp_path / "tmux.sock", command, (80, 24))
    try:
        term.wait_for("1 unreadable")  # the sessions are in
        term.type("/epic\x7f\x7f\x7f\x7forder set")  # one send-keys -l: one burst
        term.wait_for("1 session holds “order set”")
        assert "│ order set " in term.screen()
    finally:
        term.close()
