"""Control characters in text from a file or a person, written so that they show.

A terminal obeys the control characters it is sent: ESC starts a sequence that can
recolour the screen, move the cursor, retitle the window or set the clipboard (OSC),
C1's CSI (`\\x9b`) does the same in one byte, BEL rings, a lone carriage return
writes over the line. So text read from a file or typed by a person never reaches
the terminal with them raw, printed or in a widget: each is written as Python writes
it in a string (`\\x1b`, `\\x07`, `\\x9b`, `\\r`). Newlines and tabs are layout and
stay, and so does the carriage return of a CRLF line end.
"""

from __future__ import annotations

import re

CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
"""C0 controls but tab and newline, DEL, the C1 controls, and a CR not ending a line."""
_JSON_RAW = re.compile(r"[\x7f-\x9f]")
"""What `json.dumps(ensure_ascii=False)` leaves raw: it escapes only C0 controls."""


def _written(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def escape_controls(text: str) -> str:
    """`text` with every control character that is not layout written out (`\\x1b`)."""
    return CONTROLS.sub(_written, text)


def escape_json_controls(json_text: str) -> str:
    """JSON text as `json.dumps(ensure_ascii=False)` makes it, with DEL and the C1
    controls written as `\\u007f`...: the same JSON, and nothing raw for a terminal."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)
