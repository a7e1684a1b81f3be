"""Located problems in a user's input, and coffeechat's one error type.

Every complaint about something a user wrote (an agenda, a settings file, a date
typed on the command line) is a `Problem`: where it is, what is wrong and what to
do. `InputError` carries one or more of them out of `core` to whoever prints them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
"""Control characters in a path would break the one-line-per-problem output (or
reach the terminal as escape sequences), so they are shown escaped."""


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


class Problem(NamedTuple):
    """One thing wrong (or worth a look) at a place in a file or an argument.

    A named tuple, as are the other records on a script command's path that are no
    file's format and need nothing only a dataclass has (CONTRIBUTING.md): a frozen
    dataclass compiles its methods when its class is made, ten times a named tuple's
    cost (bench/README.md, *History*).
    """

    path: str
    line: int
    """1-based; 0 when the problem is about a whole argument, not a place in a file."""
    col: int
    message: str
    hint: str = ""
    key: str = ""
    severity: Severity = "error"

    def render(self) -> str:
        """The problem as `path:line:col: message`, the hint on a second line."""
        label = "warning: " if self.severity == "warning" else ""
        where = f" ({self.key})" if self.key else ""
        path = _CONTROL.sub(_escape, self.path)
        place = f"{path}:{self.line}:{self.col}" if self.line else path
        text = f"{place}: {label}{self.message}{where}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(Exception):
    """Something a user gave coffeechat is wrong; carries every problem found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(p.render() for p in self.problems))

    @classmethod
    def at(cls, path: str, message: str, hint: str = "", line: int = 1, col: int = 1) -> InputError:
        """An error with a single problem, for places that know only one thing."""
        return cls([Problem(path, line, col, message, hint)])

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Only the problems that are errors, not warnings."""
        return tuple(p for p in self.problems if p.severity == "error")


def quoted(value: object, limit: int = 60) -> str:
    """A value as a message shows it: quoted, control characters escaped, and cut
    with … when long, so that one bad value cannot flood the terminal."""
    if isinstance(value, str) and len(value) > limit:
        text = repr(value[:limit])
        return text[:-1] + "…" + text[-1]
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"


def did_you_mean(word: str, choices: Iterable[str], otherwise: str | None = None) -> str:
    """A hint naming the closest of `choices` to `word`; else `otherwise`, or by
    default a list of them all."""
    import difflib  # loaded only when there is something to suggest

    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f"did you mean {quoted(close[0])}?"
    return "expected one of: " + ", ".join(options) if otherwise is None else otherwise
