"""Who introduced you to most people: from each session's referrals (the people it
suggested you talk to) and from whom each call's person was referred by.

The people network (`core.people`) will know more; `introducers` takes the sessions
now, and a caller can add pairs it knows of (`extra`) without changing the count.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from coffeechat.core.sessions.summary import SessionSummary


class Introducer(NamedTuple):
    """Someone who introduced you to people, with whom."""

    name: str
    people: tuple[str, ...]
    """The people they introduced you to, in the order first seen."""


def introductions(sessions: Iterable[SessionSummary]) -> Iterable[tuple[str, str]]:
    """(who introduced, whom) pairs: each referral of a session is someone its person
    introduced you to; each call's `referred_by` introduced you to its person."""
    for session in sessions:
        person = session.meeting.person
        for referral in session.referrals:
            yield person, referral.name
        if session.meeting.referred_by.strip():
            yield session.meeting.referred_by, person


def introducers(
    sessions: Sequence[SessionSummary], extra: Iterable[tuple[str, str]] = ()
) -> list[Introducer]:
    """Everyone who introduced you to someone, most people first (names compared
    without case or extra spaces; each person counted once per introducer)."""
    names: dict[str, str] = {}
    people: dict[str, dict[str, str]] = {}
    for who, whom in [*introductions(sessions), *extra]:
        key, other = _key(who), _key(whom)
        if not key or not other or key == other:
            continue
        names.setdefault(key, " ".join(who.split()))
        people.setdefault(key, {}).setdefault(other, " ".join(whom.split()))
    found = [Introducer(names[key], tuple(met.values())) for key, met in people.items()]
    return sorted(found, key=lambda i: (-len(i.people), i.name.casefold()))


@lru_cache(maxsize=8192)
def _key(name: str) -> str:
    return " ".join(name.casefold().split())
