"""Contacts as an address book or LinkedIn export gives them.

A stand-in until the merge (PHASE-D.md): the interface is final, but this
`read_contacts` reads only a plain LinkedIn `Connections.csv` (its "Notes:"
preamble and BOM included). c1-import's module replaces this file whole.
"""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from coffeechat.core.problems import InputError, Problem


@dataclass(frozen=True)
class Contact:
    """One person as an address book or LinkedIn export gives them."""

    name: str
    line: int  # where the contact starts in the file (1-based)
    organization: str = ""
    role: str = ""
    email: str = ""
    url: str = ""  # a profile URL (LinkedIn's "URL" column)
    phone: str = ""
    connected_on: date | None = None
    note: str = ""


def read_contacts(path: Path, shown: str) -> tuple[list[Contact], list[Problem]]:
    """Every contact in a LinkedIn Connections.csv, a Google Contacts CSV or a vCard
    file (told apart by content), and a located Problem for each row or card that
    cannot be read (the others are still returned). InputError if the file as a whole
    is none of these (with a hint naming the three kinds)."""
    try:
        text = path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError.at(shown, f"cannot read it: {err}", line=0, col=0) from None
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("First Name,")), None)
    if start is None:
        raise InputError.at(
            shown,
            "this is not a contacts file coffeechat reads",
            "export LinkedIn's Connections.csv, a Google Contacts CSV, or a vCard (.vcf)",
        )
    contacts: list[Contact] = []
    problems: list[Problem] = []
    reader = csv.DictReader(io.StringIO("".join(lines[start:])))
    for row in reader:
        line = start + reader.line_num
        name = f"{row.get('First Name') or ''} {row.get('Last Name') or ''}".strip()
        if not name:
            problems.append(Problem(shown, line, 1, "a row without a name", "it was skipped"))
            continue
        connected = None
        with contextlib.suppress(ValueError):
            when = (row.get("Connected On") or "").strip()
            connected = datetime.strptime(when, "%d %b %Y").date()
        contacts.append(
            Contact(
                name=name,
                line=line,
                organization=(row.get("Company") or "").strip(),
                role=(row.get("Position") or "").strip(),
                email=(row.get("Email Address") or "").strip(),
                url=(row.get("URL") or "").strip(),
                connected_on=connected,
            )
        )
    return contacts, problems
