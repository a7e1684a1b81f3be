"""The meeting clock: how much of the agreed window is left, and when to signal.

Time left is the deadline minus the monotonic reading, pauses excluded, computed
afresh at every look: never by counting ticks, so a blocked event loop or a slow
terminal cannot make it drift. The clock passes through four phases:

    calm      before the first warning
    warned    a warning was crossed, but not the last one
    closing   the last warning was crossed: time to close the call
    overtime  the window is over; the overtime counts up

Each crossing (each warning, and the end of the window) is reported once.
Warnings at or beyond the window are dropped: they could never be crossed in time.
A call too short for every warning of its agenda (`run --duration 2m` of a 20-minute
agenda) keeps a closing warning at a quarter of its window, so the closing checklist
still comes before the end (`fit_warnings`); the screen says what was dropped.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from coffeechat.core.agendas.durations import format_duration
from coffeechat.core.timesource import TimeSource

SHORT_CALL_CLOSING = 4
"""A call whose warnings were all dropped closes at 1/4 of its window left."""


class Phase(StrEnum):
    """Where the call is against its window; each phase looks different on screen."""

    CALM = "calm"
    WARNED = "warned"
    CLOSING = "closing"
    OVERTIME = "overtime"


@dataclass(frozen=True)
class Crossing:
    """A threshold the clock has just passed: a warning, or the end of the window."""

    seconds_left: int
    """The threshold as time left; 0 for the end of the window."""
    phase: Phase
    """The phase the crossing starts."""


def clock_text(remaining: float) -> str:
    """Time left as `MM:SS`, or time over as `+MM:SS` once the window has ended.

    Time left is rounded up, so `00:00` never shows while time remains and a
    warning at 5 minutes fires as the clock turns to `05:00`.
    """
    remaining = round(remaining, 3)
    if remaining > 0:
        seconds = math.ceil(remaining)
        sign = ""
    else:
        seconds = math.floor(-remaining)
        sign = "+"
    minutes, secs = divmod(seconds, 60)
    return f"{sign}{minutes:02d}:{secs:02d}"


@dataclass(frozen=True)
class WarningFit:
    """The warnings an agenda asked for, fitted to the window of one call."""

    kept: tuple[int, ...]
    """The warnings the call signals, latest first (time left, in seconds)."""
    dropped: tuple[int, ...]
    """Those asked for that do not fit the window."""
    added: int | None
    """The closing warning put in for those dropped, if any."""
    planned: int

    def notice(self) -> str | None:
        """What to tell the person at the start of the call, if anything was dropped."""
        if not self.dropped:
            return None
        asked = " and ".join(format_duration(w) for w in self.dropped)
        were = "do" if len(self.dropped) > 1 else "does"
        text = f"Warning{'s' if len(self.dropped) > 1 else ''} at {asked} {were} not fit a "
        text += f"{format_duration(self.planned)} call: dropped"
        if self.added is not None:
            text += f"; closing warning at {format_duration(self.added)} left instead"
        return text + "."


def fit_warnings(asked: Iterable[int], planned: int) -> WarningFit:
    """Keep the warnings that fall inside the window; if that drops them all, keep a
    closing warning at a quarter of the window (whole 5 seconds, at least 5)."""
    wanted = sorted(set(asked), reverse=True)
    kept = tuple(w for w in wanted if 0 < w < planned)
    dropped = tuple(w for w in wanted if w >= planned)
    added = None
    if dropped and not kept and planned > 5:
        added = max(planned // SHORT_CALL_CLOSING // 5 * 5, 5)
        kept = (added,)
    return WarningFit(kept, dropped, added, planned)


class MeetingClock:
    """The agreed window of one call, measured on an injected monotonic clock."""

    def __init__(
        self,
        time: TimeSource,
        planned: int,
        warn_at: Iterable[int] = (),
        elapsed: float = 0.0,
        paused: float = 0.0,
    ) -> None:
        """A running clock; `elapsed` and `paused` carry over from a resumed call."""
        if planned <= 0:
            raise ValueError("the window must be longer than zero seconds")
        self.time = time
        self.planned = planned
        self.warn_at: tuple[int, ...] = tuple(
            sorted({w for w in warn_at if 0 < w < planned}, reverse=True)
        )
        now = time.monotonic()
        self._origin = now - elapsed - paused
        self._paused_total = paused
        self._paused_since: float | None = None
        self._stopped_at: float | None = None
        left = planned - elapsed
        # Thresholds already behind a resumed call are not signalled again.
        self._reported = {t for t in (*self.warn_at, 0) if round(left, 3) <= t}

    # --- reading ----------------------------------------------------------------

    def _now(self) -> float:
        if self._stopped_at is not None:
            return self._stopped_at
        if self._paused_since is not None:
            return self._paused_since
        return self.time.monotonic()

    def elapsed(self) -> float:
        """Seconds of call so far, pauses excluded."""
        return self._now() - self._origin - self._paused_total

    def paused_seconds(self) -> float:
        """Seconds spent paused so far, including a pause still going on."""
        if self._paused_since is None:
            return self._paused_total
        return self._paused_total + self.time.monotonic() - self._paused_since

    def remaining(self) -> float:
        """Seconds left of the window; negative once it is over."""
        return self.planned - self.elapsed()

    def text(self) -> str:
        """The clock as shown: `MM:SS` left, or `+MM:SS` over."""
        return clock_text(self.remaining())

    def fraction(self) -> float:
        """How much of the window is used, from 0 to 1."""
        return min(max(self.elapsed() / self.planned, 0.0), 1.0)

    def phase(self) -> Phase:
        """The phase the call is in now."""
        return self.phase_at(self.remaining())

    def phase_at(self, remaining: float) -> Phase:
        """The phase for a given time left."""
        remaining = round(remaining, 3)
        if remaining <= 0:
            return Phase.OVERTIME
        if self.warn_at and remaining <= self.warn_at[-1]:
            return Phase.CLOSING
        if self.warn_at and remaining <= self.warn_at[0]:
            return Phase.WARNED
        return Phase.CALM

    @property
    def paused(self) -> bool:
        """True while the clock is paused (a dropped call)."""
        return self._paused_since is not None

    @property
    def stopped(self) -> bool:
        """True once the call has been ended (until it is reopened)."""
        return self._stopped_at is not None

    def until_next_crossing(self) -> float | None:
        """Seconds until the next threshold, or None if none is left."""
        remaining = self.remaining()
        ahead = [t for t in (*self.warn_at, 0) if t not in self._reported]
        return max(remaining - ahead[0], 0.0) if ahead else None

    # --- signals ------------------------------------------------------------------

    def crossings(self) -> list[Crossing]:
        """The thresholds passed since the last look, each reported exactly once."""
        remaining = round(self.remaining(), 3)
        found = []
        for threshold in (*self.warn_at, 0):
            if threshold not in self._reported and remaining <= threshold:
                self._reported.add(threshold)
                found.append(Crossing(threshold, self.phase_at(threshold)))
        return found

    # --- control ------------------------------------------------------------------

    def pause(self) -> None:
        """Stop counting (the line dropped); the pause is excluded from the call."""
        if self._paused_since is None and self._stopped_at is None:
            self._paused_since = self.time.monotonic()

    def resume(self) -> None:
        """Count again after a pause."""
        if self._paused_since is not None and self._stopped_at is None:
            self._paused_total += self.time.monotonic() - self._paused_since
            self._paused_since = None

    def stop(self) -> None:
        """Freeze the clock: the call has ended."""
        if self._stopped_at is None:
            self.resume()
            self._stopped_at = self.time.monotonic()

    def reopen(self) -> None:
        """Undo `stop`: the call was not over after all, and the time since counts."""
        self._stopped_at = None
