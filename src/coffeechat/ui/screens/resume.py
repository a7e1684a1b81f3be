"""Before a call: an unfinished call of this agenda exists; resume it or start afresh.

A call cut short by a crash (or a closed terminal) went on without coffeechat: its
clock stopped at the last save. When that was over a minute ago, resuming is also
offered with that time counted (`core.call.start.time_away`); which is right, the
person knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from coffeechat.core.agendas.durations import format_duration
from coffeechat.core.call.clock import clock_text
from coffeechat.core.call.start import CallPlan, OpenSession, count_time_away, time_away
from coffeechat.core.queue import dates
from coffeechat.ui.literal import literal

NEW = "new"
COUNTED = "+"
"""The suffix of the id of the choice that counts the time away."""


@dataclass(frozen=True)
class ResumeChoice:
    """What the person chose: an unfinished session to go on with, or None for a new call."""

    session: OpenSession | None


class ResumeScreen(Screen[ResumeChoice | None]):
    """Offers the unfinished calls of an agenda; dismissed with None to quit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "resume", "Resume", id="resume.resume"),
        Binding("c", "resume_counting", "Count the time away", id="resume.count"),
        Binding("n", "new", "New call", id="resume.new"),
        Binding("escape", "cancel", "Cancel", id="resume.cancel"),
    ]

    def __init__(self, plan: CallPlan, now: datetime) -> None:
        super().__init__()
        self.plan = plan
        self.now = now
        self.away = [time_away(item, now) for item in plan.unfinished]
        """For each unfinished call, the seconds since its last save worth offering (or 0)."""

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
        options = []
        for index, item in enumerate(self.plan.unfinished):
            options.append(Option(describe(item, self.now), id=str(index)))
            if self.away[index]:
                options.append(
                    Option(describe_counting(item, self.away[index]), id=f"{index}{COUNTED}")
                )
        options.append(Option("Start a new call", id=NEW))
        yield OptionList(*options, id="resume-choices")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a choice."""
        choice = event.option.id
        if choice == NEW:
            self.dismiss(ResumeChoice(None))
        elif choice is not None:
            self.resume(int(choice.removesuffix(COUNTED)), counting=choice.endswith(COUNTED))

    def resume(self, index: int, counting: bool = False) -> None:
        """Go on with unfinished call `index`, its time away on the clock if `counting`."""
        item = self.plan.unfinished[index]
        if counting:
            count_time_away(item, self.away[index])
        self.dismiss(ResumeChoice(item))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Counting the time away is offered only where there is some."""
        return action != "resume_counting" or bool(self.away[0])

    def action_resume(self) -> None:
        """Resume the most recent unfinished call where its clock stopped."""
        self.resume(0)

    def action_resume_counting(self) -> None:
        """Resume the most recent unfinished call, counting the time since its last save."""
        if self.away[0]:
            self.resume(0, counting=True)

    def action_new(self) -> None:
        """Start a new call."""
        self.dismiss(ResumeChoice(None))

    def action_cancel(self) -> None:
        """Neither: leave."""
        self.dismiss(None)


def describe(item: OpenSession, now: datetime) -> str:
    """One unfinished call: when it started (local time), how far it got."""
    session = item.session
    started = _local(session.started, now)
    today = now.date()
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


def describe_counting(item: OpenSession, away: int) -> str:
    """The choice of resuming with the time since the last save counted."""
    session = item.session
    left = clock_text(session.planned_seconds - session.elapsed_seconds - away)
    return (
        f"Resume it, counting the {format_duration(away)} since coffeechat stopped\n"
        f"[dim]if the call went on without it: clock at {left}[/]"
    )


def _local(moment: datetime, now: datetime) -> datetime:
    """`moment` in the zone of `now` (a time typed without an offset is taken as it is)."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(now.tzinfo)
    except (OverflowError, ValueError):
        return moment
