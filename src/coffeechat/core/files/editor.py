"""Which editor to open a file in (the person's own, as their shell would choose it),
opening a file in it, and checking the file again when it closes."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TypeVar

from coffeechat.core.problems import InputError

FALLBACK_EDITORS = ("sensible-editor", "nano", "vim", "vi")

T = TypeVar("T")


def editor_command(environ: Mapping[str, str] | None = None) -> list[str]:
    """The editor to run: `$VISUAL`, `$EDITOR`, or the first common one installed."""
    env = os.environ if environ is None else environ
    for variable in ("VISUAL", "EDITOR"):
        if env.get(variable, "").strip():
            return shlex.split(env[variable])
    import shutil  # only when no editor is named (shutil costs a few ms to import)

    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name]
    raise InputError.at("$EDITOR", "no editor found", "set one: export EDITOR=nano", line=0, col=0)


def open_in_editor(command: Sequence[str], path: Path) -> None:
    """Run the editor `command` on `path` and wait until it closes; `InputError` if it
    cannot be started."""
    try:
        subprocess.run([*command, str(path)], check=False)
    except OSError as err:
        raise InputError.at(
            " ".join(command),
            f"cannot start the editor: {err.strerror}",
            "set $EDITOR to your editor, e.g. export EDITOR=nano",
            line=0,
            col=0,
        ) from None


def edit_file(
    path: Path,
    read: Callable[[Path], T],
    handing_over: Callable[[], AbstractContextManager[object]] = nullcontext,
) -> T | InputError:
    """Open `path` in the person's editor, wait until it closes, and `read` it again:
    what it read, or the `InputError` it raised listing what is wrong with the file.

    `handing_over` gives the terminal to the editor and takes it back (the app's
    `suspend`; a command line needs nothing). `InputError` is raised only when no
    editor can be started.
    """
    command = editor_command()  # before the terminal is handed over: it may be refused
    with handing_over():
        open_in_editor(command, path)
    try:
        return read(path)
    except InputError as err:
        return err
