"""Contacts from an address book or a LinkedIn export: what `coffeechat import` reads.

Three kinds of file, told apart by what they hold, not by their names: LinkedIn's
Connections.csv, a Google Contacts CSV (either header) and a vCard file (macOS,
Google, Android). Each has its reader in `core.people.contact_files`. A row or a
card that cannot be read is a located problem and never hides the others; a file
that is none of the three is an `InputError` naming them.

Files are UTF-8 as every one of these exports writes them (a byte order mark is
skipped; UTF-16 with its mark, as a spreadsheet saves "Unicode text", is read
too). Bytes that are not UTF-8 are read as � and said once, where they start.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coffeechat.core.files.regular import NotAFileError, read_regular
from coffeechat.core.problems import InputError, Problem

MAX_CONTACTS_BYTES = 256_000_000
"""The largest contact file read: a vCard export with photos is a few hundred KB per
hundred contacts; 5,000 LinkedIn connections are under 1 MB."""
KINDS = "a LinkedIn Connections.csv, a Google Contacts CSV or a vCard (.vcf) file"
HINT = (
    f"coffeechat imports {KINDS}: export your connections from LinkedIn (Settings → "
    "Data privacy → Get a copy of your data → Connections) or your contacts from "
    "Google Contacts, macOS Contacts or your phone, and import that file as it is"
)


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
        raw = read_regular(path, MAX_CONTACTS_BYTES)
    except FileNotFoundError:
        raise InputError.at(shown, "no such file", "check the name and the folder") from None
    except NotAFileError as err:
        raise InputError.at(shown, f"this is {err.kind}, not a file", HINT) from None
    except OSError as err:
        raise InputError.at(shown, f"cannot read the file: {err.strerror}") from None
    if len(raw) > MAX_CONTACTS_BYTES:
        raise InputError.at(
            shown,
            f"the file is larger than {MAX_CONTACTS_BYTES // 1_000_000} MB",
            f"is this the right file? coffeechat imports {KINDS}",
        )
    return parse_contacts(raw, shown)


def parse_contacts(raw: bytes, shown: str) -> tuple[list[Contact], list[Problem]]:
    """`read_contacts` of a file's bytes, `shown` naming it in problems."""
    # Imported here: the readers make `Contact`s from this module, and the vCard one
    # loads vobject, which only `import` needs.
    from coffeechat.core.people.contact_files import google, linkedin, table, vcard

    text, problems = decode(raw, shown)
    if not text.strip():
        raise InputError.at(shown, "the file is empty", HINT)
    found: Iterable[Contact | Problem]
    if vcard.is_vcard(text):
        found = vcard.contacts(text, shown)
    else:
        csv_file = table.find_table(
            text, shown, lambda columns: linkedin.is_header(columns) or google.is_header(columns)
        )
        if csv_file is None:
            raise InputError([*problems, Problem(shown, 1, 1, f"this is not {KINDS}", HINT)])
        problems += csv_file.problems
        reader = linkedin if linkedin.is_header(set(csv_file.header)) else google
        found = reader.contacts(csv_file)
    contacts: list[Contact] = []
    for item in found:
        if isinstance(item, Contact):
            contacts.append(item)
        else:
            problems.append(item)
    problems.sort(key=lambda problem: problem.line)
    return contacts, problems


def decode(raw: bytes, shown: str) -> tuple[str, list[Problem]]:
    """The file's text with every line end as LF, and a warning where bytes that are
    not UTF-8 start (they read as �)."""
    problems: list[Problem] = []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = raw.decode("utf-16", errors="replace")
    else:
        raw = raw.removeprefix(codecs.BOM_UTF8)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            before = lf(raw[: err.start].decode("utf-8"))
            line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
            problems.append(
                Problem(
                    shown, line, col,
                    "this file is not UTF-8 from here: what is not was read as �",
                    "save the file as UTF-8 (the exports are; a spreadsheet may have changed it)",
                    severity="warning",
                )
            )  # fmt: skip
            text = raw.decode("utf-8", errors="replace")
    return lf(text.lstrip("\ufeff")), problems


def lf(text: str) -> str:
    """`text` with its line ends (CR LF, a lone CR) as LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
