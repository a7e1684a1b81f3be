"""Importing contacts into the network (`coffeechat import FILE`): who is new.

A contact is someone already in the network if their email, their profile URL, or
their name and organisation match a person, or a contact earlier in the same file
(two of one name and organisation whose profile URLs differ are two people).
Importing the same file twice adds nobody twice, and a person already there is
never changed, so what was edited by hand stays. The files are read by
`people.contacts`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coffeechat.core.files.names import slugify
from coffeechat.core.people.contacts import Contact
from coffeechat.core.people.format import Person
from coffeechat.core.people.network import new_person_id

_SCHEME = re.compile(r"^(?:https?://)?(?:www\.)?")


@dataclass(frozen=True)
class Plan:
    """What an import does: the people it adds, and the contacts already there."""

    added: tuple[Person, ...]
    known: tuple[tuple[Contact, str], ...]
    """Each contact already in the network, with the id of the person it matched."""


def _keys(email: str, url: str, name: str, organization: str) -> list[str]:
    keys = []
    if email.strip():
        keys.append("email:" + email.strip().casefold())
    if url.strip():
        keys.append("url:" + _SCHEME.sub("", url.strip().casefold()).rstrip("/"))
    if slugify(name):
        keys.append(f"name:{slugify(name)}@{slugify(organization)}")
    return keys


def person_keys(person: Person) -> list[str]:
    """What identifies `person` for an import: email, profile URL, name and organisation."""
    contact = person.contact.strip()
    email = contact if "@" in contact and "/" not in contact else ""
    urls = [u for u in (contact, person.profile) if "/" in u or u.startswith("linkedin.")]
    keys = _keys(email, "", person.name, person.organization)
    for url in urls:
        keys += _keys("", url, "", "")
    return keys


def plan_import(people: Iterable[Person], contacts: Iterable[Contact]) -> Plan:
    """The people `contacts` add to `people`, and the contacts that are already there."""
    seen: dict[str, str] = {}
    has_url: set[str] = set()
    """The ids of the people known by a profile URL."""
    taken = set()
    for person in people:
        taken.add(person.id)
        for key in person_keys(person):
            seen.setdefault(key, person.id)
            if key.startswith("url:"):
                has_url.add(person.id)
    added: list[Person] = []
    known: list[tuple[Contact, str]] = []
    for contact in contacts:
        keys = _keys(contact.email, contact.url, contact.name, contact.organization)
        match = next(
            (seen[k] for k in keys if k in seen and _same(k, seen[k], contact, has_url)), None
        )
        if match is not None:
            known.append((contact, match))
            continue
        person = person_from(contact, new_person_id(contact.name, taken))
        taken.add(person.id)
        for key in keys:
            seen.setdefault(key, person.id)
        if contact.url.strip():
            has_url.add(person.id)
        added.append(person)
    return Plan(tuple(added), tuple(known))


def _same(key: str, person_id: str, contact: Contact, has_url: set[str]) -> bool:
    """Whether a key held by `person_id` names `contact`: a name and organisation do
    not when both have profile URLs (they would have matched by them)."""
    return not (key.startswith("name:") and contact.url.strip() and person_id in has_url)


def person_from(contact: Contact, person_id: str) -> Person:
    """A new person from a contact: its email (else its URL, else its phone) as contact."""
    reach = contact.email or contact.url or contact.phone
    note = contact.note
    if contact.connected_on is not None:
        connected = f"Connected on {contact.connected_on:%d %b %Y}."
        note = f"{note}\n{connected}" if note else connected
    return Person(
        id=person_id,
        name=" ".join(contact.name.split()),
        role=contact.role,
        organization=contact.organization,
        contact=reach,
        profile=contact.url if contact.url and contact.url != reach else "",
        notes=note,
    )
