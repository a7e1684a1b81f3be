"""Where each key and value stands in a TOML text.

`tomllib` gives values but no positions, and an error in a user's file must say
`line:col`. This is a small scanner over text that `tomllib` has already accepted:
it records, for every key path such as `("questions", 2, "priority")`, where the key
is written and where its value begins. It never raises: on anything it does not
expect it stops and keeps what it found.
"""

from __future__ import annotations

import bisect
import contextlib
from dataclasses import dataclass, field

KeyPath = tuple[str | int, ...]

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class Spot:
    """A 1-based line and column."""

    line: int
    col: int


@dataclass
class TomlMap:
    """Positions of keys and values by key path."""

    keys: dict[KeyPath, Spot] = field(default_factory=dict)
    values: dict[KeyPath, Spot] = field(default_factory=dict)

    def key(self, path: KeyPath) -> Spot:
        """Where the key at `path` is written, or its nearest written parent."""
        for end in range(len(path), 0, -1):
            spot = self.keys.get(path[:end])
            if spot is not None:
                return spot
        return Spot(1, 1)

    def value(self, path: KeyPath) -> Spot:
        """Where the value at `path` begins, falling back to its key."""
        return self.values.get(path) or self.key(path)


def locate(text: str) -> TomlMap:
    """Scan valid TOML `text` and return where its keys and values are."""
    scanner = _Scanner(text)
    # RecursionError: tomllib accepts nesting that this scanner, called from a deeper
    # stack (inside the app), may not reach; the positions found so far still help.
    with contextlib.suppress(IndexError, ValueError, RecursionError):
        scanner.document()
    return scanner.found


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.found = TomlMap()
        self.line_starts = [0] + [n + 1 for n, ch in enumerate(text) if ch == "\n"]
        self.table_counts: dict[KeyPath, int] = {}

    def spot(self, index: int) -> Spot:
        line = bisect.bisect_right(self.line_starts, index)
        return Spot(line, index - self.line_starts[line - 1] + 1)

    def peek(self, count: int = 1) -> str:
        return self.text[self.i : self.i + count]

    def skip_blank(self, newlines: bool = True) -> None:
        text = self.text
        while self.i < len(text):
            ch = text[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.i += 1
            elif ch == "#":
                end = text.find("\n", self.i)
                self.i = len(text) if end < 0 else end
            else:
                return

    def document(self) -> None:
        current: KeyPath = ()
        while True:
            self.skip_blank()
            if self.i >= len(self.text):
                return
            start = self.i
            if self.peek(2) == "[[":
                self.i += 2
                keys = self.dotted_key()
                base = self.resolve(keys[:-1]) + (keys[-1],)
                index = self.table_counts.get(base, -1) + 1
                self.table_counts[base] = index
                current = base + (index,)
                self.header(base, start)
                self.found.keys[current] = self.spot(start)
                self.i = self.text.index("]]", self.i) + 2
            elif self.peek() == "[":
                self.i += 1
                current = self.resolve(self.dotted_key())
                self.header(current, start)
                self.i = self.text.index("]", self.i) + 1
            else:
                self.pair(current)

    def header(self, path: KeyPath, start: int) -> None:
        """Record a table header, and the tables it implies (`[a.b]` makes `a`)."""
        for end in range(1, len(path) + 1):
            self.found.keys.setdefault(path[:end], self.spot(start))

    def resolve(self, keys: list[str]) -> KeyPath:
        """A header's keys as a path, stepping into the last of each array of tables."""
        path: KeyPath = ()
        for key in keys:
            path = path + (key,)
            if path in self.table_counts:
                path = path + (self.table_counts[path],)
        return path

    def pair(self, table: KeyPath) -> None:
        start = self.i
        keys = self.dotted_key()
        path = table
        for key in keys:
            path = path + (key,)
            self.found.keys.setdefault(path, self.spot(start))
        self.skip_blank(newlines=False)
        if self.peek() != "=":
            raise ValueError("expected '='")
        self.i += 1
        self.skip_blank(newlines=False)
        self.value(path)

    def dotted_key(self) -> list[str]:
        keys = []
        while True:
            self.skip_blank(newlines=False)
            keys.append(self.simple_key())
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return keys
            self.i += 1

    def simple_key(self) -> str:
        ch = self.peek()
        if ch == '"':
            return self.basic_string()
        if ch == "'":
            end = self.text.index("'", self.i + 1)
            key = self.text[self.i + 1 : end]
            self.i = end + 1
            return key
        start = self.i
        while self.i < len(self.text) and self.text[self.i] in _BARE:
            self.i += 1
        if self.i == start:
            raise ValueError("expected a key")
        return self.text[start : self.i]

    def basic_string(self) -> str:
        """Read a one-line basic string, decoding its escapes."""
        self.i += 1
        out = []
        text = self.text
        while text[self.i] != '"':
            ch = text[self.i]
            if ch == "\\":
                code = text[self.i + 1]
                if code in "uU":
                    width = 4 if code == "u" else 8
                    out.append(chr(int(text[self.i + 2 : self.i + 2 + width], 16)))
                    self.i += 2 + width
                    continue
                out.append(_ESCAPES.get(code, code))
                self.i += 2
                continue
            out.append(ch)
            self.i += 1
        self.i += 1
        return "".join(out)

    def value(self, path: KeyPath) -> None:
        self.found.values[path] = self.spot(self.i)
        text = self.text
        if text.startswith('"""', self.i):
            self.multiline('"""', escapes=True)
        elif text.startswith("'''", self.i):
            self.multiline("'''", escapes=False)
        elif self.peek() == '"':
            self.basic_string()
        elif self.peek() == "'":
            self.i = text.index("'", self.i + 1) + 1
        elif self.peek() == "[":
            self.array(path)
        elif self.peek() == "{":
            self.inline_table(path)
        else:
            while self.i < len(text) and text[self.i] not in ",]}\n#":
                self.i += 1

    def multiline(self, quote: str, escapes: bool) -> None:
        text = self.text
        self.i += 3
        while True:
            if escapes and text[self.i] == "\\":
                self.i += 2
                continue
            if text.startswith(quote, self.i):
                self.i += 3
                # Up to two more quotes belong to the content, not the delimiter.
                extra = 0
                while extra < 2 and self.peek() == quote[0]:
                    self.i += 1
                    extra += 1
                return
            self.i += 1

    def array(self, path: KeyPath) -> None:
        self.i += 1
        index = 0
        while True:
            self.skip_blank()
            if self.peek() == "]":
                self.i += 1
                return
            self.value(path + (index,))
            index += 1
            self.skip_blank()
            if self.peek() == ",":
                self.i += 1

    def inline_table(self, path: KeyPath) -> None:
        self.i += 1
        while True:
            self.skip_blank()
            if self.peek() == "}":
                self.i += 1
                return
            self.pair(path)
            self.skip_blank()
            if self.peek() == ",":
                self.i += 1
