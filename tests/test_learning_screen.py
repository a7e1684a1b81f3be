"""Home's Learning pane and the Learning screen: what they show, the keys that open
and close the screen, and snapshots at 80x24 and 200x60."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.cache import SessionIndex
from coffeechat.core.sessions.summary import SessionSummary
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.home import HomeScreen
from coffeechat.ui.screens.learning import LearningScreen
from coffeechat.ui.widgets import learned_pane
from coffeechat.ui.widgets.learned_pane import LearnedPane
from tests.past_sessions import NOW, write
from tests.pilot_helpers import settle
from tests.test_learning import sessions


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    for session in sessions():
        write(workspace, session)
    return workspace


async def learning_shown(pilot: Pilot[None]) -> LearningScreen:
    """Wait until the Learning screen shows what it read (its worker starts as it is
    shown: waiting for the workers alone could come before it)."""
    for _ in range(500):
        await settle(pilot)
        screen = pilot.app.screen
        if isinstance(screen, LearningScreen) and screen.sub_title:
            return screen
    raise AssertionError("the Learning screen never showed what it read")


def pane_text(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#learned-text", Static).render())


async def test_pane_sums_up_and_l_opens_the_learning_screen(filled: Workspace) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(pilot)
        assert "Goals 1 of 2 learned · next: whether my cv fits" in text
        assert "On time 2 of 3 · worst +5m" in text
        assert "Introduced most Jane Doe (3)" in text
        await pilot.press("l")
        screen = await learning_shown(pilot)
        goals = str(screen.query_one("#learning-goals", Static).render())
        assert goals.splitlines() == [
            "○ whether my cv fits · not yet",
            "✓ Understand what a typical week looks like · Jane Doe",
        ]
        cards = [str(c.border_title) for c in screen.query(".answer")]
        assert cards[:3] == ["★ Omar Haddad", "Lena Park", "Jane Doe"]
        assert "2 of 3 calls" in str(screen.query_one("#learning-time", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_many_sessions_are_worked_out_without_writing_them_out(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pane's worker, as for thousands of sessions, shows the same lines, and the
    index it is handed is never written out as text: Textual describes a worker by the
    `repr` of its arguments unless told otherwise, and for 10,000 summaries that was 19
    MB of text made on the event loop (home's peak memory 158 MB instead of 122)."""
    monkeypatch.setattr(learned_pane, "AT_ONCE", 0)
    written: list[str] = []

    def counted(record: object) -> str:
        written.append(type(record).__name__)
        return "..."

    monkeypatch.setattr(SessionIndex, "__repr__", counted)
    monkeypatch.setattr(SessionSummary, "__repr__", counted)
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = pane_text(pilot)
        assert "Goals 1 of 2 learned · next: whether my cv fits" in text
        assert "Introduced most Jane Doe (3)" in text
    assert written == []


async def test_enter_on_the_focused_pane_opens_it(filled: Workspace) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(LearnedPane).focus()
        await pilot.press("enter")
        await learning_shown(pilot)


async def test_the_screen_reads_again_when_shown_again(filled: Workspace) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        screen = await learning_shown(pilot)
        await pilot.press("escape")
        changed = sessions()[1]
        changed.goals[1].learned = True  # Omar's call taught "whether my cv fits" after all
        write(filled, changed)
        screen.sub_title = ""
        await pilot.press("l")
        await learning_shown(pilot)
        goals = str(app.screen.query_one("#learning-goals", Static).render())
        assert "not yet" not in goals


async def test_empty_workspace(workspace: Workspace) -> None:
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "once you have had one" in pane_text(pilot)
        await pilot.press("l")
        assert (await learning_shown(pilot)).query(".learning-empty")


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_learning_pane_snapshot(
    snap_compare: object, filled: Workspace, size: tuple[int, int]
) -> None:
    app = make_app(filled, ManualTime(NOW))
    assert snap_compare(app, terminal_size=size)  # type: ignore[operator]


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_learning_screen_snapshot(
    snap_compare: object, filled: Workspace, size: tuple[int, int]
) -> None:
    app = make_app(filled, ManualTime(NOW))

    async def open_it(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("l")
        await learning_shown(pilot)

    assert snap_compare(app, terminal_size=size, run_before=open_it)  # type: ignore[operator]


async def test_palette_and_help_offer_the_learning_keys(filled: Workspace) -> None:
    from coffeechat.ui.actions import screen_actions

    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        titles = {a.title: a for a in screen_actions(app.screen)}
        learning = titles["Home: learning"]
        assert learning.keys == ("l",) and learning.binding_ids == ("home.learning",)
        assert learning.explanation.startswith("Goals, answers side by side")
        await learning.run()
        await learning_shown(pilot)
        assert {"Learning: back", "Learning: reload"} <= {
            a.title for a in screen_actions(app.screen)
        }
