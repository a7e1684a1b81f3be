"""The live call: its start, a keystroke in the notes, an autosave, and the clock.

All of it on a workspace of its own (the example agenda, a few past sessions, the
14-question `bench-agenda`), put back as it was before each start.

- Start: `coffeechat run bench-agenda` to the live screen (the notes box's title
  painted), against the bare Textual app, in turns, like the home screen.
- Keystroke: a call resumed with 5,000 characters in the current question's notes
  (14 questions, notes on three more). Keys are typed one at a time through tmux,
  each timed from handing it to tmux until the line it ends is painted (the marker
  is the last nine characters typed: a run of numbers that never repeats). The
  harness's own share (starting `tmux send-keys`, the pty, the pipe back) is the
  same keys typed into `cat`, whose echo the kernel paints at once: measured before
  and after, its median is subtracted. Keys come at a fast typist's pace (see
  `Typist`). The call saves itself while the keys are typed (every 0.4 s after a
  change, in the autosaver's thread); the figure says how many saves happened.
- Autosave: in this process, a 20 KB session's text (`Call.file_text`) and its
  atomic write with fsync (`write_atomic`), each save timed, after a keystroke's
  change. The event loop pays only for the text; the write runs in the autosaver's
  thread, so the figure shows the two apart.
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

Latency and clock targets are in real time (what a person sees), so those figures
are judged on their values, with the harness's floor taken out; only the start is
a ratio.
"""

from __future__ import annotations

import asyncio
import os
import random
import re
import statistics
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from bench import corpus
from bench.harness import Bench, Result, figure, ms
from bench.terminal import BenchError, Pane
from coffeechat.core import atomic
from coffeechat.core.call import Call
from coffeechat.core.session import Session, new_session, to_toml
from coffeechat.core.timesource import ManualTime, SystemTime
from coffeechat.core.workspace import Workspace

AGENDA = "bench-agenda"
CLOCK_AGENDA = "bench-clock"
LIVE_MARKER = "Notes · Q1"
"""The notes box's title on a new call's first frame."""
RESUMED_MARKER = "Notes · Q4"
"""The notes box's title once the call with long notes is resumed (on question 4)."""
NOTES = 5_000
TICK = 0.25
"""How often the call screen looks at the clock (`ui.screens.call.TICK_SECONDS`)."""
CLOCK_LINE = re.compile(r"(\+?\d\d:\d\d) (?:left of|over the)")
WARNINGS = re.compile(r"(Time check|Time to close|Time is up)")


# --- the workspace ----------------------------------------------------------------------


def call_workspace(bench: Bench) -> Workspace:
    """The workspace the call figures use (made once per run)."""

    def make() -> Workspace:
        workspace = corpus.small_workspace(bench.folder / "call", sessions=4)
        bench.memo["call files"] = {path.name for path in workspace.sessions.iterdir()}
        return workspace

    return bench.once("call", make)


def fresh(bench: Bench) -> None:
    """Remove the sessions (and their locks) that calls made in the call workspace."""
    workspace = call_workspace(bench)
    made = bench.memo["call files"]
    assert isinstance(made, set)
    for path in workspace.sessions.iterdir():
        if path.name not in made:
            path.unlink()


# --- start ------------------------------------------------------------------------------


@figure("run: start to live screen", "≤ 1.5x bare app")
def run_first_frame(bench: Bench) -> Result:
    """`coffeechat run bench-agenda` on a workspace with no unfinished call."""
    workspace = call_workspace(bench)
    command = bench.coffeechat("--workspace", str(workspace.root), "run", AGENDA)
    compared, _frames = bench.frames(
        command, LIVE_MARKER, bench.repeat(15), before=lambda: fresh(bench)
    )
    fresh(bench)
    return compared.within(1.5)


# --- keystroke --------------------------------------------------------------------------


def unfinished_call(workspace: Workspace) -> Path:
    """An in-progress call of the bench agenda, 9 minutes in, on question 4, whose
    notes hold `NOTES` characters; its file."""
    agenda = corpus.make_agenda(workspace.agendas)
    rng = random.Random(11)
    started = corpus.NOW - timedelta(minutes=9)
    session = new_session(agenda, f"agendas/{AGENDA}.toml", started, agenda.duration)
    session = replace(session, id=f"{started:%Y-%m-%d-%H%M}-bench-person")
    session.elapsed_seconds = 9 * 60
    session.current = 3
    for question in session.questions[:3]:
        question.status = "answered"
        question.notes = corpus.notes(rng, 700)
    session.questions[3].notes = corpus.notes(rng, NOTES)[:NOTES]
    path = workspace.sessions / f"{session.id}.toml"
    path.write_text(to_toml(session), encoding="utf-8")
    return path


