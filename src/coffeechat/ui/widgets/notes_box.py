"""The notes box of a call: the current question's notes, or the general notes.

It holds text as every editable field does (`core.text.controls`: a control character
from the file as its symbol, as a paste would put it), hands what it holds to the
call on every change, and refuses a change that would make the session file larger
than coffeechat reads back.
"""

from __future__ import annotations

from textual.widgets import TextArea

from coffeechat.core.call.live import Call
from coffeechat.core.files.regular import MAX_SESSION_BYTES
from coffeechat.core.text.controls import editable

NOTES_SLACK = 1_000_000
"""Bytes of a session file that are not notes, at most (questions, meeting, captures)."""


class NotesBox(TextArea):
    """A `TextArea` bound to one call's notes."""

    def __init__(self, call: Call, *, id: str | None = None) -> None:
        super().__init__(id=id, tab_behavior="indent", soft_wrap=True)
        self.call = call
        self.general = False
        """True while it holds the general notes rather than the current question's."""

    def load(self, general: bool = False) -> None:
        """Put the current question's notes (or the `general` notes) in, the cursor at
        the end."""
        self.general = general
        if self.general:
            text = self.call.session.general_notes
            self.border_title = "General notes"
        else:
            text = self.call.question.notes
            self.border_title = f"Notes · Q{self.call.current + 1}"
        self.load_text(editable(text))
        self.move_cursor(self.document.end)
        self.scroll_cursor_visible()

    def add_line(self, text: str) -> None:
        """Put `text` on a line of its own at the end, the cursor after it, and keep it."""
        end = self.document.end
        before = "\n" if self.text and not self.text.endswith("\n") else ""
        self.insert(before + editable(text) + "\n", end)
        self.move_cursor(self.document.end)
        self.keep()

    def keep(self) -> None:
        """Copy what the box holds into the call."""
        text = self.text
        if self.too_large(text):
            return
        if self.general:
            self.call.write_general(text)
        else:
            self.call.write_notes(text)

    def too_large(self, text: str) -> bool:
        """Whether `text` would make the session file larger than its readers read
        (`MAX_SESSION_BYTES`): if so, the box gets back what it held and the person
        is told. Characters count six bytes each (the most one takes, escaped) until
        that could pass the limit; then the file is measured."""
        call = self.call
        session = call.session
        held = session.general_notes if self.general else call.question.notes
        notes = len(session.general_notes) + sum(len(q.notes) for q in session.questions)
        if 6 * (notes - len(held) + len(text)) + NOTES_SLACK <= MAX_SESSION_BYTES:
            return False
        keep = call.write_general if self.general else call.write_notes
        keep(text)
        if len(call.file_text().encode()) <= MAX_SESSION_BYTES:
            return False
        keep(held)
        self.load_text(editable(held))
        self.move_cursor(self.document.end)
        self.notify(
            f"That would make this call's file larger than {MAX_SESSION_BYTES // 1_000_000} MB, "
            "more than coffeechat reads back; it was not added. Keep a text this long "
            "in a file of its own.",
            title="Too much text",
            severity="error",
            timeout=10,
        )
        return True

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Every keystroke goes into the call at once."""
        self.keep()
        # The line a keystroke wraps onto must be on screen now, not at the next key.
        self.scroll_cursor_visible()
