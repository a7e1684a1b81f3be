"""Checking an agenda file: every problem at its `path:line:col`, and advice.

`check_agenda` validates every key of a parsed agenda into the objects of `agenda`
and reports *all* problems at once, each located with the key path and a hint.
Warnings (a window outside 15–30 minutes, budgets that do not fit, repeated
questions, warnings at or past the end, and the guides' review of the questions in
`review`) travel with the agenda; errors raise `InputError` carrying the warnings too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from coffeechat.core.agendas import durations
from coffeechat.core.agendas.agenda import DEFAULT_CLOSING, DEFAULT_OPENING, FORMAT, Agenda
from coffeechat.core.agendas.meeting import CHANNELS, WINDOW_KEYS, Meeting
from coffeechat.core.agendas.questions import PRIORITIES, TOPICS, Question
from coffeechat.core.agendas.review import review
from coffeechat.core.problems import InputError, quoted
from coffeechat.core.queue import dates
from coffeechat.core.toml.schema import table_of
from coffeechat.core.toml.validation import Validator

if TYPE_CHECKING:
    from coffeechat.core.toml.positions import KeyPath
    from coffeechat.core.toml.reading import TomlFile

USUAL_WINDOW = (15 * 60, 30 * 60)
SPELLINGS = {"organisation": "organization"}
"""Keys of [meeting] people write either way, read as the key they stand for (silently)."""

_KEYS: dict[str, tuple[str, ...]] = {
    "": ("format", "meeting", "goals", "prep", "opening", "questions", "closing"),
    "meeting": table_of(Meeting).keys() + WINDOW_KEYS + tuple(SPELLINGS),
    "goals": ("learn",),
    "prep": ("pitch", "research", "reminders"),
    "opening": ("checklist",),
    "questions": table_of(Question).keys(),
    "closing": ("checklist", "followup_after"),
}


def check_agenda(file: TomlFile, default_duration: int, default_warn_at: tuple[int, ...]) -> Agenda:
    """The agenda a parsed file holds (the defaults where it gives no window), with
    its warnings; `InputError` lists every problem found."""
    return _Checker(file).agenda(default_duration, default_warn_at)


class _Checker(Validator):
    """Collects every problem in one agenda file while building the objects."""

    TOP_LEVEL = _KEYS[""]

    def agenda(self, default_duration: int, default_warn_at: tuple[int, ...]) -> Agenda:
        data = self.file.data
        self.unknown_keys(data, (), _KEYS[""])
        self.check_format(data)
        meeting_table = self.section(data, "meeting")
        meeting = self.meeting(meeting_table)
        duration = self.duration(meeting_table, default_duration)
        warn_at = self.warn_at(meeting_table, duration, default_warn_at)
        questions = self.questions(data)
        goals = self.section(data, "goals")
        prep = self.section(data, "prep")
        closing = self.section(data, "closing")
        agenda = Agenda(
            path=self.file.path,
            meeting=meeting or Meeting(person=""),
            questions=questions,
            duration=duration,
            warn_at=warn_at,
            learn=self.strings(goals, ("goals", "learn")),
            pitch=self.string(prep, ("prep", "pitch")) or "",
            research=self.string(prep, ("prep", "research")) or "",
            reminders=self.strings(prep, ("prep", "reminders")),
            opening=self.strings(self.section(data, "opening"), ("opening", "checklist"))
            or DEFAULT_OPENING,
            closing=self.strings(closing, ("closing", "checklist")) or DEFAULT_CLOSING,
            followup_after=self.followup_after(closing),
        )
        self.advise(agenda, meeting_table)
        if self.has_errors() or meeting is None:
            raise self.fail()
        return replace(agenda, warnings=tuple(self.sorted_problems()))

    def section(self, data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        return self.table(data, (name,), _KEYS[name])

    def spelled(self, table: Mapping[str, Any], path: KeyPath, key: str) -> str:
        """The name `key` has in `table`: itself, or its other spelling (`SPELLINGS`)
        when only that is there (so problems point at what is written). Both at once
        is reported: which one is meant?"""
        others = [other for other, meant in SPELLINGS.items() if meant == key and other in table]
        if not others:
            return key
        if key in table:
            self.report(
                path + (others[0],),
                f"{others[0]} and {key} are both set",
                f"keep only {key}",
                at_value=False,
            )
            return key
        return others[0]

    # --- sections ---------------------------------------------------------------

    def check_format(self, data: Mapping[str, Any]) -> None:
        value = data.get("format", FORMAT)
        if isinstance(value, bool) or not isinstance(value, int):
            self.wrong_type(("format",), value, "an integer", f"format = {FORMAT}")
        elif value != FORMAT:
            self.report(
                ("format",),
                f"this file is format {value}; this coffeechat reads format {FORMAT}",
                f"set format = {FORMAT}, or update coffeechat",
            )

    def meeting(self, table: Mapping[str, Any]) -> Meeting | None:
        path: KeyPath = ("meeting",)
        if "meeting" not in self.file.data:
            self.report(
                path,
                "missing the [meeting] section",
                'add [meeting] with at least with = "Their Name"',
            )
            return None
        person = self.string(
            table, path + ("with",), required=True, example='name the person: with = "Jane Doe"'
        )
        channel = self.choice(table, path + ("channel",), CHANNELS, "")
        scheduled = self.moment(table, path + ("scheduled",))
        organization = self.spelled(table, path, "organization")
        if person is None:
            return None
        return Meeting(
            person=person.strip(),
            role=self.string(table, path + ("role",)) or "",
            organization=self.string(table, path + (organization,)) or "",
            referred_by=self.string(table, path + ("referred_by",)) or "",
            contact=self.string(table, path + ("contact",)) or "",
            channel=channel,
            scheduled=scheduled,
            person_id=self.string(table, path + ("person",)) or "",
        )

    def duration(self, table: Mapping[str, Any], default: int) -> int:
        if "duration" not in table:
            return default
        seconds = self.length(("meeting", "duration"), table["duration"])
        return default if seconds is None else seconds

    def warn_at(
        self, table: Mapping[str, Any], duration: int, default: tuple[int, ...]
    ) -> tuple[int, ...]:
        path: KeyPath = ("meeting", "warn_at")
        if "warn_at" not in table:
            return tuple(w for w in default if w < duration)
        items = table["warn_at"]
        if not isinstance(items, list):
            self.wrong_type(path, items, "an array", 'for example warn_at = ["5m", "2m"]')
            return ()
        kept: set[int] = set()
        for index, item in enumerate(items):
            seconds = self.length(path + (index,), item)
            if seconds is None:
                continue
            if seconds >= duration:
                self.warn(
                    path + (index,),
                    f"a warning at {durations.format_duration(seconds)} left is at or past "
                    f"the {durations.format_duration(duration)} window; it is dropped",
                    'warn_at is the time left when you want a signal, e.g. "5m"',
                )
                continue
            kept.add(seconds)
        return tuple(sorted(kept, reverse=True))

    def questions(self, data: Mapping[str, Any]) -> tuple[Question, ...]:
        items = data.get("questions")
        example = '[[questions]]\n        text = "What does a typical week look like for you?"'
        if items is None:
            self.report((), "an agenda needs at least one question", f"add:\n        {example}")
            return ()
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.wrong_type(
                ("questions",), items, "an array of tables", f"write:\n        {example}"
            )
            return ()
        if not items:
            self.report(("questions",), "an agenda needs at least one question", example)
        return tuple(q for i, item in enumerate(items) if (q := self.question(item, i)))

    def question(self, table: Mapping[str, Any], index: int) -> Question | None:
        path: KeyPath = ("questions", index)
        self.unknown_keys(table, path, _KEYS["questions"])
        text = self.string(table, path + ("text",), required=True)
        topic = self.choice(table, path + ("topic",), TOPICS, "other")
        priority = self.choice(table, path + ("priority",), PRIORITIES, "should")
        minutes = self.minutes(table, path + ("minutes",))
        if text is None:
            return None
        return Question(" ".join(text.split()), topic, priority, minutes)

    def minutes(self, table: Mapping[str, Any], path: KeyPath) -> float | None:
        value = self.number(table, path, "for example minutes = 3")
        if value is None:
            return None
        if not 0 < value <= 120:
            self.report(path, f"{value:g} minutes is not a usable budget", "use 1 to 10 minutes")
            return None
        return value

    def followup_after(self, table: Mapping[str, Any]) -> str | None:
        path: KeyPath = ("closing", "followup_after")
        phrase = self.string(table, path)
        if phrase is None:
            return None
        try:
            dates.parse_date(phrase, date(2000, 1, 1))
        except InputError:
            self.report(
                path,
                f"{quoted(phrase)} is not a date coffeechat understands",
                f"try one of: {dates.EXAMPLES}",
            )
            return None
        return phrase

    # --- advice -----------------------------------------------------------------

    def advise(self, agenda: Agenda, meeting: Mapping[str, Any]) -> None:
        low, high = USUAL_WINDOW
        if "duration" in meeting and not low <= agenda.duration <= high:
            self.warn(
                ("meeting", "duration"),
                f"a {durations.format_duration(agenda.duration)} window is outside the "
                "usual 15–30 minutes",
                "ask for 20 minutes; offer to stop on time",
            )
        must = sum(q.budget_seconds or 0 for q in agenda.questions if q.priority == "must")
        if must > agenda.duration:
            self.warn(
                ("questions",),
                f"must-ask budgets add up to {durations.format_duration(must)}, more than "
                f"the {durations.format_duration(agenda.duration)} window",
                'shorten budgets, or move some to priority = "should"',
            )
        self.repeated_questions()
        if not self.has_errors():  # the questions are then all read, as the file counts them
            for finding in review(agenda):
                self.warn(finding.path, finding.message, finding.hint)

    def repeated_questions(self) -> None:
        items = self.file.data.get("questions")
        if not isinstance(items, list):
            return
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            text = item.get("text") if isinstance(item, dict) else None
            if not isinstance(text, str) or not text.strip():
                continue
            norm = re.sub(r"[\W_]+", " ", text.casefold()).strip()
            if norm in seen:
                first = self.file.where.value(("questions", seen[norm], "text"))
                self.warn(
                    ("questions", index, "text"),
                    f"this question repeats question {seen[norm] + 1} (line {first.line})",
                    "delete one of them",
                )
            else:
                seen[norm] = index
