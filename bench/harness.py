"""What every figure shares: the registry, the run's settings and data, and the ratios.

These machines are shared and noisy, so no timing is judged on its own: each one is
a ratio against a reference measured in the same run, the two interleaved run by
run so that a busy moment slows both. A figure whose target is in seconds converts
it into a ratio through what the reference took on this kind of machine when the
target was set (`Nominal`), and shows both numbers.

Adding a figure is one function in a figure module (listed in `__main__.MODULES`):

    @figure("people --json", "≤ 2x import tomllib")
    def people_json(bench: Bench) -> Result:
        bench.require("people")  # "not built yet" until the command exists
        return against_tomllib(bench, ["people", "--json"]).within(2.0)

bench/README.md says what each figure measures and how.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from typing import TypeVar, cast

from bench import corpus
from bench.terminal import BenchError, Frame, Terminal
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import to_toml

T = TypeVar("T")

BIN = Path(sys.executable).parent
"""The venv's scripts: coffeechat and the interpreter that the bench itself runs on."""
BARE_APP = Path(__file__).with_name("bare_app.py")
BARE_MARKER = "bench reference: ready"


def compile_package() -> None:
    """Write coffeechat's bytecode as installing its wheel would (pip compiles every
    module). An editable install in an environment with PYTHONDONTWRITEBYTECODE set
    would otherwise compile every module from source at every start."""
    import compileall

    import coffeechat

    compileall.compile_dir(Path(coffeechat.__file__).parent, quiet=1)


@dataclass(frozen=True)
class Nominal:
    """What a reference took on this kind of machine when a target in seconds was set."""

    name: str
    seconds: float

    def target(self, seconds: float, words: str = "") -> str:
        """A target in seconds as the table shows it, with the ratio it stands for."""
        ratio = seconds / self.seconds
        return (
            f"< {ms(seconds)}{words} (≤ {ratio:.0f}x ref)"
            if ratio >= 100
            else (f"< {ms(seconds)}{words} (≤ {ratio:.1f}x ref)")
        )


BARE_FRAME = Nominal("bare app frame", 0.190)
"""Issue 6: a bare Textual app paints its first frame in tmux in about 190 ms."""
TOMLLIB_PARSE = Nominal("tomllib parse of one 20 KB session", 0.0015)
"""Issue 6: parsing one 21 KB session file with tomllib takes about 1.5 ms."""


NOT_BUILT = "not built yet"
"""The verdict of a figure whose command does not exist yet (neither pass nor FAIL)."""
NOT_MEASURABLE = "not measurable yet"
"""The verdict of a figure whose subject is not in this checkout, or cannot be reached here."""


@dataclass(frozen=True)
class Result:
    """A figure's outcome: the value to print and whether it meets the target."""

    measured: str
    passed: bool | None
    """None: not judged, for the reason `waiting` names (`NOT_BUILT`, `NOT_MEASURABLE`)."""
    waiting: str = ""

    @property
    def verdict(self) -> str:
        """The table's last column: pass, FAIL, or why the figure is not judged yet."""
        if self.passed is None:
            return self.waiting
        return "pass" if self.passed else "FAIL"


class NotJudgedError(Exception):
    """Raised by a figure that cannot be judged yet: its result says why, with no verdict."""

    def __init__(self, verdict: str, why: str) -> None:
        super().__init__(why)
        self.result = Result(why, None, verdict)


@dataclass(frozen=True)
class Figure:
    """One line of the final table: a name, its target, and how to measure it."""

    name: str
    target: str
    measure: Callable[[Bench], Result]


FIGURES: list[Figure] = []


