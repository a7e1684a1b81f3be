"""The wrap-up's proposals and the completed session they produce."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.call.live import Call
from coffeechat.core.call.wrapup import due_date, finish, proposals
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import (
    FollowUp,
    Referral,
    Session,
    WrapUpChoice,
    new_session,
    read_session,
    to_toml,
)
from coffeechat.core.sessions.skim import quick_summary
from coffeechat.core.sessions.summary import read_summary, summarize
from coffeechat.core.timesource import ManualTime
from tests.conftest import CALL_TIME, EASTERN

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"
ENDED = CALL_TIME + timedelta(minutes=23)


def ended_session() -> Session:
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    session.referrals.append(Referral("Priya Patel", "Design Manager", "priya@x", "Jane sent me"))
    session.followups.append(
        FollowUp("action-1", "action", "Send my portfolio", CALL_TIME + timedelta(days=2))
    )
    session.ended = ENDED
    return session


def test_proposals_cover_thanks_follow_up_referrals_and_actions() -> None:
    session = ended_session()
    found = proposals(session, "3 weeks")
    assert [(p.id, p.kind, p.when) for p in found] == [
        ("thank-you", "thank-you", None),
        ("follow-up", "follow-up", "3 weeks"),
        ("referral-1", "referral", "in 3 days"),
        ("action-1", "action", "in 2 days"),
    ]
    assert found[2].title == "Reach out to Priya Patel, Design Manager"
    assert "Referred by Jane Doe." in found[2].detail
    assert proposals(session, None)[1].when == "in 3 weeks"


def test_due_dates() -> None:
    found = proposals(ended_session(), "3 weeks")
    assert due_date(found[0], ENDED) == ENDED + timedelta(hours=24)
    assert due_date(found[1], ENDED) == datetime(2026, 12, 15, 9, 0, tzinfo=EASTERN)
    found[1].when = "2026-12-03"
    assert due_date(found[1], ENDED) == datetime(2026, 12, 3, 9, 0, tzinfo=EASTERN)
    found[1].when = "next tuesday"
    assert due_date(found[1], ENDED).date().isoformat() == "2026-12-01"


@pytest.mark.parametrize("garbage", ["soonish", "I have 3 kids", "", "32 dec"])
def test_garbage_dates_are_refused_with_the_grammar_hint(garbage: str) -> None:
    found = proposals(ended_session(), "3 weeks")
    found[1].when = garbage
    with pytest.raises(InputError) as caught:
        due_date(found[1], ENDED)
    assert "try one of: today, tomorrow" in str(caught.value)


def test_finish_writes_kept_follow_ups_and_goals(tmp_path: Path) -> None:
    session = ended_session()
    found = proposals(session, "3 weeks")
    found[3].keep = False
    done = finish(session, found, [True, False])
    assert done.status == "completed"
    assert [f.id for f in done.followups] == ["thank-you", "follow-up", "referral-1"]
    assert [g.learned for g in done.goals] == [True, False]
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    path.write_text(to_toml(done))
    again = read_session(path)
    assert again.followups == done.followups
    assert again.followups[0].due == ENDED + timedelta(hours=24)


def test_finish_refuses_garbage_and_changes_nothing() -> None:
    session = ended_session()
    found = proposals(session, "whenever")
    with pytest.raises(InputError):
        finish(session, found, [])
    assert session.status == "in-progress"
    assert [f.id for f in session.followups] == ["action-1"]


def test_the_wrap_up_as_typed_is_kept_in_the_file_and_comes_back(tmp_path: Path) -> None:
    session = ended_session()
    found = proposals(session, "3 weeks")
    found[1].when = "next tuesday"
    found[2].keep = False
    found[3].when = ""  # cleared, not yet typed again
    call = Call(session, ManualTime(ENDED))
    call.keep_wrap_up(found, [False, True])
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    text = to_toml(session)
    path.write_text(text)
    assert '[[wrapup]]\nid = "follow-up"\nkeep = true\nwhen = "next tuesday"\n' in text
    again = read_session(path)
    assert again.wrapup == [
        WrapUpChoice("thank-you", True, None),
        WrapUpChoice("follow-up", True, "next tuesday"),
        WrapUpChoice("referral-1", False, "in 3 days"),
        WrapUpChoice("action-1", True, None),
    ]
    assert [g.learned for g in again.goals] == [False, True]
    shown = proposals(again, "3 weeks")
    assert [(p.id, p.keep, p.when) for p in shown] == [
        ("thank-you", True, None),
        ("follow-up", True, "next tuesday"),
        ("referral-1", False, "in 3 days"),
        ("action-1", True, ""),
    ]


def test_a_wrap_up_change_is_a_change_of_the_call_and_nothing_else_is() -> None:
    call = Call(ended_session(), ManualTime(ENDED))
    found = proposals(call.session, None)
    call.keep_wrap_up(found, [False, False])
    before = call.revision
    call.keep_wrap_up(found, [False, False])
    assert call.revision == before
    found[0].keep = False
    call.keep_wrap_up(found, [False, False])
    assert call.revision == before + 1
    call.keep_wrap_up(found, [True, False])
    assert call.revision == before + 2


def test_saving_the_wrap_up_leaves_no_draft_and_the_fast_path_reads_it(tmp_path: Path) -> None:
    session = ended_session()
    found = proposals(session, "3 weeks")
    call = Call(session, ManualTime(ENDED))
    call.keep_wrap_up(found, [True, False])
    raw = to_toml(session).encode()
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    # In progress with the wrap-up open: read fast too (its tables are in the format).
    assert quick_summary(raw, path) == summarize(session)
    assert read_summary(raw, path) == summarize(session)
    done = finish(session, found, [True, False])
    assert done.wrapup == []
    raw = to_toml(done).encode()
    assert b"[[wrapup]]" not in raw
    assert quick_summary(raw, path) is not None
    assert read_summary(raw, path) == summarize(done)


def test_a_session_without_a_wrap_up_draft_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    path.write_text(to_toml(ended_session()))
    assert read_session(path).wrapup == []
    assert [p.when for p in proposals(read_session(path), None)][:2] == [None, "in 3 weeks"]


def test_a_bad_wrap_up_table_is_named(tmp_path: Path) -> None:
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    path.write_text(to_toml(ended_session()) + '\n[[wrapup]]\nkeep = "yes"\nwho = 1\n')
    with pytest.raises(InputError) as caught:
        read_session(path)
    message = str(caught.value)
    assert "wrapup[0].keep" in message or "keep" in message
    assert "who" in message
