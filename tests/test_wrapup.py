"""The wrap-up's proposals and the completed session they produce."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from coffeechat.core.agenda import load_agenda
from coffeechat.core.problems import InputError
from coffeechat.core.session import (
    FollowUp,
    Referral,
    Session,
    new_session,
    read_session,
    to_toml,
)
from coffeechat.core.wrapup import due_date, finish, proposals
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
