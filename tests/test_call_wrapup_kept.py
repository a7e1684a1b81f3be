"""The wrap-up is kept like the notes: what is set there survives a quit and comes back."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from textual.screen import Screen
from textual.widgets import Checkbox, Input

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.screens.resume import ResumeScreen
from coffeechat.ui.screens.wrapup import WrapUpScreen
from tests.call_helpers import call_app, call_screen, on_disk

SMALL = (80, 24)


def only_session(workspace: Workspace) -> Path:
    (path,) = workspace.sessions.glob("*.toml")
    return path


async def test_what_is_set_in_the_wrap_up_is_saved_and_resumed_as_it_was(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await pilot.press(*"said yes", "ctrl+r", *"Priya Patel", "ctrl+s")
        clock.advance(20 * 60)
        await pilot.press("ctrl+e")
        wrap: Screen[Any] = app.screen
        assert isinstance(wrap, WrapUpScreen)
        wrap.query_one("#when-1", Input).focus()
        await pilot.press("ctrl+u", *"next tuesday")
        wrap.query_one("#keep-2", Checkbox).focus()
        await pilot.press("space")
        wrap.query_one("#goal-1", Checkbox).focus()
        await pilot.press("space")
        # On disk within a save, like the notes, before anything else happens.
        saved = on_disk(screen)
        assert tomllib.loads(screen.opened.path.read_text()).get("wrapup") == [
            {"id": "thank-you", "keep": True},
            {"id": "follow-up", "keep": True, "when": "next tuesday"},
            {"id": "referral-1", "keep": False, "when": "in 3 days"},
        ]
        assert [g.learned for g in saved.goals] == [False, True, False]
        await pilot.press("ctrl+q")
    kept = read_session(only_session(workspace))
    assert (kept.status, kept.followups) == ("in-progress", [])
    assert kept.ended is not None

    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        assert isinstance(again.screen, ResumeScreen)
        await pilot.press("r")
        await pilot.pause()
        wrap = again.screen
        assert isinstance(wrap, WrapUpScreen)
        assert wrap.query_one("#when-1", Input).value == "next tuesday"
        assert "Tue 1 Dec" in str(wrap.query_one("#resolved-1").render())
        assert [wrap.query_one(f"#keep-{i}", Checkbox).value for i in range(3)] == [
            True,
            True,
            False,
        ]
        assert [wrap.query_one(f"#goal-{i}", Checkbox).value for i in range(3)] == [
            False,
            True,
            False,
        ]
        await pilot.press("ctrl+s")
    done = read_session(only_session(workspace))
    assert done.status == "completed"
    assert [f.id for f in done.followups] == ["thank-you", "follow-up"]
    assert done.followups[1].due.date().isoformat() == "2026-12-01"
    assert [g.learned for g in done.goals] == [False, True, False]
    assert "[[wrapup]]" not in only_session(workspace).read_text()


async def test_back_to_the_call_and_ending_it_again_keeps_the_wrap_up(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        wrap.query_one("#keep-0", Checkbox).focus()
        await pilot.press("space", "escape")
        assert not isinstance(app.screen, WrapUpScreen)
        await pilot.press(*"one more thing", "ctrl+e")
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        assert not wrap.query_one("#keep-0", Checkbox).value
