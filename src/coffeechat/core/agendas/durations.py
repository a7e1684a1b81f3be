"""Lengths of time as people write them: `20m`, `25 min`, `45s`, `1h 30m`."""

from __future__ import annotations

import re

from coffeechat.core.problems import quoted

DEFAULT_DURATION = 20 * 60
"""The window of a call whose agenda and settings give none (seconds)."""
DEFAULT_WARN_AT = (5 * 60, 2 * 60)
"""Time left at which to signal, when neither agenda nor settings say (seconds)."""

_UNITS = {
    "s": 1,
    "sec": 1,
    "secs": 1,
    "second": 1,
    "seconds": 1,
    "m": 60,
    "min": 60,
    "mins": 60,
    "minute": 60,
    "minutes": 60,
    "h": 3600,
    "hr": 3600,
    "hrs": 3600,
    "hour": 3600,
    "hours": 3600,
}
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*")
EXAMPLES = '"20m", "25 min", "45s", "1h", "1h 30m", or whole minutes such as 20'
LONGEST = 24 * 3600
"""A length past a day is a typo, not a call (and huge numbers must not overflow)."""


class DurationError(ValueError):
    """A text that is not a length of time; the message says what is wrong."""


def parse_duration(value: str | int) -> int:
    """Seconds in `value`: a text like `20m`, or a whole number of minutes."""
    if isinstance(value, bool):
        raise DurationError("expected a length of time, not true or false")
    if isinstance(value, int):
        if value <= 0:
            raise DurationError("a length of time must be more than zero")
        return _at_most_a_day(value * 60, value)
    text = value.strip().lower()
    if text.isdigit():
        return parse_duration(int(text))
    total = 0.0
    position = 0
    while position < len(text):
        match = _PART.match(text, position)
        if not match or match.group(2) not in _UNITS:
            raise DurationError(f"{quoted(value)} is not a length of time")
        total += float(match.group(1)) * _UNITS[match.group(2)]
        position = match.end()
    if position == 0 or total <= 0:
        raise DurationError(f"{quoted(value)} is not a length of time")
    return _at_most_a_day(total, value)


def _at_most_a_day(seconds: float, value: str | int) -> int:
    if seconds > LONGEST:
        raise DurationError(f"{quoted(value)} is longer than a day")
    return round(seconds)


def format_duration(seconds: int) -> str:
    """A short human form such as `20m`, `1h 5m` or `45s`."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours}h"] if hours else []
    if minutes:
        parts.append(f"{minutes}m")
    if secs or not parts:
        parts.append(f"{secs}s")
    return " ".join(parts)
