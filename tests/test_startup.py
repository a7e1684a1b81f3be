"""What the start-up and the live call do to be quick, and that none of it shows.

The home screen paints its panes first and puts the lists in right after; the call
redraws only what changed each second. The timings are `bench/`'s; these tests check
that the behaviour is the same as without the tricks.
"""

from __future__ import annotations

import pytest
from textual.widgets import Static
from textual.widgets.option_list import Option

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.actions import screen_actions
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.home import HomeScreen
from coffeechat.ui.widgets.question_list import QuestionList
from tests.call_helpers import call_app, call_screen
from tests.past_sessions import NOW, fill_workspace
from tests.pilot_helpers import settle

SMALL = (80, 24)


async def test_keys_in_the_moment_before_the_lists_are_in_do_no_harm(
    workspace: Workspace, clock: ManualTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def not_yet(self: HomeScreen) -> None:
        """The lists stay out: the moment between the first frame and them, held."""

    monkeypatch.setattr(HomeScreen, "show_lists", not_yet)
    app = make_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        assert [pane.border_title for pane in home.query(".pane")] == [
            "Follow-ups",
            "Past sessions",
            "People",
            "Agendas",
            "Learning",
            "Details",
        ]
        await pilot.press("slash", "r", "d", "s", "e", "escape", "down", "enter")
        await pilot.pause()
        assert app.is_running and app.screen is home
        offered = {a.action for a in screen_actions(home) if a.enabled and a.node is home}
        assert {"search", "reload", "new_agenda"} <= offered
        assert not offered & {"done", "snooze", "edit_agenda", "start_call", "draft"}


async def test_the_lists_follow_the_first_frame_and_the_queue_has_focus(
    workspace: Workspace,
) -> None:
    app = make_app(fill_workspace(workspace), ManualTime(NOW))  # something to follow up
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen) and home.lists_shown
        assert app.focused is not None and app.focused.id == "queue"
        assert [w.id for w in home.query("#sessions-pane > *")] == ["search", "sessions"]


def lines(questions: QuestionList) -> list[str]:
    """The question list as shown, one string per question."""
    prompts = [questions.get_option_at_index(i).prompt for i in range(questions.option_count)]
    return [str(getattr(p, "plain", p)) for p in prompts]


async def test_the_question_list_follows_the_clock_and_the_moves(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        questions = screen.query_one(QuestionList)
        count = questions.option_count
        first = questions.get_option_at_index(0)
        clock.advance(65)
        screen.tick()
        assert lines(questions)[0].startswith("▶") and lines(questions)[0].endswith("1:05")
        assert questions.get_option_at_index(0) is first, "the line was replaced, not the list"
        await pilot.press("ctrl+n")
        assert lines(questions)[0].startswith("✓") and lines(questions)[1].startswith("▶")
        assert questions.highlighted == 1
        await pilot.press("f3", *"Why?", "enter")
        assert questions.option_count == count + 1
        assert "Why?" in lines(questions)[-1]  # the next number: the others keep theirs
        assert all(isinstance(o, Option) for o in questions.options)


async def test_the_one_line_parts_follow_the_clock(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        clock.advance(75)
        screen.tick()
        await pilot.pause()
        assert str(screen.query_one("#clock-label", Static).render()) == "18:45 left of 20m"
        assert "1:15" in str(screen.query_one("#question-head", Static).render())
