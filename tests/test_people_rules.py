"""The outreach rules, as pure functions of the person files and the day (no clock)."""

from __future__ import annotations

from datetime import date

from coffeechat.core.people.format import Event, ItemRecord, LogEntry, Person
from coffeechat.core.people.network import Network, Row, rows
from coffeechat.core.people.outreach import Outreach, add_business_days, business_days_between

RULES = Outreach()
ASKED = date(2026, 11, 16)  # a Monday
"""Business days after it: Tue 17 (1), Wed 18 (2), Thu 19 (3) ... Wed 25 (7), Wed 2 Dec (12)."""


def person(
    name: str,
    org: str = "Acme",
    log: tuple[tuple[date, Event], ...] = (),
    keep_in_touch: str = "",
    followups: tuple[ItemRecord, ...] = (),
) -> Person:
    pid = name.lower().replace(" ", "-")
    return Person(
        id=pid,
        name=name,
        organization=org,
        keep_in_touch=keep_in_touch,
        log=[LogEntry(on, event) for on, event in log],
        followups=list(followups),
    )


def row_of(
    target: Person,
    today: date,
    others: tuple[Person, ...] = (),
    has_agenda: frozenset[str] = frozenset(),
    advice: dict[str, tuple[str, ...]] | None = None,
    rules: Outreach = RULES,
) -> Row:
    network = Network((target, *others))
    found = rows(network, today, rules, has_agenda, advice)
    return next(r for r in found if r.person.id == target.id)


def test_business_days_skip_the_weekend() -> None:
    friday = date(2026, 11, 20)
    assert add_business_days(friday, 1) == date(2026, 11, 23)  # Monday
    assert add_business_days(friday, 3) == date(2026, 11, 25)
    assert business_days_between(friday, date(2026, 11, 22)) == 0  # Sat, Sun
    assert business_days_between(friday, date(2026, 11, 25)) == 3


def test_business_days_count_every_weekday_holidays_included() -> None:
    # Thanksgiving (Thu 26 Nov 2026) is a business day here: only weekends are skipped.
    assert business_days_between(date(2026, 11, 23), date(2026, 11, 30)) == 5
    assert add_business_days(date(2026, 11, 25), 1) == date(2026, 11, 26)


def test_no_log_is_to_ask() -> None:
    row = row_of(person("Priya Patel"), ASKED)
    assert row.state == "to-ask"
    assert row.step is not None and row.step.kind is None


def test_a_reply_before_day_three_makes_no_item() -> None:
    priya = person("Priya Patel", log=((ASKED, "asked"), (date(2026, 11, 18), "replied")))
    for today in (date(2026, 11, 19), date(2026, 11, 25), date(2026, 12, 10)):
        row = row_of(priya, today, (person("Sam Lee"),))
        assert row.state == "asked"
        assert row.step is not None and row.step.kind is None


def test_silence_before_day_three_waits() -> None:
    row = row_of(person("Priya Patel", log=((ASKED, "asked"),)), date(2026, 11, 18))
    assert row.step is not None
    assert row.step.kind is None
    assert row.step.due == date(2026, 11, 19)


def test_silence_through_day_three_asks_someone_else_same_organisation_first() -> None:
    priya = person("Priya Patel", log=((ASKED, "asked"),))
    others = (person("Aaron Ames", org="Globex"), person("Sam Lee", org="acme "))
    row = row_of(priya, date(2026, 11, 19), others)
    assert row.step is not None
    assert row.step.kind == "try-another"
    assert row.step.item_id == "try-another-2026-11-16"
    assert row.step.due == date(2026, 11, 19)
    assert "ask Sam Lee" in row.step.text


def test_the_last_person_at_an_organisation_names_someone_elsewhere() -> None:
    priya = person("Priya Patel", log=((ASKED, "asked"),))
    others = (person("Aaron Ames", org="Globex"), person("Sam Lee", log=((ASKED, "asked"),)))
    row = row_of(priya, date(2026, 11, 20), others)
    assert row.step is not None and "ask Aaron Ames" in row.step.text


def test_nobody_left_to_ask_says_add_someone() -> None:
    row = row_of(person("Priya Patel", log=((ASKED, "asked"),)), date(2026, 11, 19))
    assert row.step is not None and "coffeechat add" in row.step.text


def test_try_another_done_waits_for_the_nudge() -> None:
    done = (ItemRecord("try-another-2026-11-16", "done"),)
    priya = person("Priya Patel", log=((ASKED, "asked"),), followups=done)
    row = row_of(priya, date(2026, 11, 20))
    assert row.step is not None and row.step.kind is None
    assert row.step.due == date(2026, 11, 25)


def test_silence_through_day_seven_nudges_once() -> None:
    row = row_of(person("Priya Patel", log=((ASKED, "asked"),)), date(2026, 11, 25))
    assert row.state == "asked"
    assert row.step is not None
    assert (row.step.kind, row.step.item_id) == ("nudge", "nudge-2026-11-16")
    assert row.step.due == date(2026, 11, 25)


