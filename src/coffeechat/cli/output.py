"""What the command line prints: never a raw control character from a file or a person.

Nearly everything a command prints can hold such text: a name, a note, a theme's
description, a file name inside a problem. Rather than each `print` remembering it,
`escaped_output` puts a filter on stdout and stderr for the whole command, which
writes every control character out (`core.text.controls`), newlines and tabs kept. JSON
goes through it unchanged: its text holds no control character (see
`escape_json_controls`). The calendar of `followups --ics -` is bytes, written to
the stream's `buffer` as they are.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from coffeechat.core.text.controls import escape_controls, escape_json_controls

JSON_FORMAT = 1
"""The `format` of every `--json` output: raise only when a field changes meaning or goes away."""


class EscapingStream:
    """A text stream that passes what it is given on with its control characters
    written out (everything else, `flush`, `isatty`, `buffer`..., is the stream's)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write `text`, control characters written out; the length of `text`."""
        self.stream.write(escape_controls(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        """Write each of `lines`, as `write` does."""
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


@contextmanager
def escaped_output() -> Iterator[None]:
    """Within: what is printed to stdout or stderr has its control characters written out."""
    saved = sys.stdout, sys.stderr
    sys.stdout = cast(TextIO, EscapingStream(sys.stdout))
    sys.stderr = cast(TextIO, EscapingStream(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def print_json(payload: dict[str, Any]) -> None:
    """Print `payload` as JSON: indented for a person at a terminal, one compact line
    for a script (the indenting encoder is pure Python: a second on 10,000 sessions)."""
    import json

    indent = 2 if sys.stdout.isatty() else None
    text = json.dumps(payload, ensure_ascii=False, indent=indent)
    sys.stdout.write(escape_json_controls(text) + "\n")
