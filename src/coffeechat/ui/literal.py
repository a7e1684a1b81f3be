"""Text from a person or a file on screen, exactly as it is: never read as markup.

Textual reads a `str` given to a `Static`, a `Label`, a `Checkbox`, an `Option`, a
border title, a toast or a palette hit as content markup: `[/]` ends a style (a
`MarkupError` when none is open), `[WIP]` vanishes as an unknown style, and
`[@click=app.quit]` is an action. Escaping does not cover it (`rich.markup.escape`
leaves `[WIP]`, and a backslash before a tag cannot be written at all), so text from
outside never goes into a markup string: it is made into `Content` here, its control
characters written out (`core.text.controls`: a raw ESC would reach the terminal), and
joined with coffeechat's own styles. Our own fixed texts may still be markup.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content

from coffeechat.core.text.controls import escape_controls

Part = str | Content | tuple[str, str]
"""A piece of `literal`: text as it is, text with a style ("bold $error"), or Content."""


def literal(*parts: Part) -> Content:
    """The parts one after the other, as `Content.assemble` joins them, every text
    shown as it is (control characters written out) and a Content part kept; a
    styled part with no text adds nothing."""
    pieces: list[Part] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(escape_controls(part))
        elif isinstance(part, tuple):
            if part[0]:
                pieces.append((escape_controls(part[0]), part[1]))
        else:
            pieces.append(part)
    return Content.assemble(*pieces)


def lines(parts: Iterable[Content | str]) -> Content:
    """`parts` one a line (a str part shown as it is)."""
    return Content("\n").join(literal(part) for part in parts)


def escape_markup(text: str) -> str:
    """`text` written as markup that shows exactly it, for the few Textual APIs that
    take only a str and read it as markup (the command palette's help lines)."""
    return escape_controls(text).replace("[", "\\[")
