"""The phone call goes on while the laptop sleeps, and while coffeechat is not running.

The call's clock reads Linux's `CLOCK_BOOTTIME`, which counts suspend (the usual
monotonic clock stops while the lid is closed); a call resumed after a crash offers
to count the minutes since its last save, with the figure, and the person chooses.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import OptionList

from coffeechat.core import timesource
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session
from coffeechat.core.timesource import ManualTime, SystemTime
from coffeechat.ui.screens.resume import ResumeScreen
from coffeechat.ui.widgets.clock_panel import ClockPanel
from tests.call_helpers import call_app, call_screen

SMALL = (80, 24)


@pytest.mark.skipif(not hasattr(time, "CLOCK_BOOTTIME"), reason="no CLOCK_BOOTTIME here")
def test_the_call_clock_is_the_one_that_counts_suspend(monkeypatch: pytest.MonkeyPatch) -> None:
    real = time.clock_gettime

    def clocks(which: int) -> float:
        # Two hours more than the clock that stops: the machine slept that long.
        return real(which) + 7200 if which == time.CLOCK_BOOTTIME else real(which)

    monkeypatch.setattr(time, "clock_gettime", clocks)
    steady = SystemTime()
    assert steady.monotonic() - time.monotonic() > 7000


def test_without_a_clock_that_counts_suspend_the_monotonic_clock_is_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    assert timesource.suspend_counting_clock() is time.monotonic


async def test_a_sleep_mid_call_is_call_time(workspace: Workspace, clock: ManualTime) -> None:
    """Nothing runs while the machine sleeps: the first look after it shows the time."""
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        clock.advance(16 * 60)  # the lid closed at 20:00 left, opened 16 minutes later
        screen.tick()
        await pilot.pause()
        assert screen.query_one(ClockPanel).text == "04:00"


async def quit_a_call(workspace: Workspace, clock: ManualTime, seconds: int) -> Path:
    """A call `seconds` in, quit; its file dated when the injected clock says it was saved."""
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        path = screen.opened.path
        await pilot.press(*"notes")
        clock.advance(seconds)
        await pilot.press("ctrl+q")
    written = clock.now().timestamp()
    os.utime(path, (written, written))
    return path


def choices(app_screen: ResumeScreen) -> list[str]:
    options = app_screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_call_resumed_after_a_crash_offers_to_count_the_time_away(
    workspace: Workspace, clock: ManualTime
) -> None:
    path = await quit_a_call(workspace, clock, 100)
    clock.advance(12 * 60)
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        screen = again.screen
        assert isinstance(screen, ResumeScreen)
        shown = choices(screen)
        assert shown[1].startswith("Resume it, counting the 12m since coffeechat stopped\n")
        assert "clock at 06:20" in shown[1]
        await pilot.press("c")
        call = call_screen(again)
        assert call.opened.path == path
        assert call.query_one(ClockPanel).text == "06:20"
        await pilot.press("ctrl+q")
    assert read_session(path).elapsed_seconds == 100 + 12 * 60


async def test_the_time_away_is_counted_only_if_the_person_says_so(
    workspace: Workspace, clock: ManualTime
) -> None:
    path = await quit_a_call(workspace, clock, 100)
    clock.advance(12 * 60)
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("r")
        assert call_screen(again).query_one(ClockPanel).text == "18:20"
        await pilot.press("ctrl+q")
    assert read_session(path).elapsed_seconds == 100


@pytest.mark.parametrize("away", [timedelta(seconds=20), timedelta(hours=5)])
async def test_no_time_away_is_offered_when_there_is_none_worth_it(
    workspace: Workspace, clock: ManualTime, away: timedelta
) -> None:
    await quit_a_call(workspace, clock, 100)
    clock.advance(away.total_seconds())
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL):
        screen = again.screen
        assert isinstance(screen, ResumeScreen)
        assert [line.split("\n")[0] for line in choices(screen)][1:] == ["Start a new call"]
        assert not screen.check_action("resume_counting", ())
