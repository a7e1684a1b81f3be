"""A keep-in-touch cadence, `keep_in_touch = "3 months"`: a length of time in the
words of the date grammar (`core.queue.dates`), counted from a day."""

from __future__ import annotations

import re
from datetime import date

from coffeechat.core.problems import InputError, quoted

_CADENCE = re.compile(r"^(?:every\s+)?(\d{1,3}|an?)\s*([a-z]+)$")


def _phrase(text: str) -> str | None:
    words = " ".join(text.strip().lower().split())
    match = _CADENCE.match(words)
    if not match or match.group(1) == "0":
        return None
    return f"in {match.group(1)} {match.group(2)}"


def after(text: str, day: date) -> date | None:
    """The day one cadence `text` after `day`, or None if `text` is not a cadence."""
    from coffeechat.core.queue.dates import parse_date

    phrase = _phrase(text)
    if phrase is None:
        return None
    try:
        return parse_date(phrase, day)
    except InputError:
        return None


def cadence_error(text: str) -> str:
    """Why `text` is not a cadence ("" when it is one)."""
    if after(text, date(2026, 1, 1)) is None:
        return f"{quoted(text)} is not a length of time coffeechat understands"
    return ""
