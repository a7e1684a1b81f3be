"""Script commands on a small workspace, against `python -c "import tomllib"`.

Each command runs from the venv's `coffeechat` script as a person or cron would run
it; the reference runs the same venv's interpreter. Both are timed from starting
the process to its exit. `done` and `snooze` get their session file back as it was
before each run, so every run really edits the file.
"""

from __future__ import annotations

from collections.abc import Callable

from bench.harness import Bench, Compared, Result, figure
from coffeechat.core.workspace import Workspace

LIMIT = 2.0
"""At most twice the reference."""


def against_tomllib(
    bench: Bench, args: Callable[[Workspace], list[str]], before: Callable[[], None] | None = None
) -> Compared:
    """The command made by `args` against `python -c "import tomllib"`, in turns."""
    workspace = bench.small()
    command = bench.coffeechat("--workspace", str(workspace.root), *args(workspace))
    reference = bench.python("-c", "import tomllib")
    bench.run_time(command, before)  # a first run writes the index cache, as any first use would
    return bench.compare(
        lambda: bench.run_time(command, before),
        lambda: bench.run_time(reference),
        bench.repeat(21),
        "import tomllib",
    )


def restoring(workspace: Workspace) -> tuple[str, Callable[[], None]]:
    """The newest session's id, and a step that puts its file back as it was."""
    path = max(workspace.sessions.glob("*.toml"))
    original = path.read_bytes()
    return path.stem, lambda: path.write_bytes(original)


@figure("check AGENDA", "≤ 2x import tomllib")
def check(bench: Bench) -> Result:
    """`coffeechat check jane-doe`: the example agenda."""
    return against_tomllib(bench, lambda _w: ["check", "jane-doe"]).within(LIMIT)


@figure("sessions --json", "≤ 2x import tomllib")
def sessions_json(bench: Bench) -> Result:
    """`coffeechat sessions --json`."""
    return against_tomllib(bench, lambda _w: ["sessions", "--json"]).within(LIMIT)


@figure("followups --json", "≤ 2x import tomllib")
def followups_json(bench: Bench) -> Result:
    """`coffeechat followups --json`."""
    return against_tomllib(bench, lambda _w: ["followups", "--json"]).within(LIMIT)


@figure("done ID", "≤ 2x import tomllib")
def done(bench: Bench) -> Result:
    """`coffeechat done <newest session>/thank-you`, on an open item each time."""
    session_id, restore = restoring(bench.small())
    args = ["done", f"{session_id}/thank-you"]
    return against_tomllib(bench, lambda _w: args, restore).within(LIMIT)


@figure("snooze ID WHEN", "≤ 2x import tomllib")
def snooze(bench: Bench) -> Result:
    """`coffeechat snooze <newest session>/follow-up next week`."""
    session_id, restore = restoring(bench.small())
    args = ["snooze", f"{session_id}/follow-up", "next", "week"]
    return against_tomllib(bench, lambda _w: args, restore).within(LIMIT)
