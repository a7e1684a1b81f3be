"""Where time comes from: passed in, so tests can move it without sleeping.

The call clock's reading drives everything that measures elapsed time (the meeting
clock): it never jumps nor goes back, and it goes on while the machine is suspended,
since the phone call does (a laptop lid closed mid-call). The wall clock is only used
for timestamps and dates, in the local time zone with its daylight-saving rules:
"09:00 in three weeks" is 09:00 on that day whatever the offset will be by then.
"""

from __future__ import annotations

import functools
import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class TimeSource(Protocol):
    """A clock for measuring the call and a wall clock for timestamps."""

    def monotonic(self) -> float:
        """Seconds from an arbitrary start; never jumps, never goes back, and counts
        the time the machine is suspended."""
        ...

    def now(self) -> datetime:
        """The local wall-clock time, in a zone that knows its daylight-saving rules
        (its `tzinfo` gives the right offset for any other date too)."""
        ...


def suspend_counting_clock() -> Callable[[], float]:
    """The system's steady clock that counts suspend: Linux's `CLOCK_BOOTTIME`
    (`CLOCK_MONOTONIC` stops while suspended); `time.monotonic` where it is missing."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        try:
            time.clock_gettime(boottime)
        except OSError:
            pass
        else:
            return functools.partial(time.clock_gettime, boottime)
    return time.monotonic


def local_zone() -> tzinfo:
    """The local time zone with its rules: `$TZ` or `/etc/localtime` read by `zoneinfo`;
    otherwise the C library's rules (dateutil's `tzlocal`, a `TZ` rule like
    `EST5EDT,M3.2.0,M11.1.0`). `datetime.now().astimezone()` would be a fixed offset,
    wrong for any date across a daylight-saving change."""
    return _zone(os.environ.get("TZ"))


@functools.lru_cache(maxsize=8)
def _zone(tz: str | None) -> tzinfo:
    from zoneinfo import ZoneInfo

    try:
        if tz is None:
            with open("/etc/localtime", "rb") as file:
                return ZoneInfo.from_file(file, key="localtime")
        name = tz.removeprefix(":")
        if name.startswith("/"):
            with open(name, "rb") as file:
                return ZoneInfo.from_file(file, key=name)
        return ZoneInfo(name)
    except (OSError, ValueError):  # no such file or name, a rule string: the C library's
        from dateutil.tz import tzlocal

        return tzlocal()


class SystemTime:
    """The real clocks."""

    def __init__(self) -> None:
        self._steady = suspend_counting_clock()

    def monotonic(self) -> float:
        """`CLOCK_BOOTTIME` where there is one (see `suspend_counting_clock`)."""
        return self._steady()

    def now(self) -> datetime:
        """The local time, in the local zone (see `local_zone`)."""
        return datetime.now(local_zone())


class ManualTime:
    """Clocks a test (or a benchmark) moves by hand.

    `start` may carry a real zone (`ZoneInfo("America/New_York")`): `now()` then
    passes daylight-saving changes as the real clock does.
    """

    def __init__(self, start: datetime, monotonic: float = 1000.0) -> None:
        if start.tzinfo is None:
            raise ValueError("ManualTime needs an aware datetime")
        self._zone = start.tzinfo
        self._instant = start.astimezone(UTC)
        self._mono = monotonic

    def monotonic(self) -> float:
        """The call clock's reading, moved only by `advance`."""
        return self._mono

    def now(self) -> datetime:
        """The wall clock in the start's zone, moved by `advance` and `jump_wall`."""
        return self._instant.astimezone(self._zone)

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass on both clocks (a suspended laptop's too: see SystemTime)."""
        self._mono += seconds
        self._instant += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """Move only the wall clock, as an NTP correction or a time-zone change does."""
        self._instant += timedelta(seconds=seconds)
