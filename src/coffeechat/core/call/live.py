"""The call going on: its session record, its clock, and every change made to it.

The screen calls these methods and shows the result; everything a person does
during a call is a method here, so it can be tested without a terminal. Each
change bumps `revision`, which the screen watches to hand the new file text to
the autosaver. Time on each question is measured on the meeting clock, so pauses
are excluded there too.

A capture being typed (a referral, an action item, an added question) is a
`Draft` until the person files it; the file's text already holds it as if filed,
so quitting, a signal or a crash with the panel open loses none of it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from coffeechat.core.call.clock import MeetingClock, Phase
from coffeechat.core.call.pacing import Pacing, pace
from coffeechat.core.call.wrapup import Proposal, choices
from coffeechat.core.sessions.format import (
    ChecklistItem,
    ChecklistPart,
    FollowUp,
    Referral,
    Session,
    SessionQuestion,
    to_toml,
)
from coffeechat.core.timesource import TimeSource

ACTION_DAYS = 2
"""A promise made during the call is due this many days later unless the wrap-up says."""
FIRST_FIELD = {"referral": "name", "action": "text", "question": "text"}
"""The field a capture cannot be filed without, by kind."""


@dataclass(frozen=True)
class Draft:
    """A capture being typed and not yet filed: its kind and the text of each field."""

    kind: str
    """`referral`, `action` or `question`."""
    values: Mapping[str, str]

    def field(self, name: str) -> str:
        """One field's text, trimmed ("" if it has none)."""
        return self.values.get(name, "").strip()

    @property
    def fileable(self) -> bool:
        """True if its first field has text (an empty one files nothing)."""
        return bool(self.field(FIRST_FIELD[self.kind]))


