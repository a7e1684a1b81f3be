"""The reference for the keystroke figure: a bare Textual `TextArea` holding the notes.

`python bench/bare_textarea.py FILE WIDTH HEIGHT`: the file's text (the same 5,000
characters the call's notes box holds) in a focused `TextArea` with its defaults, as
large as the call's notes box (so it wraps and paints the same), the cursor at the
end, as the call puts it. Started like coffeechat (same interpreter, same terminal)
and typed into the same way, in turns with it, so the ratio of the two is what
coffeechat adds on top of Textual's own text editing.
"""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import TextArea

TITLE = "bench reference: notes"
"""The box's title: the marker of its first frame."""


class BareNotes(App[None]):
    """One `TextArea`, nothing else."""

    def __init__(self, text: str, width: int, height: int) -> None:
        super().__init__()
        self.text = text
        self.box = (width, height)

    def compose(self) -> ComposeResult:
        """The text area, with the text."""
        area = TextArea(self.text)
        area.border_title = TITLE
        area.styles.width, area.styles.height = self.box
        yield area

    def on_mount(self) -> None:
        """Focus at the end of the text."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)


if __name__ == "__main__":
    text, width, height = Path(sys.argv[1]).read_text(encoding="utf-8"), *sys.argv[2:4]
    BareNotes(text, int(width), int(height)).run()
