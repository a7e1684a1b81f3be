"""When the call screen looks at its clock: a few times a second for the time shown,
and at each threshold as it falls due.

Looked at only every `TICK_SECONDS`, a warning could come up to that much after its
threshold (0.56 s on a busy machine against DESIGN.md's 0.5 s, with the start-up).
So after each look, a threshold due before the next one gets a look of its own at
its moment. A look only reads the clock: what is crossed is always the clock's own
reading, never a count of looks, since Textual skips the ticks a busy loop missed
(STACK-FACTS.md).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.timer import Timer
from textual.widget import Widget

from coffeechat.core.call.clock import MeetingClock

TICK_SECONDS = 0.25
"""How often the clock is looked at, for the time shown."""
CROSSING_MARGIN = 0.001
"""A look at a threshold comes this much after it, never a hair before."""


class ClockWatch:
    """Calls `look` every `TICK_SECONDS`, and when a threshold of `clock` falls due."""

    def __init__(self, owner: Widget, clock: MeetingClock, look: Callable[[], None]) -> None:
        """Start looking, on timers of `owner` (they end with it)."""
        self.owner = owner
        self.clock = clock
        self.look = look
        self._crossing: Timer | None = None
        owner.set_interval(TICK_SECONDS, look)

    def looked(self) -> None:
        """After a look: if the next threshold falls due before the next tick, look then."""
        clock = self.clock
        until = clock.until_next_crossing()
        if until is None or until >= TICK_SECONDS or clock.paused or clock.stopped:
            return
        if self._crossing is None:
            self._crossing = self.owner.set_timer(until + CROSSING_MARGIN, self._at_crossing)

    def _at_crossing(self) -> None:
        self._crossing = None
        self.look()
