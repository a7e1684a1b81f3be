"""Control characters in text from a file or a person: how they are shown, and what
an editable field holds.

A terminal obeys the control characters it is sent: ESC starts a sequence that can
recolour the screen, move the cursor, retitle the window or set the clipboard (OSC),
C1's CSI (`\\x9b`) does the same in one byte, BEL rings, a lone carriage return
writes over the line. So none reaches the terminal raw. The rule for what they
become depends on one question: is the text only shown, or is it held by a field
whose text is saved?

- **Shown or printed** (a widget, a toast, `show`, `check`, the Markdown, `--ics`):
  `escape_controls` writes each as Python writes it in a string (`\\x1b`, `\\x07`,
  `\\x9b`, `\\r`). Showing changes nothing stored: the file keeps the character and
  `--json` gives it exact, so the view may be long and must be exact (`\\x1b` and
  `\\x9b` told apart). Newlines and tabs are layout and stay, and so does the
  carriage return of a CRLF line end.
- **Held by an editable field** (the notes box, a capture or wrap-up field), whether
  the text was pasted or loaded from a file: `editable` keeps each as its visible
  symbol, one character (ESC is ␛, BEL ␇, NUL ␀, DEL ␡, a C1 control �), and every
  line end as LF. What a field holds is what is saved, so its form must be text in
  its own right: never a control, the same after any number of loads and saves,
  printed as itself, one character per control. Written out instead, a raw ESC
  loaded into the notes came back to the file as the four characters `\\x1b`: a
  person's backspace could cut them to `\\x1`, and nothing told them from typed text.
"""

from __future__ import annotations

import re

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""C0 controls but tab and newline, DEL, the C1 controls: one class of characters, which
`re` scans for three times as fast as it tries an alternative at each one (the CR that
ends a line, kept by `escape_controls`, is told apart when it is found)."""
_JSON_RAW = re.compile(r"[\x7f-\x9f]")
"""What `json.dumps(ensure_ascii=False)` leaves raw: it escapes only C0 controls."""
_LINE_END = re.compile("\r\n?|[\u2028\u2029]")
"""Line ends as terminals and files write them (CR LF, CR, Unicode's separators)."""


def _written(match: re.Match[str]) -> str:
    control = match.group()
    if control == "\r" and match.string.startswith("\n", match.end()):
        return control  # a CRLF line end is layout
    return repr(control)[1:-1]


def escape_controls(text: str) -> str:
    """`text` as shown or printed: every control character that is not layout written
    out (`\\x1b`)."""
    return CONTROLS.sub(_written, text)


def escape_json_controls(json_text: str) -> str:
    """JSON text as `json.dumps(ensure_ascii=False)` makes it, with DEL and the C1
    controls written as `\\u007f`...: the same JSON, and nothing raw for a terminal."""
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", json_text)


def visible(control: str) -> str:
    """The symbol an editable field holds for a control character (any other
    character as it is)."""
    code = ord(control)
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F:
        return "\ufffd"
    return control


def editable(text: str) -> str:
    """`text` as an editable field holds it, pasted or loaded: line ends as LF, tabs
    kept, every other control character as its `visible` symbol."""
    text = _LINE_END.sub("\n", text)
    return CONTROLS.sub(lambda found: visible(found[0]), text)
