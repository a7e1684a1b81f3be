"""Years of sessions: the queue, what they taught, and the home screen with `Bench.many`
sessions of ~20 KB; and 1,000 sessions edited by hand, read cold.

The targets are in seconds, so each timing is a ratio against a reference measured
in the same run and converted through what that reference took on this kind of
machine when the target was set (see `harness.Nominal`).

"Nothing cached" is the index cache removed before each run, the files themselves
in the OS page cache. "Cold" is that and the page cache dropped too (as root: `sync;
echo 3 > /proc/sys/vm/drop_caches`), so the files, Python and coffeechat come from
the disk; where it cannot be dropped, or in a quick run, the figure says so.
"""

from __future__ import annotations

import random
import resource
import shutil
from collections.abc import Callable

from bench import corpus
from bench.hand_edits import hand_edited
from bench.harness import BARE_FRAME, TOMLLIB_PARSE, Bench, Compared, Result, figure
from bench.terminal import Frame
from coffeechat.core.files.workspace import Workspace

LOADED_MARKER = " open"
"""In the queue pane's subtitle ("12 open") once the sessions have been read."""
MEMORY_MB = 150
HAND_EDITED = 1_000


def against_parse(
    bench: Bench,
    workspace: Workspace,
    args: list[str],
    cold: bool,
    runs: int,
    before: Callable[[], None] | None = None,
) -> Compared:
    """`coffeechat ARGS` on `workspace` against one tomllib parse, in turns: with the
    index cache removed before each run (`cold`), or after a first run that fills it.
    `before` runs before each run too."""
    command = bench.coffeechat("--workspace", str(workspace.root), *args)

    def prepare() -> None:
        if cold:
            shutil.rmtree(workspace.cache, ignore_errors=True)
        if before is not None:
            before()

    if not cold:
        bench.run_time(command)  # the cold run that fills the cache
    return bench.compare(
        lambda: bench.run_time(command, prepare), bench.parse_time, runs, TOMLLIB_PARSE.name
    )


@figure("10k sessions: followups --json, nothing cached", TOMLLIB_PARSE.target(3.0))
def followups_cold(bench: Bench) -> Result:
    """Every file read, no index cache (the files themselves are in the OS cache)."""
    compared = against_parse(bench, bench.years(), ["followups", "--json"], True, bench.repeat(3))
    return compared.under(3.0, TOMLLIB_PARSE)


@figure("10k sessions: followups --json, cached", TOMLLIB_PARSE.target(0.5))
def followups_warm(bench: Bench) -> Result:
    """The next run: the index cache is there and no file changed."""
    compared = against_parse(bench, bench.years(), ["followups", "--json"], False, bench.repeat(9))
    return compared.under(0.5, TOMLLIB_PARSE)


@figure("10k sessions: learned --json, nothing cached", TOMLLIB_PARSE.target(3.0))
def learned_cold(bench: Bench) -> Result:
    """What the sessions taught, every file read: within the `followups` figure."""
    bench.require("learned")
    compared = against_parse(bench, bench.years(), ["learned", "--json"], True, bench.repeat(3))
    return compared.under(3.0, TOMLLIB_PARSE)


@figure("10k sessions: learned --json, cached", TOMLLIB_PARSE.target(0.5))
def learned_warm(bench: Bench) -> Result:
    """The next run, with whatever the first one cached."""
    bench.require("learned")
    compared = against_parse(bench, bench.years(), ["learned", "--json"], False, bench.repeat(9))
    return compared.under(0.5, TOMLLIB_PARSE)


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


def hand_edited_workspace(bench: Bench) -> Workspace:
    """A workspace of `HAND_EDITED` sessions (at most `--sessions`), each in a layout of
    its own that the app does not write (`bench.hand_edits`); made once per run."""

    def make() -> Workspace:
        workspace = corpus.small_workspace(bench.folder / "hand-edited", sessions=0)
        rng = random.Random(17)
        corpus.write_sessions(
            workspace, bench.count(HAND_EDITED), seed=3, layout=lambda t: hand_edited(t, rng)
        )
        return workspace

    return bench.once("hand-edited", make)


@figure("1,000 hand-edited sessions: followups --json, cold", TOMLLIB_PARSE.target(2.0))
def hand_edited_cold(bench: Bench) -> Result:
    """Files in any valid layout, no index cache, the page cache dropped before each run
    (where it can be); and how many cores the run kept busy (its CPU time / its time)."""
    workspace = hand_edited_workspace(bench)
    why_warm: list[str] = []

    def drop() -> None:
        if bench.quick:
            why_warm.append("a quick run")
        elif why := bench.drop_page_cache():
            why_warm.append(f"cannot drop it: {why}")

    started = resource.getrusage(resource.RUSAGE_CHILDREN)
    compared = against_parse(
        bench, workspace, ["followups", "--json"], True, bench.repeat(3), before=drop
    )
    ended = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = ended.ru_utime + ended.ru_stime - started.ru_utime - started.ru_stime
    cores = cpu / sum(compared.values)
    result = compared.under(2.0, TOMLLIB_PARSE)
    files = sum(1 for _ in workspace.sessions.glob("*.toml"))
    cache = f"page cache kept ({why_warm[0]})" if why_warm else "page cache dropped"
    text = f"{result.measured}; {files} files, {cache}, {cores:.1f} cores busy"
    return Result(text, result.passed)
