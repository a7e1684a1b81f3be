"""A contact CSV as rows with the line each starts on, under a header found by name.

Exports do not always start with their header: LinkedIn's Connections.csv opens
with a "Notes:" paragraph and a blank line. So the header is looked for among the
first rows, by the column names a reader knows, and everything above it is left
out. Rows are read with the stdlib `csv` module (quoted commas, quotes and line
breaks inside a cell); a row shorter than the header reads as empty cells, and
cells past the header (a trailing comma) are ignored.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from coffeechat.core.people.contact_files.values import one_line
from coffeechat.core.problems import Problem

HEADER_WITHIN = 20
"""How many rows from the top the header may be: LinkedIn's notes take three."""


@dataclass(frozen=True)
class Row:
    """One row of the table: its cells and the lines it starts and ends on (1-based)."""

    cells: list[str]
    line: int
    end: int


@dataclass(frozen=True)
class Table:
    """A CSV file's header (its column names as `column` finds them) and its rows."""

    path: str
    header: dict[str, int]
    """Each column's name, case-folded and on one line, to its index."""
    rows: list[Row]
    problems: list[Problem]
    """Rows the csv module could not read at all."""

    def cell(self, row: Row, *names: str) -> str:
        """The cell of the first of `names` (case-folded column names) that the table
        has, or "" when none is there or the row is too short."""
        for name in names:
            index = self.header.get(name)
            if index is not None:
                return row.cells[index] if index < len(row.cells) else ""
        return ""

    def runaway(self, row: Row, *names: str) -> Problem | None:
        """A problem if a cell of `names` runs over several lines: its quote (") is
        never closed, and the cells that follow, rows of their own, are in it."""
        if not any("\n" in self.cell(row, name) for name in names):
            return None
        return Problem(
            self.path, row.line, 1,
            f"a quote (\") in this row is never closed: lines {row.line}–{row.end} left out",
            'close the quote, or write a quote inside a cell as two ("")',
        )  # fmt: skip


def rows(text: str, path: str) -> Iterator[Row | Problem]:
    """Every row of `text` with its line, or a located problem where a row could not
    be read; blank lines are rows with no cells."""
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Problem(path, start, 1, f"this row cannot be read: {err}", 'check its quotes (")')
            continue
        yield Row(cells, start, reader.line_num)


def names(cells: list[str]) -> set[str]:
    """The column names of a row, as `Table.header` holds them."""
    return {one_line(cell).casefold() for cell in cells}


def find_table(text: str, path: str, is_header: Callable[[set[str]], bool]) -> Table | None:
    """The table under the first of the top rows that `is_header` takes for a header
    (given its column names); None if there is none."""
    found: dict[str, int] | None = None
    body: list[Row] = []
    problems: list[Problem] = []
    for number, item in enumerate(rows(text, path)):
        if found is None:
            if number >= HEADER_WITHIN:
                return None
            if isinstance(item, Row) and is_header(names(item.cells)):
                found = {}
                for index, cell in enumerate(item.cells):
                    found.setdefault(one_line(cell).casefold(), index)
        elif isinstance(item, Row):
            body.append(item)
        else:
            problems.append(item)
    return None if found is None else Table(path, found, body, problems)
