"""coffeechat's themes inside the app: built, checked, registered, chosen and saved.

The themes are exactly those `coffeechat themes` lists (Textual's own are taken out),
so a theme chosen in the app can always be found again by the next start.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from textual.app import App
from textual.color import ColorParseError
from textual.theme import Theme

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError, Problem
from coffeechat.core.settings import Settings, save_theme
from coffeechat.core.themes import (
    DEFAULT_THEME,
    ThemeCatalogue,
    ThemeDefinition,
    load_themes,
    unknown_theme,
)
from coffeechat.ui.colours import TextualValues, clock_defaults

REPORT_TITLE = "Some theme files cannot be used"
LAST_RESORT = "textual-dark"
"""Textual's default, used only if coffeechat's default theme is missing from the package."""


@dataclass(frozen=True)
class ThemeChoice:
    """The theme to start with, and what to tell the person about broken theme files."""

    name: str
    report: str = ""
    """Every problem in the theme files, for one toast titled `REPORT_TITLE`."""


def load(workspace: Workspace) -> ThemeCatalogue:
    """The built-in and workspace themes, each one checked by Textual before it is used.

    The built-in themes are checked by the tests (each is generated and painted), so
    only the workspace's own are generated here, at every start.
    """
    catalogue = load_themes(workspace.themes, TextualValues(), workspace.display)
    usable = {}
    problems = list(catalogue.problems)
    broken = dict(catalogue.broken)
    for name, definition in catalogue.themes.items():
        if definition.origin == "built-in":
            usable[name] = definition
            continue
        try:
            textual_theme(definition).to_color_system().generate()
        except (ColorParseError, ValueError) as err:
            problems.append(Problem(definition.path, 1, 1, f"the theme cannot be used: {err}"))
            broken[name] = definition.path
            continue
        usable[name] = definition
    return replace(catalogue, themes=usable, problems=tuple(problems), broken=broken)


def textual_theme(definition: ThemeDefinition) -> Theme:
    """The Textual theme for a checked theme file."""
    fields: dict[str, Any] = dict(definition.colours)
    if definition.luminosity_spread is not None:
        fields["luminosity_spread"] = definition.luminosity_spread
    if definition.text_alpha is not None:
        fields["text_alpha"] = definition.text_alpha
    return Theme(
        name=definition.name,
        dark=definition.dark,
        ansi=definition.ansi,
        variables=dict(definition.variables),
        **fields,
    )


def choose(
    catalogue: ThemeCatalogue,
    settings: Settings,
    explicit: str | None,
) -> ThemeChoice:
    """The theme to start with: `--theme`, else the settings', else the default.

    A name that is no theme at all is an `InputError` (a typing mistake to fix); a
    theme whose file is broken falls back to the default, and the report says why.
    """
    if explicit is not None and not catalogue.known(explicit):
        message, hint = unknown_theme(explicit, catalogue)
        raise InputError.at("--theme", message, hint, line=0, col=0)
    wanted = explicit or settings.theme or DEFAULT_THEME
    name = wanted
    if wanted not in catalogue.themes:
        name = DEFAULT_THEME if DEFAULT_THEME in catalogue.themes else LAST_RESORT
    report = ""
    if catalogue.problems:
        lines = [problem.render() for problem in catalogue.problems]
        if name != wanted:
            lines.append(f"Using the {name} theme instead of {wanted}.")
        report = "\n".join(lines)
    return ThemeChoice(name, report)


def install(app: App[Any], catalogue: ThemeCatalogue, name: str) -> None:
    """Register coffeechat's themes with `app`, start with `name`, and drop Textual's own."""
    for definition in catalogue.themes.values():
        app.register_theme(textual_theme(definition))
    app.theme = name
    for other in list(app.available_themes):
        if other not in catalogue.themes and other != name:
            app.unregister_theme(other)


def variable_defaults(theme: Theme) -> dict[str, str]:
    """Variables for `theme` where its file leaves them out: coffeechat's clock colours,
    and for an ANSI theme those Textual's ANSI generator lacks but its CSS uses
    (`$ansi-background` and others: without them the app fails while applying styles).
    """
    colours = theme.to_color_system().generate()
    defaults = clock_defaults(colours)
    if not theme.ansi:
        return defaults
    plain = replace(theme, ansi=False).to_color_system().generate()
    gaps = {name: value for name, value in plain.items() if name not in colours}
    gaps["ansi-background"] = theme.background or "ansi_default"
    gaps["ansi-foreground"] = theme.foreground or "ansi_default"
    return {**gaps, **defaults}


def save_choice(workspace: Workspace, name: str) -> str:
    """Write the theme chosen in the app to the workspace settings; what to tell the person."""
    shown = workspace.display(workspace.settings)
    try:
        save_theme(workspace.settings, name, shown)
    except InputError as err:
        return f"The {name} theme is used until you quit, but was not saved:\n{err}"
    return f"Theme {name}, saved in {shown}"
