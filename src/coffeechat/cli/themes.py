"""`coffeechat themes`: each theme, where it comes from, and which one is in use."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from coffeechat.cli.context import settings_of
from coffeechat.cli.problems import EXIT_INPUT, EXIT_OK, print_problems

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace


def cmd_themes(args: argparse.Namespace, workspace: Workspace) -> int:
    """One line per theme (`*` marks the one in use); a broken theme's problems after."""
    from coffeechat.core.themes import DEFAULT_THEME, load_themes
    from coffeechat.ui.colours import TextualValues  # Textual's colour grammar only

    catalogue = load_themes(workspace.themes, TextualValues(), workspace.display)
    settings = settings_of(workspace)
    wanted = settings.theme or DEFAULT_THEME
    current = wanted if wanted in catalogue.themes else DEFAULT_THEME
    width = max((len(name) for name in catalogue.themes), default=0)
    for name in catalogue.names():
        theme = catalogue.themes[name]
        mark = "*" if name == current else " "
        source = theme.source
        if name in catalogue.replaced:
            source += " (replaces the built-in)"
        shade = "dark" if theme.dark else "light"
        about = f"  {theme.description}" if theme.description else ""
        print(f"{mark} {name:<{width}}  {shade:<5}  {source}{about}")
    print_problems(catalogue.problems, args)
    if wanted != current:
        print(f"{wanted} cannot be used; coffeechat starts with {current}", file=sys.stderr)
    return EXIT_INPUT if catalogue.problems else EXIT_OK
