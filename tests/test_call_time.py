"""Wall-clock jumps during a call (an NTP correction, a laptop moved to another time
zone, a daylight-saving change) leave the time left alone; the timestamps written
to the session file come from the wall clock and carry their UTC offset."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.call.clock import Phase
from coffeechat.core.call.live import Call
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import new_session, read_session
from coffeechat.core.timesource import ManualTime, SystemTime
from coffeechat.ui.widgets.clock_panel import ClockPanel
from tests.call_helpers import Notes, call_app, call_screen, on_disk
from tests.conftest import CALL_TIME, EASTERN

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
HOURS = 3600


def test_a_wall_clock_jump_changes_nothing_the_call_measures(clock: ManualTime) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", clock.now(), 1200)
    call = Call(session, clock)
    clock.advance(90)
    call.write_notes("hello")
    for jump in (5 * HOURS, -11 * HOURS, 24 * HOURS):
        clock.jump_wall(jump)
        assert call.clock.text() == "18:30"
        assert call.clock.crossings() == []
        assert call.clock.phase() == Phase.CALM
        snapshot = call.snapshot()
        assert (snapshot.elapsed_seconds, snapshot.paused_seconds) == (90, 0)
        assert round(call.seconds_on(0)) == 90
    clock.advance(30)
    assert call.clock.text() == "18:00"


def test_started_and_ended_are_wall_clock_times_with_their_offset(clock: ManualTime) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", clock.now(), 1200)
    call = Call(session, clock)
    clock.advance(600)
    clock.jump_wall(3 * HOURS)  # the laptop's clock was corrected mid-call
    call.end()
    saved = call.snapshot()
    assert saved.started == CALL_TIME
    assert saved.ended == CALL_TIME + timedelta(seconds=600 + 3 * HOURS)
    assert saved.elapsed_seconds == 600  # the call lasted 10 minutes, whatever the wall says
    text = call.file_text()
    assert "\nstarted = 2026-11-24T15:00:00-05:00\n" in text
    assert "\nended = 2026-11-24T18:10:00-05:00\n" in text


def test_the_real_wall_clock_carries_an_offset() -> None:
    now = SystemTime().now()
    assert now.tzinfo is not None and now.utcoffset() is not None


async def test_the_clock_on_screen_ignores_wall_clock_jumps(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = call_screen(app)
        panel = screen.query_one(ClockPanel)
        label = screen.query_one("#clock-label", Static)
        clock.advance(75)
        screen.tick()
        await pilot.pause()
        before = (panel.text, str(label.render()), str(screen.query_one("#pacing").render()))
        assert before[:2] == ("18:45", "18:45 left of 20m")
        for jump in (6 * HOURS, -6 * HOURS, -3 * HOURS, 27 * HOURS):
            clock.jump_wall(jump)
            screen.tick()
            screen.autosave()
            await pilot.pause()
            shown = (panel.text, str(label.render()), str(screen.query_one("#pacing").render()))
            assert shown == before, f"after a jump of {jump / HOURS:+.0f} h"
            assert panel.phase == Phase.CALM
        assert toasts.titles == []
        assert on_disk(screen).elapsed_seconds == 75
        clock.advance(5)
        screen.tick()
        assert panel.text == "18:40"
        await pilot.press("ctrl+e")
    saved = read_session(screen.opened.path)
    assert saved.started == CALL_TIME
    assert saved.ended == CALL_TIME + timedelta(seconds=80 + 24 * HOURS)
    assert saved.ended is not None and saved.ended.utcoffset() == EASTERN.utcoffset(None)
    assert saved.elapsed_seconds == 80
