"""The record of respecting people's time: how many calls ended within the window
they agreed to, the median and the worst overrun, and the trend over the last ten."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from coffeechat.core.sessions.summary import SessionSummary

GRACE_SECONDS = 60
"""A call that ran a minute over or less still ended on time."""
LAST = 10


@dataclass(frozen=True)
class TimeRecord:
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


def overrun(summary: SessionSummary) -> int:
    """How many seconds a call ran past its window (0 if it did not)."""
    return max(0, summary.elapsed_seconds - summary.planned_seconds)


def time_record(sessions: Sequence[SessionSummary]) -> TimeRecord:
    """The record over the completed calls among `sessions` (in any order)."""
    calls = sorted((s for s in sessions if s.status == "completed"), key=lambda s: s.order)
    overruns = [overrun(s) for s in calls]
    if not calls:
        return TimeRecord(0, 0, 0, 0, "", ())
    worst = max(range(len(calls)), key=lambda i: (overruns[i], calls[i].order))
    return TimeRecord(
        calls=len(calls),
        on_time=sum(1 for o in overruns if o <= GRACE_SECONDS),
        median_overrun=round(median(overruns)),
        worst_overrun=overruns[worst],
        worst=calls[worst].id if overruns[worst] else "",
        last=tuple(overruns[-LAST:]),
    )
