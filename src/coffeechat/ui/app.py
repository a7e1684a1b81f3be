"""The Textual app: registration, global bindings and screen switching, nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from coffeechat.core.call import Call
from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings
from coffeechat.core.store import CallPlan, begin, plan_call
from coffeechat.core.timesource import SystemTime, TimeSource
from coffeechat.core.workspace import Workspace
from coffeechat.ui.saving import Unsaved
from coffeechat.ui.screens.call import CallHooks, CallScreen
from coffeechat.ui.screens.home import HomeScreen
from coffeechat.ui.screens.resume import ResumeChoice, ResumeScreen


class CoffeechatApp(App[None]):
    """coffeechat in the terminal."""

    TITLE = "coffeechat"
    CSS_PATH = "app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        workspace: Workspace,
        time: TimeSource,
        settings: Settings,
        call: CallPlan | None = None,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.time = time
        self.settings = settings
        self.first_call = call
        self.exit_after_call = call is not None
        """Started by `coffeechat run`: leaving the call leaves the app."""
        self.unsaved: list[Unsaved] = []
        """Calls whose last save failed; the command line prints them after exit."""

    def on_mount(self) -> None:
        """Open the call asked for on the command line, or the home screen."""
        if self.first_call is not None:
            self.open_call(self.first_call)
        else:
            self.push_screen(HomeScreen(self.workspace, self.settings))

    def start_call(self, agenda_path: Path, duration: int | None = None) -> bool:
        """Start a call from an agenda (offering to resume an unfinished one); False if not."""
        try:
            plan = plan_call(self.workspace, agenda_path, self.settings, duration)
        except InputError as err:
            self.notify(str(err), title="Cannot start the call", severity="error", timeout=10)
            return False
        self.open_call(plan)
        return True

    def open_call(self, plan: CallPlan) -> None:
        """Ask about unfinished calls if there are any, then show the call."""
        if not plan.unfinished:
            self.begin_call(plan, ResumeChoice(None))
            return
        self.push_screen(
            ResumeScreen(plan, self.time.now().date()),
            callback=lambda choice: self.begin_call(plan, choice),
        )

    def begin_call(self, plan: CallPlan, choice: ResumeChoice | None) -> None:
        """Open the call screen on the chosen session (None: the person backed out)."""
        if choice is None:
            plan.release()
            self.leave_call()
            return
        opened = begin(self.workspace, plan, choice.session, self.time.now())
        screen = CallScreen(
            Call(opened.session, self.time),
            opened,
            plan.agenda,
            self.workspace,
            self.settings,
            CallHooks(done=self.leave_call, unsaved=self.unsaved.append),
        )
        self.push_screen(screen)

    def leave_call(self) -> None:
        """After a call: quit if it was started from the command line, else go home."""
        if self.exit_after_call:
            self.exit()
        elif len(self.screen_stack) > 2:
            self.pop_screen()


def make_app(
    workspace: Workspace,
    time: TimeSource | None = None,
    settings: Settings | None = None,
    *,
    call: CallPlan | None = None,
) -> CoffeechatApp:
    """The one way to build the app, shared by the command line and the tests.

    With `call`, the app opens that call (from `plan_call`) instead of the home screen.
    """
    return CoffeechatApp(workspace, time or SystemTime(), settings or Settings(), call)
