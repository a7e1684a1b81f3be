"""The call's clock: drift over a simulated half hour and real calls, warnings on
time, and time that passes while the laptop is suspended.

On the call figures' workspace (`bench.call.call_workspace`).

- Clock, simulated: the real call screen in a headless app on a `ManualTime`,
  ticked for 30 minutes at irregular intervals (the loop's jitter, and stalls of
  up to 2 s when it is blocked); at every tick the clock shown must be what the
  time elapsed says, and the last reading must equal the time that passed.
- Clock, real: two calls of `bench.size(30, 6)` seconds with two warnings, in tmux
  with the real clock, one with every other core kept busy by a spinning process.
  Every change of the clock's text line and every warning is timed as it arrives.
  The call's clock starts between the process's start and its first frame; a
  change of the text cannot come before its second has passed, so the earliest
  (arrival - second) also bounds the start. A warning's lateness is given as the
  range these bounds allow, and judged by its upper end. Drift is the change of
  (arrival - second) from the first change of the text to the last.
- Suspend: a real suspend cannot be made here. What can be measured is whether the
  app's time source (`SystemTime`, what `make_app` and the commands use) reads a
  clock that counts suspended time: on Linux `CLOCK_BOOTTIME` does and
  `CLOCK_MONOTONIC` does not, and the two are equal on a machine that never slept.
  So the source is read in a new time namespace whose `CLOCK_BOOTTIME` is set an
  hour ahead of `CLOCK_MONOTONIC` (`unshare --time --boottime 3600`: what an hour
  with the lid closed does to the two), bracketed by readings of both clocks.

Clock targets are in real time (what a person sees), so they are judged on their
values.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass

from bench import corpus
from bench.call import AGENDA, call_workspace, fresh
from bench.harness import NOT_MEASURABLE, Bench, NotJudgedError, Result, figure, ms
from bench.terminal import BenchError
from coffeechat.core import timesource
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime

CLOCK_AGENDA = "bench-clock"
TICK = 0.25
"""How often the call screen looks at the clock (`ui.clock_watch.TICK_SECONDS`)."""
CLOCK_LINE = re.compile(r"(\+?\d\d:\d\d) (?:left of|over the)")
WARNINGS = re.compile(r"(Time check|Time to close|Time is up)")


# --- clock, simulated -------------------------------------------------------------------


@dataclass(frozen=True)
class Simulated:
    """A call screen's clock driven through a long call on a `ManualTime`."""

    ticks: int
    stalls: int
    wrong: int
    """Ticks at which the clock shown was not what the time elapsed says."""
    error: float
    """The clock's elapsed time minus the time that passed, at the end (seconds)."""
    warnings: int
    """Warnings shown."""
    thresholds: int
    """Warnings there were to show (those that fit the window, and its end)."""


async def simulate(workspace: Workspace, minutes: int) -> Simulated:
    """Drive the real call screen for `minutes` of simulated time (and one more, over
    the window), looking at the clock as the loop would: irregularly."""
    from typing import Any

    from coffeechat.core.call.clock import clock_text
    from coffeechat.core.call.start import plan_call
    from coffeechat.core.settings import Settings
    from coffeechat.ui.app import make_app
    from coffeechat.ui.screens.call import CallScreen
    from coffeechat.ui.widgets.clock_panel import ClockPanel

    clock = ManualTime(corpus.NOW)
    planned = minutes * 60
    plan = plan_call(workspace, workspace.agenda_path(AGENDA), Settings(), planned)
    app = make_app(workspace, clock, Settings(), call=plan)
    shown: list[str] = []
    notify = app.notify

    def noting(message: str, **kwargs: Any) -> None:
        shown.append(kwargs.get("title", ""))
        notify(message, **kwargs)

    app.notify = noting  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)):
        screen = app.screen
        assert isinstance(screen, CallScreen)
        panel = screen.query_one(ClockPanel)
        start = clock.monotonic()
        rng = random.Random(5)
        ticks = stalls = wrong = 0
        while clock.monotonic() - start < planned + 60:
            step = TICK + rng.uniform(-0.04, 0.04)
            if rng.random() < 0.002:
                step += rng.uniform(0.5, 2.0)  # the loop was blocked: its ticks were skipped
                stalls += 1
            clock.advance(step)
            ticks += 1
            screen.tick()
            if panel.text != clock_text(planned - (clock.monotonic() - start)):
                wrong += 1
        error = screen.call.clock.elapsed() - (clock.monotonic() - start)
        thresholds = len(screen.call.clock.warn_at) + 1
    warnings = sum(1 for title in shown if WARNINGS.fullmatch(title))
    return Simulated(ticks, stalls, wrong, error, warnings, thresholds)


