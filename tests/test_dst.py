"""Daylight saving: a due moment chosen as a local time of day stays that time of day.

"In 3 weeks" said on 25 October in New York is 09:00 on 15 November, after the clocks
went back, not 08:00; a snooze until Monday in Lord Howe (a half-hour change) comes
back at 09:00, not 08:30. Dates are resolved in a zone that knows its rules, stored
with the offset in force that day, and shown in the zone in force at that date.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coffeechat.cli.queue import item_lines
from coffeechat.core.call.start import begin, plan_call
from coffeechat.core.call.wrapup import due_date, proposals
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.queue import dates
from coffeechat.core.queue.followups import build_queue, snooze_until
from coffeechat.core.sessions.format import FollowUp, read_session, to_toml
from coffeechat.core.sessions.summary import summarize
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime, SystemTime
from tests.past_sessions import make_session

NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
LONDON = ZoneInfo("Europe/London")
WINTER_AND_SUMMER = {
    "America/New_York": ("-05:00", "-04:00"),
    "Australia/Lord_Howe": ("+11:00", "+10:30"),  # the southern summer is in January
    "Europe/London": ("+00:00", "+01:00"),
}
"""The offset of 09:00 on 7 January and on 1 July 2030, in zones with three kinds of change."""


@pytest.fixture
def zone_named(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """Set `TZ` for this process (and the C library's idea of local time) by name."""
    yield monkeypatch
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("name", sorted(WINTER_AND_SUMMER))
def test_the_real_clock_knows_the_rules_of_its_zone(
    name: str, zone_named: pytest.MonkeyPatch
) -> None:
    zone_named.setenv("TZ", name)
    time.tzset()
    zone = SystemTime().now().tzinfo
    mornings = [dates.at_morning(day, zone) for day in (date(2030, 1, 7), date(2030, 7, 1))]
    assert tuple(m.isoformat()[-6:] for m in mornings) == WINTER_AND_SUMMER[name]


def test_manual_time_passes_a_change_as_the_real_clock_does() -> None:
    clock = ManualTime(datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK))
    clock.advance(2 * 3600)  # the clocks go back at 02:00: 01:00 comes twice
    assert clock.now().isoformat() == "2026-11-01T01:30:00-05:00"
    clock.advance(3600)
    assert clock.now().isoformat() == "2026-11-01T02:30:00-05:00"


def test_a_follow_up_in_three_weeks_is_at_nine_after_the_clocks_go_back() -> None:
    ended = datetime(2026, 10, 25, 15, 0, tzinfo=NEW_YORK)
    session = make_session("Jane Doe", "Acme", ended - timedelta(minutes=22))
    follow_up = proposals(session, "in 3 weeks")[1]
    due = due_date(follow_up, ended)
    assert due.isoformat() == "2026-11-15T09:00:00-05:00"
    session.followups = [FollowUp("follow-up", "follow-up", follow_up.title, due)]
    line = item_lines(
        build_queue([summarize(session)], ended).items[0], ended.astimezone(NEW_YORK)
    )[1]
    assert line.startswith("    due Sun 15 Nov 09:00 (in 3 weeks)"), line


def test_the_thank_you_is_due_24_real_hours_later_across_a_change() -> None:
    ended = datetime(2026, 10, 24, 15, 0, tzinfo=LONDON)  # BST; GMT from 02:00 tomorrow
    session = make_session("Jane Doe", "Acme", ended - timedelta(minutes=22))
    due = due_date(proposals(session, None)[0], ended)
    assert due.isoformat() == "2026-10-25T14:00:00+00:00"
    assert due.astimezone(UTC) - ended.astimezone(UTC) == timedelta(hours=24)


def test_a_snooze_until_monday_ends_at_nine_after_a_half_hour_change() -> None:
    now = datetime(2027, 4, 1, 12, 0, tzinfo=LORD_HOWE)  # +11:00; +10:30 from Sunday
    until = snooze_until("next monday", now)
    assert until.isoformat() == "2027-04-05T09:00:00+10:30"


def test_a_resumed_call_counts_its_dates_in_the_clock_s_zone(workspace: Workspace) -> None:
    """The file keeps only an offset: the wrap-up of a call resumed after the change
    still means 09:00 local time."""
    plan = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
    clock = ManualTime(datetime(2026, 10, 24, 15, 0, tzinfo=LONDON))
    opened = begin(workspace, plan, None, clock.now())
    opened.session.ended = clock.now()
    opened.path.write_text(to_toml(opened.session))
    assert "ended = 2026-10-24T15:00:00+01:00" in opened.path.read_text()
    opened.release()
    clock.advance(3 * 86400)
    again = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
    resumed = begin(workspace, again, again.unfinished[0], clock.now())
    assert resumed.session.ended is not None
    follow_up = proposals(resumed.session, "in 3 weeks")[1]
    assert due_date(follow_up, resumed.session.ended).isoformat() == "2026-11-14T09:00:00+00:00"
    resumed.release()


@pytest.mark.parametrize(("day", "offset"), [("2030-01-07", "+11:00"), ("2030-07-01", "+10:30")])
def test_snooze_and_followups_in_a_subprocess_keep_nine_o_clock(
    workspace: Workspace, day: str, offset: str
) -> None:
    """The real commands with `TZ=Australia/Lord_Howe`: one of the two days has an offset
    other than today's, whatever today is."""
    started = datetime(2026, 11, 24, 15, 0, tzinfo=LORD_HOWE)
    session = make_session("Jane Doe", "Acme", started)
    due = datetime.fromisoformat(f"{day}T09:00:00{offset}")
    session.followups = [FollowUp("follow-up", "follow-up", "Follow up with Jane Doe", due)]
    path = workspace.sessions / f"{session.id}.toml"
    path.write_text(to_toml(session))
    env = {**os.environ, "TZ": "Australia/Lord_Howe"}
    command = [sys.executable, "-m", "coffeechat", "--workspace", str(workspace.root)]
    shown = subprocess.run(
        [*command, "followups"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert f"due {datetime.fromisoformat(day):%a} " in shown and " 09:00 (" in shown, shown
    snoozed = subprocess.run(
        [*command, "snooze", f"{session.id}/follow-up", day],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert ", 09:00: " in snoozed, snoozed
    (item,) = read_session(path).followups
    assert item.snoozed_until is not None
    assert item.snoozed_until.isoformat() == f"{day}T09:00:00{offset}"
