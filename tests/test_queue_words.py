"""What the queue says about each item, in `followups` and in the calendar file: a
referral's facts once each, a thank-you's words to say (not a note to self), done
and dropped items marked so in the calendar, and an alarm on every open to-do.

The fixture workspace (tests/past_sessions.py) at 2026-11-24 15:00: Jane's session
holds a referral, Omar's an open thank-you, Lena's a done thank-you.
"""

from __future__ import annotations

from datetime import UTC

import pytest
from icalendar import Calendar

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, fill_workspace, jane, write

JANE = "2026-11-20-1501-jane-doe"
LENA = "2026-11-10-1100-lena-park"
OMAR = "2026-11-23-1800-omar-haddad"
WRAPUP_DETAIL = "Referred by Jane Doe. Contact: priya@acme.example. Say: Say Jane sent me"
"""What the wrap-up writes as a referral item's detail (`core.call.wrapup`)."""


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    fill_workspace(workspace)
    session = jane()
    session.followups[2].detail = WRAPUP_DETAIL
    session.followups[1].status = "dropped"
    write(workspace, session)
    return workspace


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


def todos(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], *args: str
) -> dict[str, dict[str, str]]:
    """The calendar export's to-dos by UID: each one's fields as text, and ALARMS: when
    its alarms ring."""
    assert run(workspace, "followups", "--ics", "-", *args) == 0
    found = {}
    for todo in Calendar.from_ical(capsys.readouterr().out.encode()).walk("VTODO"):
        fields = {name: str(value) for name, value in todo.items()}
        fields["ALARMS"] = " ".join(
            alarm.decoded("trigger").astimezone(UTC).isoformat() for alarm in todo.walk("VALARM")
        )
        found[fields["UID"].removesuffix("@coffeechat")] = fields
    return found


def test_a_referral_says_each_fact_once(
    filled: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, "followups") == 0
    out = capsys.readouterr().out
    for fact in ("priya@acme.example", "Say Jane sent me", "referred by Jane Doe"):
        assert out.casefold().count(fact.casefold()) == 1, (fact, out)
    text = todos(filled, capsys)[f"{JANE}/referral-priya-patel"]["DESCRIPTION"]
    for fact in ("priya@acme.example", "Say Jane sent me", "Referred by"):
        assert text.count(fact) == 1, (fact, text)


def test_a_thank_you_says_words_to_say(
    filled: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, "followups") == 0
    out = capsys.readouterr().out
    assert "    say: Thank you for taking the time to talk with me, Omar.\n" in out
    assert "Mention one specific thing" not in out
    text = todos(filled, capsys)[f"{OMAR}/thank-you"]["DESCRIPTION"]
    assert "Say: Thank you for taking the time to talk with me, Omar." in text
    assert f"The whole note: coffeechat --workspace {filled.root} draft {OMAR}" in text


def test_done_and_dropped_items_are_exported_as_such(
    filled: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    found = todos(filled, capsys)
    assert found[f"{LENA}/thank-you"]["STATUS"] == "COMPLETED"
    assert found[f"{JANE}/follow-up"]["STATUS"] == "CANCELLED"
    assert found[f"{JANE}/thank-you"]["STATUS"] == "NEEDS-ACTION"
    assert "Mark it done" not in found[f"{LENA}/thank-you"]["DESCRIPTION"]


def test_each_open_to_do_rings_when_due_or_when_its_snooze_ends(
    filled: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(filled, "snooze", f"{OMAR}/action-1", "2026-12-03") == 0  # 09:00 local
    capsys.readouterr()
    found = todos(filled, capsys, "--snoozed")
    rings = {uid: todo["ALARMS"] for uid, todo in found.items()}
    assert rings[f"{JANE}/thank-you"] == "2026-11-21T20:23:00+00:00"  # when it is due
    assert rings[f"{OMAR}/action-1"] == "2026-12-03T14:00:00+00:00"  # when it wakes
    assert rings[f"{LENA}/thank-you"] == rings[f"{JANE}/follow-up"] == ""  # closed
    open_ones = [uid for uid, todo in found.items() if todo["STATUS"] == "NEEDS-ACTION"]
    assert len(open_ones) == 5
    assert all(len(rings[uid].split()) == 1 for uid in open_ones)