# --- clock, real ------------------------------------------------------------------------


CLOCK_AGENDA_TEXT = """format = 1

[meeting]
with = "Clock Person"
duration = "{window}s"
warn_at = ["{first}s", "{last}s"]

[[questions]]
text = "What does a typical week look like for you?"

[[questions]]
text = "Who else should I talk to?"
"""


@dataclass(frozen=True)
class RealCall:
    """What a call of `window` seconds showed, timed as it arrived (`perf_counter`)."""

    window: int
    warn_at: tuple[int, int]
    started: float
    """The process's start: the call's clock cannot have started before."""
    painted: float
    """The first frame: the call's clock started before it."""
    lines: list[tuple[float, str]]
    """Each new text of the clock line (`00:29`, `+00:01`) and when it came."""
    warnings: list[tuple[float, str]]
    """Each warning's title and when it came."""

    def second(self, text: str) -> int:
        """The second of the call at which the clock line turns to `text`."""
        minutes, seconds = text.lstrip("+").split(":")
        value = int(minutes) * 60 + int(seconds)
        return self.window + value if text.startswith("+") else self.window - value

    @property
    def offsets(self) -> list[float]:
        """For each change of the clock line: when it came, less its second of the call."""
        return [when - self.second(text) for when, text in self.lines if self.second(text) > 0]

    @property
    def latest_start(self) -> float:
        """The latest the clock can have started: before its first frame, and before
        any change of its text less that change's second."""
        return min([self.painted, *self.offsets])

    def lateness(self) -> list[tuple[str, float, float]]:
        """Each warning: its title and the least and most it can have been late."""
        due = {
            "Time check": self.window - self.warn_at[0],
            "Time to close": self.window - self.warn_at[1],
            "Time is up": self.window,
        }
        return [
            (title, when - due[title] - self.latest_start, when - due[title] - self.started)
            for when, title in self.warnings
        ]


