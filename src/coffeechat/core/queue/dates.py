"""A small, strict grammar for the dates people type: `tomorrow`, `in 3 weeks`, `fri`.

dateutil's own parser refuses relative phrases and silently invents missing parts
(its fuzzy mode finds a date in any sentence), so this module accepts only the forms
below, uses dateutil for the calendar arithmetic, and refuses everything else with
examples. The caller always shows the resolved date back to the person.

    today, tomorrow
    in 3 days, 3 days, 2w, in a week, in 2 months, 1y
    next week (its Monday), next month (its 1st)
    friday, fri, next tuesday (the next one after today)
    dec 3, 3 december, dec 3rd (the next one on or after today)
    2026-12-03
    eom (the last day of this month)
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from coffeechat.core.problems import InputError, quoted

EXAMPLES = "today, tomorrow, in 3 days, 2w, next tuesday, friday, dec 3, 2026-12-03, eom"
MORNING = time(9, 0)
"""When a date-only follow-up or snooze becomes due: the start of a working day."""
YEARS = (1900, 2999)
"""The first and last year of any date in a coffeechat file or typed into it. Python's
calendar ends at 9999, so a moment near either end cannot be shown in every time
zone (`9999-12-31T23:59:59Z` is already in the year 10000 east of Greenwich); this
range keeps every moment far from both, and a year like 0026 or 20026 is a typo."""

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

_DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_UNIT_WORDS = {
    "d": "days",
    "day": "days",
    "days": "days",
    "w": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "week": "weeks",
    "weeks": "weeks",
    "mo": "months",
    "month": "months",
    "months": "months",
    "y": "years",
    "yr": "years",
    "year": "years",
    "years": "years",
}
_RELATIVE = re.compile(r"^(?:in\s+)?(\d{1,3}|an?)\s*([a-z]+)(?:\s+from\s+now)?$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?$")


def _prefix_match(word: str, names: tuple[str, ...]) -> int | None:
    """Index of the name that `word` abbreviates (at least three letters), if any."""
    if len(word) < 3:
        return None
    for index, name in enumerate(names):
        if name.startswith(word):
            return index
    return None


def weekday_of(word: str) -> int | None:
    """The weekday (Monday is 0) that `word` names or abbreviates (`fri`), if any."""
    return _prefix_match(word, _DAY_NAMES)


def parse_date(phrase: str, today: date, source: str = "date") -> date:
    """The date `phrase` means when said on `today`; `InputError` if not understood."""
    text = " ".join(phrase.strip().lower().split())
    try:
        found = _understand(text, today)
    except (OverflowError, ValueError):
        found = None  # past the last date the calendar has (year 9999)
    if found is not None and not in_range(found):
        raise InputError.at(
            source,
            f"{quoted(phrase.strip())} is {found:%Y-%m-%d}, outside the years coffeechat "
            f"keeps ({YEARS[0]} to {YEARS[1]})",
            f"choose a nearer date, e.g. {EXAMPLES}",
            line=0,
            col=0,
        )
    if found is None:
        raise InputError.at(
            source,
            f"{quoted(phrase.strip())} is not a date coffeechat understands",
            f"try one of: {EXAMPLES}",
            line=0,
            col=0,
        )
    return found


def in_range(moment: date) -> bool:
    """Whether a date (or date-time) is in the years coffeechat keeps (`YEARS`)."""
    return YEARS[0] <= moment.year <= YEARS[1]


def _calendar() -> type[relativedelta]:
    """dateutil's `relativedelta`, imported only for months and years (days and
    weekdays are plain arithmetic, and the commands that only print the queue need
    neither)."""
    from dateutil.relativedelta import relativedelta

    return relativedelta


def _understand(text: str, today: date) -> date | None:
    if text in ("today", "now"):
        return today
    if text in ("tomorrow", "tmrw", "tmr"):
        return today + timedelta(days=1)
    if text == "eom" or text == "end of month":
        return today + _calendar()(day=31)
    if text == "next week":
        return _next_weekday(today, 0)
    if text == "next month":
        return today + _calendar()(months=1, day=1)
    if _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    return _relative(text, today) or _weekday(text, today) or _month_day(text, today)


def _relative(text: str, today: date) -> date | None:
    match = _RELATIVE.match(text)
    if not match or match.group(2) not in _UNIT_WORDS:
        return None
    count = 1 if match.group(1) in ("a", "an") else int(match.group(1))
    unit = _UNIT_WORDS[match.group(2)]
    if unit == "days":
        return today + timedelta(days=count)
    if unit == "weeks":
        return today + timedelta(weeks=count)
    if unit == "months":
        return today + _calendar()(months=count)
    return today + _calendar()(years=count)


def _weekday(text: str, today: date) -> date | None:
    word = text.removeprefix("next ").removeprefix("this ")
    index = weekday_of(word)
    if index is None:
        return None
    return _next_weekday(today, index)


def _next_weekday(today: date, weekday: int) -> date:
    """The first day after `today` that is `weekday` (Monday is 0): a week on, if today is."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _month_day(text: str, today: date) -> date | None:
    match = _MONTH_DAY.match(text)
    if match:
        month_word, day_text = match.group(1), match.group(2)
    else:
        match = _DAY_MONTH.match(text)
        if not match:
            return None
        day_text, month_word = match.group(1), match.group(2)
    month = _prefix_match(month_word, _MONTH_NAMES)
    if month is None:
        return None
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month + 1, int(day_text))
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def at_morning(day: date, zone: tzinfo | None) -> datetime:
    """The moment a date-only due date begins to count: 09:00 that day, local time.

    `zone` must know its daylight-saving rules (`TimeSource.now().tzinfo`): then the
    offset is the one in force that day, not today's.
    """
    return datetime.combine(day, MORNING, tzinfo=zone)


def describe(day: date, today: date) -> str:
    """A date shown back to a person: `Tue 15 Dec 2026 (in 3 weeks)`."""
    return f"{day:%a} {day.day} {day:%b %Y} ({relative_words(day, today)})"


def relative_words(day: date, today: date) -> str:
    """How far `day` is from `today` in words: `today`, `in 3 days`, `2 weeks ago`."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    size = abs(days)
    if size < 14:
        amount = f"{size} days"
    elif size < 60:
        amount = f"{round(size / 7)} weeks"
    elif size < 730:
        amount = f"{round(size / 30.4)} months"
    else:
        amount = f"{round(size / 365.25)} years"
    return f"in {amount}" if days > 0 else f"{amount} ago"
