"""Reading a user's TOML file so that every way it can be wrong is a located error.

`tomllib` alone lets several failures escape as other exceptions (bad UTF-8, deep
nesting) and puts positions only inside its message text. `read_toml` turns all of
them into `InputError` with `path:line:col`, and keeps the text so that later
checks can locate keys with `core.toml.positions`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.core.files.regular import MAX_BYTES, NotAFileError, read_regular
from coffeechat.core.files.syncconflicts import git_conflict
from coffeechat.core.problems import InputError, Problem

if TYPE_CHECKING:
    from coffeechat.core.toml.positions import TomlMap

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"\s*\(at end of document\)$")
_DEPTH_LIMIT = 100
_LONG_DIGITS = re.compile(r"[0-9a-fA-F_]{1000,}")

_HINTS = (
    ("Invalid value", 'text needs quotes, e.g. role = "Designer"; lists use [ ]'),
    ("Expected '=' after a key", 'each line is key = value, e.g. duration = "20m"'),
    ("Cannot overwrite a value", "a key may appear only once in its table"),
    ("Cannot declare", "a table may appear only once; use [[...]] for a list of tables"),
    ("Unclosed", "a string, list or table opened here is not closed"),
    ("Illegal character", "control characters are not allowed; delete or escape them"),
    ("Invalid date", "dates look like 2026-11-24 or 2026-11-24T15:00:00-05:00"),
)
_DEFAULT_HINT = "check the TOML syntax near this place (https://toml.io/en/v1.0.0)"
# tomllib names tables as Python tuples, ('a', 'b'), in its own jargon: say it as TOML.
_KEY_TUPLE = re.compile(r"""\((?:(?:'[^'\\]*'|"[^"\\]*"),\s*)*(?:'[^'\\]*'|"[^"\\]*")?,?\)""")
_REWORDED = (
    (
        "Cannot declare {} twice",
        "the table [{}] is declared twice",
        "a table may appear only once; use [[...]] for a list of tables",
    ),
    (
        "Cannot redefine namespace {}",
        "[{}] is already defined above",
        "a table may be defined only once: keep its keys under one header",
    ),
    (
        "Cannot mutate immutable namespace {}",
        "{} was already given a whole value; it cannot be added to here",
        "an array [ ... ] or inline table { ... } is complete as written: put it all inside",
    ),
)


@dataclass(frozen=True)
class TomlFile:
    """A parsed TOML file: its data, its text, and where its keys stand."""

    path: str
    data: dict[str, Any]
    text: str

    @cached_property
    def where(self) -> TomlMap:
        """Positions of keys and values; computed only when a problem needs one."""
        from coffeechat.core.toml.positions import locate  # only a problem needs positions

        return locate(self.text)


def read_toml(
    path: Path | str, display: str | None = None, what: str = "a TOML file", limit: int = MAX_BYTES
) -> TomlFile:
    """Read and parse a TOML file, raising `InputError` for anything wrong with it.

    `what` names the kind of file in messages (`an agenda file`); `limit` is the
    most bytes it may hold (see `core.files.regular`).
    """
    shown = display if display is not None else str(path)
    return parse_toml(read_bytes(path, shown, what, limit), shown, limit)


def read_bytes(path: Path | str, shown: str, what: str, limit: int) -> bytes:
    """The bytes of a user's file (at most `limit` + 1), or `InputError` saying why not."""
    try:
        return read_regular(path, limit)
    except FileNotFoundError:
        raise InputError.at(shown, "no such file", "check the name and the folder") from None
    except NotAFileError as err:
        raise InputError.at(
            shown,
            f"this is {err.kind}, not {what}",
            "coffeechat reads only plain files: name a .toml file, e.g. agendas/jane-doe.toml",
        ) from None
    except OSError as err:
        raise InputError.at(shown, f"cannot read the file: {err.strerror}") from None
    except ValueError:
        raise InputError.at(
            shown, "a file name cannot hold a NUL character", "check how the name was typed"
        ) from None


def parse_toml(raw: bytes, shown: str, limit: int = MAX_BYTES) -> TomlFile:
    """Parse TOML bytes named `shown`, raising `InputError` for anything wrong.

    A file holding git conflict markers is refused at the first one: inside a
    multi-line string they would otherwise be read as its text.
    """
    if len(raw) > limit:
        raise InputError.at(
            shown,
            f"the file is larger than {limit // 1_000_000} MB",
            "coffeechat's files are far smaller; is this the right file?",
        )
    markers = git_conflict(Path(shown).name, raw)
    if markers is not None:
        raise InputError([markers.problem(shown)])
    text = _decode(raw, shown)
    if not text.strip():
        raise InputError.at(
            shown, "the file is empty", 'start from a template: coffeechat new "Their Name"'
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _syntax_error(str(err), text, shown) from None
    except RecursionError:
        line, col = _too_deep(text)
        raise InputError.at(
            shown, "lists or tables are nested too deeply", "flatten the structure", line, col
        ) from None
    except ValueError:
        # Python refuses to convert integers of more than 4300 digits (CVE-2020-10735).
        line, col = _long_number(text)
        raise InputError.at(
            shown, "a number here is too long", "numbers in coffeechat files are short", line, col
        ) from None
    return TomlFile(shown, data, text)


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        bad = raw[err.start : err.start + 1].hex()
        raise InputError.at(
            shown,
            f"the file is not valid UTF-8 (byte 0x{bad})",
            "save it as UTF-8 (most editors have 'Save with encoding')",
            line,
            col,
        ) from None
    # Newlines are normalised so that positions match what an editor shows.
    return text.replace("\r\n", "\n")


def _syntax_error(message: str, text: str, shown: str) -> InputError:
    line, col = 1, 1
    match = _POSITION.search(message)
    if match:
        line, col = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif _AT_END.search(message):
        message = _AT_END.sub("", message)
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
    hint = next((h for prefix, h in _HINTS if message.startswith(prefix)), _DEFAULT_HINT)
    message, hint = _in_toml_words(message, hint)
    unseen = _invisible_at(text, line, col)
    if unseen:
        message, hint = f"an invisible character, {unseen}, is here", "delete it and retype"
    return InputError([Problem(shown, line, col, _lower_first(message), hint)])


def _invisible_at(text: str, line: int, col: int) -> str:
    """The name of an invisible character at `line:col` (a pasted BOM or no-break
    space), which the person cannot see in their editor; empty if there is none."""
    import unicodedata  # error messages only

    lines = text.split("\n")
    if not 0 < line <= len(lines) or not 0 < col <= len(lines[line - 1]):
        return ""
    char = lines[line - 1][col - 1]
    if char.isascii() or unicodedata.category(char) not in ("Zs", "Zl", "Zp", "Cf"):
        return ""
    return f"U+{ord(char):04X} ({unicodedata.name(char, 'unnamed').lower()})"


def _in_toml_words(message: str, hint: str) -> tuple[str, str]:
    """tomllib's message and a hint, with its key tuples written as TOML keys."""
    import ast  # error messages only

    from coffeechat.core.toml import writing

    found = _KEY_TUPLE.search(message)
    if found is None:
        return message, hint
    try:
        keys = ast.literal_eval(found.group())
    except (ValueError, SyntaxError):
        return message, hint
    dotted = ".".join(writing.key(k) for k in (keys if isinstance(keys, tuple) else (keys,)))
    for before, after, better_hint in _REWORDED:
        if message == before.format(found.group()):
            return after.format(dotted), better_hint
    return message.replace(found.group(), dotted), hint


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:] if message[1:2].islower() else message


def _long_number(text: str) -> tuple[int, int]:
    """Where the first run of more than a thousand digits starts."""
    match = _LONG_DIGITS.search(text)
    if not match:
        return 1, 1
    before = text[: match.start()]
    return before.count("\n") + 1, match.start() - (before.rfind("\n") + 1) + 1


def _too_deep(text: str) -> tuple[int, int]:
    """Roughly where bracket nesting first passes the limit (strings are not skipped)."""
    depth = 0
    line, col = 1, 0
    for ch in text:
        col += 1
        if ch == "\n":
            line, col = line + 1, 0
        elif ch in "[{":
            depth += 1
            if depth > _DEPTH_LIMIT:
                return line, col
        elif ch in "]}":
            depth -= 1
    return 1, 1
