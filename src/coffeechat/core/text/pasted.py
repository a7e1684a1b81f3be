"""What a field keeps of pasted text: all of it, in order, as plain text.

A paste can hold control characters: the colours and titles of a terminal's output
(ESC sequences, OSC ... BEL), a NUL from a binary file. Kept raw they would reach
the session file and, printed, the terminal; dropped, a paste would lose what was
there. So each is kept as a visible symbol: a C0 control as its Unicode "symbol
for" (ESC is ␛, BEL is ␇), DEL as ␡, a C1 control as �. Tabs stay; line ends
(CR LF, CR or LF, as terminals send them, and Unicode's line and paragraph
separators) become LF; a one-line field gets its lines joined by spaces instead of
only the first line.
"""

from __future__ import annotations

import re

KEPT = "\t\n"
"""Control characters a paste keeps as they are."""
_LINE_END = re.compile("\r\n?|[\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(control: str) -> str:
    """The symbol a control character is kept as (any other character as it is)."""
    code = ord(control)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F:
        return "\ufffd"
    return control


def pasted_text(text: str, one_line: bool = False) -> str:
    """`text` as a field keeps it when pasted (`one_line`: for a one-line field)."""
    text = _LINE_END.sub("\n", text)
    text = _CONTROL.sub(lambda found: visible(found[0]), text)
    if one_line:
        text = " ".join(text.rstrip("\n").replace("\t", " ").split("\n"))
    return text
