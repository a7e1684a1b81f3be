"""The wrap-up, right after the call: confirm the follow-ups, say what you learned.

Each proposed follow-up can be kept or dropped; each date is typed in the strict
grammar of `core.queue.dates` and shown back resolved as you type, and a date that is
not understood is refused with examples, never guessed. `ctrl+s` saves the
session as completed; Escape goes back to the call if it was not over after all.
What is set here goes into the call as it changes and is saved like the notes
(`Call.keep_wrap_up`), so a quit, a signal or a crash comes back to it as it was.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Input, Label, Static

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.agendas.durations import format_duration
from coffeechat.core.call.autosave import SaveStatus
from coffeechat.core.call.live import Call
from coffeechat.core.call.wrapup import Proposal, due_date, finish, proposals
from coffeechat.core.problems import InputError
from coffeechat.core.queue import dates
from coffeechat.core.text.controls import editable
from coffeechat.ui.literal import literal
from coffeechat.ui.widgets.question_list import minutes
from coffeechat.ui.widgets.tick_box import UNTICKED, TickBox


class WrapUpScreen(Screen[bool]):
    """Confirm what happens after the call; dismissed with True once saved."""

    CSS_PATH = "wrapup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save and finish", id="wrapup.save", priority=True),
        Binding("escape", "back", "Back to the call", id="wrapup.back"),
    ]

    def __init__(self, call: Call, agenda: Agenda, save: Callable[[], SaveStatus]) -> None:
        super().__init__()
        self.call = call
        self.save = save
        self.proposals = proposals(call.session, agenda.followup_after)

    def compose(self) -> ComposeResult:
        """A summary, the follow-ups to confirm, the goals."""
        yield Static(self.summary(), id="wrapup-summary")
        with VerticalScroll(id="wrapup-body", can_focus=False):
            yield Static("[b]Follow-ups to confirm[/b]", classes="wrapup-heading")
            yield Static(
                "space: keep or drop · dates like "
                "[i]in 3 weeks[/i], [i]next tuesday[/i], [i]2026-12-03[/i]",
                classes="wrapup-hint",
            )
            for index, item in enumerate(self.proposals):
                with Vertical(classes="followup"):
                    yield TickBox(literal(item.title), item.keep, id=f"keep-{index}", compact=True)
                    if item.when is None:
                        yield Static(self.thank_you_due(item), classes="followup-due")
                    else:
                        with Horizontal(classes="followup-when"):
                            yield Label("when", classes="followup-label")
                            yield Input(editable(item.when), id=f"when-{index}", compact=True)
                            yield Static(id=f"resolved-{index}", classes="followup-resolved")
                    if item.detail:
                        yield Static(literal(item.detail), classes="followup-detail")
            goals = self.call.session.goals
            if goals:
                yield Static("[b]Did you learn what you came for?[/b]", classes="wrapup-heading")
                for index, goal in enumerate(goals):
                    yield TickBox(
                        literal(goal.text), goal.learned, id=f"goal-{index}", compact=True
                    )
            unticked = [item for item in self.call.session.checklist if not item.ticked]
            if unticked:
                yield Static("[b]Left unticked on the checklists[/b]", classes="wrapup-heading")
                for left in unticked:
                    yield Static(literal(f"{UNTICKED} {left.text}", (f" ({left.part})", "dim")))
        yield Footer()

    def on_mount(self) -> None:
        """Show every date resolved."""
        for index, item in enumerate(self.proposals):
            if item.when is not None:
                self.resolve(index)

    def summary(self) -> Content:
        """One line about the call that just ended."""
        session = self.call.session
        answered = sum(1 for q in session.questions if q.status == "answered")
        starred = sum(1 for q in session.questions if q.starred)
        parts = [
            f"{minutes(session.elapsed_seconds)} of a "
            f"{format_duration(session.planned_seconds)} window",
            f"{answered} of {len(session.questions)} questions answered",
        ]
        if starred:
            parts.append(f"{starred} ★")
        if session.referrals:
            count = len(session.referrals)
            parts.append(f"{count} referral{'s' if count > 1 else ''}")
        ended = (f"Call with {session.meeting.person} ended", "bold")
        return literal(ended, *(f" · {part}" for part in parts))

    def thank_you_due(self, item: Proposal) -> str:
        """The thank-you's fixed due time, 24 hours after the end."""
        ended = self.call.session.ended
        assert ended is not None
        due = due_date(item, ended)
        words = dates.relative_words(due.date(), ended.date())
        return f"due {due:%a} {due.day} {due:%b %H:%M} ({words}): within 24 hours of the call"

    def resolve(self, index: int) -> bool:
        """Show the date typed for proposal `index` resolved, or why it is refused."""
        ended = self.call.session.ended
        assert ended is not None
        item = self.proposals[index]
        item.when = self.query_one(f"#when-{index}", Input).value
        shown = self.query_one(f"#resolved-{index}", Static)
        try:
            due = due_date(item, ended)
        except InputError as err:
            problem = err.problems[0]
            shown.update(literal((f"not a date: {problem.hint}", "$error")))
            shown.add_class("-bad")
            return False
        shown.update(f"→ {dates.describe(due.date(), ended.date())}")
        shown.remove_class("-bad")
        return True

    def on_input_changed(self, event: Input.Changed) -> None:
        """Resolve a date as it is typed, and keep it."""
        if event.input.id and event.input.id.startswith("when-"):
            self.resolve(int(event.input.id.removeprefix("when-")))
        self.keep_typing()

    def on_checkbox_changed(self) -> None:
        """A follow-up kept or dropped, a goal ticked: keep it."""
        self.keep_typing()

    def keep_typing(self) -> None:
        """Copy what the wrap-up shows into the call, to be saved like the notes."""
        with contextlib.suppress(NoMatches):  # not composed yet, or being taken down
            for index, item in enumerate(self.proposals):
                item.keep = self.query_one(f"#keep-{index}", TickBox).value
                if item.when is not None:
                    item.when = self.query_one(f"#when-{index}", Input).value
            goals = range(len(self.call.session.goals))
            learned = [self.query_one(f"#goal-{i}", TickBox).value for i in goals]
            self.call.keep_wrap_up(self.proposals, learned)

    def action_save(self) -> None:
        """Save the session as completed with the kept follow-ups, then leave."""
        self.keep_typing()
        for index, item in enumerate(self.proposals):
            if item.when is not None and not self.resolve(index) and item.keep:
                self.query_one(f"#when-{index}", Input).focus()
                self.notify(
                    f"{item.title}: that date is not understood. Try one of: {dates.EXAMPLES}",
                    title="Not saved",
                    severity="error",
                    timeout=8,
                )
                return
        learned = [goal.learned for goal in self.call.session.goals]
        finish(self.call.session, self.proposals, learned)
        status = self.save()
        if status.saved:
            self.dismiss(True)
        else:
            self.notify(
                f"The session could not be written ({status.error}); it keeps trying. "
                "ctrl+q quits and prints everything if it still cannot.",
                title="Not saved yet",
                severity="error",
                timeout=10,
            )

    def action_back(self) -> None:
        """The call was not over: back to it, the clock running on."""
        self.keep_typing()
        self.dismiss(False)
