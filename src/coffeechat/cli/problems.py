"""How the command line reports what went wrong: exit codes, and each problem as
`path:line:col: message` with its hint on stderr (bad usage is argparse's: exit 2)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from coffeechat.cli.typed import in_workspace
from coffeechat.core.problems import Problem

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
"""Success; bad input (every problem printed); bad usage."""


def not_a_terminal(command: str) -> str | None:
    """Why `command` cannot open its screen here (stdin or stdout is not a terminal,
    as in `coffeechat run … | head`); None if it can."""
    for name, stream in (("standard input", sys.stdin), ("standard output", sys.stdout)):
        if stream is None or not stream.isatty():
            shown = f"coffeechat {command}".strip()
            return f"{shown}: {name} is not a terminal; run it in a terminal"
    return None


def print_problems(problems: Sequence[Problem], args: argparse.Namespace) -> None:
    """Write problems to stderr, one `path:line:col: message` each, with hints (the
    commands they name in the workspace of this run, `args`)."""
    for problem in problems:
        print(in_workspace(args, problem.render()), file=sys.stderr)


def file_problem(err: OSError, shown: str | None = None) -> Problem:
    """An operating-system error on a file, as a problem a person can act on."""
    from coffeechat.core.files.atomic import reason, remedy

    where = shown or str(err.filename or "coffeechat")
    return Problem(where, 0, 0, reason(err), remedy(err))
