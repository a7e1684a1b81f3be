"""Checking the keys and values of a parsed TOML file, collecting located problems.

Agendas, sessions and settings are validated the same way: every problem is kept
(not just the first), placed at `line:col` of the key or value, named by its key
path, worded in TOML's terms ("expected a string, got an integer") and given a hint.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import MISSING
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from coffeechat.core.agendas import durations
from coffeechat.core.problems import InputError, Problem, Severity, did_you_mean, quoted
from coffeechat.core.queue import dates

if TYPE_CHECKING:
    from coffeechat.core.toml.positions import KeyPath
    from coffeechat.core.toml.reading import TomlFile
    from coffeechat.core.toml.schema import Field, Kind, Table

T = TypeVar("T")
Word = TypeVar("Word", bound=str)
D = TypeVar("D", bound=date)

LARGEST = 10**9
"""No count of seconds or minutes in a coffeechat file comes near this (31 years)."""

_PLACEHOLDERS: dict[Kind, Any] = {
    "text": "",
    "integer": 0,
    "flag": False,
    "moment": datetime.min,
    "day": date.min,
    "integers": (),
}
"""What a field that must be given holds while its file is read without it (the file
is refused: no one sees these)."""

_TYPE_NAMES: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a float"),
    (str, "a string"),
    (list, "an array"),
    (dict, "a table"),
)


def toml_type(value: object) -> str:
    """The TOML name of a parsed value's type, as in `expected a string, got ...`."""
    if isinstance(value, datetime):
        return "a local date-time" if value.tzinfo is None else "an offset date-time"
    if isinstance(value, date):
        return "a local date"
    for kind, name in _TYPE_NAMES:
        if isinstance(value, kind):
            return name
    return "a local time"


