"""What a theme value may be, judged with Textual's own colour grammar.

`coffeechat themes` uses this too, so it imports only `textual.color`, `textual.design`
and `textual.css.constants`, never the app machinery. A variable's value must be of
the same kind as Textual's (or coffeechat's) default for it: a colour (optionally
`"<colour> 50%"`; `auto` only where the default is `auto`), or text styles such as
`"bold"`, because a value of the wrong kind only fails once the CSS is applied.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from textual.color import Color, ColorParseError
from textual.css.constants import VALID_STYLE_FLAGS
from textual.design import ColorSystem

_WITH_ALPHA = re.compile(r"^(?P<colour>.+?)(?:\s+(?P<alpha>\d+(?:\.\d+)?%))?$")
_COLOUR_HINT = 'e.g. "#D39B62", "rgb(211, 155, 98)", "hsl(30, 55%, 60%)" or "ansi_bright_red"'


def clock_defaults(colours: Mapping[str, str]) -> dict[str, str]:
    """coffeechat's clock variables for a theme that leaves them out, from its colours."""
    return {
        "clock-calm": colours["success"],
        "clock-calm-background": "transparent",
        "clock-warned": colours["warning"],
        "clock-warned-background": "transparent",
        "clock-closing": colours["error"],
        "clock-closing-background": "transparent",
        "clock-overtime": "auto 90%",
        "clock-overtime-background": colours["error"],
    }


class TextualValues:
    """`core.themes.ValueRules` answered by Textual: which variables, which values."""

    def __init__(self) -> None:
        # Textual's generated variables name every variable a theme may set; their
        # values, in a plain and an ANSI theme, show which kind each one takes.
        plain = ColorSystem(primary="#000000", dark=True).generate()
        ansi = ColorSystem(primary="ansi_blue", ansi=True).generate()
        self.examples = {**ansi, **plain, **clock_defaults(plain)}
        self._variables = frozenset(plain) | frozenset(ansi)

    @property
    def variables(self) -> frozenset[str]:
        """The names of Textual's own theme variables."""
        return self._variables

    def colour_problem(self, value: str) -> tuple[str, str] | None:
        """What is wrong with `value` as one of a theme's main colours (no alpha here)."""
        return colour_problem(value)

    def variable_problem(self, name: str, value: str) -> tuple[str, str] | None:
        """What is wrong with `value` for the variable `name`, judged by its default."""
        example = self.examples.get(name, "#000000")
        if _is_styles(example):
            return styles_problem(value, example)
        return self.variable_colour_problem(value, example)

    def variable_colour_problem(self, value: str, example: str) -> tuple[str, str] | None:
        """A colour as a variable holds it: alpha allowed, `auto` only where Textual uses it."""
        match = _WITH_ALPHA.match(value)
        colour = match.group("colour") if match else value
        if colour == "auto" and example.startswith("auto"):
            return None
        if colour == "initial" and example == "initial":
            return None
        wrong = colour_problem(colour)
        if wrong is not None:
            return f"{value!r} is not a colour", wrong[1]
        return None


def colour_problem(value: str) -> tuple[str, str] | None:
    """What is wrong with `value` as a colour, with a suggestion where there is one."""
    try:
        Color.parse(value)
    except ColorParseError as err:
        hint = f"did you mean {err.suggested_color!r}?" if err.suggested_color else _COLOUR_HINT
        return f"{value!r} is not a colour", hint
    return None


def styles_problem(value: str, example: str) -> tuple[str, str] | None:
    """What is wrong with `value` as text styles such as `"bold underline"`."""
    unknown = [word for word in value.split() if word not in VALID_STYLE_FLAGS]
    if value.split() and not unknown:
        return None
    return (
        f"{value!r} is not a text style",
        f"text styles are words such as {example!r}: " + ", ".join(sorted(VALID_STYLE_FLAGS)),
    )


def _is_styles(example: str) -> bool:
    return all(word in VALID_STYLE_FLAGS for word in example.split())
