"""Home's keys live on its lists: the footer, F1 help and the palette offer the keys
of the list that has the focus (Textual's focus-aware bindings), and each works.

The fixture workspace (tests/past_sessions.py) at 2026-11-24 15:00 has one overdue
thank-you first in the queue.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session
from coffeechat.core.settings import load_settings
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.actions import screen_actions
from coffeechat.ui.app import CoffeechatApp, make_app
from coffeechat.ui.screens.help import HelpScreen
from coffeechat.ui.screens.home import HomeScreen
from coffeechat.ui.screens.session import SessionScreen
from coffeechat.ui.widgets.agenda_list import AgendaList
from coffeechat.ui.widgets.queue_list import QueueList
from coffeechat.ui.widgets.session_list import SessionList
from tests.past_sessions import NOW
from tests.pilot_helpers import settle
from tests.test_home import no_suspend
from tests.test_palette_help import help_text

JANE = "2026-11-20-1501-jane-doe"
LIST_KEYS = {"enter", "d", "s", "u", "t", "m", "c", "e"}
"""Every key one of home's lists holds."""


def footer_keys(app: CoffeechatApp) -> list[str]:
    """The keys the footer shows as usable now, in its order."""
    return [
        key
        for key, active in app.screen.active_bindings.items()
        if active.binding.show and active.enabled
    ]


def list_keys(app: CoffeechatApp) -> set[str]:
    return set(footer_keys(app)) & LIST_KEYS


async def test_the_queue_offers_its_keys_and_undo_once_there_is_something(
    filled: Workspace,
) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one(QueueList)
        assert footer_keys(app)[:4] == ["enter", "d", "s", "t"]
        assert list_keys(app) == {"enter", "d", "s", "t"}
        await pilot.press("d")
        await settle(pilot)
        assert list_keys(app) == {"enter", "d", "s", "u", "t"}
        assert footer_keys(app)[:5] == ["enter", "d", "s", "u", "t"]


async def test_each_list_offers_only_its_own_keys(filled: Workspace) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        home.query_one(SessionList).focus()
        await pilot.pause()
        assert list_keys(app) == {"enter", "t", "m"}
        home.query_one(AgendaList).focus()
        await pilot.pause()
        assert list_keys(app) == {"c", "e"}
        home.query_one("#search", Input).focus()
        await pilot.pause()
        assert list_keys(app) == set()
        await pilot.press("escape")  # back to the sessions
        sessions = home.query_one(SessionList)
        assert sessions.has_focus
        sessions.highlighted = len(sessions.options) - 1  # the damaged file
        await pilot.pause()
        assert list_keys(app) == {"enter"}, "a file that cannot be read has no draft"


async def test_help_and_palette_offer_the_focused_lists_keys(filled: Workspace) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        offered = {a.title: a for a in screen_actions(home) if a.enabled}
        assert offered["Home: done"].binding_ids == ("home.done",)
        assert (
            offered["Home: thank-you"].explanation == "The thank-you draft of the session in focus."
        )
        assert "Home: start call" not in offered
        assert "Home: down" not in offered, "a list's own arrows stay Textual's"
        home.query_one(AgendaList).focus()
        await pilot.pause()
        offered = {a.title: a for a in screen_actions(home) if a.enabled}
        assert "Home: start call" in offered and "Home: edit" in offered
        assert "Home: done" not in offered
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "Start call" in text and "[home.call]" in text and "[home.done]" not in text


async def test_the_list_keys_keep_their_ids_for_remapping(filled: Workspace) -> None:
    filled.settings.write_text('[keys]\n"home.done" = "x"\n"home.call" = "f5"\n')
    app = make_app(filled, ManualTime(NOW), load_settings(filled.settings))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "x" in footer_keys(app) and "d" not in footer_keys(app)
        await pilot.press("x")
        await settle(pilot)
        assert read_session(filled.session_path(JANE)).followups[0].status == "done"
        app.screen.query_one(AgendaList).focus()
        await pilot.pause()
        assert "f5" in footer_keys(app) and "c" not in footer_keys(app)


async def test_t_on_the_queue_and_on_the_sessions_opens_the_draft(filled: Workspace) -> None:
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("t")  # the overdue thank-you: Jane's
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "Hi Jane," in str(screen.query_one("#session-text", Static).render())
        await pilot.press("escape")
        await settle(pilot)
        sessions = app.screen.query_one(SessionList)
        sessions.focus()
        sessions.highlighted = 0  # Omar's
        await pilot.press("t")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        assert "Hi Omar," in str(screen.query_one("#session-text", Static).render())


async def test_keys_of_a_list_do_nothing_elsewhere(filled: Workspace) -> None:
    before = filled.session_path(JANE).read_bytes()
    app = make_app(filled, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(AgendaList).focus()
        await pilot.press("d", "s", "t", "m")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert filled.session_path(JANE).read_bytes() == before


async def test_home_and_the_command_line_write_the_same_new_agenda(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Both write the template through `core.agendas.files` (home's named the file
    differently in its first line before)."""
    assert main(["--workspace", str(workspace.root), "new", "Ada  Lovelace"]) == 0
    path = workspace.agenda_file("ada-lovelace")
    written = path.read_bytes()
    path.unlink()
    monkeypatch.setenv("VISUAL", f"{sys.executable} -c pass")  # closes at once
    monkeypatch.setattr(CoffeechatApp, "suspend", lambda self: no_suspend())
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Ada  Lovelace", "enter")
        await pilot.pause()
        assert path.read_bytes() == written
