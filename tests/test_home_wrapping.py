"""Home's lists at 80x24: an item whose title wraps keeps every line of it.

The Follow-ups list is filled before its scroll bar appears; the bar takes two
columns, a long title then wraps onto one line more, and the list, which had
measured each item at the wider width, cut the item's last line: its due date and
whom it is with.
"""

from __future__ import annotations

from pathlib import Path

from coffeechat.core.demo.campaign import write_demo
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from coffeechat.ui.widgets.queue_list import QueueList
from tests.pilot_helpers import settle
from tests.test_demo import NOW


async def test_a_wrapped_title_keeps_its_due_line_at_80x24(tmp_path: Path) -> None:
    workspace = write_demo(tmp_path / "demo", NOW)
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        shown = [strip.text.rstrip() for strip in queue.render_lines(queue.region.reset_offset)]
    marcus = next(n for n, line in enumerate(shown) if line.startswith("Send Marcus"))
    after = shown[marcus + 1 : marcus + 4]
    assert any(line.startswith("due ") and line.endswith("Marcus Bell") for line in after), after
