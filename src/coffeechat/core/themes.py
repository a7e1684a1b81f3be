"""The colour themes coffeechat can use: the built-in ones and the workspace's own.

A theme is one TOML file: a name, Textual's theme colours, and coffeechat's own
variables (the clock's colours in each phase of a call). This module finds the files
and checks them without importing Textual: whether a value is a colour is judged by
the `ValueRules` the caller passes in (the ui implements them with Textual's colour
grammar), so a bad file is reported with its place before Textual ever sees it. A bad
colour accepted by Textual only crashes the app later, while it applies styles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Literal, Protocol

from coffeechat.core.problems import InputError, Problem, did_you_mean
from coffeechat.core.toml.reading import TomlFile, read_toml
from coffeechat.core.toml.validation import Validator

FORMAT = 1
DEFAULT_THEME = "coffee"
"""The theme used when the person chose none, or when the one they chose is broken."""

BUILTIN_FOLDER = Path(__file__).parent.parent / "themes"
"""The themes shipped inside the package (a link to the checkout's `themes/` folder)."""

COLOURS = (
    "primary",
    "secondary",
    "accent",
    "foreground",
    "background",
    "surface",
    "panel",
    "boost",
    "warning",
    "error",
    "success",
)
"""Textual's theme colours, by the names of `textual.theme.Theme`'s fields."""

CLOCK_PHASES = ("calm", "warned", "closing", "overtime")
"""The clock's phases during a call, each with its own colours."""

CLOCK_VARIABLES = tuple(
    name for phase in CLOCK_PHASES for name in (f"clock-{phase}", f"clock-{phase}-background")
)
"""coffeechat's own theme variables, used as `$clock-calm` and so on in `.tcss` files."""

_KEYS = (
    "format",
    "name",
    "description",
    "dark",
    "ansi",
    *COLOURS,
    "luminosity_spread",
    "text_alpha",
    "variables",
)
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_VARIABLES_HELP = "https://textual.textualize.io/guide/design/#theme-variables"

Origin = Literal["built-in", "workspace"]
Judge = Callable[[str], tuple[str, str] | None]


class ValueRules(Protocol):
    """What a theme's values may be; the ui answers with Textual's colour grammar."""

    @property
    def variables(self) -> Collection[str]:
        """The names of Textual's own theme variables, which a theme may also set."""

    def colour_problem(self, value: str) -> tuple[str, str] | None:
        """What is wrong with `value` as one of `COLOURS`, as a message and a hint."""

    def variable_problem(self, name: str, value: str) -> tuple[str, str] | None:
        """What is wrong with `value` for the variable `name`, as a message and a hint."""


@dataclass(frozen=True)
class ThemeDefinition:
    """One usable theme file as plain data, for the ui to turn into a Textual theme."""

    name: str
    path: str
    """The file, as a person would type it."""
    origin: Origin
    description: str = ""
    dark: bool = True
    ansi: bool = False
    colours: Mapping[str, str] = field(default_factory=dict)
    """Textual's theme colours by field name; at least `primary`."""
    variables: Mapping[str, str] = field(default_factory=dict)
    luminosity_spread: float | None = None
    text_alpha: float | None = None

    @property
    def source(self) -> str:
        """Where the theme came from, as `coffeechat themes` shows it."""
        return "built-in" if self.origin == "built-in" else self.path


@dataclass(frozen=True)
class ThemeCatalogue:
    """Every usable theme by name, and what was wrong with the files that are not."""

    themes: Mapping[str, ThemeDefinition]
    problems: tuple[Problem, ...] = ()
    broken: Mapping[str, str] = field(default_factory=dict)
    """Names given by unusable files, with the file: choosing one falls back to the default."""
    replaced: frozenset[str] = frozenset()
    """Built-in themes that a workspace theme of the same name replaces."""

    def known(self, name: str) -> bool:
        """Whether `name` is a theme, usable or broken (so not a typing mistake)."""
        return name in self.themes or name in self.broken

    def names(self) -> list[str]:
        """The usable themes' names, sorted."""
        return sorted(self.themes)


def load_themes(
    workspace_folder: Path,
    rules: ValueRules,
    display: Callable[[Path], str] = str,
    builtin_folder: Path = BUILTIN_FOLDER,
) -> ThemeCatalogue:
    """Read the built-in themes, then the workspace's (which replace same-named ones)."""
    themes: dict[str, ThemeDefinition] = {}
    problems: list[Problem] = []
    broken: dict[str, str] = {}
    replaced: set[str] = set()
    origins: tuple[tuple[Origin, Path], ...] = (
        ("built-in", builtin_folder),
        ("workspace", workspace_folder),
    )
    for origin, folder in origins:
        seen: dict[str, str] = {}
        for path in theme_files(folder):
            shown = f"themes/{path.name}" if origin == "built-in" else display(path)
            try:
                file = read_toml(path, shown, "a theme file")
            except InputError as err:
                problems += err.problems
                # The name cannot be read; the file's own name is the likely one.
                if path.stem not in themes:
                    broken.setdefault(path.stem, shown)
                continue
            checker = _ThemeChecker(file, origin, rules, seen)
            theme = checker.theme()
            problems += checker.problems
            if theme is None:
                name = checker.name or path.stem
                if name not in themes:
                    broken[name] = shown
                continue
            seen[theme.name] = shown
            if theme.name in themes:
                replaced.add(theme.name)
            themes[theme.name] = theme
            broken.pop(theme.name, None)
    return ThemeCatalogue(themes, tuple(problems), broken, frozenset(replaced))


def theme_files(folder: Path) -> list[Path]:
    """The theme files in `folder`, sorted by name (none if it does not exist)."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def unknown_theme(name: str, catalogue: ThemeCatalogue) -> tuple[str, str]:
    """The message and hint for a theme name that names nothing."""
    names = catalogue.names()
    hint = did_you_mean(name, names, "the themes are: " + ", ".join(names))
    return f"no theme called {name!r}", hint + " (coffeechat themes lists them)"


class _ThemeChecker(Validator):
    """Checks one theme file, collecting every problem in it."""

    TOP_LEVEL = _KEYS

    def __init__(
        self, file: TomlFile, origin: Origin, rules: ValueRules, seen: Mapping[str, str]
    ) -> None:
        super().__init__(file)
        self.origin = origin
        self.rules = rules
        self.seen = seen
        self.name = ""
        """The theme's name once read, even if the file has other problems."""

    def theme(self) -> ThemeDefinition | None:
        data = self.file.data
        self.unknown_keys(data, (), _KEYS)
        self.check_format(data)
        self.name = self.theme_name(data)
        colours = self.colours(data)
        variables = self.variables(data)
        dark = self.typed(data, ("dark",), bool, "a boolean", "dark = true or dark = false")
        ansi = self.typed(data, ("ansi",), bool, "a boolean", "ansi = true or ansi = false")
        theme = ThemeDefinition(
            name=self.name,
            path=self.file.path,
            origin=self.origin,
            description=self.string(data, ("description",)) or "",
            dark=True if dark is None else dark,
            ansi=bool(ansi),
            colours=colours,
            variables=variables,
            luminosity_spread=self.fraction(data, "luminosity_spread"),
            text_alpha=self.fraction(data, "text_alpha"),
        )
        if self.has_errors():
            self.problems = self.sorted_problems()
            return None
        return theme

    def check_format(self, data: Mapping[str, Any]) -> None:
        value = data.get("format", FORMAT)
        if value != FORMAT or isinstance(value, bool):
            self.report(
                ("format",),
                f"this file is format {value!r}; this coffeechat reads format {FORMAT}",
                f"set format = {FORMAT}, or update coffeechat",
            )

    def theme_name(self, data: Mapping[str, Any]) -> str:
        example = f'name = "{Path(self.file.path).stem.lower()}"'
        name = self.string(data, ("name",), required=True, example=example)
        if not name:
            return ""
        if not _NAME.match(name):
            self.report(
                ("name",),
                f"{name!r} is not a theme name",
                "use lowercase letters, digits and dashes, e.g. " + example,
            )
            return ""
        if name in self.seen:
            self.report(
                ("name",),
                f"{self.seen[name]} already has the name {name!r}",
                "give each theme file its own name",
            )
            return ""
        return name

    def colours(self, data: Mapping[str, Any]) -> dict[str, str]:
        if "primary" not in data:
            self.report(
                ("primary",), "missing primary", 'the main colour, e.g. primary = "#D39B62"'
            )
        colours = {}
        for key in COLOURS:
            value = self.value(data, (key,), self.rules.colour_problem)
            if value is not None:
                colours[key] = value
        return colours

    def variables(self, data: Mapping[str, Any]) -> dict[str, str]:
        table = data.get("variables", {})
        if not isinstance(table, dict):
            self.wrong_type(("variables",), table, "a table", "write it as a section: [variables]")
            return {}
        allowed = (*CLOCK_VARIABLES, *self.rules.variables)
        variables = {}
        for name in table:
            if name not in allowed:
                listed = (
                    f"coffeechat's are {', '.join(CLOCK_VARIABLES)}; "
                    f"Textual's are listed at {_VARIABLES_HELP}"
                )
                self.report(
                    ("variables", name),
                    f"unknown variable {name!r}",
                    did_you_mean(name, allowed, listed),
                    at_value=False,
                )
                continue
            value = self.value(
                table, ("variables", name), partial(self.rules.variable_problem, name)
            )
            if value is not None:
                variables[name] = value
        return variables

    def value(self, table: Mapping[str, Any], path: tuple[str, ...], judge: Judge) -> str | None:
        """A colour or variable value, if `judge` finds nothing wrong with it."""
        value = self.string(table, path)
        if value is None:
            return None
        wrong = judge(value.strip())
        if wrong is not None:
            self.report(path, *wrong)
            return None
        return value.strip()

    def fraction(self, data: Mapping[str, Any], key: str) -> float | None:
        number = self.number(data, (key,), f"a number from 0 to 1, e.g. {key} = 0.15")
        if number is not None and not 0 <= number <= 1:
            self.report((key,), "must be from 0 to 1", f"e.g. {key} = 0.15")
            return None
        return number
