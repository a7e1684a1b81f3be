"""The follow-up queue as a pure function of the sessions and the time now."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from coffeechat.core.problems import InputError
from coffeechat.core.queue.followups import (
    DUE_CHOICES,
    bucket_of,
    build_queue,
    parse_address,
    referral_for,
)
from coffeechat.core.sessions.format import FollowUp, Referral
from coffeechat.core.sessions.summary import SessionSummary, summarize
from tests.past_sessions import NOW, at, jane, lena, omar


def summaries() -> list[SessionSummary]:
    return [summarize(s) for s in (jane(), omar(), lena())]


def addresses(sessions: list[SessionSummary], now: datetime, **kw: bool) -> list[str]:
    return [item.address for item in build_queue(sessions, now, **kw).items]


def test_queue_in_order_with_buckets() -> None:
    queue = build_queue(summaries(), NOW)
    assert [(i.bucket, i.address) for i in queue.items] == [
        ("overdue", "2026-11-20-1501-jane-doe/thank-you"),
        ("today", "2026-11-23-1800-omar-haddad/thank-you"),
        ("week", "2026-11-23-1800-omar-haddad/action-1"),
        ("week", "2026-11-20-1501-jane-doe/referral-priya-patel"),
        ("later", "2026-11-20-1501-jane-doe/follow-up"),
    ]
    assert queue.snoozed == 1


def test_done_and_dropped_items_are_not_shown() -> None:
    session = jane()
    session.followups[0].status = "done"
    session.followups[1].status = "dropped"
    assert addresses([summarize(session)], NOW) == ["2026-11-20-1501-jane-doe/referral-priya-patel"]


def test_snoozed_item_hidden_until_its_date_then_back_with_its_due() -> None:
    sessions = [summarize(lena())]
    assert addresses(sessions, NOW) == []
    assert addresses(sessions, at(30, 8, 59)) == []
    (item,) = build_queue(sessions, at(30, 9)).items
    assert item.address == "2026-11-10-1100-lena-park/follow-up"
    assert item.bucket == "overdue"  # its own due date (22 Nov) is unchanged
    assert item.snoozed_until is None


def test_snoozed_items_shown_when_asked() -> None:
    queue = build_queue([summarize(lena())], NOW, include_snoozed=True)
    (item,) = queue.items
    assert item.snoozed_until == at(30, 9)
    assert queue.snoozed == 1


@pytest.mark.parametrize(
    ("due", "bucket"),
    [
        (NOW - timedelta(days=3), "overdue"),
        (NOW, "overdue"),
        (NOW + timedelta(minutes=1), "today"),
        (at(24, 23, 59), "today"),
        (at(25, 0, 0), "week"),
        (at(30, 23, 59), "week"),
        (datetime(2026, 12, 1, 0, 0, tzinfo=NOW.tzinfo), "later"),
    ],
)
def test_buckets_at_their_edges(due: datetime, bucket: str) -> None:
    assert bucket_of(due, NOW) == bucket


def test_a_due_time_without_offset_is_local() -> None:
    session = jane()
    session.followups[0].due = datetime(2026, 11, 24, 16, 0)  # no offset: local time
    item = build_queue([summarize(session)], NOW).items[0]
    assert item.bucket == "today"
    assert item.due.tzinfo is not None


def test_due_filters() -> None:
    queue = build_queue(summaries(), NOW)
    assert [i.bucket for i in queue.in_buckets(DUE_CHOICES["today"])] == ["overdue", "today"]
    assert len(queue.in_buckets(DUE_CHOICES["week"])) == 4
    assert len(queue.in_buckets(DUE_CHOICES["all"])) == 5


def test_referral_item_carries_who_referred_you_and_what_to_say() -> None:
    queue = build_queue(summaries(), NOW)
    item = next(i for i in queue.items if i.kind == "referral")
    assert item.referral is not None
    assert item.referral.name == "Priya Patel"
    assert item.referral.contact == "priya@acme.example"
    assert item.person == "Jane Doe"  # who referred you
    assert item.say == "Say Jane sent me"


def test_referral_found_by_id_title_or_as_the_only_one() -> None:
    people = [Referral("Priya Patel", note="a"), Referral("Ken Ito", note="b")]
    by_id = FollowUp("referral-ken-ito", "referral", "Reach out", NOW)
    by_title = FollowUp("r2", "referral", "Email priya patel", NOW)
    unknown = FollowUp("r3", "referral", "Reach out", NOW)
    assert referral_for(by_id, people) == people[1]
    assert referral_for(by_title, people) == people[0]
    assert referral_for(unknown, people) is None
    assert referral_for(unknown, people[:1]) == people[0]
    assert referral_for(replace(by_id, kind="action"), people) is None


def test_an_item_detail_of_its_own_is_kept_beside_the_referral_note() -> None:
    session = jane()
    session.followups[2].detail = "Mention the clinic redesign"
    item = next(i for i in build_queue([summarize(session)], NOW).items if i.kind == "referral")
    assert (item.say, item.note) == ("Say Jane sent me", "Mention the clinic redesign")


def test_addresses() -> None:
    assert parse_address("2026-11-24-1501-jane-doe/thank-you") == (
        "2026-11-24-1501-jane-doe",
        "thank-you",
    )


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "jane",
        "jane/",
        "/thank-you",
        "../x/y",
        "a/../b",
        "a/b/c",
        "/etc/passwd",
        "a\0/b",
        "a/b\n",
    ],
)
def test_addresses_refused(bad: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_address(bad)
    assert caught.value.problems[0].render().startswith("ID: ")


def test_snooze_until_the_morning_of_the_day_said() -> None:
    from coffeechat.core.queue.followups import snooze_until

    assert snooze_until("friday", NOW).isoformat() == "2026-11-27T09:00:00-05:00"
    assert snooze_until("in 2 weeks", NOW).isoformat() == "2026-12-08T09:00:00-05:00"
    assert snooze_until("today", NOW).isoformat() == "2026-11-24T09:00:00-05:00"  # shown again
    with pytest.raises(InputError, match="in the past"):
        snooze_until("2026-11-23", NOW)
    with pytest.raises(InputError, match="try one of"):
        snooze_until("after lunch", NOW)
