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

OFFER_TO_END = "“I want to respect your time: shall we stop here?”"


class CallPart(Static):
    """A part redrawn every second while the clock runs: it updates only when its text
    changed, and has the screen laid out again only if its size can follow its text
    (a full layout would repaint everything, the notes box too, between two keys)."""

    _looks: object = None

    def put(self, content: Content | str) -> None:
        """Show `content` (a str is coffeechat's own markup)."""
        content = Content.from_markup(content)
        shown = looks(content)
        if shown != self._looks:
            self._looks = shown
            self.update(content, layout=self.styles.auto_dimensions)


class MeetingHeader(Static):
    """Who the call is with, and what you came to learn, fitted to its width: each part
    whole or left out, never cut in the middle (the contact goes first)."""

    def __init__(self, call: Call, agenda: Agenda, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.call = call
        self.agenda = agenda

    def on_resize(self) -> None:
        """Fit the parts to the new width."""
        self.update(who_text(self.call, self.agenda, self.content_size.width or None))


def who_text(call: Call, agenda: Agenda, width: int | None = None) -> Content:
    """Name, role and organisation; who referred you, the channel, the contact; the
    goals, one a line. With a `width`, what does not fit on a line goes to the next
    (the organisation) or is left out (the channel, then the contact)."""
    meeting = call.session.meeting
    room = width or 10**6
    name = literal((meeting.person, "bold"), f" · {meeting.role}" if meeting.role else "")
    rest = [p for p in (meeting.organization,) if p]
    whole = literal(name, f", {rest[0]}" if meeting.role and rest else "")
    if not meeting.role and rest:
        whole = literal(name, f" · {rest[0]}")
    shown: list[Content] = []
    extra = [f"referred by {meeting.referred_by}"] if meeting.referred_by else []
    extra += [part for part in (meeting.channel, meeting.contact) if part]
    if whole.cell_length <= room or not rest:
        shown.append(whole)
        second: list[str] = []
    else:
        shown.append(name)
        second = rest
    for part in extra:
        if len(" · ".join([*second, part])) <= room or not second:
            second.append(part)
    if second:
        shown.append(literal((" · ".join(second), "dim")))
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
    """The opening checklist until it is all ticked; the closing one once time is short.
    Ticked items show ☑, the others ☐ (readable without colour)."""

    _titles: tuple[str, str] | None = None

    def show(self, call: Call, key: str) -> bool:
        """Redraw, saying `key` ticks the next item; True if there is one to show now."""
        part = call.checklist_part()
        if part is None:
            return False
        lead: list[Content] = []
        if part == "opening":
            title = "Opening"
        elif call.clock.phase() == Phase.OVERTIME:
            title = "Over time: offer to end the call"
            lead = [literal((OFFER_TO_END, "$error"))]
        else:
            title = "Closing: time to wrap up"
        # Set only when they change: each setting parses markup and repaints the part.
        titles = (title, f"{key}: tick the next")
        if titles != self._titles:
            self._titles = titles
            self.border_title, self.border_subtitle = titles
        self.set_class(part == "closing", "-closing")
        items = [literal("☑ " if item.ticked else "☐ ", item.text) for item in call.checklist(part)]
        self.put(lines([*lead, *items]))
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
