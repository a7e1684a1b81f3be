"""The conditions every snapshot is taken under (`snap_compare` in conftest)."""

from __future__ import annotations

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from tests.call_helpers import call_app
from tests.conftest import steady_cursors


async def test_no_text_cursor_blinks_in_a_snapshot(workspace: Workspace, clock: ManualTime) -> None:
    """The notes box and the fields of a capture, on every screen of the stack."""
    app = call_app(workspace, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+r")  # a referral's fields beside the notes box
        await pilot.press("f1")  # and a screen over them
        blinking = [
            widget
            for screen in app.screen_stack
            for widget in screen.walk_children()
            if getattr(widget, "cursor_blink", False)
        ]
        assert len(blinking) >= 2
        steady_cursors(app)
        still = [w for w in blinking if getattr(w, "cursor_blink", True)]
        assert still == []
