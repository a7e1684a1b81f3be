"""The command palette: every action of the current screen, and a switch to each theme.

Actions come from the real bindings (`ui.actions`), so a screen added later offers
its own without any change here. Choosing "Theme: <name>" switches the theme live;
the app saves the choice in the workspace settings. A theme's name, description and
file come from a file: shown as they are, never as markup (`ui.literal`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from coffeechat.core.themes import ThemeCatalogue
from coffeechat.ui.actions import screen_actions
from coffeechat.ui.literal import escape_markup, literal

PALETTE_ACTION = "command_palette"
"""Opening the palette from the palette would only open it again: not offered."""


class ScreenCommands(Provider):
    """The actions of the screen the palette was opened on, then the themes."""

    def commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """Each command's title, its help line, and what it does."""
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for action in screen_actions(self.screen):
            if not action.enabled or not action.binding_ids:
                continue
            if action.action.rpartition(".")[2] == PALETTE_ACTION:
                continue
            keys = ", ".join(action.keys)
            help_text = f"{keys} · {action.explanation}" if action.explanation else keys
            commands.append((action.title, help_text, action.run))
        app = self.app
        catalogue = getattr(app, "theme_catalogue", None)
        for name in sorted(app.available_themes):
            about = f"switch to the {name} theme"
            if isinstance(catalogue, ThemeCatalogue) and name in catalogue.themes:
                theme = catalogue.themes[name]
                about = " · ".join(part for part in (theme.description, theme.source) if part)
            if name == app.theme:
                about += " (current)"
            commands.append((f"Theme: {name}", about, partial(_use, app, name)))
        return commands

    async def discover(self) -> Hits:
        """Every command, before anything is typed."""
        for title, help_text, command in self.commands():
            yield DiscoveryHit(literal(title), command, text=title, help=escape_markup(help_text))

    async def search(self, query: str) -> Hits:
        """The commands whose title matches what is typed, best first."""
        matcher = self.matcher(query)
        for title, help_text, command in self.commands():
            score = matcher.match(title)
            if score > 0:
                shown = highlight(matcher, title)
                yield Hit(score, shown, command, text=title, help=escape_markup(help_text))


def highlight(matcher: Matcher, title: str) -> Content:
    """`title` as it is, the letters matching what was typed highlighted.

    `Matcher.highlight` would read the title as markup.
    """
    shown = literal(title)
    text = shown.plain
    for offset in matcher.fuzzy_search.match(matcher.query, text)[1]:
        if not text[offset].isspace():
            shown = shown.stylize(matcher.match_style, offset, offset + 1)
    return shown


def _use(app: App[object], name: str) -> None:
    app.theme = name  # the app watches its theme and saves the choice
