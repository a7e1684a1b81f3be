"""A file format declared once, as dataclasses: what each field is in the TOML file.

A format is a dataclass (the document) whose fields are values, tables (a field
holding another dataclass) and arrays of tables (a `list` of one). Each field's kind
in the file follows from its type:

    str                 a string            bool              true or false
    Literal["a", "b"]   one of those words  datetime          a date-time
    int                 a whole number      tuple[int, ...]   an array of whole numbers
    float               a number            tuple[str, ...]   an array of strings
    date                a date, or a date-time                X | None          X, or left out

and a key left out reads as the field's default. What a type cannot say (another key
than the attribute's name, a key that must be there, a hint...) is given with
`key(...)`. The writer (`writing.document`), the reader and validator
(`Validator.record`), the fast reader of the app's own layout (`sessions.skim`) and
the summaries' cache are all derived from the `Table` made here, so a
format is written down in one place, and a new one is a definition, not new code.
"""

from __future__ import annotations

import typing
from dataclasses import MISSING, field, fields, is_dataclass
from datetime import date, datetime
from types import NoneType, UnionType
from typing import Any, Literal

Kind = Literal[
    "text",
    "choice",
    "integer",
    "number",
    "flag",
    "moment",
    "day",
    "integers",
    "texts",
    "table",
    "tables",
]
"""What a field is in the file (see the module's table)."""
VALUES: tuple[Kind, ...] = (
    "text",
    "choice",
    "integer",
    "number",
    "flag",
    "moment",
    "day",
    "integers",
    "texts",
)
"""The kinds written as `key = value` (the others are tables)."""


