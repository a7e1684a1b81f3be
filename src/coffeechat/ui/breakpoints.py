"""The terminal widths at which coffeechat's screens change their layout.

One set for every screen, so that home and the call turn wide at the same width.
"""

from __future__ import annotations

WIDE = 140
"""From this many columns a screen is `-wide` (home shows the preview, the call the
cheat sheet as a third column); below it, `-narrow`."""
HORIZONTAL_BREAKPOINTS: list[tuple[int, str]] = [(0, "-narrow"), (WIDE, "-wide")]
"""For `Screen.HORIZONTAL_BREAKPOINTS`: Textual sets the class on every resize."""
