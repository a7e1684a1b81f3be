"""When something happened with a person, as typed after `log ... --on`: the date
grammar of `core.queue.dates`, the past too (`yesterday`, `3 days ago`, `last friday`),
and an optional time of day (`next tuesday 15:00`, `fri 3pm`)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo

from coffeechat.core.problems import InputError, quoted
from coffeechat.core.queue import dates

EXAMPLES = "today, yesterday, 3 days ago, last friday, next tuesday 15:00, 2026-11-20"
_TIME = re.compile(r"^(.*?)\s*(?:at\s+)?(\d{1,2})(?::(\d\d))?\s*(am|pm)?$")
_AGO = re.compile(r"^(\d{1,3}|an?)\s*(days?|d|weeks?|w)\s+ago$")


def parse_when(phrase: str, today: date, zone: tzinfo | None, source: str = "--on") -> date:
    """The day (or, with a time of day, the moment) `phrase` means said on `today`."""
    text = " ".join(phrase.strip().lower().split())
    day_text, moment = _split_time(text)
    day = _past(day_text, today)
    if day is None:
        try:
            day = dates.parse_date(day_text or "today", today, source)
        except InputError:
            raise InputError.at(
                source,
                f"{quoted(phrase.strip())} is not a date coffeechat understands",
                f"try one of: {EXAMPLES}",
                line=0,
                col=0,
            ) from None
    if moment is None:
        return day
    return datetime.combine(day, moment, tzinfo=zone)


def _split_time(text: str) -> tuple[str, time | None]:
    """The date part of `text` and its time of day, if it ends with one (`15:00`, `3pm`)."""
    match = _TIME.match(text)
    if match is None or (match.group(3) is None and match.group(4) is None):
        return text, None
    hour, minute = int(match.group(2)), int(match.group(3) or 0)
    if match.group(4) == "pm" and hour < 12:
        hour += 12
    elif match.group(4) == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return text, None
    return match.group(1).strip(), time(hour, minute)


def _past(text: str, today: date) -> date | None:
    """`yesterday`, `N days ago`, `N weeks ago`, `last friday`; None for anything else."""
    if text == "yesterday":
        return today - timedelta(days=1)
    match = _AGO.match(text)
    if match:
        count = 1 if match.group(1) in ("a", "an") else int(match.group(1))
        return today - timedelta(days=count * (7 if match.group(2)[0] == "w" else 1))
    index = dates.weekday_of(text.removeprefix("last ")) if text.startswith("last ") else None
    if index is not None:
        return today - timedelta(days=(today.weekday() - index - 1) % 7 + 1)
    return None


def said_back(on: date, today: date) -> str:
    """A logged day said back: `Fri 20 Nov 2026 (yesterday)`, with the time if it has one."""
    day = on.date() if isinstance(on, datetime) else on
    words = dates.describe(day, today)
    return f"{words}, {on:%H:%M}" if isinstance(on, datetime) else words
