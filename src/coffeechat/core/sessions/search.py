"""Searching every session's notes for a phrase, case-insensitively.

The summaries in the index hold no notes, so a search reads the files: each one's
text is checked for the phrase first (cheap), and only the files that contain it are
parsed, to find the note it is in and quote the words around it. The caller can stop
a search at any time (a newer one replaces it as the person types).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from coffeechat.core.files.regular import MAX_SESSION_BYTES, read_regular
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import Session, parse_session

AROUND = 30
"""Characters of context shown on each side of a hit."""


@dataclass(frozen=True)
class Hit:
    """Where a phrase was found in one session, and the words around it."""

    session_id: str
    where: str
    """`question 3`, `notes`, `referral`, `follow-up`, or `meeting`."""
    snippet: str


def search_sessions(
    folder: Path,
    session_ids: Iterable[str],
    phrase: str,
    stopped: Callable[[], bool] = lambda: False,
) -> Iterator[Hit]:
    """The first hit in each of the sessions (in the order given) holding `phrase`."""
    wanted = " ".join(phrase.split()).casefold()
    if not wanted:
        return
    for session_id in session_ids:
        if stopped():
            return
        path = folder / f"{session_id}.toml"
        try:
            raw = read_regular(path, MAX_SESSION_BYTES)
        except OSError:
            continue
        if wanted not in raw.decode("utf-8", "replace").casefold():
            continue
        try:
            session = parse_session(raw, path)
        except InputError:
            continue
        hit = first_hit(session, wanted)
        if hit is not None:
            yield hit


def first_hit(session: Session, wanted: str) -> Hit | None:
    """The first place in `session` whose text holds `wanted` (already casefolded)."""
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
        at = flat.casefold().find(wanted)
        if at >= 0:
            return Hit(session.id, where, _snippet(flat, at, len(wanted)))
    return None


def _snippet(text: str, at: int, length: int) -> str:
    start = max(0, at - AROUND)
    end = min(len(text), at + length + AROUND)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
