"""Text whose wrapped lines keep the indent of the line they continue.

A session's notes are printed under their question, its referrals and follow-ups
under their headings, each indented; Textual wraps a long line back to the left
edge, so a note of three lines read as three paragraphs of the page. Here a line
too long for the width is wrapped by Textual's own `Content.wrap` in the room
right of its indent, and its list marker (`1. `, `• `, `[x] `, `- `), so every
piece starts under the text it continues. Lines that are not indented are left to
Textual. The widget is a `Static` that measures and draws the text so wrapped.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from textual.content import Content
from textual.geometry import Size
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

INDENT = re.compile(r" *(?:\d+\. |[•*-] |\[.\] )?")
"""What a continued line goes under: the spaces, then a list marker if there is one."""
NARROWEST = 12
"""Fewer cells than this right of the indent, and a line is left to Textual."""


def hanging(text: Content, width: int) -> Content:
    """`text` with each long indented line wrapped at `width` under its own indent."""
    out: list[Content] = []
    for line in text.split("\n", allow_blank=True):
        found = INDENT.match(line.plain)
        indent = found.end() if found and found.group().startswith(" ") else 0
        if not indent or width - indent < NARROWEST or line.cell_length <= width:
            out.append(line)
            continue
        pad = " " * indent
        pieces = line[indent:].wrap(width - indent)
        out += [line[:indent] + pieces[0], *(Content(pad) + piece for piece in pieces[1:])]
    return Content("\n").join(out)


class HangingText(Static):
    """A `Static` showing `Content` with hanging indents (see the module docstring)."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.whole = Content()
        self.wrapped: tuple[int, Content] | None = None
        """The text last wrapped, and the width: measuring and drawing both want it."""

    def show(self, text: Content) -> None:
        """Show `text`, wrapped at whatever width the widget has."""
        self.whole = text
        self.wrapped = None
        self.update(text)

    def wrapped_at(self, width: int) -> Content:
        """The text wrapped at `width` (wrapped once for each text and width)."""
        if self.wrapped is None or self.wrapped[0] != width:
            self.wrapped = (width, hanging(self.whole, width))
        return self.wrapped[1]

    def render(self) -> Content:
        """The text wrapped at the widget's width."""
        return self.wrapped_at(self.content_size.width)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """The height of the text wrapped at `width`."""
        rules = cast("RulesMap", self.styles)  # what `Widget.get_content_height` passes too
        return self.wrapped_at(width).get_height(rules, width)