def real_call(bench: Bench, busy: bool) -> RealCall:
    """A call of `bench.size(30, 6)` seconds in tmux, with every other core busy or not."""
    workspace = call_workspace(bench)
    window = bench.size(30, 6)
    warn_at = (window * 2 // 3, window // 3)
    agenda = workspace.agendas / f"{CLOCK_AGENDA}.toml"
    agenda.write_text(
        CLOCK_AGENDA_TEXT.format(window=window, first=warn_at[0], last=warn_at[1]),
        encoding="utf-8",
    )
    fresh(bench)
    command = bench.coffeechat("--workspace", str(workspace.root), "run", CLOCK_AGENDA)
    spinners = []
    if busy:
        spin = bench.python("-c", "while True: pass")
        spinners = [subprocess.Popen(spin) for _ in range(max(1, (os.cpu_count() or 2) - 1))]
    try:
        time.sleep(0.2 if busy else 0)  # the spinners are up to speed
        with bench.terminal.running(command, "left of") as pane:
            seen = pane.watch(window + 2.5, re.compile(f"{CLOCK_LINE.pattern}|{WARNINGS.pattern}"))
            started, painted = pane.started_at, pane.started_at + pane.started_in
    finally:
        for spinner in spinners:
            spinner.kill()
            spinner.wait()
        fresh(bench)
    lines = [(when, text) for when, text in seen if not WARNINGS.fullmatch(text)]
    warnings = [(when, text) for when, text in seen if WARNINGS.fullmatch(text)]
    return RealCall(window, warn_at, started, painted, lines, warnings)


def real_calls(bench: Bench) -> tuple[RealCall, RealCall]:
    """The idle call and the busy one (made once per run: two figures read them)."""
    return bench.once(
        "real calls", lambda: (real_call(bench, busy=False), real_call(bench, busy=True))
    )


@figure("clock: drift, 30 min simulated and real calls", "none")
def clock_drift(bench: Bench) -> Result:
    """The simulated half hour, and the real calls' clock lines against the real clock."""
    fresh(bench)
    simulated = asyncio.run(simulate(call_workspace(bench), bench.size(30, 2)))
    fresh(bench)
    drifts = []
    for call in real_calls(bench):
        offsets = call.offsets
        if len(offsets) < 2:
            raise BenchError(f"the clock line changed {len(offsets)} times in {call.window} s")
        drifts.append(offsets[-1] - offsets[0])
    worst = max(drifts, key=abs)
    text = (
        f"simulated: {simulated.wrong} of {simulated.ticks} ticks wrong, "
        f"{round(simulated.error * 1000):+d} ms at the end ({simulated.stalls} stalls); "
        f"real: {round(worst * 1000):+d} ms over {real_calls(bench)[0].window} s"
    )
    passed = simulated.wrong == 0 and abs(simulated.error) < 0.001 and abs(worst) < TICK
    return Result(text, passed and simulated.warnings == simulated.thresholds)


@figure("clock: warnings after their threshold", "≤ 0.5 s, idle and other core busy")
def clock_warnings(bench: Bench) -> Result:
    """Each warning of the real calls, from when it was due to when it was painted."""
    parts, worst = [], 0.0
    for call, name in zip(real_calls(bench), ("idle", "busy"), strict=True):
        late = call.lateness()
        if len(late) != 3:
            raise BenchError(f"{len(late)} of 3 warnings were painted in the {name} call")
        low, high = max(item[1] for item in late), max(item[2] for item in late)
        worst = max(worst, high)
        parts.append(f"{name} {low:.2f}–{high:.2f} s")
    return Result(f"latest: {', '.join(parts)}", worst <= 0.5)


# --- clock, suspended -----------------------------------------------------------------


SUSPEND = 3600
"""The lid closed for an hour: how far `CLOCK_BOOTTIME` is set ahead in the namespace."""
PROBE = """
import json, time
from coffeechat.core.timesource import SystemTime

source = SystemTime()
readings = []
for _ in range(3):
    before = time.clock_gettime(time.CLOCK_BOOTTIME)
    reading = source.monotonic()
    after = time.clock_gettime(time.CLOCK_BOOTTIME)
    readings.append([before, reading, after, time.clock_gettime(time.CLOCK_MONOTONIC)])
    time.sleep(0.05)
print(json.dumps(readings))
"""
"""Reads the source between two readings of `CLOCK_BOOTTIME`, and `CLOCK_MONOTONIC` after."""


@dataclass(frozen=True)
class Reading:
    """One reading of the time source, between two of `CLOCK_BOOTTIME`."""

    boot_before: float
    source: float
    boot_after: float
    monotonic: float

    @property
    def on_boottime(self) -> bool:
        """Whether the source read `CLOCK_BOOTTIME` (within a millisecond)."""
        return self.boot_before - 0.001 <= self.source <= self.boot_after + 0.001

    @property
    def on_monotonic(self) -> bool:
        """Whether the source read `CLOCK_MONOTONIC` (the hour apart is not there)."""
        return abs(self.source - self.monotonic) < SUSPEND / 2


def read_in_namespace(bench: Bench) -> list[Reading]:
    """The probe's readings in a time namespace whose boot time is `SUSPEND` s ahead."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        raise NotJudgedError(NOT_MEASURABLE, "needs Linux time namespaces (`unshare --time`)")
    namespace = ["unshare", "--time", "--boottime", str(SUSPEND)]
    refused = ""
    # As root, or else in a user namespace of one's own, where one is root.
    for prefix in (namespace, [*namespace[:1], "--user", "--map-root-user", *namespace[1:]]):
        result = subprocess.run(
            [*prefix, *bench.python("-c", PROBE)], capture_output=True, text=True, check=False
        )
        if result.returncode == 0:
            return [Reading(*row) for row in json.loads(result.stdout)]
        if "Traceback" in result.stderr:
            raise BenchError(f"the probe failed: {result.stderr.strip().splitlines()[-1]}")
        refused = refused or result.stderr.strip()
    raise NotJudgedError(NOT_MEASURABLE, f"no time namespace here ({refused})")


def boottime_in_source() -> bool:
    """Whether the time source's module speaks of `CLOCK_BOOTTIME` at all (the switch to
    it is another change: until it is in, the figure waits for it rather than fail)."""
    return "BOOTTIME" in inspect.getsource(timesource)


@figure("clock: counts time suspended", "source follows CLOCK_BOOTTIME")
def clock_suspended(bench: Bench) -> Result:
    """The app's time source, read where `CLOCK_BOOTTIME` is an hour ahead."""
    readings = read_in_namespace(bench)
    gap = readings[0].boot_before - readings[0].monotonic
    if all(reading.on_boottime for reading in readings):
        late = max(r.source - r.boot_before for r in readings)
        return Result(
            f"follows CLOCK_BOOTTIME (read within {ms(late)} of it, {gap:.0f} s ahead of "
            "CLOCK_MONOTONIC in a time namespace standing in for an hour asleep; a real "
            "suspend is not tried)",
            True,
        )
    clock = "CLOCK_MONOTONIC" if all(r.on_monotonic for r in readings) else "neither clock"
    if clock == "CLOCK_MONOTONIC" and not boottime_in_source():
        raise NotJudgedError(
            NOT_MEASURABLE,
            "SystemTime reads CLOCK_MONOTONIC, which stops while suspended; the switch "
            "to CLOCK_BOOTTIME is not in this checkout",
        )
    return Result(f"follows {clock}, not CLOCK_BOOTTIME ({gap:.0f} s apart here)", False)
