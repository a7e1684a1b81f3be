"""Before a call: an unfinished call of this agenda exists; resume it or start afresh."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coffeechat.core import dates
from coffeechat.core.clock import clock_text
from coffeechat.core.durations import format_duration
from coffeechat.core.store import CallPlan, OpenSession
from coffeechat.ui.literal import literal

NEW = "new"


@dataclass(frozen=True)
class ResumeChoice:
    """What the person chose: an unfinished session to go on with, or None for a new call."""

    session: OpenSession | None


class ResumeScreen(Screen[ResumeChoice | None]):
    """Offers the unfinished calls of an agenda; dismissed with None to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "Resume", id="resume.resume"),
        Binding("n", "new", "New call", id="resume.new"),
        Binding("escape", "cancel", "Cancel", id="resume.cancel"),
    ]

    def __init__(self, plan: CallPlan, today: date) -> None:
        super().__init__()
        self.plan = plan
        self.today = today

    def compose(self) -> ComposeResult:
        """A heading and the choices."""
        person = self.plan.agenda.meeting.person
        count = len(self.plan.unfinished)
        calls = "an unfinished call" if count == 1 else f"{count} unfinished calls"
        yield Static(
            literal(
                (f"You have {calls} with {person}.", "bold"),
                "\n",
                (
                    "Resume keeps its notes, question states and time; a new call marks "
                    "the unfinished one abandoned (its notes stay in its file).",
                    "dim",
                ),
            ),
            id="resume-heading",
        )
        options = [
            Option(describe(item, self.today), id=str(index))
            for index, item in enumerate(self.plan.unfinished)
        ]
        options.append(Option("Start a new call", id=NEW))
        yield OptionList(*options, id="resume-choices")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice."""
        if event.option.id == NEW:
            self.dismiss(ResumeChoice(None))
        elif event.option.id is not None:
            self.dismiss(ResumeChoice(self.plan.unfinished[int(event.option.id)]))

    def action_resume(self) -> None:
        """Resume the most recent unfinished call."""
        self.dismiss(ResumeChoice(self.plan.unfinished[0]))

    def action_new(self) -> None:
        """Start a new call."""
        self.dismiss(ResumeChoice(None))

    def action_cancel(self) -> None:
        """Neither: leave."""
        self.dismiss(None)


def describe(item: OpenSession, today: date) -> str:
    """One unfinished call: when it started, how far it got."""
    session = item.session
    started = session.started
    answered = sum(1 for q in session.questions if q.status != "pending")
    noted = sum(1 for q in session.questions if q.notes.strip())
    left = clock_text(session.planned_seconds - session.elapsed_seconds)
    when = f"{started:%a} {started.day} {started:%b %H:%M}"
    words = dates.relative_words(started.date(), today)
    state = "ended, wrap-up not saved" if session.ended else f"clock at {left}"
    return (
        f"Resume the call of {when} ({words})\n"
        f"[dim]{format_duration(session.elapsed_seconds)} in · {state} · "
        f"{answered} of {len(session.questions)} questions done · notes on {noted}[/]"
    )
