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

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from coffeechat.core.people.contact_files.values import joined, note, one_line, profile_url
from coffeechat.core.people.contacts import Contact
from coffeechat.core.problems import Problem, quoted

KIND = "a vCard file"
BEGIN = "BEGIN:VCARD"
END = "END:VCARD"


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
    import vobject  # only `import` of a vCard file needs it

    for item in cards(text, path):
        if isinstance(item, Problem):
            yield item
            continue
        try:
            card = vobject.readOne(item.text, allowQP=True)
        except Exception as err:  # vobject raises many kinds (ValueError, binascii...)
            yield unreadable(path, item, err)
            continue
        yield contact(card.contents, path, item.line)


def unreadable(path: str, card: Card, err: Exception) -> Problem:
    """The problem of a card vobject could not read, at the line it names if it does."""
    offset = getattr(err, "lineNumber", None)
    line = card.line + offset - 1 if isinstance(offset, int) and offset > 0 else card.line
    reason = one_line(str(getattr(err, "msg", "") or err)) or type(err).__name__
    return Problem(
        path,
        line,
        1,
        f"this card cannot be read: {quoted(reason, 100)}",
        "check the card's lines: each is NAME:VALUE, a folded line starts with a space",
    )


def contact(contents: dict[str, list[Any]], path: str, line: int) -> Contact | Problem:
    """The contact a card's lines (by lower-case name) describe."""
    name = text_of(contents, "fn") or name_of(contents) or text_of(contents, "nickname")
    if not name:
        return Problem(
            path,
            line,
            1,
            "this card has no name (FN or N): left out",
            "give the contact a name in your address book and export again",
            severity="warning",
        )
    return Contact(
        name=name,
        line=line,
        organization=text_of(contents, "org"),
        role=text_of(contents, "title") or text_of(contents, "role"),
        email=one_line(preferred(contents.get("email", []))),
        url=profile_url(str(item.value) for item in contents.get("url", [])),
        phone=phone(contents),
        note=note(" ".join(str(item.value) for item in contents.get("note", [])[:1])),
    )


def text_of(contents: dict[str, list[Any]], name: str) -> str:
    """The first line `name`'s value as one line of text (a list's first part)."""
    for item in contents.get(name, []):
        value = item.value
        if isinstance(value, list):
            value = next((part for part in value if isinstance(part, str) and part.strip()), "")
        text = one_line(value) if isinstance(value, str) else ""
        if text:
            return text
    return ""


def name_of(contents: dict[str, list[Any]]) -> str:
    """The name N gives: given, additional and family names (vobject's `Name`)."""
    for item in contents.get("n", []):
        value = item.value
        if isinstance(value, str):  # no behaviour applied: "family;given;additional"
            family, given, additional, *_ = [*value.split(";"), "", "", ""]
            parts = [given, additional, family]
        else:
            parts = [flat(getattr(value, key, "")) for key in ("given", "additional", "family")]
        name = joined(*parts)
        if name:
            return name
    return ""


def flat(value: object) -> str:
    """A part of N as text: vobject gives a list where the part holds several."""
    if isinstance(value, list):
        return " ".join(part for part in value if isinstance(part, str))
    return value if isinstance(value, str) else ""


def preferred(items: list[Any]) -> str:
    """The value of the preferred line (`TYPE=pref` in 3.0, `PREF=1` in 4.0), else the first."""
    values = [item for item in items if isinstance(item.value, str) and item.value.strip()]
    for item in values:
        types = {
            kind.casefold() for kinds in item.params.get("TYPE", []) for kind in kinds.split(",")
        }
        if "pref" in types or "PREF" in item.params:
            return str(item.value)
    return str(values[0].value) if values else ""


def phone(contents: dict[str, list[Any]]) -> str:
    """The preferred phone number, without the `tel:` of a 4.0 URI."""
    number = one_line(preferred(contents.get("tel", [])))
    return number[4:] if number.casefold().startswith("tel:") else number
