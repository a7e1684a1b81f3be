"""Years of sessions: the queue and the home screen with `Bench.many` sessions of ~20 KB.

The targets are in seconds, so each timing is a ratio against a reference measured
in the same run and converted through what that reference took on this kind of
machine when the target was set (see `harness.Nominal`).
"""

from __future__ import annotations

import shutil

from bench.harness import BARE_FRAME, TOMLLIB_PARSE, Bench, Compared, Result, figure
from bench.terminal import Frame

LOADED_MARKER = " open"
"""In the queue pane's subtitle ("12 open") once the sessions have been read."""
MEMORY_MB = 150


def followups_runs(bench: Bench, cold: bool, runs: int) -> Compared:
    """`followups --json` on the big workspace against one tomllib parse, in turns."""
    workspace = bench.years()
    command = bench.coffeechat("--workspace", str(workspace.root), "followups", "--json")

    def forget() -> None:
        shutil.rmtree(workspace.cache, ignore_errors=True)

    if not cold:
        bench.run_time(command)  # the cold run that fills the cache
    return bench.compare(
        lambda: bench.run_time(command, forget if cold else None),
        bench.parse_time,
        runs,
        TOMLLIB_PARSE.name,
    )


@figure("10k sessions: followups --json, nothing cached", TOMLLIB_PARSE.target(3.0))
def followups_cold(bench: Bench) -> Result:
    """Every file read, no index cache (the files themselves are in the OS cache)."""
    return followups_runs(bench, cold=True, runs=bench.repeat(3)).under(3.0, TOMLLIB_PARSE)


@figure("10k sessions: followups --json, cached", TOMLLIB_PARSE.target(0.5))
def followups_warm(bench: Bench) -> Result:
    """The next run: the index cache is there and no file changed."""
    return followups_runs(bench, cold=False, runs=bench.repeat(9)).under(0.5, TOMLLIB_PARSE)


def home_loaded(bench: Bench) -> tuple[Compared, list[Frame]]:
    """Start to the first frame showing the queue read from the cache, and memory."""

    def measure() -> tuple[Compared, list[Frame]]:
        workspace = bench.years()
        command = bench.coffeechat("--workspace", str(workspace.root))
        bench.run_time(bench.coffeechat("--workspace", str(workspace.root), "sessions"))
        return bench.frames(command, LOADED_MARKER, bench.repeat(9), settle=0.5)

    return bench.once("home_loaded", measure)


@figure("10k sessions: home, first frame with the queue", BARE_FRAME.target(1.0, " cached"))
def home_years(bench: Bench) -> Result:
    """`coffeechat` until the queue is shown (not just the first frame), cache warm."""
    compared, _frames = home_loaded(bench)
    return compared.under(1.0, BARE_FRAME)


@figure("10k sessions: home, peak memory", f"< {MEMORY_MB} MB")
def home_memory(bench: Bench) -> Result:
    """The largest peak resident memory (VmHWM) over the starts above, half a second
    after the queue was shown."""
    _compared, frames = home_loaded(bench)
    peak = max(frame.peak_kb for frame in frames) / 1024
    return Result(f"{peak:.0f} MB", peak < MEMORY_MB)
