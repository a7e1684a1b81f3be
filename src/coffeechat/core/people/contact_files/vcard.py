"""vCard files (`.vcf`) from macOS Contacts, Google Contacts and Android phones.

Each card is read by vobject, a well-kept vCard parser: folded lines, escaped
commas and semicolons, grouped lines (Apple's `item1.EMAIL`), parameters in the
3.0 and 4.0 styles, and the quoted-printable values of Android's 2.1 and 3.0
exports. The file is first cut into cards at their BEGIN:VCARD and END:VCARD
lines, so that a card vobject cannot read is a problem at its line and the cards
around it are still read.

A card's name is its FN, else its N (given, additional and family names, as
macOS writes a card with no FN), else its NICKNAME; its organisation is ORG's
first part (the department after `;` is left out); its role TITLE, else ROLE.
Of several e-mail addresses the preferred one (`TYPE=pref`, `PREF=1`) is taken;
of several URLs a LinkedIn profile; a 4.0 `tel:` URI becomes its number.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from vobject.base import getLogicalLines, textLineToContentLine

from coffeechat.core.people.contact_files.values import joined, note, one_line, profile_url
from coffeechat.core.people.contacts import Contact
from coffeechat.core.problems import Problem, quoted

BEGIN = "BEGIN:VCARD"
END = "END:VCARD"
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_PART = re.compile(r"((?:\\.|[^\\;])*)(?:;|$)", re.DOTALL)
"""A part of a structured value (N, ORG): up to a `;` that is not escaped."""


@dataclass(frozen=True)
class Line:
    """A content line of a card, as vobject read it (quoted-printable decoded)."""

    value: str
    """Its value as written: escapes (`\\,` `\\n`) kept, `;` between parts."""
    params: dict[str, list[str]]


Lines = dict[str, list[Line]]
"""A card's lines by their lower-case name (`email`), in the order written."""


@dataclass(frozen=True)
class Card:
    """The text of one card and the line of its BEGIN:VCARD (1-based)."""

    text: str
    line: int


def is_vcard(text: str) -> bool:
    """Whether `text` (line ends as LF) starts as a vCard file does."""
    first = next((line for line in text.split("\n", 20) if line.strip()), "")
    return first.strip().upper() == BEGIN


def cards(text: str, path: str) -> Iterator[Card | Problem]:
    """The cards of `text` (line ends as LF), and a problem for a card that is never
    closed and for lines outside any card."""
    lines: list[str] = []
    start = 0  # the line of the open card's BEGIN, or 0 outside a card
    stray = False
    for number, line in enumerate(text.split("\n"), 1):
        word = line.strip().upper()
        if word == BEGIN:
            if start:
                yield unclosed(path, start)
            start, lines, stray = number, [line], False
        elif not start:
            if word and not stray:
                yield Problem(
                    path,
                    number,
                    1,
                    "this line is outside any card: left out",
                    f"a card starts with {BEGIN} and ends with {END}",
                    severity="warning",
                )
            stray = stray or bool(word)
        else:
            lines.append(line)
            if word == END:
                yield Card("\n".join(lines) + "\n", start)
                start = 0
    if start:
        yield unclosed(path, start)


def unclosed(path: str, line: int) -> Problem:
    """The problem of a card with no END:VCARD before the next card or the file's end."""
    return Problem(
        path, line, 1, "this card is never closed: left out", f"end it with a line {END}"
    )


def contacts(text: str, path: str) -> Iterator[Contact | Problem]:
    """Every card of `text` as a contact, and a located problem for each that is not one."""
    for item in cards(text, path):
        if isinstance(item, Problem):
            yield item
            continue
        try:
            lines = read_lines(item)
        except Exception as err:  # vobject raises many kinds (ParseError, LookupError...)
            yield unreadable(path, item, err)
            continue
        yield contact(lines, path, item.line)


def read_lines(card: Card) -> Lines:
    """The content lines of a card, read by vobject: unfolded, quoted-printable
    decoded, parameters parsed.

    Its values are taken as written and unescaped here (`unescaped`): vobject's own
    decoding of a text value keeps only what comes before its first unescaped comma,
    and Android's 2.1 cards do not escape their commas (`NOTE:Met in Lisbon, 2024`)."""
    lines: Lines = {}
    for text, number in getLogicalLines(io.StringIO(card.text), allowQP=True):
        found = textLineToContentLine(text, number)
        lines.setdefault(found.name.casefold(), []).append(
            Line(str(found.value), dict(found.params))
        )
    return lines


def unreadable(path: str, card: Card, err: Exception) -> Problem:
    """The problem of a card vobject could not read, at the line it names if it does."""
    offset = getattr(err, "lineNumber", None)
    line = card.line + offset - 1 if isinstance(offset, int) and offset > 0 else card.line
    reason = one_line(str(getattr(err, "msg", "") or err)) or type(err).__name__
    return Problem(
        path, line, 1, f"this card cannot be read: {quoted(reason, 100)}",
        "check the card's lines: each is NAME:VALUE, a folded line starts with a space",
    )  # fmt: skip


def contact(lines: Lines, path: str, line: int) -> Contact | Problem:
    """The contact a card's lines describe."""
    name = text_of(lines, "fn") or name_of(lines) or text_of(lines, "nickname")
    if not name:
        return Problem(
            path, line, 1, "this card has no name (FN or N): left out",
            "give the contact a name in your address book and export again",
            severity="warning",
        )  # fmt: skip
    notes = lines.get("note", [])
    return Contact(
        name=name,
        line=line,
        organization=text_of(lines, "org"),
        role=text_of(lines, "title") or text_of(lines, "role"),
        email=one_line(preferred(lines.get("email", []))),
        url=profile_url(unescaped(found.value) for found in lines.get("url", [])),
        phone=phone(lines),
        note=note(unescaped(notes[0].value)) if notes else "",
    )


def unescaped(value: str) -> str:
    """A text value with its escapes undone: `\\n` a line break, `\\,` a comma..."""
    return _ESCAPED.sub(lambda found: "\n" if found[1] in "nN" else found[1], value)


def parts(value: str) -> list[str]:
    """The parts of a structured value (N, ORG), each unescaped."""
    return [unescaped(found[1]) for found in _PART.finditer(value)]


def text_of(lines: Lines, name: str) -> str:
    """The value of the first `name` line that has one, on one line (of ORG, its first
    part: the department after `;` is left out)."""
    for found in lines.get(name, []):
        values = parts(found.value) if name == "org" else [unescaped(found.value)]
        text = next((one_line(value) for value in values if one_line(value)), "")
        if text:
            return text
    return ""


def name_of(lines: Lines) -> str:
    """The name N gives: its given, additional and family names (`Doe;Jane;;Dr.;`)."""
    for found in lines.get("n", []):
        family, given, additional, *_ = [*parts(found.value), "", "", ""]
        name = joined(given, additional, family)
        if name:
            return name
    return ""


def preferred(found: list[Line]) -> str:
    """The value of the preferred line (`TYPE=pref` in 3.0, `PREF=1` in 4.0), else the
    first one's."""
    values = [line for line in found if line.value.strip()]
    for line in values:
        types = {
            kind.casefold() for kinds in line.params.get("TYPE", []) for kind in kinds.split(",")
        }
        if "pref" in types or "PREF" in line.params:
            return unescaped(line.value)
    return unescaped(values[0].value) if values else ""


def phone(lines: Lines) -> str:
    """The preferred phone number, without the `tel:` of a 4.0 URI."""
    number = one_line(preferred(lines.get("tel", [])))
    return number[4:] if number.casefold().startswith("tel:") else number
