"""The reference for start-up figures: a bare Textual app that shows one line.

Started exactly like coffeechat (from the same interpreter, in the same terminal),
so the ratio of the two is what coffeechat adds on top of Textual itself.
"""

from textual.app import App, ComposeResult
from textual.widgets import Static

LINE = "bench reference: ready"


class BareApp(App[None]):
    """One line of text, nothing else."""

    def compose(self) -> ComposeResult:
        """The line."""
        yield Static(LINE)


if __name__ == "__main__":
    BareApp().run()
