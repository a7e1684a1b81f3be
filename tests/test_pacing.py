"""Pacing: ahead or behind the budgets, must-asks left, and what will not fit."""

from __future__ import annotations

from coffeechat.core.agendas.questions import Priority
from coffeechat.core.call.pacing import budgets, pace
from coffeechat.core.sessions.format import SessionQuestion


def questions(*spec: tuple[Priority, float | None]) -> list[SessionQuestion]:
    return [SessionQuestion(f"Q{i}", priority=p, minutes=m) for i, (p, m) in enumerate(spec)]


def test_unbudgeted_questions_share_the_rest() -> None:
    qs = questions(("must", 5), ("should", None), ("nice", None))
    assert budgets(qs, 1200, 120) == [300, 390, 390]
    assert budgets(questions(("must", 30), ("nice", None)), 1200, 0) == [1800, 60]


def test_ahead_when_done_questions_took_less_than_their_budgets() -> None:
    qs = questions(("must", 3), ("must", 3), ("should", 2))
    qs[0].status, qs[0].seconds = "answered", 100
    qs[1].seconds = 30
    result = pace(qs, 1, remaining=1070, planned=1200, reserve=120)
    assert result.ahead == 80
    assert result.current_over == 0
    assert result.must_left == (1,)
    assert result.wont_fit == ()


def test_behind_when_the_current_question_runs_over() -> None:
    qs = questions(("must", 3), ("must", 3))
    qs[0].seconds = 250
    result = pace(qs, 0, remaining=950, planned=1200, reserve=120)
    assert result.current_over == 70
    assert result.ahead == -70


def test_what_will_not_fit_goes_by_priority_never_deleted() -> None:
    qs = questions(("nice", 2), ("must", 3), ("should", 3), ("must", 3), ("nice", 1))
    qs[0].status = "answered"
    qs[1].seconds = 60
    # 9 minutes left, 2 kept for the closing: 7 minutes after the current's 2 left.
    result = pace(qs, 1, remaining=540, planned=1200, reserve=120)
    assert result.must_left == (1, 3)
    assert result.wont_fit == (2,)
    assert len(qs) == 5


def test_in_the_closing_nothing_more_fits() -> None:
    qs = questions(("must", 3), ("must", 3), ("nice", 1))
    result = pace(qs, 0, remaining=100, planned=1200, reserve=120)
    assert result.wont_fit == (1, 2)
    assert result.must_left == (0, 1)


def test_skipped_and_answered_questions_are_not_left() -> None:
    qs = questions(("must", 3), ("must", 3), ("must", 3))
    qs[0].status = "skipped"
    qs[2].status = "answered"
    qs[2].seconds = 200
    result = pace(qs, 1, remaining=600, planned=1200, reserve=120)
    assert result.must_left == (1,)
    assert result.ahead == 180 - 200  # a skipped budget is not banked
