"""Names that become file names: slugs of people's names, and session ids.

On their own so that finding an agenda, a referral or a session by name loads
neither the agenda template nor the session reader.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from coffeechat.core.problems import InputError, quoted

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


def slugify(name: str) -> str:
    """A file-name-safe form of a person's name: `José Álvarez` → `jose-alvarez`."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")


def session_id(started: datetime, person: str) -> str:
    """The id (file stem) of a session: `2026-11-24-1501-jane-doe`."""
    return f"{started:%Y-%m-%d-%H%M}-{slugify(person) or 'call'}"


def is_id(text: str) -> bool:
    """Whether `text` can be a session's or a follow-up's id: no path, `..`, NUL or newline."""
    return _ID.fullmatch(text) is not None and ".." not in text


def check_session_id(text: str, source: str = "SESSION") -> str:
    """`text` if it can name a session file; refuses paths, `..`, NUL and newlines."""
    if not is_id(text):
        raise InputError.at(
            source,
            f"{quoted(text)} is not a session id",
            "session ids look like 2026-11-24-1501-jane-doe; see them with: coffeechat sessions",
            line=0,
            col=0,
        )
    return text
