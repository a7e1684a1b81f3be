"""F1 help: the keys of the screen underneath, generated from its real bindings."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.color import Color
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coffeechat.ui.actions import ScreenAction, screen_actions, screen_category
from coffeechat.ui.literal import literal


class HelpScreen(ModalScreen[None]):
    """Every action of the screen underneath, by category, with its keys."""

    CSS_PATH = "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "close", "Close help", id="help.close"),
    ]

    def __init__(self, under: Screen[Any]) -> None:
        super().__init__()
        self.under = under
        self.actions = screen_actions(under)

    def compose(self) -> ComposeResult:
        """The keys in a scrolling panel, and how to close it."""
        with VerticalScroll(id="help-panel") as panel:
            panel.border_title = f"Keys: {screen_category(self.under)}"
            yield Static(self.table(), id="help-keys")

    def on_mount(self) -> None:
        """Say how to close the help, with the keys bound now."""
        self.query_one("#help-panel").border_subtitle = literal(self.closing_hint())

    def table(self) -> Table:
        """The actions as a table: category headings, then keys and what they do."""
        colours = self.app.theme_variables
        heading = Style(bold=True, color=Color.parse(colours["primary"]).rich_color)
        key_style = Style(bold=True, color=Color.parse(colours["accent"]).rich_color)
        table = Table.grid()
        widest = max((len(", ".join(a.keys)) for a in self.actions), default=0)
        table.add_column(no_wrap=True, min_width=widest + 2)
        table.add_column(ratio=1)
        groups: dict[str, list[ScreenAction]] = {}
        for action in self.actions:
            groups.setdefault(action.category, []).append(action)
        for number, (category, group) in enumerate(groups.items()):
            if number:
                table.add_row()
            table.add_row(Text(category, style=heading))
            for action in group:
                table.add_row(*_row(action, key_style))
        return table

    def closing_hint(self) -> str:
        """How to leave, and where every action can be found by name."""
        close = " or ".join(k for a in screen_actions(self) if a.action == "close" for k in a.keys)
        palette = [a.keys[0] for a in self.actions if a.action.endswith("command_palette")]
        find = f" · {palette[0]} finds any action by name" if palette else ""
        return f"{close} closes{find}"

    def action_close(self) -> None:
        """Close the help and go back to the screen underneath."""
        self.dismiss()


def _row(action: ScreenAction, key_style: Style) -> tuple[Text, Text]:
    """Keys, then what they do, why, and the id to remap them by in `[keys]`."""
    dim = Style(dim=True)
    explanation = action.explanation if action.enabled else "not available now"
    keys = Text(", ".join(action.keys), style=key_style if action.enabled else dim)
    what = Text(action.description, style=Style() if action.enabled else dim)
    if explanation:
        what.append(f"  {explanation}", style=dim)
    if action.binding_ids:
        ids = ", ".join(action.binding_ids)
        what.append(f"  [{ids}]", style=Style(dim=True, italic=True))
    return keys, what
