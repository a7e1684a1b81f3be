"""The terminal widths at which coffeechat's screens change their layout.

One set for every screen, so that home and the call turn wide at the same width.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

WIDE = 140
"""From this many columns a screen is `-wide` (home shows the preview, the call the
cheat sheet as a third column); below it, `-narrow`."""
HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (WIDE, "-wide")]
"""For `Screen.HORIZONTAL_BREAKPOINTS`: Textual sets the class on every resize."""


def set_for_width(screen: Screen[Any]) -> bool:
    """Give `screen` the class Textual gives it at its first resize, now, while it is
    composed (True if wide): set before its widgets exist, the class costs nothing; set
    at the first resize, it restyles every widget of the screen before the first frame."""
    wide = screen.app.size.width >= WIDE
    screen.set_class(not wide, "-narrow")
    screen.set_class(wide, "-wide")
    return wide
