"""The Textual app: registration, global bindings and screen switching, nothing more.

What the first frame does not need (the help screen, the palette's commands; the
call's modules on the home screen, the home screen's in a call) is imported when it
is first used.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from coffeechat.core.files.leftovers import recovery_copies, recovery_reminder
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings, check_choices
from coffeechat.core.text.controls import escape_controls
from coffeechat.core.timesource import SystemTime, TimeSource
from coffeechat.startup import release_collector
from coffeechat.ui import theming
from coffeechat.ui.call_saver import HoldsTyping, end_on_signals
from coffeechat.ui.keyorder import KeysInOrderApp

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver

    from coffeechat.core.call.live import Call
    from coffeechat.core.call.start import CallPlan, OpenSession
    from coffeechat.ui.call_saver import Unsaved
    from coffeechat.ui.screens.call import CallScreen
    from coffeechat.ui.screens.resume import ResumeChoice
    from coffeechat.ui.widgets.agenda_list import AgendaList


def screen_commands() -> type[Provider]:
    """coffeechat's palette commands, imported when the palette first opens."""
    from coffeechat.ui.commands import ScreenCommands

    return ScreenCommands


class CoffeechatApp(KeysInOrderApp):
    """coffeechat in the terminal (its keys take effect in order: `ui.keyorder`)."""

    TITLE = "coffeechat"
    # The styles of the screen the app starts on are read with the app's: loaded for
    # a screen, they would make Textual parse every style sheet a second time.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["theming.tcss", "screens/home.tcss"]
    CALL_CSS_PATH: ClassVar[list[str | PurePath]] = ["theming.tcss", "screens/call.tcss"]
    """The app's styles when it starts on a call (`coffeechat run`)."""
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
        call: CallPlan | None = None,
    ) -> None:
        super().__init__(css_path=self.CALL_CSS_PATH if call is not None else None)
        self.workspace = workspace
        self.time = time
        self.settings = settings
        self.first_call = call
        self.exit_after_call = call is not None
        """Started by `coffeechat run`: leaving the call leaves the app."""
        self.unsaved: list[Unsaved] = []
        """Calls whose last save failed; the command line prints them after exit."""
        self.calls: list[OpenSession] = []
        """The sessions the calls of this run went on in; the command line says where
        each was saved and what is due next."""
        self.conflicts: list[Path] = []
        """Copies kept of session files edited outside coffeechat during a call; the
        command line names them after exit."""
        self.restore_signals: Callable[[], None] = lambda: None
        self.shown = False
        """The first frame is on screen (see `on_ready`)."""
        self.leaving: list[int] = []
        """A quit asked for before the first frame, with its return code."""
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

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal; on Linux and macOS, one that cleans the
        input before Textual reads it (`coffeechat.ui.terminal_input`)."""
        from textual.drivers.linux_driver import LinuxDriver

        driver = super().get_driver_class()
        if driver is not LinuxDriver:
            return driver
        from coffeechat.ui.terminal_input import CleanInputDriver

        return CleanInputDriver

    def on_load(self) -> None:
        """End cleanly on SIGHUP and SIGTERM, before any screen (a call puts its own
        save-first handlers over these when it opens)."""
        self.restore_signals = end_on_signals(self.leave)

    def leave(self, return_code: int = 0) -> None:
        """Exit, but not before the first frame: the screen being built would be taken
        apart under its own `on_mount` (a ctrl+q pressed as the app starts)."""
        if self.shown:
            self.exit(return_code=return_code)
        else:
            self.leaving.append(return_code)

    async def action_quit(self) -> None:
        """Leave coffeechat; a call in progress is saved first, to resume later."""
        # What the fields hold now: their change messages would come too late.
        for screen in self.screen_stack:
            if isinstance(screen, HoldsTyping):
                screen.keep_typing()
        self.leave()

    def get_default_screen(self) -> Screen:  # type: ignore[type-arg]  # Textual's own signature
        """The screen the app starts on: home, or the call `coffeechat run` asked for.

        Composed with the app itself, its first frame is whole and quick. A screen
        pushed from `on_mount`, or a mode's base screen, has Textual parse every
        style sheet again first, and is painted in pieces.
        """
        plan = self.first_call
        if plan is None:
            from coffeechat.ui.screens.home import HomeScreen  # not needed for a call

            return HomeScreen(self.workspace, self.settings, self.time)
        if plan.unfinished:
            return Screen()  # the question about unfinished calls is shown over it
        return self.call_screen(plan, None)

    def on_mount(self) -> None:
        """Ask about unfinished calls of `coffeechat run`; say once if a theme file could
        not be used, and remind the person of notes kept after a crash."""
        if self.first_call is not None and self.first_call.unfinished:
            self.open_call(self.first_call)
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
            )

    def on_unmount(self) -> None:
        """Give the process its signal handlers back (tests run many apps in one)."""
        self.restore_signals()

    async def on_ready(self) -> None:
        """The first frame is on screen: the home screen may fill its panes and start
        reading; or leave, if asked."""
        self.shown = True
        release_collector()  # see `coffeechat.startup`
        if self.leaving:
            self.exit(return_code=self.leaving[0])
            return
        if self.first_call is None:
            from coffeechat.ui.screens.home import HomeScreen

            if isinstance(self.screen, HomeScreen):
                await self.screen.start_loading()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        """coffeechat's own theme variables, for themes that leave them out."""
        return theming.variable_defaults(self.current_theme)

    def watch_theme(self, name: str) -> None:
        """Save a theme chosen in the app (not one given by --theme) in the settings."""
        if not self.is_running:  # the theme chosen at start is set before the app runs
            return
        self.notify(theming.save_choice(self.workspace, name))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands, less those coffeechat offers its own way."""
        ours = (self.action_change_theme, self.action_quit, self.action_show_help_panel)
        for command in super().get_system_commands(screen):
            if command.callback not in ours:
                yield command

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """A toast, always as plain text, whatever `markup` says: toasts quote what a
        person typed or a file holds (see `coffeechat.ui.literal`)."""
        super().notify(
            escape_controls(message),
            title=escape_controls(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def action_help_quit(self) -> None:
        """ctrl+c copies in a text box and quits nowhere: say which key does, in words
        (Textual's own toast is markup, and names the first quit key it finds, which
        may be one that quits only on this screen)."""
        self.notify("Press ctrl+q to quit coffeechat", title="Do you want to quit?")

    def action_help(self) -> None:
        """Show the keys of the current screen (F1 again or Escape closes them)."""
        from coffeechat.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.screen))

    # --- calls ------------------------------------------------------------------------

    def on_agenda_list_start_call(self, message: AgendaList.StartCall) -> None:
        """Start the call the person chose on the home screen."""
        self.start_call(message.agenda)

    def start_call(self, agenda_path: Path, duration: int | None = None) -> bool:
        """Start a call from an agenda (offering to resume an unfinished one); False if not."""
        from coffeechat.core.call.start import plan_call

        try:
            plan = plan_call(self.workspace, agenda_path, self.settings, duration)
        except InputError as err:
            self.notify(str(err), title="Cannot start the call", severity="error", timeout=10)
            return False
        self.open_call(plan)
        return True

    def open_call(self, plan: CallPlan) -> None:
        """Ask about unfinished calls if there are any, then show the call."""
        from coffeechat.ui.screens.resume import ResumeChoice, ResumeScreen

        if not plan.unfinished:
            self.begin_call(plan, ResumeChoice(None))
            return
        self.push_screen(
            ResumeScreen(plan, self.time.now()),
            callback=lambda choice: self.begin_call(plan, choice),
        )

    def begin_call(self, plan: CallPlan, choice: ResumeChoice | None) -> None:
        """Open the call screen on the chosen session (None: the person backed out)."""
        if choice is None:
            plan.release()
            self.leave_call()
            return
        self.push_screen(self.call_screen(plan, choice.session))

    def call_screen(self, plan: CallPlan, chosen: OpenSession | None) -> CallScreen:
        """The live call on `chosen` (an unfinished session) or on a new session."""
        from coffeechat.core.call.live import Call
        from coffeechat.core.call.start import begin
        from coffeechat.ui.call_hooks import CallHooks
        from coffeechat.ui.screens.call import CallScreen

        opened = begin(self.workspace, plan, chosen, self.time.now())
        self.calls.append(opened)
        if plan.kept:  # unfinished calls edited by hand, marked abandoned
            self.edited_elsewhere(tuple(plan.kept))
        call = Call(opened.session, self.time)
        hooks = CallHooks(lambda: self.call_done(call), self.unsaved.append, self.edited_elsewhere)
        return CallScreen(call, opened, plan.agenda, self.workspace, self.settings, hooks)

    def edited_elsewhere(self, copies: tuple[Path, ...]) -> None:
        """A call closed having kept copies of its file as edited by hand: remind the
        person (after exit for `coffeechat run`, at once when home is still open)."""
        self.conflicts.extend(copies)
        if not self.exit_after_call:
            names = ", ".join(copy.name for copy in copies)
            self.notify(
                f"A session file was changed outside coffeechat; "
                f"those versions are kept beside it: {names}.",
                title="File edited elsewhere",
                severity="warning",
                timeout=15,
            )

    def call_done(self, call: Call) -> None:
        """After a completed call: the person and their referrals join the network."""
        from coffeechat.core.people.aftercall import after_call
        from coffeechat.core.problems import InputError

        try:
            after_call(self.workspace, call.session)
        except (InputError, OSError) as err:
            self.notify(str(err), title="The network was not updated", severity="warning")
        self.leave_call()

    def leave_call(self) -> None:
        """After a call: quit if it was started from the command line, else go home."""
        if self.exit_after_call:
            self.exit()
        elif len(self.screen_stack) > 1:
            self.pop_screen()


def make_app(
    workspace: Workspace,
    time: TimeSource | None = None,
    settings: Settings | None = None,
    theme: str | None = None,
    *,
    call: CallPlan | None = None,
) -> CoffeechatApp:
    """The one way to build the app, shared by the command line and the tests.

    `theme` is the `--theme` given on the command line: used for this run, not saved.
    `InputError` if it or the settings name a theme or binding id that does not exist.
    With `call` (from `plan_call`), the app opens that call instead of the home screen.
    """
    return CoffeechatApp(workspace, time or SystemTime(), settings or Settings(), theme, call)
