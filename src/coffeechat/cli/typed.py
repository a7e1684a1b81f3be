"""The commands coffeechat tells a person to type, with the workspace they gave.

A hint like `Next: coffeechat edit priya-raman`, typed in another folder, acts on
another workspace unless it repeats `--workspace DIR` as this run was given it. So
every command the command line prints is made by `command` (with the folder made
absolute, as the hint may be typed anywhere), and the hints of errors, written by
`core` without knowing the folder, are given it on their way out (`in_workspace`).
"""

from __future__ import annotations

import argparse
import re

from coffeechat.cli.parser import GROUPS
from coffeechat.core.files.workspace import expand

PROGRAM = "coffeechat"


def prefix(args: argparse.Namespace) -> str:
    """`coffeechat`, with `--workspace DIR` if this run was given one."""
    return for_workspace(getattr(args, "workspace", None))


def for_workspace(given: str | None) -> str:
    """`coffeechat`, with `--workspace DIR` (made absolute) if `given` names a folder."""
    if not given:
        return PROGRAM
    import shlex  # only once a command is printed: ~0.4 ms of every script command's start

    return f"{PROGRAM} --workspace {shlex.quote(str(expand(given).absolute()))}"


def command(args: argparse.Namespace, *words: str) -> str:
    """The command line to type for `words` (each quoted for the shell as needed), in
    this run's workspace: `command(args, "edit", "jane-doe")`."""
    import shlex  # as in `prefix`

    return " ".join([prefix(args), *(shlex.quote(word) for word in words)])


_NAMED = re.compile(rf"\b{PROGRAM}(?= (?:{'|'.join(map(re.escape, GROUPS))})\b)")
"""`coffeechat` where a command follows it (not in "this coffeechat reads format 2")."""


def in_workspace(args: argparse.Namespace, text: str) -> str:
    """`text` with every command it names (`coffeechat sessions`) in this workspace."""
    return _NAMED.sub(prefix(args).replace("\\", "\\\\"), text)
