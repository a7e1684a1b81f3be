"""The conditions every snapshot is taken under (`snap_compare` in conftest)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import TextArea

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from tests.call_helpers import call_app
from tests.pilot_helpers import steady_cursors


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


class OneField(App[None]):
    """A text area alone, its cursor at the end of its text."""

    def compose(self) -> ComposeResult:
        yield TextArea("held still")


async def test_a_cursor_held_still_after_it_blinked_off_is_drawn() -> None:
    """A snapshot taken when the cursor had blinked off just before it was held still
    lacked the cursor (CI, 2026-12-02: the live screen in the high-contrast theme).

    The blink is Textual's own timer (every 0.5 s of real time, not the app's clock):
    the test waits for it to turn the cursor off, as a busy machine does.
    """
    app = OneField()
    async with app.run_test(size=(30, 3)) as pilot:
        area = app.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)
        await pilot.pause()
        shown = list(area.render_line(0))
        for _ in range(200):
            await pilot.pause(0.05)
            if list(area.render_line(0)) != shown:
                break
        else:
            raise AssertionError("the cursor never blinked off")
        steady_cursors(app)
        await pilot.pause()
        assert list(area.render_line(0)) == shown
