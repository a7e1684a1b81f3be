"""Pacing: ahead of or behind the question budgets, and what still fits the time left.

A question's budget is its `minutes`; questions without one share the window that
the others leave (at least a minute each). "Ahead" is the time banked so far: the
budgets of the questions answered minus the time the questions done took (a skipped
question's budget is not banked: it was never the call's to spend), less any overrun
on the current one; and never more than the clock allows, the time left before the
closing beyond what the questions still waiting are budgeted (so a plan larger than
the window is never "ahead"). What fits is decided in priority order (must, should, nice; agenda
order within each) against the time left before the closing, after the current
question's own remaining budget. Questions that do not fit are only reported:
the caller marks them, nothing is ever removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coffeechat.core.agendas.questions import PRIORITIES
from coffeechat.core.sessions.format import SessionQuestion

SHORTEST_BUDGET = 60
"""A question without a budget is given at least this many seconds."""


@dataclass(frozen=True)
class Pacing:
    """Where the call stands against its plan."""

    ahead: int
    """Seconds ahead of the budgets; negative when behind."""
    current_over: int
    """Seconds the current question has run past its budget (0 if within it)."""
    must_left: tuple[int, ...]
    """Must-ask questions not yet asked (the current one included), by index."""
    wont_fit: tuple[int, ...]
    """Questions not yet asked that will not fit before the closing, by index."""


def budgets(questions: Sequence[SessionQuestion], planned: int, reserve: int) -> list[int]:
    """Each question's budget in seconds; unbudgeted ones share what is left over."""
    given = sum(round(q.minutes * 60) for q in questions if q.minutes is not None)
    unbudgeted = sum(1 for q in questions if q.minutes is None)
    share = (planned - reserve - given) // unbudgeted if unbudgeted else 0
    fallback = max(SHORTEST_BUDGET, share)
    return [fallback if q.minutes is None else round(q.minutes * 60) for q in questions]


def is_done(question: SessionQuestion) -> bool:
    """True once a question was answered or skipped."""
    return question.status in ("answered", "skipped")


def pace(
    questions: Sequence[SessionQuestion],
    current: int,
    remaining: float,
    planned: int,
    reserve: int,
) -> Pacing:
    """The pacing of a call; `questions[current].seconds` must include time up to now.

    `reserve` is the time kept for the closing (the last warning), which no
    question may use.
    """
    budget = budgets(questions, planned, reserve)
    ahead = float(
        sum(
            (budget[i] if q.status == "answered" else 0) - q.seconds
            for i, q in enumerate(questions)
            if i != current and is_done(q)
        )
    )
    over = max(questions[current].seconds - budget[current], 0)
    ahead -= over

    left = max(remaining - reserve, 0.0)
    used = float(max(budget[current] - questions[current].seconds, 0))
    waiting = [i for i, q in enumerate(questions) if i != current and not is_done(q)]
    slack = left - used - sum(budget[i] for i in waiting)
    ahead = min(ahead, max(slack, 0.0))
    wont_fit = []
    for priority in PRIORITIES:
        for i in waiting:
            if questions[i].priority != priority:
                continue
            if used + budget[i] <= left:
                used += budget[i]
            else:
                wont_fit.append(i)
    still = set(waiting)
    if questions[current].status == "pending":
        still.add(current)
    must_left = [i for i in sorted(still) if questions[i].priority == "must"]
    return Pacing(
        ahead=round(ahead),
        current_over=round(over),
        must_left=tuple(must_left),
        wont_fit=tuple(sorted(wont_fit)),
    )
