"""The Textual app: registration, global bindings and screen switching, nothing more."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from coffeechat.core.leftovers import recovery_copies, recovery_reminder
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import SystemTime, TimeSource
from coffeechat.core.workspace import Workspace
from coffeechat.ui.screens.home import HomeScreen


class CoffeechatApp(App[None]):
    """coffeechat in the terminal."""

    TITLE = "coffeechat"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(self, workspace: Workspace, time: TimeSource, settings: Settings) -> None:
        super().__init__()
        self.workspace = workspace
        self.time = time
        self.settings = settings

    def on_mount(self) -> None:
        """Open the home screen; remind the person of notes kept after a crash."""
        self.push_screen(HomeScreen(self.workspace, self.settings))
        copies = recovery_copies(self.workspace.sessions)
        if copies:
            self.notify(
                recovery_reminder(copies), title="Notes recovered", severity="warning", timeout=30
            )


def make_app(
    workspace: Workspace, time: TimeSource | None = None, settings: Settings | None = None
) -> CoffeechatApp:
    """The one way to build the app, shared by the command line and the tests."""
    return CoffeechatApp(workspace, time or SystemTime(), settings or Settings())