class Call:
    """A call in progress, resumed or new."""

    def __init__(self, session: Session, time: TimeSource) -> None:
        """Continue `session` (new or resumed) from the time it already records."""
        if not session.questions:
            raise ValueError("a call needs at least one question")
        self.session = session
        self.time = time
        self.clock = MeetingClock(
            time,
            session.planned_seconds,
            session.warn_at,
            elapsed=session.elapsed_seconds,
            paused=session.paused_seconds,
        )
        self.current = min(max(session.current, 0), len(session.questions) - 1)
        self.revision = 0
        self.draft: Draft | None = None
        """The capture being typed, if any: saved with the file, filed by the screen."""
        self._spent = [float(q.seconds) for q in session.questions]
        self._since = self.clock.elapsed()
        if session.ended is not None:
            self.clock.stop()

    # --- reading --------------------------------------------------------------------

    @property
    def question(self) -> SessionQuestion:
        """The question being asked now."""
        return self.session.questions[self.current]

    @property
    def ended(self) -> bool:
        """True once the call was ended (the wrap-up is open or due)."""
        return self.session.ended is not None

    def seconds_on(self, index: int) -> float:
        """Time spent on a question so far, the current one up to now."""
        live = self.clock.elapsed() - self._since if index == self.current else 0.0
        return self._spent[index] + live

    @property
    def reserve(self) -> int:
        """Time kept for the closing: the last warning, when there is one."""
        return self.clock.warn_at[-1] if self.clock.warn_at else 0

    def pacing(self) -> Pacing:
        """Ahead or behind the budgets, and what still fits."""
        self.snapshot()
        return pace(
            self.session.questions,
            self.current,
            self.clock.remaining(),
            self.clock.planned,
            self.reserve,
        )

    def snapshot(self) -> Session:
        """The session with the clock's figures brought up to now."""
        session = self.session
        session.elapsed_seconds = round(self.clock.elapsed())
        session.paused_seconds = round(self.clock.paused_seconds())
        session.current = self.current
        for index, question in enumerate(session.questions):
            question.seconds = round(self.seconds_on(index))
        return session

    def file_text(self) -> str:
        """The session file's text as of now, with a capture being typed as if filed."""
        session = self.snapshot()
        if self.draft is not None and self.draft.fileable:
            session = self._with_draft(session, self.draft)
        return to_toml(session)

    def _with_draft(self, session: Session, draft: Draft) -> Session:
        copy = replace(
            session,
            questions=list(session.questions),
            referrals=list(session.referrals),
            followups=list(session.followups),
        )
        if draft.kind == "referral":
            copy.referrals.append(draft_referral(draft))
        elif draft.kind == "action":
            copy.followups.append(self._action_item(copy, draft.field("text")))
        else:
            copy.questions.append(_added_question(draft.field("text")))
        return copy

    # --- notes ----------------------------------------------------------------------

    def write_notes(self, text: str) -> None:
        """Replace the current question's notes with what the notes box holds."""
        if self.question.notes != text:
            self.question.notes = text
            self._changed()

    def write_general(self, text: str) -> None:
        """Replace the general notes (not tied to a question)."""
        if self.session.general_notes != text:
            self.session.general_notes = text
            self._changed()

    def toggle_star(self) -> bool:
        """Mark (or unmark) the current question's notes as a key insight."""
        self.question.starred = not self.question.starred
        self._changed()
        return self.question.starred

    # --- moving through the questions -----------------------------------------------

    def next(self) -> bool:
        """Count the current question as answered and move on; False if none is left."""
        if self.question.status == "pending":
            self.question.status = "answered"
        return self._move_on()

    def skip(self) -> bool:
        """Leave the current question unasked and move on; False if none is left."""
        self.question.status = "skipped"
        return self._move_on()

    def jump(self, index: int) -> None:
        """Make question `index` the current one."""
        if not 0 <= index < len(self.session.questions):
            raise IndexError(index)
        if index == self.current:
            return
        if self.question.status == "pending" and self.question.notes.strip():
            self.question.status = "answered"
        self._switch(index)

    def add_question(self, text: str) -> int:
        """A question that came up in the conversation, asked next; its index.

        It takes the next number: the numbers a person has seen never change.
        """
        self.session.questions.append(_added_question(text))
        self._spent.append(0.0)
        self._changed()
        return len(self.session.questions) - 1

    def upcoming(self) -> int | None:
        """The question `next` would move to: a question added during the call and not
        yet asked, else the next one not yet asked, wrapping.

        Once the window is closing, must-ask questions come first.
        """
        count = len(self.session.questions)
        order = [(self.current + step) % count for step in range(1, count)]
        order.sort(key=lambda i: not self.session.questions[i].added)
        waiting = [i for i in order if self.session.questions[i].status == "pending"]
        if self.clock.phase() != Phase.CALM:
            must = [i for i in waiting if self.session.questions[i].priority == "must"]
            waiting = must or waiting
        return waiting[0] if waiting else None

    def _move_on(self) -> bool:
        target = self.upcoming()
        if target is None:
            self._changed()
            return False
        self._switch(target)
        return True

    def _switch(self, index: int) -> None:
        now = self.clock.elapsed()
        self._spent[self.current] += now - self._since
        self._since = now
        self.current = index
        self._changed()

    # --- the checklists ----------------------------------------------------------------

    def checklist_part(self) -> ChecklistPart | None:
        """The checklist to show now: the closing one once the window is closing (or
        over), before that the opening one until every item of it is ticked."""
        items = self.session.checklist
        if self.clock.phase() in (Phase.CLOSING, Phase.OVERTIME):
            return "closing" if any(i.part == "closing" for i in items) else None
        if any(i.part == "opening" and not i.ticked for i in items):
            return "opening"
        return None

    def checklist(self, part: ChecklistPart) -> list[ChecklistItem]:
        """The items of one checklist, in order."""
        return [item for item in self.session.checklist if item.part == part]

    def tick(self) -> ChecklistItem | None:
        """Tick the first unticked item of the checklist showing; None if none is left."""
        part = self.checklist_part()
        waiting = [item for item in self.checklist(part) if not item.ticked] if part else []
        if not waiting:
            return None
        waiting[0].ticked = True
        self._changed()
        return waiting[0]

    # --- capture ----------------------------------------------------------------------

    def add_referral(self, referral: Referral) -> None:
        """Someone they suggested you talk to."""
        self.session.referrals.append(referral)
        self._changed()

    def add_action(self, text: str) -> FollowUp:
        """Something you promised during the call (confirmed at the wrap-up)."""
        item = self._action_item(self.session, text)
        self.session.followups.append(item)
        self._changed()
        return item

    def _action_item(self, session: Session, text: str) -> FollowUp:
        taken = {f.id for f in session.followups}
        number = 1
        while f"action-{number}" in taken:
            number += 1
        return FollowUp(
            id=f"action-{number}",
            kind="action",
            title=" ".join(text.split()),
            due=self.time.now() + timedelta(days=ACTION_DAYS),
        )

    def type_draft(self, kind: str, values: Mapping[str, str]) -> None:
        """What the capture panel holds now (saved with the file until it is filed)."""
        draft = Draft(kind, dict(values))
        if draft != self.draft:
            self.draft = draft
            self._changed()

    def drop_draft(self) -> None:
        """The capture was filed (or given up): it is no longer written as a draft."""
        if self.draft is not None:
            self.draft = None
            self._changed()

    # --- the clock --------------------------------------------------------------------

    def toggle_pause(self) -> bool:
        """Pause the clock (the call dropped) or resume it; True if now paused."""
        if self.clock.paused:
            self.clock.resume()
        else:
            self.clock.pause()
        self._changed()
        return self.clock.paused

    def end(self) -> None:
        """The call is over: freeze the clock and note when it ended."""
        if self.question.status == "pending" and self.question.notes.strip():
            self.question.status = "answered"
        self.clock.stop()
        self.snapshot()
        if self.session.ended is None:
            self.session.ended = self.time.now()
        self._changed()

    def keep_wrap_up(self, shown: Sequence[Proposal], learned: Sequence[bool]) -> None:
        """What the wrap-up holds now: each proposal as set, and the goals ticked (saved
        with the file like the notes, and shown again if the wrap-up opens again)."""
        kept = choices(shown)
        changed = kept != self.session.wrapup
        self.session.wrapup = kept
        for goal, done in zip(self.session.goals, learned, strict=False):
            changed = changed or goal.learned != done
            goal.learned = done
        if changed:
            self._changed()

    def reopen(self) -> None:
        """Back to the call after ending it too early: the clock runs on."""
        self.clock.reopen()
        self.session.ended = None
        self.session.status = "in-progress"
        self._changed()

    def _changed(self) -> None:
        self.revision += 1


def draft_referral(draft: Draft) -> Referral:
    """The referral a capture holds."""
    return Referral(
        draft.field("name"), draft.field("role"), draft.field("contact"), draft.field("note")
    )


def _added_question(text: str) -> SessionQuestion:
    return SessionQuestion(" ".join(text.split()), added=True)