def key_name(path: KeyPath) -> str:
    """A key path as a person reads it: `questions[3].priority` (counting from 1)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


class Validator:
    """Reads typed values out of one file's tables, remembering every problem."""

    TOP_LEVEL: tuple[str, ...] = ()
    """Keys of the top level, to explain one that landed in a section by mistake."""

    def __init__(self, file: TomlFile) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def report(
        self,
        path: KeyPath,
        message: str,
        hint: str = "",
        severity: Severity = "error",
        at_value: bool = True,
    ) -> None:
        """Remember a problem placed at the value (or the key) at `path`."""
        where = self.file.where
        spot = where.value(path) if at_value else where.key(path)
        self.problems.append(
            Problem(self.file.path, spot.line, spot.col, message, hint, key_name(path), severity)
        )

    def warn(self, path: KeyPath, message: str, hint: str) -> None:
        """Remember a warning: worth a look, but the file is usable."""
        self.report(path, message, hint, severity="warning")

    def has_errors(self) -> bool:
        """Whether any problem so far is an error."""
        return any(p.severity == "error" for p in self.problems)

    def sorted_problems(self) -> list[Problem]:
        """Every problem in the order they appear in the file."""
        return sorted(self.problems, key=lambda p: (p.line, p.col))

    def fail(self) -> InputError:
        """The error to raise, carrying every problem found."""
        return InputError(self.sorted_problems())

    def unknown_keys(
        self, table: Mapping[str, Any], path: KeyPath, allowed: tuple[str, ...]
    ) -> None:
        """Report each key of `table` that is not `allowed`, suggesting the closest."""
        for name in table:
            if name in allowed:
                continue
            where = f"in [{key_name(path)}]" if path else "at the top level"
            hint = did_you_mean(name, allowed)
            if path and name in self.TOP_LEVEL:
                # TOML puts every key after [section] into that section.
                hint = f"{quoted(name)} belongs at the top level: move it above the first [section]"
            self.report(path + (name,), f"unknown key {quoted(name)} {where}", hint, at_value=False)

    def table(
        self, data: Mapping[str, Any], path: KeyPath, allowed: tuple[str, ...]
    ) -> Mapping[str, Any]:
        """The sub-table at `path` (empty if absent or not a table), keys checked."""
        value = data.get(str(path[-1]), {})
        if not isinstance(value, dict):
            self.wrong_type(path, value, "a table", f"write it as a section: [{key_name(path)}]")
            return {}
        self.unknown_keys(value, path, allowed)
        return value

    def wrong_type(self, path: KeyPath, value: object, expected: str, hint: str = "") -> None:
        """Report a value of the wrong type in TOML's words."""
        self.report(path, f"expected {expected}, got {toml_type(value)}", hint)

    def typed(
        self, table: Mapping[str, Any], path: KeyPath, kind: type[T], expected: str, hint: str
    ) -> T | None:
        """The value at `path` if it is a `kind` (booleans are never numbers)."""
        value = table.get(str(path[-1]))
        if value is None:
            return None
        if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
            self.wrong_type(path, value, expected, hint)
            return None
        return value

    def string(
        self, table: Mapping[str, Any], path: KeyPath, required: bool = False, example: str = ""
    ) -> str | None:
        """A text value; when `required`, missing or blank is reported."""
        text = self.typed(table, path, str, "a string", 'put the text in quotes: "..."')
        example = example or f'{path[-1]} = "..."'
        if required and str(path[-1]) not in table:
            self.report(path, f"missing {key_name(path)}", example)
        elif required and text is not None and not text.strip():
            self.report(path, f"{key_name(path)} must not be empty", example)
            return None
        return text

    def strings(self, table: Mapping[str, Any], path: KeyPath) -> tuple[str, ...]:
        """A list of texts (empty if absent); each wrong item is reported."""
        hint = 'a list of texts: ["first", "second"]'
        items = self.typed(table, path, list, "an array of strings", hint)
        if items is None:
            return ()
        good = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                good.append(item)
            else:
                self.wrong_type(path + (index,), item, "a string", hint)
        return tuple(good)

    def choice(
        self, table: Mapping[str, Any], path: KeyPath, allowed: tuple[Word, ...], default: Word
    ) -> Word:
        """One of `allowed` (or `default` if absent); anything else is reported."""
        value = self.string(table, path)
        if value is None:
            return default
        for word in allowed:
            if value == word:
                return word
        self.report(path, f"{quoted(value)} is not a {path[-1]}", did_you_mean(value, allowed))
        return default

    def length(self, path: KeyPath, value: object) -> int | None:
        """Seconds in a length of time (`"20m"` or whole minutes), or None if bad."""
        hint = f"good lengths: {durations.EXAMPLES}"
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            self.wrong_type(path, value, 'a length such as "20m" or whole minutes', hint)
            return None
        try:
            return durations.parse_duration(value)
        except durations.DurationError as err:
            self.report(path, str(err), hint)
            return None

    def integer(
        self, table: Mapping[str, Any], path: KeyPath, minimum: int = 0, maximum: int = LARGEST
    ) -> int | None:
        """A whole number from `minimum` to `maximum`."""
        number = self.typed(table, path, int, "an integer", "a whole number, e.g. 0")
        if number is not None and number < minimum:
            self.report(path, f"must be at least {minimum}", "")
            return None
        if number is not None and number > maximum:
            self.report(path, f"must be at most {maximum}", "is this number a typo?")
            return None
        return number

    def number(self, table: Mapping[str, Any], path: KeyPath, hint: str) -> float | None:
        """An integer or a float, as a float."""
        value = table.get(str(path[-1]))
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.wrong_type(path, value, "a number", hint)
            return None
        if isinstance(value, float) and math.isnan(value):
            # TOML allows nan; every sum and comparison with it goes wrong.
            self.report(path, "expected a number, got nan", hint)
            return None
        if abs(value) > LARGEST:
            self.report(path, "this number is too large", hint)
            return None
        return float(value)

    def moment(self, table: Mapping[str, Any], path: KeyPath) -> datetime | None:
        """A date-time (offset or local)."""
        value = table.get(str(path[-1]))
        if value is None:
            return None
        if not isinstance(value, datetime):
            self.wrong_type(
                path,
                value,
                "a date-time",
                "write it without quotes, e.g. 2026-11-24T15:00:00-05:00",
            )
            return None
        return self.in_years(value, path, "2026-11-24T15:00:00-05:00")

    def day(self, table: Mapping[str, Any], path: KeyPath, hint: str = "") -> date | None:
        """A date, or a date-time (offset or local)."""
        value = table.get(str(path[-1]))
        if isinstance(value, datetime):
            return self.moment(table, path)
        if value is None:
            return None
        example = hint or "write it without quotes, e.g. 2026-11-24 or 2026-11-24T15:00:00-05:00"
        if not isinstance(value, date):
            self.wrong_type(path, value, "a date or a date-time", example)
            return None
        return self.in_years(value, path, "2026-11-24")

    def in_years(self, value: D, path: KeyPath, example: str) -> D | None:
        """`value`, if its year is one coffeechat keeps (else reported, with `example`)."""
        if dates.in_range(value):
            return value
        self.report(
            path,
            f"the year {value.year} is outside the years coffeechat keeps "
            f"({dates.YEARS[0]} to {dates.YEARS[1]})",
            f"is the year mistyped? e.g. {example}",
        )
        return None

    # --- a table declared in a `schema` -----------------------------------------------

    def record(
        self,
        table: Table,
        data: Mapping[str, Any],
        path: KeyPath = (),
        also: tuple[str, ...] = (),
        **given: Any,
    ) -> Any:
        """The object `table` describes, read from `data` (the table at `path`); every
        problem is reported. `also`: keys allowed but not read; `given`: the values of
        the fields that are not in the file."""
        self.unknown_keys(data, path, table.keys() + also)
        sections = {
            name: self.table(data, path + (name,), table.keys(name)) for name in table.sections
        }
        values = dict(given)
        for item in table.in_file:
            source = sections[item.section] if item.section else data
            where = path + ((item.section,) if item.section else ()) + (item.key,)
            values[item.attr] = self.field_value(item, source, where)
        return table.cls(**values)

    def field_value(self, item: Field, table: Mapping[str, Any], path: KeyPath) -> Any:
        """The value of one field of `table` (its default when the key is left out)."""
        if item.table is not None:
            if item.kind == "tables":
                return self.records(item.table, table, path)
            value = table.get(item.key, {})
            if not isinstance(value, dict):
                self.wrong_type(
                    path, value, "a table", f"write it as a section: [{key_name(path)}]"
                )
                value = {}
            return self.record(item.table, value, path, item.rules.also)
        default: Any = item.default if item.default is not MISSING else _PLACEHOLDERS.get(item.kind)
        if item.kind == "choice":
            if item.required and item.key not in table:
                self.report(path, f"missing {key_name(path)}", item.rules.hint)
            return self.choice(table, path, item.choices, default)
        if item.kind == "text":
            text = self.string(table, path, required=item.required)
            return default if text is None else text
        found = self.scalar(item, table, path)
        if found is None and item.required and item.key not in table:
            self.report(path, f"missing {key_name(path)}", item.rules.hint)
        return default if found is None else found

    def scalar(self, item: Field, table: Mapping[str, Any], path: KeyPath) -> Any:
        """A number, flag, date-time or array of numbers; None if absent or wrong."""
        if item.kind == "integer":
            return self.integer(table, path, minimum=item.rules.minimum)
        if item.kind == "number":
            return self.number(table, path, item.rules.hint or "a number, e.g. 3")
        if item.kind == "flag":
            return self.typed(table, path, bool, "a boolean", "true or false")
        if item.kind == "moment":
            return self.moment(table, path)
        if item.kind == "day":
            return self.day(table, path, item.rules.hint)
        if item.kind == "texts":
            return self.strings(table, path) if item.key in table else None
        return self.integers(table, path, item.rules.hint or "e.g. [300, 120]")

    def integers(
        self, table: Mapping[str, Any], path: KeyPath, hint: str
    ) -> tuple[int, ...] | None:
        """An array of whole numbers."""
        items = self.typed(table, path, list, "an array of integers", hint)
        if items is None:
            return None
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in items):
            self.report(path, "expected an array of integers", hint)
            return None
        return tuple(items)

    def records(self, table: Table, data: Mapping[str, Any], path: KeyPath) -> list[Any]:
        """The objects of an array of tables (`[[name]]`), each in its own place."""
        items = data.get(str(path[-1]), [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            self.wrong_type(path, items, "an array of tables", f"[[{key_name(path)}]] sections")
            return []
        found = [self.record(table, item, path + (index,)) for index, item in enumerate(items)]
        for item in table.in_file:
            if item.rules.unique:
                self.unique(found, item, path)
        return found

    def unique(self, found: list[Any], item: Field, path: KeyPath) -> None:
        """Report each table whose `item` an earlier one has (an address would name two)."""
        first: dict[Any, int] = {}
        for index, record in enumerate(found):
            value = getattr(record, item.attr)
            if value in first:
                line = self.file.where.value(path + (first[value], item.key)).line
                self.report(
                    path + (index, item.key),
                    f"the {item.rules.unique} {item.key} {quoted(str(value))} is already used "
                    f"at line {line}",
                    f"give each [[{key_name(path)}]] table its own {item.key}",
                )
            elif value:
                first[value] = index
