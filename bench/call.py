"""The live call: its start, a keystroke in the notes, and an autosave.

All of it on a workspace of its own (the example agenda, a few past sessions, the
14-question `bench-agenda`), put back as it was before each start. The clock's
figures, on the same workspace, are in `bench.clock`.

- Start: `coffeechat run bench-agenda` to the live screen (the notes box's title
  painted), against the bare Textual app, in turns, like the home screen.
- Keystroke: a call resumed with 5,000 characters in the current question's notes
  (14 questions, notes on three more), and its reference, a bare Textual
  `TextArea` holding the same 5,000 characters in a box as large as the call's
  notes box (`bench/bare_textarea.py`; the size is read from the same call screen,
  resumed, run headless), both running in tmux at once and typed into in turns (25 keys to one,
  then 25 to the other). Keys are typed one at a time, each timed from handing it to tmux
  until the line it ends is painted (the marker is the last nine characters typed:
  a run of numbers that never repeats). The harness's own share (starting `tmux
  send-keys`, the pty, the pipe back) is the same keys typed into `cat`, whose echo
  the kernel paints at once: measured before and after, its median is subtracted
  from both. Keys come at a fast typist's pace (see `Typist`). The call saves
  itself while the keys are typed (every 0.4 s after a change, in the autosaver's
  thread); the figure says how many saves happened. It is judged by the ratio of
  the two medians, and, where the bare `TextArea` itself is under 8 ms (a machine
  as fast as the one the targets were set on), by the call's median and worst too.
- Autosave: in this process, a 20 KB session's text (`Call.file_text`) and its
  atomic write with fsync (`write_atomic`), each save timed, after a keystroke's
  change. The event loop pays only for the text; the write runs in the autosaver's
  thread, so the figure shows the two apart.

Latency targets are in real time (what a person sees), so they are judged on their
values with the harness's floor taken out, beside the ratio to the bare `TextArea`.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from bench import corpus
from bench.harness import Bench, Result, figure, ms
from bench.terminal import SIZE, Pane, Terminal
from coffeechat.core.call.live import Call
from coffeechat.core.files import atomic
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import Session, new_session, to_toml
from coffeechat.core.timesource import SystemTime

AGENDA = "bench-agenda"
LIVE_MARKER = "Notes · Q1"
"""The notes box's title on a new call's first frame."""
BARE_TEXTAREA = Path(__file__).with_name("bare_textarea.py")
RESUMED_MARKER = "Notes · Q4"
"""The notes box's title once the call with long notes is resumed (on question 4)."""
NOTES = 5_000
RATIO = 1.25
"""The call's keystroke at most this many times the bare `TextArea`'s."""
MEDIAN, WORST, BARE_FAST = 0.016, 0.050, 0.008
"""The call's median and worst keystroke, judged where the bare one is under `BARE_FAST`."""


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


def unfinished_call(workspace: Workspace) -> tuple[Path, str]:
    """An in-progress call of the bench agenda, 9 minutes in, on question 4, whose
    notes hold `NOTES` characters; its file, and those notes."""
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
    return path, session.questions[3].notes


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


def notes_box(bench: Bench) -> tuple[int, int]:
    """The notes box's width and height in the call the keys are typed into (the
    unfinished one, resumed) in the bench's terminal, from the real call screen in a
    headless app (the bare `TextArea` is made as large). Measured on a new call
    instead, the box was 77x26 where the resumed call's, on a question of one line,
    is 77x31: the call painted a fifth more lines per key than its reference."""
    from coffeechat.core.call.start import plan_call
    from coffeechat.core.settings import Settings
    from coffeechat.core.timesource import ManualTime
    from coffeechat.ui.app import make_app
    from coffeechat.ui.screens.call import CallScreen

    async def measure() -> tuple[int, int]:
        workspace = call_workspace(bench)
        unfinished_call(workspace)
        plan = plan_call(workspace, workspace.agenda_path(AGENDA), Settings())
        app = make_app(workspace, ManualTime(corpus.NOW), Settings(), call=plan)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("r")  # resume it
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, CallScreen)
            return screen.notes.outer_size.width, screen.notes.outer_size.height

    fresh(bench)
    try:
        return asyncio.run(measure())
    finally:
        fresh(bench)


