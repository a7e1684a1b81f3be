"""Everything the interviews taught together, as `learned`, home's Learning pane and
`new` show it: the goals, the answers side by side, the time record, the introducers.

Built on the summaries' index and the learning cache (`record`), so that thousands
of sessions read fast; the only notes read are those of the answers shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from coffeechat.core.learning.introductions import Introducer, introducers
from coffeechat.core.learning.lessons import (
    GoalRecord,
    QuestionGroup,
    goal_records,
    narrowed_goals,
    narrowed_questions,
    question_groups,
    visit,
    with_notes,
)
from coffeechat.core.learning.timekeeping import TimeRecord, time_record

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.learning.record import SessionLearning
    from coffeechat.core.sessions.cache import SessionIndex
    from coffeechat.core.sessions.summary import SessionSummary

ANSWERS_SHOWN = 3
"""Answers shown per question when not narrowed to a phrase (all of them when it is)."""


class Learned(NamedTuple):
    """What the sessions taught, narrowed to `phrase` if one is given."""

    goals: tuple[GoalRecord, ...]
    questions: tuple[QuestionGroup, ...]
    time: TimeRecord
    introducers: tuple[Introducer, ...]
    phrase: str = ""

    @property
    def not_learned(self) -> tuple[GoalRecord, ...]:
        """The goals no call has taught yet."""
        return tuple(g for g in self.goals if not g.learned)

    @property
    def must_left(self) -> tuple[QuestionGroup, ...]:
        """The must-ask questions that did not fit in a call and were not answered since."""
        return tuple(q for q in self.questions if q.must_left)


def learned(
    workspace: Workspace, index: SessionIndex, phrase: str = "", notes: bool = True
) -> Learned:
    """What the sessions of `index` taught, narrowed to `phrase`: `ANSWERS_SHOWN` of
    each question's answers (all of them when narrowed), with their notes if `notes`
    (the overview is kept until a file changes: `memo`)."""
    from coffeechat.core.learning import memo

    overview = not phrase.strip()
    if overview:
        kept = memo.recall(workspace, index)
        if kept is not None:
            return kept
    from coffeechat.core.learning.record import load_learning, notes_of

    parts = load_learning(workspace, index)
    visits = [visit(s, parts[s.id]) for s in index.sessions if s.id in parts]
    goals = goal_records(visits)
    groups = question_groups(visits, None if phrase.strip() else ANSWERS_SHOWN)
    if phrase.strip():
        goals = narrowed_goals(goals, phrase)
        groups = narrowed_questions(groups, phrase)
    if notes:
        ids = {a.call.id for g in groups for a in g.answers}
        groups = [with_notes(g, {i: notes_of(workspace, i) for i in ids}) for g in groups]
    found = Learned(
        tuple(goals),
        tuple(groups),
        time_record(index.sessions),
        tuple(introducers(index.sessions)),
        phrase.strip(),
    )
    if overview and notes:
        memo.keep(workspace, index, found)
    return found


def read_learning(raw: bytes, path: Path, shown: str) -> tuple[SessionSummary, SessionLearning]:
    """`record.read_learning`, the reader to give the summaries' index (`load_index(...,
    reader=read_learning)`), its module loaded only when a file is read: a run whose
    files are all cached, and whose overview is kept (`memo`), needs none of it."""
    from coffeechat.core.learning import record

    return record.read_learning(raw, path, shown)


def still_to_learn(workspace: Workspace) -> tuple[list[str], list[str]]:
    """What a new agenda should offer: the goals no call has taught yet and the
    must-ask questions that did not fit in a call (and were not answered since), in
    their words as last set (questions: as most often asked)."""
    from coffeechat.core.sessions.cache import load_index

    found = learned(workspace, load_index(workspace, reader=read_learning), notes=False)
    return [g.text for g in found.not_learned], [q.text for q in found.must_left]
