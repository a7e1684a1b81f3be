"""Goals and answers across calls: each goal learned or not yet, with the calls that
answered it, and each question's answers from every person side by side.

A goal or a question repeated in several agendas, in the same words or not, is one
(see `matching`). The calls come newest first; a question's answers put the starred
ones first, then the newest.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from coffeechat.core.sessions.summary import SessionSummary

if TYPE_CHECKING:
    from coffeechat.core.learning.record import SessionLearning


class Call(NamedTuple):
    """One session, as learning across calls names it (a tuple: thousands are made)."""

    id: str
    person: str
    organization: str
    started: datetime
    completed: bool


class Visit(NamedTuple):
    """One session as a call, with its learning part."""

    call: Call
    learning: SessionLearning


def visit(summary: SessionSummary, learning: SessionLearning) -> Visit:
    """A session's summary and learning part as a visit."""
    return Visit(call_of(summary), learning)


def call_of(summary: SessionSummary) -> Call:
    """A session's summary as a call."""
    s = summary
    return Call(s.id, s.meeting.person, s.meeting.organization, s.started, s.status == "completed")


class GoalRecord(NamedTuple):
    """One goal across every agenda that set it."""

    text: str
    """Its words as first set (the newest agenda's)."""
    wordings: tuple[str, ...]
    set_in: tuple[Call, ...]
    learned_in: tuple[Call, ...]
    """The calls whose wrap-up ticked it as learned."""

    @property
    def learned(self) -> bool:
        """Whether some call taught it."""
        return bool(self.learned_in)


class Answer(NamedTuple):
    """One person's answer to a question (a tuple: thousands are made)."""

    call: Call
    question: str
    """The question in the words it was asked that time."""
    place: int
    """Its place among the session's questions (to find its notes)."""
    starred: bool
    notes: str = ""


class QuestionGroup(NamedTuple):
    """A question asked in one or more calls, in whatever words, and its answers."""

    text: str
    """The wording used most often (the newest of those tied)."""
    wordings: tuple[str, ...]
    answers: tuple[Answer, ...]
    """Starred first, then the newest (perhaps only the first few: see `answered`)."""
    asked: int
    """In how many calls it was on the agenda (answered or not)."""
    answered: int
    """In how many calls it was answered."""
    people: int
    """How many different people answered it."""
    must_left: tuple[Call, ...] = ()
    """Completed calls in which it was a must-ask and time ran out before it, with no
    answer in a later call."""


def goal_records(visits: Sequence[Visit]) -> list[GoalRecord]:
    """Every goal of every session (newest first), repeated ones as one; not yet
    learned ones first, each group in the order first set."""
    from coffeechat.core.learning import matching

    groups = matching.group(text for v in visits for text, _ in v.learning.goals)
    where = {text: number for number, words in enumerate(groups) for text in words}
    set_in: list[dict[str, Call]] = [{} for _ in groups]
    learned_in: list[dict[str, Call]] = [{} for _ in groups]
    for visit in visits:
        if not visit.learning.goals:
            continue
        call = visit.call
        for text, learned in visit.learning.goals:
            number = where[text]
            set_in[number][call.id] = call
            if learned:
                learned_in[number][call.id] = call
    records = [
        GoalRecord(words[0], tuple(words), tuple(set_in[n].values()), tuple(learned_in[n].values()))
        for n, words in enumerate(groups)
    ]
    return sorted(records, key=lambda r: r.learned)


def question_groups(visits: Sequence[Visit], limit: int | None = None) -> list[QuestionGroup]:
    """Every question of every session grouped by meaning, those answered by the most
    people first, each with its first `limit` answers (all for None: thousands of
    calls make thousands of answers to each question)."""
    used: dict[str, int] = {}  # how often each wording was asked
    for _call, learning in visits:
        for text, _code in learning.questions:
            used[text] = used.get(text, 0) + 1
    from coffeechat.core.learning import matching
    from coffeechat.core.learning.record import PRIORITY_BITS, STATE_BITS, code_of, starred

    groups = matching.group(used)
    where = {text: number for number, words in enumerate(groups) for text in words}
    starred_answers: list[list[Answer]] = [[] for _ in groups]
    other_answers: list[list[Answer]] = [[] for _ in groups]
    people: list[set[str]] = [set() for _ in groups]
    answers = [0] * len(groups)
    most = len(visits) if limit is None else limit
    left: list[list[Call]] = [[] for _ in groups]
    answered_since = [False] * len(groups)
    answered, must_pending = code_of("answered") & STATE_BITS, code_of("pending", "must")
    for call, learning in visits:  # newest first
        person = call.person.casefold()
        for place, (text, code) in enumerate(learning.questions):
            number = where[text]
            if code & STATE_BITS == answered:
                star = starred(code)
                into = (starred_answers if star else other_answers)[number]
                if len(into) < most:
                    into.append(Answer(call, text, place, star))
                answers[number] += 1
                people[number].add(person)
                answered_since[number] = True
            elif (
                code & (STATE_BITS | PRIORITY_BITS) == must_pending
                and call.completed
                and not answered_since[number]
            ):
                left[number].append(call)
    out = []
    for number, words in enumerate(groups):
        out.append(
            QuestionGroup(
                max(words, key=used.__getitem__),  # ties: the first seen, the newest
                tuple(words),
                (*starred_answers[number], *other_answers[number])[:most],
                sum(used[w] for w in words),
                answers[number],
                len(people[number]),
                tuple(left[number]),
            )
        )
    return sorted(out, key=lambda g: (-g.people, -g.answered))


def narrowed_goals(records: Sequence[GoalRecord], phrase: str) -> list[GoalRecord]:
    """The goals about `phrase`."""
    from coffeechat.core.learning.matching import mentions

    return [r for r in records if any(mentions(w, phrase) for w in r.wordings)]


def narrowed_questions(groups: Sequence[QuestionGroup], phrase: str) -> list[QuestionGroup]:
    """The questions about `phrase`."""
    from coffeechat.core.learning.matching import mentions

    return [g for g in groups if any(mentions(w, phrase) for w in g.wordings)]


def with_notes(group: QuestionGroup, notes: dict[str, list[str]]) -> QuestionGroup:
    """`group` with the notes of its answers, from `notes`: each session's notes by
    question, by session id."""
    filled = []
    for answer in group.answers:
        found = notes.get(answer.call.id, [])
        filled.append(
            answer._replace(notes=found[answer.place] if answer.place < len(found) else "")
        )
    return group._replace(answers=tuple(filled))
