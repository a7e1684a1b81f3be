"""The call model: notes go to the current question, moving on, capture, time per question."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.agendas.questions import Priority
from coffeechat.core.call.clock import Phase
from coffeechat.core.call.live import Call
from coffeechat.core.sessions.format import Referral, Session, new_session, parse_session
from coffeechat.core.timesource import ManualTime
from tests.conftest import CALL_TIME

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"


def make_session(*priorities: Priority, planned: int = 1200) -> Session:
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, planned)
    if priorities:
        template = session.questions[0]
        session.questions = [
            type(template)(f"Question {i}", priority=p, minutes=2) for i, p in enumerate(priorities)
        ]
    return session


def test_notes_go_to_the_current_question_and_bump_the_revision(clock: ManualTime) -> None:
    call = Call(make_session(), clock)
    call.write_notes("remote first")
    assert call.session.questions[0].notes == "remote first"
    assert call.revision == 1
    call.write_notes("remote first")
    assert call.revision == 1
    call.write_general("liked the coffee")
    assert call.session.general_notes == "liked the coffee"


def test_next_marks_answered_and_time_is_per_question(clock: ManualTime) -> None:
    call = Call(make_session("must", "should", "nice"), clock)
    clock.advance(90)
    assert call.next()
    assert call.current == 1
    clock.advance(30)
    call.toggle_pause()
    clock.advance(600)
    call.toggle_pause()
    clock.advance(10)
    session = call.snapshot()
    assert [q.status for q in session.questions] == ["answered", "pending", "pending"]
    assert [q.seconds for q in session.questions] == [90, 40, 0]
    assert session.elapsed_seconds == 130
    assert session.paused_seconds == 600


def test_next_wraps_to_questions_left_behind_and_stops_at_the_end(clock: ManualTime) -> None:
    call = Call(make_session("must", "must", "must"), clock)
    call.jump(1)
    assert call.next()
    assert call.current == 2
    assert call.next()
    assert call.current == 0
    assert not call.next()
    assert [q.status for q in call.session.questions] == ["answered"] * 3


def test_when_time_is_short_next_prefers_must_asks(clock: ManualTime) -> None:
    call = Call(make_session("must", "nice", "should", "must"), clock)
    clock.advance(1200 - 290)
    assert call.clock.phase() == Phase.WARNED
    assert call.upcoming() == 3


def test_skip_jump_star_and_added_questions(clock: ManualTime) -> None:
    call = Call(make_session("must", "should", "nice"), clock)
    call.write_notes("said hello")
    call.jump(2)
    assert call.session.questions[0].status == "answered"
    assert call.toggle_star()
    assert call.skip()
    assert call.session.questions[2].status == "skipped"
    assert call.session.questions[2].starred
    assert call.current == 1
    index = call.add_question("  What about   remote work? ")
    assert index == 3
    added = call.session.questions[3]
    assert (added.text, added.added, added.status) == ("What about remote work?", True, "pending")
    assert call.upcoming() == 3
    with pytest.raises(IndexError):
        call.jump(9)


def test_referrals_and_actions_are_captured(clock: ManualTime) -> None:
    call = Call(make_session(), clock)
    call.add_referral(Referral("Priya Patel", "Design Manager", "priya@x", "Say Jane sent me"))
    first = call.add_action("Send my portfolio")
    second = call.add_action("Read  the book")
    assert (first.id, second.id, second.title) == ("action-1", "action-2", "Read the book")
    assert call.session.referrals[0].name == "Priya Patel"


def test_end_freezes_and_reopen_goes_back(clock: ManualTime) -> None:
    call = Call(make_session(), clock)
    clock.advance(600)
    call.end()
    assert call.ended
    assert call.session.ended == clock.now()
    clock.advance(60)
    assert call.snapshot().elapsed_seconds == 600
    call.reopen()
    assert not call.ended
    assert call.snapshot().elapsed_seconds == 660


def test_the_file_text_resumes_into_the_same_call(clock: ManualTime, tmp_path: Path) -> None:
    call = Call(make_session("must", "should"), clock)
    call.write_notes("first")
    clock.advance(100)
    call.next()
    call.write_notes("second")
    clock.advance(50)
    text = call.file_text()
    path = tmp_path / "2026-11-24-1500-jane-doe.toml"
    again = Call(parse_session(text.encode(), path), ManualTime(CALL_TIME, 5.0))
    assert again.current == 1
    assert again.question.notes == "second"
    assert again.clock.text() == "17:30"
    assert round(again.seconds_on(0)) == 100
