"""Issue 15, during the call: warnings fitted to a short window, checklists ticked and
kept, pacing that agrees with the clock, numbers that never change."""

from __future__ import annotations

from pathlib import Path

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.call.clock import fit_warnings
from coffeechat.core.call.live import Call
from coffeechat.core.call.pacing import pace
from coffeechat.core.sessions.format import SessionQuestion, new_session, parse_session, to_toml
from coffeechat.core.timesource import ManualTime
from tests.conftest import CALL_TIME

FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"


def test_a_call_too_short_for_its_warnings_says_so_and_keeps_a_closing_one() -> None:
    fit = fit_warnings((300, 120), 120)
    assert fit.dropped == (300, 120)
    assert fit.kept == (30,)
    assert fit.notice() == (
        "Warnings at 5m and 2m do not fit a 2m call: dropped; closing warning at 30s left instead."
    )
    assert fit_warnings((300, 120), 1200).notice() is None
    kept_one = fit_warnings((300, 120), 240)
    assert (kept_one.kept, kept_one.added) == ((120,), None)
    assert kept_one.notice() == "Warning at 5m does not fit a 4m call: dropped."


def test_a_short_call_reaches_its_closing_checklist_before_the_end(clock: ManualTime) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 120)
    call = Call(session, clock)
    clock.advance(95)
    assert call.checklist_part() == "closing"
    assert call.clock.remaining() > 0


def test_checklist_ticks_are_kept_in_the_session_file(clock: ManualTime) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    call = Call(session, clock)
    assert call.checklist_part() == "opening"
    call.next()  # the opening checklist stays while nothing of it is ticked
    assert call.checklist_part() == "opening"
    ticked = call.tick()
    assert ticked is not None and ticked.text == "Thank them"
    again = parse_session(to_toml(call.snapshot()).encode(), Path("s.toml"))
    assert [(i.part, i.text, i.ticked) for i in again.checklist] == [
        ("opening", "Thank them", True),
        ("opening", "Say who referred you", False),
        ("closing", "Ask for two names", False),
        ("closing", "Ask permission to follow up", False),
        ("closing", "Thank them", False),
    ]
    call.tick()
    assert call.checklist_part() is None  # every opening item ticked


def test_a_skipped_questions_budget_is_not_time_banked() -> None:
    qs = [SessionQuestion(f"Q{i}", priority="must", minutes=3) for i in range(8)]
    for q in qs[:3]:
        q.status, q.seconds = "skipped", 5
    qs[3].seconds = 50
    # A 20-minute agenda run in 2 minutes: 55 s left, and nothing is ahead.
    result = pace(qs, 3, remaining=55, planned=120, reserve=30)
    assert result.ahead <= 0


def test_ahead_never_exceeds_what_the_clock_allows() -> None:
    qs = [SessionQuestion(f"Q{i}", priority="must", minutes=3) for i in range(4)]
    qs[0].status, qs[0].seconds = "answered", 10
    result = pace(qs, 1, remaining=400, planned=720, reserve=120)
    # 280 s before the closing, 180 of them budgeted to Q2 and 2 x 180 waiting.
    assert result.ahead == 0
    roomy = pace(qs, 1, remaining=900, planned=720, reserve=120)
    assert roomy.ahead == 170


def test_an_added_question_takes_the_next_number_and_is_asked_next(clock: ManualTime) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", CALL_TIME, 1200)
    session.questions += [SessionQuestion(f"More {i}") for i in range(3)]
    call = Call(session, clock)
    seen = [q.text for q in session.questions]
    index = call.add_question("What about remote work?")
    assert index == len(seen)
    assert [q.text for q in session.questions[: len(seen)]] == seen
    assert call.next()
    assert call.current == index
    assert call.next()
    assert call.current == 1
