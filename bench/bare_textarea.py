"""The reference for the keystroke figure: a bare Textual `TextArea` holding the notes.

`python bench/bare_textarea.py FILE`: the file's text (the same 5,000 characters the
call's notes box holds) in a focused `TextArea` with its defaults, the cursor at the
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

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        """The text area, with the text."""
        area = TextArea(self.text)
        area.border_title = TITLE
        yield area

    def on_mount(self) -> None:
        """Focus at the end of the text."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)


if __name__ == "__main__":
    BareNotes(Path(sys.argv[1]).read_text(encoding="utf-8")).run()
