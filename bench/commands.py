"""Script commands on a small workspace, against `python -c "import tomllib"`.

Each command runs from the venv's `coffeechat` script as a person or cron would run
it; the reference runs the same venv's interpreter. Both are timed from starting
the process to its exit. The commands that only read are allowed 2x the reference;
those that edit a file with tomlkit (`done`, `snooze`, `log`, `add`) 4x. An editing
command gets its files back as they were before each run (and after the last), so
every run really edits and the next figure finds the workspace as it was.

A command that does not exist yet (`people`, `learned`, `log`, `add`) is "not built
yet": its figure is already here and starts measuring once the command exists.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench import corpus
from bench.harness import Bench, Compared, Result, figure
from coffeechat.core.files.workspace import Workspace

READS = 2.0
"""A command that only reads: at most twice the reference."""
EDITS = 4.0
"""A command that edits a file with tomlkit: at most four times the reference."""

PERSON = "bench-person"
PERSON_TEXT = """# Met at the design meetup; edited by hand.
format = 1
name = "Bench Person"
organization = "Acme Health"   # since 2025
tags = ["design"]

[[log]]
on = 2026-11-20
event = "asked"
note = "LinkedIn message"
"""
"""A person file as someone writes it by hand (DESIGN.md, *The network*)."""


def against_tomllib(
    bench: Bench,
    args: list[str],
    restore: Callable[[], None] | None = None,
    workspace: Workspace | None = None,
) -> Compared:
    """`coffeechat ARGS` on the small workspace against `python -c "import tomllib"`, in
    turns; `restore` runs before each run of the command and once after the last."""
    workspace = workspace or bench.small()
    command = bench.coffeechat("--workspace", str(workspace.root), *args)
    reference = bench.python("-c", "import tomllib")
    try:
        bench.run_time(command, restore)  # a first run writes the index cache, as a first use would
        return bench.compare(
            lambda: bench.run_time(command, restore),
            lambda: bench.run_time(reference),
            bench.repeat(21),
            "import tomllib",
        )
    finally:
        if restore is not None:
            restore()


def restoring(path: Path) -> Callable[[], None]:
    """A step that puts `path` back as it is now: a file's bytes, or which files a
    folder holds (any added since are removed)."""
    if path.is_file():
        original = path.read_bytes()

        def restore_file() -> None:
            path.write_bytes(original)

        return restore_file
    names = {child.name for child in path.iterdir()}

    def restore_folder() -> None:
        for child in path.iterdir():
            if child.name not in names:
                child.unlink()

    return restore_folder


def newest_session(workspace: Workspace) -> Path:
    """The newest session file of the workspace (its open follow-ups are the ones edited)."""
    return max(workspace.sessions.glob("*.toml"))


def with_person(bench: Bench) -> Workspace:
    """A small workspace of its own with one hand-written person file (made once per
    run; the other figures' workspace has no people, whose items would join the queue)."""

    def make() -> Workspace:
        workspace = corpus.small_workspace(bench.folder / "small-network")
        people = workspace.root / "people"
        people.mkdir(mode=0o700, exist_ok=True)
        (people / f"{PERSON}.toml").write_text(PERSON_TEXT, encoding="utf-8")
        return workspace

    return bench.once("with person", make)


# --- commands that read --------------------------------------------------------------


@figure("check AGENDA", f"≤ {READS:.0f}x import tomllib")
def check(bench: Bench) -> Result:
    """`coffeechat check jane-doe`: the example agenda."""
    return against_tomllib(bench, ["check", "jane-doe"]).within(READS)


@figure("sessions --json", f"≤ {READS:.0f}x import tomllib")
def sessions_json(bench: Bench) -> Result:
    """`coffeechat sessions --json`."""
    return against_tomllib(bench, ["sessions", "--json"]).within(READS)


@figure("followups --json", f"≤ {READS:.0f}x import tomllib")
def followups_json(bench: Bench) -> Result:
    """`coffeechat followups --json`."""
    return against_tomllib(bench, ["followups", "--json"]).within(READS)


@figure("people --json", f"≤ {READS:.0f}x import tomllib")
def people_json(bench: Bench) -> Result:
    """`coffeechat people --json`, with one person."""
    bench.require("people")
    return against_tomllib(bench, ["people", "--json"], workspace=with_person(bench)).within(READS)


@figure("learned --json", f"≤ {READS:.0f}x import tomllib")
def learned_json(bench: Bench) -> Result:
    """`coffeechat learned --json`: what the few sessions taught."""
    bench.require("learned")
    return against_tomllib(bench, ["learned", "--json"]).within(READS)


# --- commands that edit with tomlkit ---------------------------------------------------


@figure("done ID", f"≤ {EDITS:.0f}x import tomllib")
def done(bench: Bench) -> Result:
    """`coffeechat done <newest session>/thank-you`, on an open item each time."""
    path = newest_session(bench.small())
    args = ["done", f"{path.stem}/thank-you"]
    return against_tomllib(bench, args, restoring(path)).within(EDITS)


@figure("snooze ID WHEN", f"≤ {EDITS:.0f}x import tomllib")
def snooze(bench: Bench) -> Result:
    """`coffeechat snooze <newest session>/follow-up next week`."""
    path = newest_session(bench.small())
    args = ["snooze", f"{path.stem}/follow-up", "next", "week"]
    return against_tomllib(bench, args, restoring(path)).within(EDITS)


@figure("log PERSON EVENT", f"≤ {EDITS:.0f}x import tomllib")
def log(bench: Bench) -> Result:
    """`coffeechat log bench-person replied --note …` on a hand-written person file."""
    bench.require("log")
    workspace = with_person(bench)
    path = workspace.root / "people" / f"{PERSON}.toml"
    args = ["log", PERSON, "replied", "--note", "Happy to talk next week"]
    return against_tomllib(bench, args, restoring(path), workspace).within(EDITS)


@figure("add NAME", f"≤ {EDITS:.0f}x import tomllib")
def add(bench: Bench) -> Result:
    """`coffeechat add "Priya Patel" --org …`: a new person file each time."""
    bench.require("add")
    workspace = with_person(bench)
    args = ["add", "Priya Patel", "--role", "Design Manager", "--org", "Acme Health"]
    return against_tomllib(bench, args, restoring(workspace.root / "people"), workspace).within(
        EDITS
    )
