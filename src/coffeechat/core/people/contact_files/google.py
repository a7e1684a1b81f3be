"""A Google Contacts CSV ("Export" → Google CSV), with either of its headers.

Google changed the export's columns in 2023. The current header has First Name,
Middle Name, Last Name, ..., Organization Name, Organization Title, E-mail 1 -
Label, E-mail 1 - Value, Phone 1 - Value, Website 1 - Value; the older one has
Name, Given Name, Additional Name, Family Name, ..., E-mail 1 - Type, E-mail 1 -
Value, Organization 1 - Name, Organization 1 - Title. A cell may hold several
values (`a@x.example ::: b@x.example`); the first is taken. Both name the notes
`Notes`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from coffeechat.core.people.contact_files.table import Row, Table
from coffeechat.core.people.contact_files.values import (
    first_of,
    joined,
    note,
    one_line,
    profile_url,
)
from coffeechat.core.people.contacts import Contact
from coffeechat.core.problems import Problem

MARKS = {"e-mail 1 - value", "given name", "organization name", "organization 1 - name", "file as"}
"""Columns only Google's exports have (of the current header or the older one)."""
NAMES = (
    *("name", "first name", "middle name", "last name"),
    *("given name", "additional name", "family name"),
)
"""The columns a name is made of: a line break in one is a quote never closed."""
_NUMBERED = re.compile(r"(e-mail|phone|website) \d+ - value")


def is_header(columns: set[str]) -> bool:
    """Whether a row with these (case-folded) column names is an export's header."""
    return bool(MARKS & columns)


def contacts(table: Table) -> Iterator[Contact | Problem]:
    """Every contact in the table, and a problem for each row that is not one."""
    numbered: dict[str, list[str]] = {"e-mail": [], "phone": [], "website": []}
    for column in sorted(table.header, key=table.header.__getitem__):
        found = _NUMBERED.fullmatch(column)
        if found:
            numbered[found[1]].append(column)
    for row in table.rows:
        if not any(cell.strip() for cell in row.cells):
            continue
        runaway = table.runaway(row, *NAMES)
        if runaway is not None:
            yield runaway
            continue
        name = person_name(table, row)
        if not name:
            yield Problem(
                table.path,
                row.line,
                1,
                "this contact has no name: left out",
                "give it a name in Google Contacts and export again",
                severity="warning",
            )
            continue
        yield Contact(
            name=name,
            line=row.line,
            organization=one_line(table.cell(row, "organization name", "organization 1 - name")),
            role=one_line(table.cell(row, "organization title", "organization 1 - title")),
            email=first(table, row, numbered["e-mail"]),
            url=profile_url(
                url
                for column in numbered["website"]
                for url in table.cell(row, column).split(":::")
            ),
            phone=first(table, row, numbered["phone"]),
            note=note(table.cell(row, "notes")),
        )


def person_name(table: Table, row: Row) -> str:
    """The contact's name: the old header's Name, else its parts, else a nickname."""
    name = one_line(table.cell(row, "name"))
    return (
        name
        or joined(
            table.cell(row, "first name", "given name"),
            table.cell(row, "middle name", "additional name"),
            table.cell(row, "last name", "family name"),
        )
        or one_line(table.cell(row, "nickname", "file as"))
    )


def first(table: Table, row: Row, columns: list[str]) -> str:
    """The first value in the first of `columns` that has one."""
    for column in columns:
        value = first_of(table.cell(row, column))
        if value:
            return value
    return ""