def test_nudged_then_seven_more_business_days_goes_quiet() -> None:
    nudged = date(2026, 11, 25)
    priya = person("Priya Patel", log=((ASKED, "asked"), (nudged, "nudged")))
    waiting = row_of(priya, date(2026, 12, 3))  # 6 business days after the nudge
    assert waiting.state == "asked"
    assert waiting.step is not None and waiting.step.kind is None
    quiet = row_of(priya, date(2026, 12, 4))  # day 14 of silence: 7 after the nudge
    assert quiet.state == "quiet"
    assert quiet.step is None
    assert row_of(priya, date(2027, 3, 1)).step is None


def test_a_reply_after_going_quiet_wakes_them() -> None:
    priya = person(
        "Priya Patel",
        log=((ASKED, "asked"), (date(2026, 11, 25), "nudged"), (date(2026, 12, 20), "replied")),
    )
    assert row_of(priya, date(2026, 12, 21)).state == "asked"


def test_the_days_are_settings() -> None:
    quick = Outreach(try_another_after=1, nudge_after=2, quiet_after=1)
    priya = person("Priya Patel", log=((ASKED, "asked"),))
    step = row_of(priya, date(2026, 11, 18), rules=quick).step
    assert step is not None and step.kind == "nudge"


def test_declined_thank_them_and_move_on() -> None:
    priya = person("Priya Patel", log=((ASKED, "asked"), (date(2026, 11, 17), "declined")))
    row = row_of(priya, date(2026, 11, 17), (person("Sam Lee"),))
    assert row.state == "declined"
    assert row.step is not None and row.step.kind == "try-another"
    assert row.step.text == "Thank Priya Patel and move on: ask Sam Lee"
    thanked = person(
        "Priya Patel",
        log=((ASKED, "asked"), (date(2026, 11, 17), "declined"), (date(2026, 11, 18), "thanked")),
    )
    assert row_of(thanked, date(2026, 11, 20)).step is None


def test_scheduled_without_an_agenda_prepare_it_the_day_before() -> None:
    priya = person("Priya Patel", log=((ASKED, "asked"), (date(2026, 11, 17), "scheduled")))
    priya.log[1].on = date(2026, 12, 8)  # the call's day, as `log --on` records it
    row = row_of(priya, date(2026, 11, 18))
    assert row.state == "scheduled"
    assert row.step is not None
    assert (row.step.kind, row.step.due) == ("prepare", date(2026, 12, 7))
    assert row.step.text == "Prepare the agenda for Priya Patel"
    ready = row_of(priya, date(2026, 11, 18), has_agenda=frozenset({"priya-patel"}))
    assert ready.step is not None and ready.step.kind is None


def test_met_without_a_cadence_makes_no_item() -> None:
    jane = person("Jane Doe", log=((ASKED, "met"),))
    row = row_of(jane, date(2027, 6, 1))
    assert row.state == "met"
    assert row.step is not None and row.step.kind is None


def test_in_touch_checks_in_one_cadence_after_the_last_entry() -> None:
    jane = person("Jane Doe", log=((date(2026, 11, 24), "met"),), keep_in_touch="3 months")
    advice: dict[str, tuple[str, ...]] = {"jane-doe": ("Read Lean UX",)}
    row = row_of(jane, date(2026, 12, 1), advice=advice)
    assert row.state == "in-touch"
    assert row.step is not None
    assert (row.step.kind, row.step.due) == ("check-in", date(2027, 2, 24))
    assert row.step.text == "Check in with Jane Doe"
    assert "Read Lean UX" in row.step.detail


def test_a_cadence_is_reset_by_any_contact() -> None:
    jane = person(
        "Jane Doe",
        log=((date(2026, 11, 24), "met"), (date(2027, 1, 10), "thanked")),
        keep_in_touch="3 months",
    )
    step = row_of(jane, date(2027, 1, 11)).step
    assert step is not None and step.due == date(2027, 4, 10)
    assert step.item_id == "check-in-2027-04-10"


def test_a_note_is_not_a_contact() -> None:
    jane = person(
        "Jane Doe",
        log=((date(2026, 11, 24), "met"), (date(2027, 1, 10), "note")),
        keep_in_touch="3 months",
    )
    step = row_of(jane, date(2027, 1, 11)).step
    assert step is not None and step.due == date(2027, 2, 24)


def test_the_log_is_read_by_day_whatever_its_order() -> None:
    priya = person("Priya Patel", log=((date(2026, 11, 18), "replied"), (ASKED, "asked")))
    step = row_of(priya, date(2026, 11, 25)).step
    assert step is not None and step.kind is None


def test_a_call_day_gone_by_asks_how_it_went() -> None:
    priya = person("Priya Patel", log=((date(2026, 12, 8), "scheduled"),))
    step = row_of(priya, date(2026, 12, 9)).step
    assert step is not None and step.kind is None
    assert step.text == "log how it went: coffeechat log priya-patel met"
