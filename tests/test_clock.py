"""The meeting clock against a fake time source: thresholds, pauses, overtime, no drift."""

from __future__ import annotations

import pytest

from coffeechat.core.call.clock import Crossing, MeetingClock, Phase, clock_text
from coffeechat.core.timesource import ManualTime


@pytest.mark.parametrize(
    ("remaining", "shown"),
    [
        (1200, "20:00"),
        (1199.2, "20:00"),
        (299.999, "05:00"),
        (0.4, "00:01"),
        (0, "+00:00"),
        (-0.9, "+00:00"),
        (-61, "+01:01"),
        (-3600, "+60:00"),
        (7200, "120:00"),
    ],
)
def test_clock_text(remaining: float, shown: str) -> None:
    assert clock_text(remaining) == shown


def test_counts_down_from_the_window(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 1200, (300, 120))
    assert meeting.text() == "20:00"
    assert meeting.phase() == Phase.CALM
    clock.advance(61)
    assert meeting.text() == "18:59"
    assert meeting.fraction() == pytest.approx(61 / 1200)


def test_phases_and_each_crossing_reported_once(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 1200, (120, 300))
    clock.advance(899)
    assert meeting.crossings() == []
    clock.advance(1)
    assert meeting.phase() == Phase.WARNED
    assert meeting.text() == "05:00"
    assert meeting.crossings() == [Crossing(300, Phase.WARNED)]
    assert meeting.crossings() == []
    clock.advance(180)
    assert meeting.phase() == Phase.CLOSING
    assert meeting.crossings() == [Crossing(120, Phase.CLOSING)]
    clock.advance(120)
    assert meeting.phase() == Phase.OVERTIME
    assert meeting.text() == "+00:00"
    assert meeting.crossings() == [Crossing(0, Phase.OVERTIME)]
    clock.advance(75)
    assert meeting.text() == "+01:15"
    assert meeting.crossings() == []


def test_a_late_look_reports_every_missed_crossing_in_order(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 600, (300, 120))
    clock.advance(700)
    assert [c.seconds_left for c in meeting.crossings()] == [300, 120, 0]


def test_warnings_at_or_beyond_the_window_are_dropped(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 5, (300, 120, 5, 0, -3))
    assert meeting.warn_at == ()
    assert meeting.phase() == Phase.CALM
    clock.advance(5)
    assert meeting.crossings() == [Crossing(0, Phase.OVERTIME)]


def test_single_warning_goes_straight_to_closing(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 600, (120,))
    clock.advance(480)
    assert meeting.crossings() == [Crossing(120, Phase.CLOSING)]


def test_pauses_are_excluded(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 1200, (300,))
    clock.advance(100)
    meeting.pause()
    clock.advance(500)
    assert meeting.paused
    assert meeting.elapsed() == pytest.approx(100)
    assert meeting.paused_seconds() == pytest.approx(500)
    meeting.resume()
    clock.advance(10)
    assert meeting.elapsed() == pytest.approx(110)
    assert meeting.paused_seconds() == pytest.approx(500)
    assert meeting.until_next_crossing() == pytest.approx(1200 - 110 - 300)


def test_wall_clock_jumps_change_nothing(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 1200)
    clock.advance(30)
    clock.jump_wall(-3600)
    assert meeting.text() == "19:30"


def test_no_drift_from_how_often_it_is_read(clock: ManualTime) -> None:
    often, seldom = MeetingClock(clock, 1200), MeetingClock(clock, 1200)
    for _ in range(1000):
        clock.advance(0.1)
        often.text()
    assert often.elapsed() == seldom.elapsed() == pytest.approx(100)


def test_resumed_clock_carries_on_without_replaying_signals(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 1200, (300, 120), elapsed=1000, paused=40)
    assert meeting.text() == "03:20"
    assert meeting.phase() == Phase.WARNED
    assert meeting.paused_seconds() == 40
    assert meeting.crossings() == []
    clock.advance(80)
    assert meeting.crossings() == [Crossing(120, Phase.CLOSING)]


def test_stop_freezes_and_reopen_counts_the_gap(clock: ManualTime) -> None:
    meeting = MeetingClock(clock, 1200)
    clock.advance(60)
    meeting.pause()
    clock.advance(5)
    meeting.stop()
    clock.advance(30)
    assert meeting.stopped
    assert meeting.elapsed() == pytest.approx(60)
    meeting.reopen()
    assert meeting.elapsed() == pytest.approx(90)