def echo_floor(bench: Bench, keys: int) -> list[float]:
    """The harness alone: keys typed into `cat` (the kernel echoes them)."""
    with bench.terminal.running(["sh", "-c", "echo ready; exec cat"], "ready") as pane:
        return Typist(marker=1).type(pane, keys)


@dataclass(frozen=True)
class Keys:
    """Seconds from each key to its frame, net of the harness's floor."""

    times: tuple[float, ...]

    @property
    def median(self) -> float:
        """The median key."""
        return statistics.median(self.times)

    @property
    def worst(self) -> float:
        """The slowest key."""
        return max(self.times)


def judge_keys(call: Keys, bare: Keys) -> tuple[float, bool, str]:
    """The ratio of the call's median key to the bare `TextArea`'s, whether the figure
    passes, and what decided it (DESIGN.md: the ratio, and the values where the bare
    `TextArea` is under 8 ms; on a slower machine the ratio alone)."""
    ratio = call.median / bare.median if bare.median > 0 else float("inf")
    if bare.median >= BARE_FAST:
        return ratio, ratio <= RATIO, f"bare ≥ {BARE_FAST * 1000:.0f} ms: the ratio decides"
    fast = call.median < MEDIAN and call.worst < WORST
    return ratio, ratio <= RATIO and fast, f"bare < {BARE_FAST * 1000:.0f} ms: ratio and values"


@figure(
    "keystroke in the notes to the next frame",
    f"≤ {RATIO}x bare TextArea; median < {MEDIAN * 1000:.0f} ms, worst < {WORST * 1000:.0f} "
    f"ms if bare < {BARE_FAST * 1000:.0f} ms",
)
def keystroke(bench: Bench) -> Result:
    """Keys typed at the end of 5,000 characters of notes in a resumed call, and in the
    bare `TextArea` holding the same text, in turns, net of the harness's floor; the
    call autosaving as it goes."""
    from bench.bare_textarea import TITLE

    workspace = call_workspace(bench)
    width, height = notes_box(bench)
    path, notes = unfinished_call(workspace)
    text_file = bench.folder / "bare-notes.txt"
    text_file.write_text(notes, encoding="utf-8")
    keys, turn = bench.size(300, 12), bench.size(25, 6)
    floor = echo_floor(bench, keys // 3)
    command = bench.coffeechat("--workspace", str(workspace.root), "run", AGENDA)
    bare_command = bench.python(str(BARE_TEXTAREA), str(text_file), str(width), str(height))
    saves = set()
    call_times: list[float] = []
    bare_times: list[float] = []
    # Two tmux servers, so that what one program paints never mixes with the other's.
    with (
        Terminal(bench.folder / "tmux-textarea") as other,
        other.running(bare_command, TITLE) as bare,
        bench.terminal.running(command, "Resume the call") as call,
    ):
        call.keys_to_frame("r", RESUMED_MARKER)  # the call saves itself as it resumes
        saves.add(path.stat().st_mtime_ns)
        for pane in (call, bare):
            pane.press("Enter")  # a line of its own, after the notes
        time.sleep(0.2)
        call_typist, bare_typist = Typist(), Typist()
        while len(call_times) < keys:
            count = min(turn, keys - len(call_times))
            bare_times += bare_typist.type(bare, count)
            for _ in range(count):
                call_times += call_typist.type(call, 1)
                saves.add(path.stat().st_mtime_ns)  # each save writes a new file
    floor += echo_floor(bench, keys // 3)
    fresh(bench)
    base = statistics.median(floor)
    mine = Keys(tuple(t - base for t in call_times))
    reference = Keys(tuple(t - base for t in bare_times))
    ratio, passed, rule = judge_keys(mine, reference)
    text = (
        f"{ratio:.2f}x: {ms(mine.median)}/{ms(mine.worst)} vs bare {ms(reference.median)}/"
        f"{ms(reference.worst)} (median/worst, net of a {ms(base)} tmux floor; {rule}; "
        f"{len(call_times)} keys each in turns of {turn}; {len(saves) - 1} saves)"
    )
    return Result(text, passed)


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
