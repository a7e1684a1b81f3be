"""`coffeechat demo [--keep DIR]`: the app on a demo campaign, never on your own files.

The campaign (`core.demo.campaign`) is written fresh into a private temporary folder,
home opens on it, and the folder is removed when the app ends, however it ends: by
`try`/`finally` when the app returns (ctrl+q, SIGTERM, ctrl+c before it starts), and
by a small guard process for the ways that skip `finally` (SIGHUP ends the app with
`os._exit`, as does a call's own signal handling; `kill -9`, a crash). The guard
waits for the end of a pipe only this process holds, so it hears of its end
whatever that is, then removes the folder. The person's own workspace is never
prepared nor read (`parser.OWN_WORKSPACE`).

`--keep DIR` writes the campaign into DIR (new or empty) and says how to explore it
from the command line, without opening the app.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from coffeechat.cli.context import time_of
from coffeechat.cli.problems import EXIT_OK
from coffeechat.cli.typed import for_workspace
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace

AppRunner = Callable[[argparse.Namespace, "Workspace"], int]
"""Opens the app on a workspace and returns its exit code (tests pass their own)."""

PREFIX = "coffeechat-demo-"
"""How the temporary folders of `coffeechat demo` are named."""

_GUARD = (
    "import shutil, sys\n"
    "sys.stdin.buffer.read()\n"  # until every copy of the pipe's other end is closed
    "shutil.rmtree(sys.argv[1], ignore_errors=True)\n"
)


EXPLORE = (
    ("followups", "what to do next: overdue, due today, later"),
    ("sessions", "the five past calls"),
    ("show sam-okoro", "one call's notes"),
    ("draft sam-okoro", "the thank-you note to send today"),
    ("check rosa-mendes", "the agenda of tomorrow's call"),
    ("people", "the list to work down: whom to ask, nudge or let go"),
    ("person priya-raman", "who introduced you, and how"),
    ("learned", "what the five calls taught, side by side"),
    ("", "the app itself, on these files"),
)
"""The commands `--keep` suggests, after `coffeechat --workspace DIR`."""


def cmd_demo(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat demo [--keep DIR]`; `workspace` (the person's own) is left alone."""
    if args.keep is not None:
        return keep_demo(args.keep, args)
    return open_demo(args, open_home)


def open_home(args: argparse.Namespace, workspace: Workspace) -> int:
    """Home on `workspace`, as `coffeechat` alone opens it."""
    from coffeechat.cli.home import cmd_home

    return cmd_home(args, workspace)


def open_demo(args: argparse.Namespace, run_app: AppRunner) -> int:
    """Write the demo into a new temporary folder, run the app on it, remove it."""
    from coffeechat.core.demo.campaign import write_demo

    folder = Path(tempfile.mkdtemp(prefix=PREFIX))  # private: readable by its owner only
    guard = _guard(folder)
    try:
        return run_app(args, write_demo(folder, time_of(args).now()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if guard is not None:
            guard.communicate()  # closes the pipe: the guard finds the folder gone, and ends


def _guard(folder: Path) -> subprocess.Popen[bytes] | None:
    """A process that removes `folder` once this one has ended, in its own session so
    that the terminal's hang-up does not reach it; None if it cannot be started (then
    only `finally` removes the folder)."""
    try:
        return subprocess.Popen(
            [sys.executable, "-c", _GUARD, str(folder)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return None


def keep_demo(given: str, args: argparse.Namespace) -> int:
    """Write the demo into `given` (new or empty) and say how to look around in it."""
    from coffeechat.core.demo.campaign import write_demo
    from coffeechat.core.files.workspace import expand

    folder = expand(given).absolute()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        what = "a folder that is not empty" if folder.is_dir() else "not a folder"
        raise InputError.at(
            given,
            f"{what}: the demo is written only into a new or empty folder",
            "choose another, e.g. coffeechat demo --keep /tmp/coffeechat-demo",
            line=0,
            col=0,
        )
    write_demo(folder, time_of(args).now())
    run = for_workspace(str(folder))
    print(f"Wrote a demo campaign to {folder}. Explore it from the command line:")
    commands = [(f"{run} {command}", what) for command, what in EXPLORE]
    width = max(len(line) for line, _ in commands)
    for line, what in commands:
        print(f"  {line:<{width}}  # {what}")
    return EXIT_OK
