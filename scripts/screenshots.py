"""The README's pictures: SVG screenshots the app takes of itself on the demo campaign.

    python scripts/screenshots.py [FOLDER]      (default: docs/pictures; `make screenshots`)

The demo (`coffeechat.core.demo`) is written into a temporary folder as of a fixed
moment, so the pictures change only when the app's look does: home, and the live
call from the agenda ready to run with a note being typed, each at 100x30. Run it
after a visual change and commit the pictures with it; a test runs it too.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

os.environ["TZ"] = "America/New_York"  # the demo's times read the same on every machine
time.tzset()

from textual.pilot import Pilot  # noqa: E402  (after the time zone is set)

from coffeechat.core.demo.campaign import READY, write_demo  # noqa: E402
from coffeechat.core.files.names import slugify  # noqa: E402
from coffeechat.core.files.workspace import Workspace  # noqa: E402
from coffeechat.core.timesource import ManualTime, local_zone  # noqa: E402
from coffeechat.ui.app import make_app  # noqa: E402
from coffeechat.ui.screens.call import CallScreen  # noqa: E402
from coffeechat.ui.widgets.people_list import PeopleList  # noqa: E402

NOW = datetime(2026, 12, 2, 10, 30, tzinfo=local_zone())
"""The demo's today (a Wednesday morning)."""
SIZE = (100, 30)
PICTURES = ("home.svg", "people.svg", "learning.svg", "call.svg")
NOTE = (
    "Enjoys: fixing one thing for every unit at once, not one patient at a time.\n"
    'Hardest: "you stop being the expert in the room, overnight"'
)
ANSWER = "Mon: huddle. Tue-Thu: build + testing. Fri: tickets."


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the app is still: background reading done, no cursor blinking."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    for screen in pilot.app.screen_stack:
        for widget in screen.walk_children(with_self=False):
            if hasattr(widget, "cursor_blink"):
                widget.cursor_blink = False
                widget.notify_style_update()  # see `steady_cursors` in tests/conftest.py
    await pilot.pause()


async def take(workspace: Workspace, folder: Path) -> None:
    """Home, its People pane in focus, the Learning screen, then the call from the
    agenda ready to run, a few minutes in."""
    clock = ManualTime(NOW)
    app = make_app(workspace, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.save_screenshot("home.svg", str(folder))
        app.screen.query_one(PeopleList).focus()
        await settle(pilot)
        app.save_screenshot("people.svg", str(folder))
        await pilot.press("l")
        await settle(pilot)
        app.save_screenshot("learning.svg", str(folder))
        await pilot.press("escape")
        await settle(pilot)
        assert app.start_call(workspace.agenda_file(slugify(READY.person.name)))
        await settle(pilot)
        await pilot.press(*ANSWER)
        clock.advance(200)
        await pilot.press("ctrl+n")
        first, second = NOTE.split("\n")
        await pilot.press(*first, "enter", *second)
        clock.advance(95)
        call = app.screen
        assert isinstance(call, CallScreen)
        call.tick()  # the clock shown as it reads now, not at the next tick of real time
        await settle(pilot)
        app.save_screenshot("call.svg", str(folder))
        await pilot.press("ctrl+q")


def main(argv: list[str]) -> int:
    """Write the pictures into the folder given (default: docs/pictures)."""
    folder = Path(argv[0] if argv else "docs/pictures")
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coffeechat-pictures-") as demo:
        asyncio.run(take(write_demo(Path(demo) / "demo", NOW), folder.resolve()))
    for name in PICTURES:
        print(folder / name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
