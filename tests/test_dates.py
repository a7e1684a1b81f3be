"""The strict date grammar: what must work and what must be refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from coffeechat.core.problems import InputError
from coffeechat.core.queue.dates import describe, parse_date, relative_words

SUNDAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("today", date(2026, 11, 22)),
        ("tomorrow", date(2026, 11, 23)),
        ("in 3 days", date(2026, 11, 25)),
        ("3 days", date(2026, 11, 25)),
        ("2w", date(2026, 12, 6)),
        ("in 3 weeks", date(2026, 12, 13)),
        ("3 weeks", date(2026, 12, 13)),
        ("in a week", date(2026, 11, 29)),
        ("in 2 months", date(2027, 1, 22)),
        ("1y", date(2027, 11, 22)),
        ("next tuesday", date(2026, 11, 24)),
        ("friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("sunday", date(2026, 11, 29)),
        ("next week", date(2026, 11, 23)),
        ("next month", date(2026, 12, 1)),
        ("dec 3", date(2026, 12, 3)),
        ("3 December", date(2026, 12, 3)),
        ("dec 3rd", date(2026, 12, 3)),
        ("jan 5", date(2027, 1, 5)),
        ("nov 22", date(2026, 11, 22)),
        ("2026-12-03", date(2026, 12, 3)),
        ("eom", date(2026, 11, 30)),
        ("  In   3   Days ", date(2026, 11, 25)),
    ],
)
def test_phrases_that_work(phrase: str, expected: date) -> None:
    assert parse_date(phrase, SUNDAY) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "",
        "soon",
        "I have 3 kids",
        "december",
        "10",
        "3m",
        "in 3 fortnights",
        "2026-02-30",
        "feb 30",
        "next",
        "fr",
        "12/03",
        "in -3 days",
        "tomorrow 3pm",
    ],
)
def test_phrases_that_are_refused(phrase: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(phrase, SUNDAY, source="WHEN")
    (problem,) = caught.value.problems
    assert problem.render().startswith("WHEN: ")
    assert "tomorrow" in problem.hint


def test_describe_shows_the_date_back() -> None:
    assert describe(date(2026, 12, 13), SUNDAY) == "Sun 13 Dec 2026 (in 3 weeks)"
    assert relative_words(date(2026, 11, 20), SUNDAY) == "2 days ago"
    assert relative_words(SUNDAY, SUNDAY) == "today"


def test_long_ago_is_said_in_years() -> None:
    assert relative_words(date(2019, 11, 22), SUNDAY) == "7 years ago"
    assert relative_words(date(2027, 11, 22), SUNDAY) == "in 12 months"


def test_weekdays_are_counted_as_dateutil_counts_them() -> None:
    from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE

    names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    for offset in range(15):
        today = date(2026, 11, 20) + timedelta(days=offset)
        for name, day in zip(names, (MO, TU, WE, TH, FR, SA, SU), strict=True):
            expected = today + relativedelta(days=1, weekday=day(+1))
            assert parse_date(name, today) == expected
            assert parse_date(f"next {name[:3]}", today) == expected
        assert parse_date("next week", today) == today + relativedelta(days=1, weekday=MO(+1))
