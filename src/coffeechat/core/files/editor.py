"""Which editor to open a file in (the person's own, as their shell would choose it),
and opening a file in it."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from coffeechat.core.problems import InputError

FALLBACK_EDITORS = ("sensible-editor", "nano", "vim", "vi")


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
