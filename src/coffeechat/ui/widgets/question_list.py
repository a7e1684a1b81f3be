"""The questions of a call as a list: each one's state, time spent, and fit."""

from __future__ import annotations

import contextlib
from collections.abc import Collection

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from coffeechat.core.call.live import Call
from coffeechat.core.call.pacing import budgets
from coffeechat.core.text.controls import escape_controls

MARKS = {"pending": "·", "answered": "✓", "skipped": "↷"}
"""How each state shows; the current question shows ▶ whatever its state."""
WONT_FIT = "×"
"""Marks a question that will not fit the time left (it is never removed)."""


def minutes(seconds: float) -> str:
    """`1:05` for 65 seconds."""
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def looks(prompt: object) -> object:
    """What decides how a line looks: its text and its styles."""
    return (prompt.plain, tuple(prompt.spans)) if isinstance(prompt, Content) else prompt


class QuestionList(OptionList):
    """Every question with its state; focusable only while jumping to one."""

    can_focus = False

    _shown: tuple[Call, Collection[int]] | None = None

    def start_jump(self, current: int) -> None:
        """Take the focus, the current question highlighted, to pick another."""
        self.can_focus = True
        self.highlighted = current
        self.focus()

    def picked(self) -> int | None:
        """The index of the question highlighted, if any."""
        if self.highlighted is None:
            return None
        with contextlib.suppress(OptionDoesNotExist):
            option = self.get_option_at_index(self.highlighted).id
            return None if option is None else int(option)
        return None

    def on_blur(self) -> None:
        """Focusable only while jumping."""
        self.can_focus = False

    def on_resize(self) -> None:
        """The width decides how much of each question fits: draw again."""
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, call: Call, wont_fit: Collection[int]) -> None:
        """Redraw the list from the call (keeps the highlight on the current question).

        Called every second while the clock runs: when the questions are the same,
        only the lines that changed are replaced (the time on the current question),
        which repaints the list alone instead of laying out the screen again.
        """
        self._shown = (call, wont_fit)
        budget = budgets(call.session.questions, call.clock.planned, call.reserve)
        lines = [
            self._line(call, index, budget[index], index in wont_fit)
            for index in range(len(call.session.questions))
        ]
        highlighted = self.highlighted
        if len(lines) == self.option_count:
            for index, line in enumerate(lines):
                if looks(line) != looks(self.get_option_at_index(index).prompt):
                    self.replace_option_prompt_at_index(index, line)
        else:
            self.set_options(Option(line, id=str(index)) for index, line in enumerate(lines))
        if self.has_focus and highlighted is not None:
            self.highlighted = min(highlighted, len(lines) - 1)
        else:
            self.highlighted = call.current

    def _line(self, call: Call, index: int, budget: int, wont_fit: bool) -> Content:
        question = call.session.questions[index]
        current = index == call.current
        mark = "▶" if current else MARKS[question.status]
        star = "★" if question.starred else " "
        spent = call.seconds_on(index)
        # Time spent sits at the right edge, so the question gets every cell left.
        if spent >= 1 or current:
            over = spent > budget and current
            time = Content.styled(f" {minutes(spent)}", "bold $warning" if over else "")
        else:
            time = Content.styled(f" ~{round(budget / 60)}m", "dim")
        style = ""
        if question.status != "pending" and not current:
            style = "dim"
        elif question.priority == "must":
            style = "bold"
        text = escape_controls(f"{'+ ' if question.added else ''}{question.text}")
        if wont_fit:
            body = Content.assemble((f"{WONT_FIT} ", "dim"), (text, "dim italic"))
        else:
            body = Content.styled(text, style)
        head = Content.assemble(
            (f"{mark}{star}", "bold" if current else ""), (f"{index + 1:>2} ", "dim")
        )
        room = self.scrollable_content_region.width - head.cell_length - time.cell_length
        if room > 8:
            return Content.assemble(head, body.truncate(room, ellipsis=True, pad=True), time)
        return Content.assemble(head, body)
