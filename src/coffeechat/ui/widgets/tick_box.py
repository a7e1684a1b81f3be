"""A checkbox whose state reads without colour: ☑ when ticked, ☐ when not.

Textual's `Checkbox` draws `▐X▌` either way and tells the states apart by colour
alone (a green X, or a dark one): in the high-contrast theme, and for a person who
does not see the difference, an unticked goal looked ticked.
"""

from __future__ import annotations

from textual.widgets import Checkbox

TICKED, UNTICKED = "☑", "☐"


class TickBox(Checkbox):
    """A `Checkbox` showing its state as ☑ or ☐; a long label ends with an ellipsis."""

    DEFAULT_CSS = """
    TickBox {
        width: 1fr;
        & > .toggle--button, &.-on > .toggle--button {
            color: $text;
            background: transparent;
        }
        &.-on > .toggle--button {
            color: $text-success;
        }
    }
    """
    BUTTON_LEFT = ""
    BUTTON_RIGHT = ""
    BUTTON_INNER = UNTICKED

    def watch_value(self) -> None:
        """Draw the state it changed to."""
        self.BUTTON_INNER = TICKED if self.value else UNTICKED
        super().watch_value()
