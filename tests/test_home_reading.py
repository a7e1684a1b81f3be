"""What home says, read at the smallest terminal it is made for (80x24): every key of
the focused list in the footer, and the sessions' facts in words that cannot be
misread.

The fixture workspace (tests/past_sessions.py) at 2026-11-24 15:00 has one overdue
thank-you first in the queue.
"""

from __future__ import annotations

from textual.widgets import Footer

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.summary import summarize
from coffeechat.ui.widgets.agenda_list import AgendaList
from coffeechat.ui.widgets.queue_list import QueueList
from coffeechat.ui.widgets.session_list import SessionList, session_prompt
from tests.past_sessions import at, make_session
from tests.pilot_helpers import settle
from tests.test_home import app_at_now

SMALL = (80, 24)


async def test_the_footer_shows_every_key_of_each_list_at_80_columns(filled: Workspace) -> None:
    app = app_at_now(filled)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("d")  # now there is something to undo: one key more
        await settle(pilot)
        end = ["/ Search", "n New agenda", "^q Quit", "f1 Help"]
        for widget, expected in (
            (QueueList, ["⏎ Open", "d Done", "s Snooze", "u Undo", "t Thank-you", *end]),
            (SessionList, ["⏎ Open", "t Thank-you", "m Markdown", *end]),
            (AgendaList, ["c Start call", "e Edit", *end]),
        ):
            app.screen.query_one(widget).focus()
            await pilot.pause()
            keys = app.screen.query_one(Footer).query("FooterKey")  # by name: its class is private
            shown = [str(key.render()) for key in keys if key.region.right <= SMALL[0]]
            assert shown == expected, app.focused


def test_a_session_says_its_length_against_the_window_and_its_state() -> None:
    session = make_session("Ada Quist", "Globex", at(20, 15), minutes=1)
    session.elapsed_seconds, session.planned_seconds = 66, 180
    session.status = "in-progress"
    shown = str(session_prompt(summarize(session))).splitlines()
    assert shown[1:] == ["20 Nov 2026 · 1:06 of 3:00", "0/2 answered · in-progress"]
