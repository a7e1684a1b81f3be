"""The Textual app: registration, global bindings and screen switching, nothing more.

What the first frame does not need (the help screen, the palette's commands) is
imported when it is first used.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from coffeechat.core.leftovers import recovery_copies, recovery_reminder
from coffeechat.core.settings import Settings, check_choices
from coffeechat.core.timesource import SystemTime, TimeSource
from coffeechat.core.workspace import Workspace
from coffeechat.ui import theming
from coffeechat.ui.screens.home import HomeScreen

if TYPE_CHECKING:
    from textual.command import Provider


def screen_commands() -> type[Provider]:
    """coffeechat's palette commands, imported when the palette first opens."""
    from coffeechat.ui.commands import ScreenCommands

    return ScreenCommands


class CoffeechatApp(App[None]):
    """coffeechat in the terminal."""

    TITLE = "coffeechat"
    # The home screen's styles are read with the app's: loaded for a screen, they
    # would make Textual parse every style sheet of the app a second time.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "theming.tcss", "screens/home.tcss"]
    COMMANDS = App.COMMANDS | {screen_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
        Binding("f1", "help", "Help", id="app.help"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.palette", show=False),
    ]

    def __init__(
        self,
        workspace: Workspace,
        time: TimeSource,
        settings: Settings,
        theme: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.time = time
        self.settings = settings
        self.theme_catalogue = theming.load(workspace)
        if settings.theme or settings.keys:
            from coffeechat.ui.keymap import binding_ids

            ids = binding_ids(type(self)) if settings.keys else frozenset()
            shown = workspace.display(workspace.settings)
            check_choices(workspace.settings, shown, settings, self.theme_catalogue, ids)
        choice = theming.choose(self.theme_catalogue, settings, theme)
        theming.install(self, self.theme_catalogue, choice.name)
        self.theme_report = choice.report
        self.set_keymap(dict(settings.keys))

    def get_default_screen(self) -> Screen:  # type: ignore[type-arg]  # Textual's own signature
        """The home screen, as the screen the app starts on.

        Composed with the app itself, its first frame is whole and quick. A screen
        pushed from `on_mount`, or a mode's base screen, has Textual parse every
        style sheet again first, and is painted in pieces.
        """
        return HomeScreen(self.workspace, self.settings, self.time)

    def on_mount(self) -> None:
        """Say once if a theme file could not be used, and remind the person of notes
        kept after a crash."""
        copies = recovery_copies(self.workspace.sessions)
        if copies:
            self.notify(
                recovery_reminder(copies), title="Notes recovered", severity="warning", timeout=30
            )
        if self.theme_report:
            self.notify(
                self.theme_report,
                title=theming.REPORT_TITLE,
                severity="error",
                timeout=30,
                markup=False,
            )

    def on_ready(self) -> None:
        """The first frame is on screen: the home screen may start reading."""
        if isinstance(self.screen, HomeScreen):
            self.screen.start_loading()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """coffeechat's own theme variables, for themes that leave them out."""
        return theming.variable_defaults(self.current_theme)

    def watch_theme(self, name: str) -> None:
        """Save a theme chosen in the app (not one given by --theme) in the settings."""
        if not self.is_running:  # the theme chosen at start is set before the app runs
            return
        self.notify(theming.save_choice(self.workspace, name), markup=False)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, less those coffeechat offers its own way."""
        ours = (self.action_change_theme, self.action_quit, self.action_show_help_panel)
        for command in super().get_system_commands(screen):
            if command.callback not in ours:
                yield command

    def action_help(self) -> None:
        """Show the keys of the current screen (F1 again or Escape closes them)."""
        from coffeechat.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))


def make_app(
    workspace: Workspace,
    time: TimeSource | None = None,
    settings: Settings | None = None,
    theme: str | None = None,
) -> CoffeechatApp:
    """The one way to build the app, shared by the command line and the tests.

    `theme` is the `--theme` given on the command line: used for this run, not saved.
    `InputError` if it or the settings name a theme or binding id that does not exist.
    """
    return CoffeechatApp(workspace, time or SystemTime(), settings or Settings(), theme)
