"""Searching every session's notes for a phrase, case-insensitively, word by word.

The phrase's words are found in order with anything but letters and digits between
them, whatever the phrase has there: `order set` finds "order-set" and "order/set",
and `order-set` finds "order set". What comes before the first word or after the
last is found as typed (`c++`, `.net`).

The summaries in the index hold no notes, so a search reads the files: each one's
text is checked for the phrase's words first (cheap), and only the files that hold
them are parsed, to find the note it is in and quote the words around it. The caller can stop
a search at any time (a newer one replaces it as the person types). Home shows the
hits found so far after every `BATCH` sessions (`search_in_batches`), so the first
ones appear at once even among thousands of sessions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coffeechat.core.files.regular import MAX_SESSION_BYTES, read_regular
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import Session, parse_session

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace

AROUND = 30
"""Characters of context shown on each side of a hit."""
BATCH = 500
"""Sessions read between two reports of a search's progress (`search_in_batches`)."""
MOST_HITS = 200
"""A search in batches stops after this many sessions found (newest first): enough to scan."""


@dataclass(frozen=True)
class Hit:
    """Where a phrase was found in one session, and the words around it."""

    session_id: str
    where: str
    """`question 3`, `notes`, `referral`, `follow-up`, or `meeting`."""
    snippet: str


@dataclass(frozen=True)
class Progress:
    """How far a search has come: the sessions found so far (by id, in the order
    searched), how many sessions were read, and whether it is over."""

    hits: Mapping[str, Hit]
    read: int
    done: bool


def search_in_batches(
    workspace: Workspace,
    session_ids: Sequence[str],
    phrase: str,
    stopped: Callable[[], bool] = lambda: False,
) -> Iterator[Progress]:
    """Search the sessions (in the order given) for `phrase`, telling the progress after
    each `BATCH` of them; it ends after the last, after `MOST_HITS` found, or with
    nothing more told once `stopped` says so."""
    hits: dict[str, Hit] = {}
    for start in range(0, len(session_ids), BATCH):
        batch = session_ids[start : start + BATCH]
        for hit in search_sessions(workspace, batch, phrase, stopped):
            hits[hit.session_id] = hit
            if len(hits) >= MOST_HITS:
                break
        if stopped():
            return
        read = min(start + BATCH, len(session_ids))
        done = len(hits) >= MOST_HITS or read >= len(session_ids)
        yield Progress(dict(hits), read, done)
        if done:
            return


def search_sessions(
    workspace: Workspace,
    session_ids: Iterable[str],
    phrase: str,
    stopped: Callable[[], bool] = lambda: False,
) -> Iterator[Hit]:
    """The first hit in each of the sessions (in the order given) holding `phrase`."""
    wanted = phrase_pattern(phrase)
    if wanted is None:
        return
    words = WORD.findall(phrase.casefold()) or [phrase.strip().casefold()]
    for session_id in session_ids:
        if stopped():
            return
        path = workspace.session_path(session_id)
        try:
            raw = read_regular(path, MAX_SESSION_BYTES)
        except OSError:
            continue
        text = raw.decode("utf-8", "replace").casefold()
        if not all(word in text for word in words):  # cheap: most files hold none
            continue
        try:
            session = parse_session(raw, path)
        except InputError:
            continue
        hit = first_hit(session, wanted)
        if hit is not None:
            yield hit


WORD = re.compile(r"[^\W_]+")
"""A run of letters and digits: what a search matches word by word."""


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """What finds `phrase` in a text (see the module docstring); None for no phrase."""
    phrase = phrase.strip()
    words = WORD.findall(phrase)
    if not words:
        return re.compile(re.escape(phrase), re.IGNORECASE) if phrase else None
    before = phrase[: phrase.index(words[0])]  # `.net`, `c++`: kept as typed
    after = phrase[phrase.rindex(words[-1]) + len(words[-1]) :]
    between = r"[\W_]+".join(map(re.escape, words))
    return re.compile(re.escape(before) + between + re.escape(after), re.IGNORECASE)


def first_hit(session: Session, wanted: re.Pattern[str]) -> Hit | None:
    """The first place in `session` whose text holds `wanted` (`phrase_pattern`)."""
    meeting = session.meeting
    fields: list[tuple[str, str]] = [
        ("meeting", f"{meeting.person} · {meeting.role} · {meeting.organization}"),
        ("meeting", f"referred by {meeting.referred_by}" if meeting.referred_by else ""),
    ]
    for number, question in enumerate(session.questions, 1):
        fields += [(f"question {number}", question.notes), (f"question {number}", question.text)]
    fields.append(("notes", session.general_notes))
    fields += [("referral", f"{r.name} · {r.role} · {r.note}") for r in session.referrals]
    fields += [("follow-up", f"{f.title} {f.detail}") for f in session.followups]
    for where, text in fields:
        flat = " ".join(text.split())
        found = wanted.search(flat)
        if found is not None:
            return Hit(session.id, where, _snippet(flat, found.start(), found.end()))
    return None


def _snippet(text: str, at: int, to: int) -> str:
    start = max(0, at - AROUND)
    end = min(len(text), to + AROUND)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