class Typist:
    """Types a run of numbers (`0001.0002.`…) one key at a time, ten to a line, at
    the pace of a fast typist: 50 to 110 ms from one key to the next (about 150
    words a minute; keys sent as soon as the last frame came would all wait for
    Textual's next 60 Hz update, which no person can type into).

    A key's frame is the one that shows the last `marker` characters of its line:
    nine never repeat, for a program that paints the whole line again; a terminal's
    own echo paints only the new character, and nothing else, so one will do.
    """

    WIDTH = 50
    LEAD = 9
    PACE = (0.050, 0.110)

    def __init__(self, marker: int = LEAD) -> None:
        self.marker = marker
        self.line = ""
        self.chars = self.stream()
        self.pace = random.Random(2)
        self.sent = 0.0

    @staticmethod
    def stream() -> Iterator[str]:
        """The characters to type, forever."""
        number = 0
        while True:
            number += 1
            yield from f"{number:04d}."

    def type(self, pane: Pane, keys: int) -> list[float]:
        """Type `keys` timed keys (and the untimed ones that start each line); the
        seconds from each timed key to its frame."""
        times: list[float] = []
        while len(times) < keys:
            if len(self.line) >= self.WIDTH:
                pane.press("Enter")
                time.sleep(0.05)
                self.line = ""
            if not self.line:
                lead = "".join(next(self.chars) for _ in range(self.LEAD))
                pane.keys_to_frame(lead, lead)
                self.sent = time.perf_counter()
                self.line = lead
                continue
            char = next(self.chars)
            self.line += char
            time.sleep(max(0.0, self.sent + self.pace.uniform(*self.PACE) - time.perf_counter()))
            self.sent = time.perf_counter()
            times.append(pane.keys_to_frame(char, self.line[-self.marker :]))
        return times


def echo_floor(bench: Bench, keys: int) -> list[float]:
    """The harness alone: keys typed into `cat` (the kernel echoes them)."""
    with bench.terminal.running(["sh", "-c", "echo ready; exec cat"], "ready") as pane:
        return Typist(marker=1).type(pane, keys)


@figure("keystroke in the notes to the next frame", "median < 16 ms, worst < 50 ms")
def keystroke(bench: Bench) -> Result:
    """Keys typed at the end of 5,000 characters of notes in a resumed call, net of the
    harness's floor; the call autosaving as it goes."""
    workspace = call_workspace(bench)
    fresh(bench)
    path = unfinished_call(workspace)
    keys = bench.size(300, 12)
    floor = echo_floor(bench, keys // 3)
    command = bench.coffeechat("--workspace", str(workspace.root), "run", AGENDA)
    saves = set()
    with bench.terminal.running(command, "Resume the call") as pane:
        pane.keys_to_frame("r", RESUMED_MARKER)  # the call saves itself as it resumes
        saves.add(path.stat().st_mtime_ns)
        typist = Typist()
        pane.press("Enter")  # a line of its own, after the notes
        time.sleep(0.2)
        times: list[float] = []
        while len(times) < keys:
            times += typist.type(pane, 1)
            saves.add(path.stat().st_mtime_ns)  # each save writes a new file
    floor += echo_floor(bench, keys // 3)
    fresh(bench)
    base = statistics.median(floor)
    net = [t - base for t in times]
    median, worst = statistics.median(net), max(net)
    text = (
        f"median {ms(median)}, worst {ms(worst)} (raw {ms(statistics.median(times))}/"
        f"{ms(max(times))} less a {ms(base)} tmux floor; {len(times)} keys, "
        f"{len(saves) - 1} saves while typing)"
    )
    return Result(text, median < 0.016 and worst < 0.050)


# --- autosave ---------------------------------------------------------------------------


def big_session(folder: Path) -> Session:
    """An in-progress call whose file is 20 KB or more, as the autosaver sees it near
    the end of a call (notes on every question, general notes, referrals)."""
    folder.mkdir(parents=True, exist_ok=True)
    agenda = corpus.make_agenda(folder)
    rng = random.Random(3)
    session = corpus.made_up_session(agenda, corpus.NOW, 0, rng)
    session.status = "in-progress"
    session.ended = None
    while len(to_toml(session).encode()) < 20_000:
        session.general_notes += "\n" + corpus.notes(rng, 500)
    return session


@figure("autosave of a 20 KB session", "each < 10 ms, off the keystrokes")
def autosave(bench: Bench) -> Result:
    """Each save as the autosaver makes it: the text (on the loop), then the atomic
    write with fsync (in the saver's thread)."""
    folder = bench.folder / "autosave"
    session = big_session(folder)
    call = Call(session, SystemTime())
    path = folder / f"{session.id}.toml"
    texts, writes = [], []
    for _ in range(bench.size(60, 5)):
        call.write_notes(call.question.notes + "x")  # a keystroke's change
        started = time.perf_counter()
        text = call.file_text()
        made = time.perf_counter()
        atomic.write_atomic(path, text)
        texts.append(made - started)
        writes.append(time.perf_counter() - made)
    totals = [a + b for a, b in zip(texts, writes, strict=True)]
    size = path.stat().st_size / 1000
    text = (
        f"median {ms(statistics.median(totals))}, worst {ms(max(totals))} ({size:.0f} KB: "
        f"text {ms(statistics.median(texts))} on the loop, write+fsync "
        f"{ms(statistics.median(writes))} in a thread)"
    )
    return Result(text, max(totals) < 0.010)


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

    from coffeechat.core.clock import clock_text
    from coffeechat.core.settings import Settings
    from coffeechat.core.store import plan_call
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