class Record:
    """The base of a format's dataclasses, declared `@dataclass(eq=False, repr=False)`:
    their equality, `repr` and (`FrozenRecord`) hash come from their fields, as the
    dataclass would generate them, but are shared: a dataclass compiles its methods
    when its module is imported, a tenth of `followups --json` for the classes a
    script command loads (bench/README.md, *History*)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]  # mutable: like a dataclass with eq

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return _compared(self) == _compared(other)

    def __repr__(self) -> str:
        shown = (f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)  # type: ignore[arg-type]
        return f"{self.__class__.__qualname__}({', '.join(shown)})"


class FrozenRecord(Record):
    """A `Record` declared `frozen=True`: hashed by its fields, as a dataclass would be."""

    __slots__ = ()

    def __hash__(self) -> int:  # type: ignore[override]  # Record's is None
        return hash(_compared(self))


def _compared(record: object) -> tuple[Any, ...]:
    return tuple(getattr(record, f.name) for f in fields(record) if f.compare)  # type: ignore[arg-type]


class Rules:
    """What a field's type cannot say about its key in the file (given with `key`).

    `name`: the key, when it is not the attribute's name; `section.key` puts it in a
    table of its own that only groups some of the document's fields (`notes.general`).
    `required`: the key must be there (a string, also not blank). `hint`: how to write
    a good value. `minimum`: the least whole number. `omit_false`: `false` is not
    written (the key is left out). `in_file`: False for what is not in the file (the
    session's id, its file name). `unique`: in an array of tables, no two may share
    this key's value; the text names one of them in the problem ("follow-up").
    `also`: for a table, keys it may hold that are not read (they belong elsewhere).
    `absent`: what a file without the key reads as, for a field with no default.
    """

    name: str = ""
    required: bool = False
    hint: str = ""
    minimum: int = 0
    omit_false: bool = False
    in_file: bool = True
    unique: str = ""
    also: tuple[str, ...] = ()
    absent: Any = MISSING

    def __init__(self, **given: Any) -> None:
        """Rules that differ from the defaults above (a plain class: a named tuple
        costs a start-up a few tenths of a millisecond to define)."""
        for rule, value in given.items():
            if rule not in Rules.__annotations__:
                raise TypeError(f"key() has no rule {rule!r}")
            setattr(self, rule, value)


def key(default: Any = MISSING, *, factory: Any = MISSING, **rules: Any) -> Any:
    """A dataclass field with its `Rules` in the file (a rule it does not know is a
    `TypeError` when the format's module is imported)."""
    return field(default=default, default_factory=factory, metadata={"toml": Rules(**rules)})


class Field:
    """One field of a table, as the file holds it."""

    __slots__ = (
        "attr",
        "choices",
        "default",
        "key",
        "kind",
        "optional",
        "rules",
        "section",
        "table",
    )

    def __init__(
        self,
        attr: str,
        key: str,
        section: str,
        kind: Kind,
        optional: bool,
        choices: tuple[str, ...],
        default: Any,
        rules: Rules,
        table: Table | None,
    ) -> None:
        self.attr = attr
        self.key = key
        self.section = section
        """The table that groups it within its own (`notes` for `notes.general`), or ""."""
        self.kind = kind
        self.optional = optional
        """None is one of its values (written by leaving the key out)."""
        self.choices = choices
        self.default = default
        """Its value when the key is left out; `MISSING` if it has none (then a file
        without the key is refused if the field is `required`, and reads as the kind's
        empty value if not)."""
        self.rules = rules
        self.table = table
        """For a table or an array of tables: what each holds."""

    @property
    def required(self) -> bool:
        """Whether the file must give it."""
        return self.rules.required


class Table:
    """A table of a format: its dataclass and its fields, in the order they are written."""

    __slots__ = ("cls", "fields", "in_file", "sections")

    def __init__(self, cls: type[Any], fields: tuple[Field, ...]) -> None:
        self.cls = cls
        self.fields = fields
        self.in_file = tuple(f for f in fields if f.rules.in_file)
        """The fields the file holds."""
        self.sections = tuple(dict.fromkeys(f.section for f in self.in_file if f.section))
        """The tables that group some of its fields (`notes`), in order."""

    def keys(self, section: str = "") -> tuple[str, ...]:
        """The keys it may hold (or the table `section` within it may hold)."""
        if section:
            return tuple(f.key for f in self.in_file if f.section == section)
        return tuple(f.key for f in self.in_file if not f.section) + self.sections

    def values(self, section: str = "") -> tuple[Field, ...]:
        """Its `key = value` fields (in `section`, or its own)."""
        return tuple(f for f in self.in_file if f.section == section and f.kind in VALUES)

    def field(self, attr: str) -> Field:
        """The field of this attribute."""
        return next(f for f in self.fields if f.attr == attr)


_TABLES: dict[type[Any], Table] = {}


def table_of(cls: type[Any]) -> Table:
    """The table the dataclass `cls` describes (made once per class)."""
    if cls not in _TABLES:
        _TABLES[cls] = _table(cls)
    return _TABLES[cls]


def _table(cls: type[Any]) -> Table:
    hints = typing.get_type_hints(cls)
    found = []
    for item in fields(cls):
        rules: Rules = item.metadata.get("toml") or Rules()
        section, _dot, name = (rules.name or item.name).rpartition(".")
        kind, optional, choices, inner = _kind(hints[item.name], f"{cls.__name__}.{item.name}")
        if item.default is not MISSING:
            default: Any = item.default
        elif item.default_factory is not MISSING:
            default = item.default_factory()
        else:
            default = rules.absent
        found.append(
            Field(item.name, name, section, kind, optional, choices, default, rules, inner)
        )
    return Table(cls, tuple(found))


def _kind(hint: Any, where: str) -> tuple[Kind, bool, tuple[str, ...], Table | None]:
    """A type's kind, whether it may be None, its words (a `Literal`) and its table."""
    optional = False
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        rest = [arg for arg in typing.get_args(hint) if arg is not NoneType]
        if len(rest) != 1:
            raise TypeError(f"{where}: a union other than X | None has no TOML kind")
        hint, optional = rest[0], True
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal and all(isinstance(word, str) for word in args):
        return "choice", optional, args, None
    if origin is list and is_dataclass(args[0]) and isinstance(args[0], type):
        return "tables", optional, (), table_of(args[0])
    if origin is tuple and args == (int, ...):
        return "integers", optional, (), None
    if origin is tuple and args == (str, ...):
        return "texts", optional, (), None
    if is_dataclass(hint) and isinstance(hint, type):
        return "table", optional, (), table_of(hint)
    simple: dict[Any, Kind] = {
        str: "text",
        bool: "flag",
        int: "integer",
        float: "number",
        datetime: "moment",
        date: "day",
    }
    if hint in simple:
        return simple[hint], optional, (), None
    raise TypeError(f"{where}: {hint!r} has no TOML kind")