def figure(
    name: str, target: str
) -> Callable[[Callable[[Bench], Result]], Callable[[Bench], Result]]:
    """Register the decorated function as the measure of a figure (in definition order)."""

    def register(measure: Callable[[Bench], Result]) -> Callable[[Bench], Result]:
        FIGURES.append(Figure(name, target, measure))
        return measure

    return register


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table."""
    if seconds < 0.01:
        return f"{seconds * 1000:.2f} ms"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


@dataclass(frozen=True)
class Compared:
    """Medians of a measurement and of its reference, taken in turns in one run."""

    values: tuple[float, ...]
    references: tuple[float, ...]
    reference_name: str

    @property
    def value(self) -> float:
        """The median of the measurement."""
        return statistics.median(self.values)

    @property
    def reference(self) -> float:
        """The median of the reference."""
        return statistics.median(self.references)

    @property
    def ratio(self) -> float:
        """How many times the reference the measurement took."""
        return self.value / self.reference

    def within(self, limit: float) -> Result:
        """Passes when the ratio is at most `limit`."""
        text = f"{self.ratio:.2f}x ({ms(self.value)} vs {ms(self.reference)})"
        return Result(text, self.ratio <= limit)

    def under(self, seconds: float, nominal: Nominal) -> Result:
        """Passes when the value, scaled to the machine the target was set on, is
        under `seconds`: the ratio is at most `seconds / nominal.seconds`.

        Shown as: the value (its ratio to the reference → the value that ratio gives
        with the reference at its nominal time)."""
        adjusted = self.ratio * nominal.seconds
        text = f"{ms(self.value)} ({self.ratio:.1f}x ref {ms(self.reference)} → {ms(adjusted)})"
        return Result(text, self.ratio <= seconds / nominal.seconds)


@dataclass
class Bench:
    """One run of the bench: its temp folder, sizes, and the data figures share."""

    folder: Path
    runs: int | None = None
    """Override every figure's number of repetitions (the smoke test uses 1)."""
    many: int = 10_000
    """How many sessions the "years of sessions" workspace holds."""
    memo: dict[str, object] = field(default_factory=dict)

    def repeat(self, default: int) -> int:
        """How many times to repeat a measurement whose usual count is `default`."""
        return self.runs if self.runs is not None else default

    @property
    def quick(self) -> bool:
        """Whether the run asked for one or two repetitions (the smoke test does)."""
        return self.runs is not None and self.runs <= 2

    def size(self, usual: int, quick: int) -> int:
        """How much of something a measurement uses (keys typed, seconds of a call):
        `usual`, or `quick` when the run asked for fewer repetitions (the smoke test)."""
        return quick if self.quick else usual

    def count(self, usual: int) -> int:
        """How many files a big workspace holds: `usual`, at most `many` (`--sessions`)."""
        return min(usual, self.many)

    def coffeechat(self, *args: str) -> list[str]:
        """The command line that runs coffeechat from the venv's script."""
        return [str(BIN / "coffeechat"), *args]

    def python(self, *args: str) -> list[str]:
        """The command line that runs the venv's interpreter."""
        return [str(BIN / "python"), *args]

    # --- shared data ----------------------------------------------------------------

    def small(self) -> Workspace:
        """A new user's workspace: the example agenda and a few sessions."""
        return self.once("small", lambda: corpus.small_workspace(self.folder / "small"))

    def years(self) -> Workspace:
        """A workspace with `many` sessions of about 20 KB (made once per run)."""

        def make() -> Workspace:
            workspace = corpus.small_workspace(self.folder / "years", sessions=0)
            started = time.perf_counter()
            corpus.write_sessions(workspace, self.many)
            took = time.perf_counter() - started
            print(f"  (made {self.many} sessions in {took:.1f} s)", file=sys.stderr)
            return workspace

        return self.once("years", make)

    @cached_property
    def terminal(self) -> Terminal:
        """The tmux server the start-up figures use (closed with the bench)."""
        if shutil.which("tmux") is None:
            raise BenchError("tmux is not installed")
        return Terminal(self.folder / "tmux")

    def require(self, *commands: str) -> None:
        """Stop the figure as "not built yet" unless coffeechat has each of `commands`
        (`coffeechat COMMAND --help` succeeds)."""
        for command in commands:
            if not self.once(f"has {command}", partial(self.has_command, command)):
                raise NotJudgedError(NOT_BUILT, f"`coffeechat {command}` does not exist yet")

    def has_command(self, command: str) -> bool:
        """Whether `coffeechat COMMAND --help` succeeds (an unknown command is exit 2)."""
        result = subprocess.run(self.coffeechat(command, "--help"), capture_output=True)
        return result.returncode == 0

    def once(self, key: str, make: Callable[[], T]) -> T:
        """What `make` makes, made the first time `key` is asked for in this run."""
        if key not in self.memo:
            self.memo[key] = make()
        return cast(T, self.memo[key])

    def close(self) -> None:
        """Stop the terminal if one was started."""
        if "terminal" in self.__dict__:
            self.terminal.close()

    # --- measuring ------------------------------------------------------------------

    def compare(
        self,
        measure: Callable[[], float],
        reference: Callable[[], float],
        runs: int,
        reference_name: str,
    ) -> Compared:
        """Run `reference` and `measure` in turns `runs` times; their medians."""
        values, references = [], []
        for _ in range(runs):
            references.append(reference())
            values.append(measure())
        return Compared(tuple(values), tuple(references), reference_name)

    def drop_page_cache(self) -> str:
        """Empty the OS page cache, so the next reads come from the disk; "" when done,
        else why it could not be (only root may)."""
        os.sync()
        try:
            Path("/proc/sys/vm/drop_caches").write_text("3\n")
        except OSError as err:
            return err.strerror or str(err)
        return ""

    def run_time(self, command: list[str], before: Callable[[], None] | None = None) -> float:
        """Seconds from starting `command` to its exit; it must succeed."""
        if before is not None:
            before()
        started = time.perf_counter()
        result = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        took = time.perf_counter() - started
        if result.returncode != 0:
            raise BenchError(f"{' '.join(command)} failed: {result.stderr.decode()[-500:]}")
        return took

    def frames(
        self,
        command: list[str],
        marker: str,
        runs: int,
        settle: float = 0.0,
        before: Callable[[], None] | None = None,
    ) -> tuple[Compared, list[Frame]]:
        """First painted frame of `command` (until `marker` shows) against the bare
        app's, in turns; also each start's frame with its peak memory. `before` runs
        before each start of `command` (to undo what the last one changed)."""
        frames: list[Frame] = []

        def measure() -> float:
            if before is not None:
                before()
            frames.append(self.terminal.first_frame(command, marker, self.folder, settle=settle))
            return frames[-1].seconds

        def reference() -> float:
            bare = self.python(str(BARE_APP))
            return self.terminal.first_frame(bare, BARE_MARKER, self.folder).seconds

        return self.compare(measure, reference, runs, "bare app"), frames

    def parse_time(self) -> float:
        """The reference for file-reading figures: one tomllib parse of a 20 KB session,
        the median of a few, in this process."""

        def make() -> str:
            import random

            agenda = corpus.make_agenda(self.folder)
            return to_toml(corpus.made_up_session(agenda, corpus.NOW, 0, random.Random(7)))

        text = self.once("session_text", make)
        times = []
        for _ in range(9):
            started = time.perf_counter()
            tomllib.loads(text)
            times.append(time.perf_counter() - started)
        return statistics.median(times)
