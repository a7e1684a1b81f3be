"""The questions of a call as a list: each one's state, time spent, and fit."""

from __future__ import annotations

import contextlib
import textwrap
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
HEAD_CELLS, TIME_CELLS = 5, 6
"""The cells before each question (mark, star, number) and after it (the time)."""


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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._rows: dict[object, list[Content]] = {}
        """Each question's rows as last wrapped, by what decides them: redrawn every
        second, the list wraps a question again only when its text, style or room
        changed."""
        self._most: tuple[object, int] | None = None
        """`lines_each`'s last answer, and what it was worked out from."""

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
        count = len(call.session.questions)
        most = self.lines_each(call)
        before, self._rows = self._rows, {}
        lines = [self._line(call, i, budget[i], i in wont_fit, most, before) for i in range(count)]
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

    def lines_each(self, call: Call) -> int:
        """How many lines each question may take: as many as lets every question be
        seen whole in the list's height (one at least, then cut with an ellipsis)."""
        region = self.scrollable_content_region
        key = (region.width, region.height, [q.text for q in call.session.questions])
        if self._most is not None and self._most[0] == key:
            return self._most[1]
        room = max(region.width - HEAD_CELLS, 1)
        height = region.height
        wrapped = (textwrap.wrap(q.text, room) for q in call.session.questions)
        needed = [len(w) + (len(w[0]) > room - TIME_CELLS) if w else 1 for w in wrapped]
        most = 1
        while most < max(needed) and sum(min(n, most + 1) for n in needed) <= height:
            most += 1
        self._most = (key, most)
        return most

    def _line(
        self,
        call: Call,
        index: int,
        budget: int,
        wont_fit: bool,
        most: int,
        before: dict[object, list[Content]],
    ) -> Content:
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
        room = self.scrollable_content_region.width - head.cell_length - TIME_CELLS
        if room <= 8:
            return Content.assemble(head, body)
        key = (looks(body), room, most)
        rows = before.get(key) or self._rows.get(key) or wrapped_rows(body, room, most)
        self._rows[key] = rows
        pad = " " * max(TIME_CELLS - time.cell_length, 0)
        first = Content.assemble(head, rows[0].truncate(room, pad=True), pad, time)
        indent = " " * head.cell_length
        return Content("\n").join([first, *(Content.assemble(indent, row) for row in rows[1:])])


def wrapped_rows(body: Content, room: int, most: int) -> list[Content]:
    """A question's text in at most `most` rows: the first `room` cells wide (it shares
    its row with the time), the next ones taking the time's cells too; cut with an
    ellipsis if it needs more."""
    first_row = body.wrap(room)[0]
    rest = body[len(first_row.plain) :]
    rest = rest[len(rest.plain) - len(rest.plain.lstrip()) :]
    rows = [first_row, *(rest.wrap(room + TIME_CELLS) if rest.plain else [])]
    if len(rows) > most:
        cut = Content(" ").join(rows[most - 1 :])
        rows = [
            *rows[: most - 1],
            cut.truncate(room + (TIME_CELLS if most > 1 else 0), ellipsis=True),
        ]
    return rows
