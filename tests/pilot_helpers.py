"""Waiting, in a Pilot test, until the app is still: what it reads in the background on
screen, and no text cursor blinking."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.pilot import Pilot


async def settle(pilot: Pilot[Any]) -> None:
    """Let the loading (and search) workers finish and their results show: loading
    starts once the first frame is up, and its results are shown on the next turn."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def steady_cursors(app: App[Any]) -> None:
    """Stop every text cursor on every screen blinking: shown, and never blinked off.

    A `TextArea` keeps the lines it drew, keyed by where its cursor is only while the
    cursor blinks: a line drawn while it had blinked off would come back without it
    once the blinking stops. `notify_style_update` drops those lines (as a change of
    style does), so the next frame draws the cursor.
    """
    for screen in app.screen_stack:
        for widget in screen.walk_children(with_self=False):
            if hasattr(widget, "cursor_blink"):
                widget.cursor_blink = False
                widget.notify_style_update()
