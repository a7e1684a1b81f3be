"""Values from a contact file made fit for a person's file.

An export is text from many hands: names pasted with a tab or a line break, a
terminal's escape sequence in a company name, an e-mail cell holding two
addresses. A name, an organisation or an address is one line of plain text; a note
keeps its lines but no other control character.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves
    r"|\x9b[0-?]*[ -/]*[@-~]"  # the same in one byte (C1)
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window titles, the clipboard
    r"|\x1b[@-_]"  # any other escape
)
"""A terminal's escape sequences, dropped whole: `\\x1b[31m` would leave `[31m`."""
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029\u200b\ufeff\s]+")
"""Runs of control characters and white space (a byte order mark or a zero-width
space too): one space in a one-line value."""
_NOTE_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""What a note drops: every control character but tab and newline."""
PROFILE_HOSTS = ("linkedin.com/in/",)
"""A URL holding one of these is a person's profile: preferred over a home page."""


def one_line(value: str) -> str:
    """`value` as a one-line field holds it: control characters and runs of white
    space as one space, none at either end."""
    return _CONTROL_OR_SPACE.sub(" ", _SEQUENCES.sub("", value)).strip()


def note(value: str) -> str:
    """`value` as a note: its lines kept (LF), other control characters dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return _NOTE_CONTROLS.sub("", _SEQUENCES.sub("", value)).strip()


def joined(*parts: str) -> str:
    """The non-empty `parts` joined by spaces, each made one line (a name from its parts)."""
    return " ".join(part for part in map(one_line, parts) if part)


def first_of(cell: str) -> str:
    """The first value of a cell that may hold several: Google writes `a ::: b`."""
    return one_line(cell.split(":::", 1)[0])


def profile_url(urls: Iterable[str]) -> str:
    """The profile URL among `urls` (LinkedIn's), else the first one, else ""."""
    found = [url for url in map(one_line, urls) if url]
    for url in found:
        if any(host in url.casefold() for host in PROFILE_HOSTS):
            return url
    return found[0] if found else ""
