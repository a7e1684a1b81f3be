"""LinkedIn's Connections.csv ("Get a copy of your data" → Connections).

It comes as LinkedIn writes it: a "Notes:" paragraph above the header (found by
`table`), sometimes a byte order mark, the columns First Name, Last Name, URL,
Email Address, Company, Position and Connected On (older exports have no URL),
dates like `12 Mar 2024` in English whatever the account's language, and mostly
empty e-mail addresses (members must opt in to share theirs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from coffeechat.core.people.contact_files.table import Row, Table
from coffeechat.core.people.contact_files.values import joined, one_line
from coffeechat.core.people.contacts import Contact
from coffeechat.core.problems import Problem, quoted

MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
"""English month names, said here: `strptime("%b")` would follow the locale."""
_DATE = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def is_header(columns: set[str]) -> bool:
    """Whether a row with these (case-folded) column names is the export's header."""
    return {"first name", "last name"} <= columns and bool({"connected on", "position"} & columns)


def contacts(table: Table) -> Iterator[Contact | Problem]:
    """Every connection in the table, and a problem for each row that is not one."""
    for row in table.rows:
        if not any(cell.strip() for cell in row.cells):
            continue  # a blank line, or a row of empty cells
        runaway = table.runaway(row, *table.header)
        if runaway is not None:
            yield runaway
            continue
        name = joined(table.cell(row, "first name"), table.cell(row, "last name"))
        if not name:
            yield Problem(
                table.path,
                row.line,
                1,
                "this connection has no name: left out",
                "First Name and Last Name are both empty",
                severity="warning",
            )
            continue
        connected_on, problem = connected(table, row)
        if problem is not None:
            yield problem
        yield Contact(
            name=name,
            line=row.line,
            organization=one_line(table.cell(row, "company")),
            role=one_line(table.cell(row, "position")),
            email=one_line(table.cell(row, "email address")),
            url=one_line(table.cell(row, "url")),
            connected_on=connected_on,
        )


def connected(table: Table, row: Row) -> tuple[date | None, Problem | None]:
    """The row's Connected On date, or a warning when it is there but not a date."""
    text = one_line(table.cell(row, "connected on"))
    if not text:
        return None, None
    day = parse_date(text)
    if day is not None:
        return day, None
    problem = Problem(
        table.path,
        row.line,
        1,
        f"Connected On is not a date: {quoted(text)}; left empty",
        "LinkedIn writes dates like 12 Mar 2024",
        key="Connected On",
        severity="warning",
    )
    return None, problem


def parse_date(text: str) -> date | None:
    """A date as LinkedIn writes it (`12 Mar 2024`, `12-Mar-2024`) or ISO 8601."""
    try:
        if _ISO_DATE.fullmatch(text):
            return date.fromisoformat(text)
        found = _DATE.fullmatch(text)
        if found is None:
            return None
        word = found[2].casefold()
        months = [number for number, month in enumerate(MONTHS, 1) if word in (month, month[:3])]
        return date(int(found[3]), months[0], int(found[1])) if months else None
    except ValueError:  # 31 Feb
        return None
