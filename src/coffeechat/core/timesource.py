"""Where time comes from: passed in, so tests can move it without sleeping.

The monotonic reading drives everything that measures elapsed time (the meeting
clock); the wall clock is only used for timestamps, always with a UTC offset.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta
from typing import Protocol


class TimeSource(Protocol):
    """A monotonic clock for measuring and a wall clock for timestamps."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never jumps, never goes back."""
        ...

    def now(self) -> datetime:
        """The local wall-clock time, with its UTC offset."""
        ...


class SystemTime:
    """The real clocks."""

    def monotonic(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()

    def now(self) -> datetime:
        """The local time with its offset."""
        return datetime.now().astimezone()


class ManualTime:
    """Clocks a test (or a benchmark) moves by hand."""

    def __init__(self, start: datetime, monotonic: float = 1000.0) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualTime needs an aware datetime")
        self._wall = start
        self._mono = monotonic

    def monotonic(self) -> float:
        """The monotonic reading, moved only by `advance`."""
        return self._mono

    def now(self) -> datetime:
        """The wall clock, moved by `advance` and `jump_wall`."""
        return self._wall

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass on both clocks."""
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock, as an NTP correction or a time-zone change does."""
        self._wall += timedelta(seconds=seconds)
