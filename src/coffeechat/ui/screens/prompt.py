"""A small dialog asking for one line of text, and saying what it will do as you type.

Used to snooze (WHEN: the resolved date is shown back before anything changes), to
name a new agenda, and to choose where an export is written. `check` turns the text
into the line shown under the box, or raises `InputError` to say what is wrong;
Enter is accepted only when the check passes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Label, Static

from coffeechat.core.problems import InputError
from coffeechat.ui.literal import literal

Check = Callable[[str], str]
"""Text typed → what it will do (shown back); raises `InputError` when it is not usable."""


class PromptDialog(ModalScreen[str | None]):
    """Ask for one line; dismissed with the text, or None when cancelled."""

    CSS_PATH = "prompt.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
        Binding("enter", "accept", "OK", id="prompt.accept", priority=True),
    ]

    def __init__(
        self, title: str, check: Check, placeholder: str = "", value: str = "", hint: str = ""
    ) -> None:
        super().__init__()
        self.title_text = title
        self.check = check
        self.placeholder = placeholder
        self.value = value
        self.hint = hint

    def compose(self) -> ComposeResult:
        """The question, the box, and the line that answers back."""
        with Vertical(id="prompt"):
            yield Label(literal(self.title_text), id="prompt-title")
            yield Input(self.value, placeholder=self.placeholder, id="prompt-input")
            yield Static("", id="prompt-result")
            if self.hint:
                yield Static(literal(self.hint), id="prompt-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Show what the starting text would do."""
        self.show_result(self.value)

    @on(Input.Changed, "#prompt-input")
    def typed(self, event: Input.Changed) -> None:
        """Say again what the text would do."""
        self.show_result(event.value)

    def show_result(self, text: str) -> bool:
        """Update the answer line; whether the text is usable."""
        result = self.query_one("#prompt-result", Static)
        if not text.strip():
            result.update("")
            result.set_class(False, "-error")
            return False
        try:
            answer = self.check(text)
        except InputError as err:
            problem = err.problems[0]
            message = problem.message + (f"\n{problem.hint}" if problem.hint else "")
            result.update(literal(message))
            result.set_class(True, "-error")
            return False
        result.update(literal(answer))
        result.set_class(False, "-error")
        return True

    def action_accept(self) -> None:
        """Close with the text if it is usable; otherwise keep asking."""
        text = self.query_one("#prompt-input", Input).value
        if self.show_result(text):
            self.dismiss(text.strip())
        else:
            self.app.bell()

    def action_cancel(self) -> None:
        """Close without doing anything."""
        self.dismiss(None)
