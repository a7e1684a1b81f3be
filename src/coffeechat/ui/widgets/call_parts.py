"""The small read-only parts of the call screen: who, the current question, the checklist,
the pacing line. Each is a `Static` that redraws itself from the call."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.agendas.durations import format_duration
from coffeechat.core.call.clock import Phase
from coffeechat.core.call.live import Call
from coffeechat.core.call.pacing import Pacing
from coffeechat.ui.literal import lines, literal
from coffeechat.ui.widgets.question_list import WONT_FIT, looks, minutes

OPENING_SECONDS = 180
"""The opening checklist shows for the first minutes, until a question is done."""
OFFER_TO_END = "“I want to respect your time: shall we stop here?”"


class CallPart(Static):
    """A part redrawn every second while the clock runs: it updates only when its text
    changed, and has the screen laid out again only if its size can follow its text
    (a full layout would repaint everything, the notes box too, between two keys)."""

    _looks: object = None

    def put(self, content: Content | str) -> None:
        """Show `content` (a str is coffeechat's own markup)."""
        content = Content.from_markup(content)
        if looks(content) != self._looks:
            self._looks = looks(content)
            self.update(content, layout=self.styles.auto_dimensions)


class MeetingHeader(Static):
    """Who the call is with, and what you came to learn."""

    def __init__(self, call: Call, agenda: Agenda, *, id: str | None = None) -> None:
        super().__init__(who_text(call, agenda), id=id)


def who_text(call: Call, agenda: Agenda) -> Content:
    """Name, role and organisation; who referred you; the goals, one a line."""
    meeting = call.session.meeting
    where = ", ".join(p for p in (meeting.role, meeting.organization) if p)
    shown = [literal((meeting.person, "bold"), f" · {where}" if where else "")]
    extra = [f"referred by {meeting.referred_by}"] if meeting.referred_by else []
    extra += [part for part in (meeting.channel, meeting.contact) if part]
    if extra:
        shown.append(literal((" · ".join(extra), "dim")))
    goals = [g.text for g in call.session.goals] or list(agenda.learn)
    shown += [literal(("◆", "$accent"), f" {goal}") for goal in goals]
    return lines(shown)


class QuestionHead(CallPart):
    """The line above the current question: which, how important, time on it."""

    def show(self, call: Call, general: bool) -> None:
        """Redraw for the current question, or for the general notes."""
        if general:
            self.put(f"[b]General notes[/b] · ctrl+g: back to Q{call.current + 1}")
            return
        question = call.question
        budget = f" of {format_duration(round(question.minutes * 60))}" if question.minutes else ""
        parts = [
            f"[b]Q{call.current + 1}[/b] of {len(call.session.questions)}",
            question.priority + ("-ask" if question.priority == "must" else ""),
            f"{minutes(call.seconds_on(call.current))}{budget}",
        ]
        if question.status != "pending":
            parts.append(question.status)
        if question.starred:
            parts.append("[$warning]★ key insight[/]")
        self.put(" · ".join(parts))


class QuestionText(CallPart):
    """The current question in full."""

    def show(self, call: Call, general: bool) -> None:
        """Redraw for the current question, or say what the general notes are for."""
        if general:
            self.put(
                "[dim]Anything not tied to a question: impressions, names, things to look up.[/]"
            )
        else:
            self.put(literal((call.question.text, "bold")))


class Checklist(CallPart):
    """The opening checklist at the start; the closing one once time is short."""

    def show(self, call: Call, agenda: Agenda) -> bool:
        """Redraw; True if there is a checklist to show now."""
        phase = call.clock.phase()
        closing = phase in (Phase.CLOSING, Phase.OVERTIME)
        lead: list[Content] = []
        if closing and agenda.closing:
            items = agenda.closing
            if phase == Phase.OVERTIME:
                self.border_title = "Over time: offer to end the call"
                lead = [literal((OFFER_TO_END, "$error"))]
            else:
                self.border_title = "Closing: time to wrap up"
        elif (
            agenda.opening
            and call.clock.elapsed() < OPENING_SECONDS
            and all(q.status == "pending" for q in call.session.questions)
        ):
            items = agenda.opening
            self.border_title = "Opening"
        else:
            return False
        self.set_class(closing, "-closing")
        self.put(lines([*lead, *(f"☐ {item}" for item in items)]))
        return True


class PacingLine(CallPart):
    """One line: ahead of or behind the budgets, must-asks left, what will not fit."""

    def show(self, call: Call, pacing: Pacing) -> None:
        """Redraw from the call's pacing."""
        if call.clock.paused:
            self.put("[b]Paused[/b]: the clock is stopped. ctrl+b to resume.")
            return
        ahead = pacing.ahead
        if abs(ahead) < 15:
            parts = ["on budget"]
        elif ahead > 0:
            parts = [f"[$success]{minutes(ahead)} ahead[/] of the budgets"]
        else:
            parts = [f"[$warning]{minutes(-ahead)} behind[/] the budgets"]
        if pacing.current_over:
            parts.append(f"this one is {minutes(pacing.current_over)} over")
        if pacing.must_left:
            colour = "$text-muted" if call.clock.phase() == Phase.CALM else "$warning"
            parts.append(f"[{colour}]must-ask left: {numbers(pacing.must_left)}[/]")
        elif any(q.priority == "must" for q in call.session.questions):
            parts.append("[$success]every must-ask asked[/]")
        if pacing.wont_fit:
            parts.append(f"{WONT_FIT} won't fit: {numbers(pacing.wont_fit)}")
        self.put(" · ".join(parts))


def numbers(indexes: tuple[int, ...], most: int = 6) -> str:
    """`Q2, Q3, Q4…` for question indexes."""
    listed = ", ".join(f"Q{i + 1}" for i in indexes[:most])
    return listed + ("…" if len(indexes) > most else "")
