"""The home screen, driven through Pilot and compared against snapshots.

The fixture workspace (tests/past_sessions.py) at 2026-11-24 15:00 has one overdue
thank-you, one due later today, one snoozed follow-up and one half-written file.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, Static

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import CoffeechatApp, make_app
from coffeechat.ui.screens.home import HomeScreen
from coffeechat.ui.screens.prompt import PromptDialog
from coffeechat.ui.screens.session import SessionScreen
from coffeechat.ui.widgets.agenda_list import AgendaList
from coffeechat.ui.widgets.queue_list import QueueList
from coffeechat.ui.widgets.session_list import SessionList
from tests.past_sessions import DAMAGED_NAME, NOW
from tests.pilot_helpers import settle

JANE = "2026-11-20-1501-jane-doe"
BAD = Path(__file__).parent / "agendas" / "bad" / "wrong-type.toml"


def app_at_now(workspace: Workspace) -> CoffeechatApp:
    return make_app(workspace, ManualTime(NOW))


def home(app: App[None]) -> HomeScreen:
    screen = app.screen
    assert isinstance(screen, HomeScreen)
    return screen


async def test_queue_overdue_first_in_the_error_colour(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert queue.has_focus
        ids = [o.id for o in queue.options]
        assert ids == [
            None,
            f"{JANE}/thank-you",
            None,
            "2026-11-23-1800-omar-haddad/thank-you",
            None,
            "2026-11-23-1800-omar-haddad/action-1",
            f"{JANE}/referral-priya-patel",
            None,
            f"{JANE}/follow-up",
        ]
        headings = [str(o.prompt) for o in queue.options if o.disabled]
        assert headings[0].startswith("[b $error]Overdue")
        overdue = queue.options[1].prompt
        assert isinstance(overdue, Content)
        assert overdue.markup.startswith("[$error]Send a thank-you note to Jane Doe")
        assert queue.highlighted_item is not None
        assert queue.highlighted_item.address == f"{JANE}/thank-you"
        subtitle = str(app.screen.query_one("#queue-pane").border_subtitle)
        assert subtitle.startswith("[$error]1 overdue[/")
        assert subtitle.endswith("] · 5 open · 1 snoozed")
        assert "lena" not in " ".join(str(i) for i in ids)


async def test_damaged_file_is_listed_and_the_rest_works(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sessions = app.screen.query_one(SessionList)
        assert [o.id for o in sessions.options] == [
            "2026-11-23-1800-omar-haddad",
            JANE,
            "2026-11-10-1100-lena-park",
            f"damaged:{DAMAGED_NAME}",
        ]
        sessions.focus()
        sessions.highlighted = 3
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        text = str(app.screen.query_one("#session-text", Static).render())
        assert "cannot be read" in text and "unterminated string" in text


async def test_done_then_undo(filled: Workspace) -> None:
    path = filled.sessions / f"{JANE}.toml"
    original = path.read_bytes()
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert read_session(path).followups[0].status == "done"
        queue = app.screen.query_one(QueueList)
        assert f"{JANE}/thank-you" not in queue.items
        await pilot.press("u")
        await settle(pilot)
        assert path.read_bytes() == original
        assert f"{JANE}/thank-you" in queue.items


async def test_snooze_refuses_garbage_and_shows_the_date(filled: Workspace) -> None:
    path = filled.sessions / f"{JANE}.toml"
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        assert isinstance(app.screen, PromptDialog)
        await pilot.press(*"soon", "enter")
        assert isinstance(app.screen, PromptDialog)  # not understood: still asking
        result = app.screen.query_one("#prompt-result", Static)
        assert "'soon' is not a date" in str(result.render())
        assert result.has_class("-error")
        app.screen.query_one(Input).value = ""
        await pilot.press(*"friday")
        assert str(result.render()) == "→ hidden until Fri 27 Nov 2026 (in 3 days), 09:00"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        snoozed = read_session(path).followups[0].snoozed_until
        assert snoozed is not None and snoozed.isoformat() == "2026-11-27T09:00:00-05:00"
        assert f"{JANE}/thank-you" not in app.screen.query_one(QueueList).items


async def test_snooze_can_be_cancelled(filled: Workspace) -> None:
    path = filled.sessions / f"{JANE}.toml"
    before = path.read_bytes()
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s", *"friday", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert path.read_bytes() == before


async def test_search_reads_the_notes(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"shadowing", "d", "q")
        await settle(pilot)
        assert app.is_running  # q and d went into the box
        assert read_session(filled.sessions / f"{JANE}.toml").followups[0].status == "open"
        app.screen.query_one("#search", Input).value = "Shadowing"
        await settle(pilot)
        sessions = app.screen.query_one(SessionList)
        assert [o.id for o in sessions.options] == [JANE]
        assert "question 2:" in str(sessions.options[0].prompt)
        await pilot.press("escape")
        await settle(pilot)
        assert len(sessions.options) == 4
        assert sessions.has_focus
        pane = app.screen.query_one("#sessions-pane")
        assert "1 unreadable" in str(pane.border_subtitle)  # as before the search


async def test_open_a_session_and_its_draft(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        text = screen.query_one("#session-text", Static)
        assert "Questions: 2 of 2 answered" in str(text.render())
        await pilot.press("t")
        assert "Hi Jane," in str(text.render())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_export_markdown_from_the_sessions_list(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sessions = app.screen.query_one(SessionList)
        sessions.focus()
        sessions.highlighted = 1
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press("enter")
        await pilot.pause()
        exported = filled.root / "exports" / f"{JANE}.md"
        assert exported.read_text().startswith("# Jane Doe\n")
        assert exported.stat().st_mode & 0o777 == 0o600


@contextlib.contextmanager
def no_suspend() -> Iterator[None]:
    yield


def fake_editor(tmp_path: Path, text: str) -> str:
    script = tmp_path / "editor.py"
    script.write_text(f"import sys, pathlib\npathlib.Path(sys.argv[1]).write_text({text!r})\n")
    return f"{sys.executable} {script}"


async def test_new_agenda_asks_the_name_and_opens_the_editor(
    filled: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = '[meeting]\nwith = "Ada Lovelace"\n[[questions]]\ntext = "Why engines?"\n'
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, good))
    monkeypatch.setattr(CoffeechatApp, "suspend", lambda self: no_suspend())
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Jane Doe")
        result = app.screen.query_one("#prompt-result", Static)
        assert "already exists" in str(result.render())
        app.screen.query_one(Input).value = ""
        await pilot.press(*"Ada Lovelace", "enter")
        await pilot.pause()
        path = filled.agendas / "ada-lovelace.toml"
        assert path.read_text() == good
        agendas = app.screen.query_one(AgendaList)
        assert agendas.highlighted_name == "ada-lovelace"
        assert agendas.has_focus


async def test_edit_agenda_rechecks_it_on_return(
    filled: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, BAD.read_text()))
    monkeypatch.setattr(CoffeechatApp, "suspend", lambda self: no_suspend())
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        agendas = app.screen.query_one(AgendaList)
        agendas.focus()
        await pilot.press("e")
        await pilot.pause()
        assert "has problems" in str(agendas.options[0].prompt)
        assert isinstance(agendas.agendas["jane-doe"], InputError)


def test_every_home_key_has_an_id_and_a_description() -> None:
    bindings = [b for b in HomeScreen.BINDINGS if isinstance(b, Binding)]
    assert len(bindings) == len(HomeScreen.BINDINGS)
    for binding in [*bindings, *QueueList.BINDINGS, *SessionList.BINDINGS, *AgendaList.BINDINGS]:
        assert isinstance(binding, Binding)
        assert binding.id and binding.id.startswith("home.")
        assert binding.description


async def test_new_workspace_says_what_to_do(workspace: Workspace) -> None:
    app = app_at_now(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        assert "Nothing to follow up" in str(queue.options[0].prompt)
        sessions = app.screen.query_one(SessionList)
        assert "No sessions yet" in str(sessions.options[0].prompt)
        assert "Start a call" in str(queue.options[0].prompt)
        agendas = app.screen.query_one(AgendaList)
        assert agendas.has_focus  # nothing to follow up: the next thing is a call
        assert agendas.highlighted_name == "jane-doe"


async def test_q_quits(workspace: Workspace) -> None:
    app = app_at_now(workspace)
    async with app.run_test() as pilot:
        await pilot.press("q")
        assert not app.is_running


async def ready(pilot: Pilot[None]) -> None:
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


def test_home_snapshot_small(snap_compare: object, filled: Workspace) -> None:
    assert snap_compare(app_at_now(filled), terminal_size=(80, 24), run_before=ready)  # type: ignore[operator]


def test_home_snapshot_wide(snap_compare: object, filled: Workspace) -> None:
    assert snap_compare(app_at_now(filled), terminal_size=(200, 60), run_before=ready)  # type: ignore[operator]


async def test_long_lists_show_a_page_then_more(
    filled: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    import coffeechat.ui.widgets.queue_list as queue_list
    import coffeechat.ui.widgets.session_list as session_list

    monkeypatch.setattr(session_list, "PAGE", 2)
    monkeypatch.setattr(queue_list, "PAGE", 1)
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sessions = app.screen.query_one(SessionList)
        ids = [o.id for o in sessions.options]
        assert ids == ["2026-11-23-1800-omar-haddad", JANE, "more", f"damaged:{DAMAGED_NAME}"]
        assert "1 older" in str(sessions.options[2].prompt)
        sessions.focus()
        sessions.highlighted = 2
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen)  # "more" opens nothing
        assert len(sessions.options) == 4
        assert "more" not in [o.id for o in sessions.options]
        assert sessions.highlighted_session is not None
        assert sessions.highlighted_session.id == "2026-11-10-1100-lena-park"
        queue = app.screen.query_one(QueueList)
        week = [o.id for o in queue.options if o.id and "omar-haddad/action" in o.id]
        assert week == ["2026-11-23-1800-omar-haddad/action-1"]
        assert "more:week" in [o.id for o in queue.options]
        queue.focus()
        queue.highlighted = [o.id for o in queue.options].index("more:week")
        await pilot.press("enter")
        assert f"{JANE}/referral-priya-patel" in queue.items
        assert queue.highlighted_item is not None
        assert queue.highlighted_item.address == f"{JANE}/referral-priya-patel"


async def test_coming_back_from_a_screen_reads_new_sessions(filled: Workspace) -> None:
    from tests.past_sessions import at, make_session, write

    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        write(filled, make_session("Ken Ito", "Initech", at(24, 13)))  # a call just ended
        await pilot.press("escape")
        await settle(pilot)
        sessions = app.screen.query_one(SessionList)
        assert sessions.options[0].id == "2026-11-24-1300-ken-ito"


async def test_enter_on_an_agenda_starts_the_call_and_home_shows_it_after(
    filled: Workspace,
) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = home(app)
        agendas = screen.query_one(AgendaList)
        agendas.focus()
        await pilot.pause()
        assert agendas.check_action("start_call", ())
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "CallScreen"
        await pilot.press(*"hello", "ctrl+e")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        newest = screen.query_one(SessionList).shown[0][0]
        assert (newest.meeting.person, newest.status) == ("Jane Doe", "completed")


async def test_r_reads_an_agenda_written_elsewhere_keeping_the_one_highlighted(
    filled: Workspace,
) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        agendas = app.screen.query_one(AgendaList)
        highlighted = agendas.highlighted_name
        (filled.agendas / "ada-lovelace.toml").write_text(
            (filled.agendas / "jane-doe.toml").read_text()
        )
        await pilot.press("r")
        await settle(pilot)
        assert "ada-lovelace" in agendas.agendas
        assert agendas.highlighted_name == highlighted
