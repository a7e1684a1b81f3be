"""The record of respecting people's time: how many calls ended within the window
they agreed to, the median and the worst overrun, and the trend over the last ten."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from coffeechat.core.sessions.summary import SessionSummary

GRACE_SECONDS = 60
"""A call that ran a minute over or less still ended on time."""
LAST = 10


class TimeRecord(NamedTuple):
    """Completed calls against their agreed windows."""

    calls: int
    on_time: int
    median_overrun: int
    """In seconds; 0 where calls ended early or on the dot."""
    worst_overrun: int
    worst: str
    """The id of the call that ran over most ("" if none ran over)."""
    last: tuple[int, ...]
    """The overrun of each of the last `LAST` calls, oldest first."""

    @property
    def trend(self) -> str:
        """ "better", "worse" or "steady": the newer half of `last` against the older."""
        if len(self.last) < 4:
            return "steady"
        half = len(self.last) // 2
        older, newer = self.last[:half], self.last[-half:]
        change = sum(newer) / half - sum(older) / half
        if abs(change) < GRACE_SECONDS:
            return "steady"
        return "worse" if change > 0 else "better"


def time_record(sessions: Sequence[SessionSummary]) -> TimeRecord:
    """The record over the completed calls among `sessions`, newest first (as the
    summaries' index has them)."""
    calls = [s for s in sessions if s.status == "completed"]
    if not calls:
        return TimeRecord(0, 0, 0, 0, "", ())
    overruns = [max(0, s.elapsed_seconds - s.planned_seconds) for s in calls]
    worst = max(range(len(calls)), key=overruns.__getitem__)  # ties: the newest
    return TimeRecord(
        calls=len(calls),
        on_time=sum(1 for o in overruns if o <= GRACE_SECONDS),
        median_overrun=_median(overruns),
        worst_overrun=overruns[worst],
        worst=calls[worst].id if overruns[worst] else "",
        last=tuple(reversed(overruns[:LAST])),
    )


def _median(values: list[int]) -> int:
    """The median, rounded (`statistics` would cost a command 6 ms to import)."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return round((ordered[middle - 1] + ordered[middle]) / 2)
