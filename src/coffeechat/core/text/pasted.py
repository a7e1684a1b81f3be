"""What a field keeps of pasted text: all of it, in order, as plain text.

A paste can hold control characters: the colours and titles of a terminal's output
(ESC sequences, OSC ... BEL), a NUL from a binary file. Kept raw they would reach
the session file and, printed, the terminal; dropped, a paste would lose what was
there. So a paste becomes what any editable field holds (`core.text.controls`:
ESC is ␛, line ends are LF), and a one-line field gets its lines joined by spaces
instead of only the first line.
"""

from __future__ import annotations

from coffeechat.core.text.controls import editable


def pasted_text(text: str, one_line: bool = False) -> str:
    """`text` as a field keeps it when pasted (`one_line`: for a one-line field)."""
    text = editable(text)
    if one_line:
        text = " ".join(text.rstrip("\n").replace("\t", " ").split("\n"))
    return text
