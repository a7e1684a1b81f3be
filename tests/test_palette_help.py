"""The command palette and F1 help, generated from the bindings of whatever screen shows."""

from __future__ import annotations

import time
from typing import Any, ClassVar

from rich.console import Console
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.settings import load_settings
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import CoffeechatApp, make_app
from coffeechat.ui.commands import ScreenCommands
from coffeechat.ui.screens.help import HelpScreen
from coffeechat.ui.screens.home import HomeScreen


async def highlighted(pilot: Pilot[Any], words: str, seconds: float = 15) -> None:
    """Wait until the palette's search has found and highlighted a command with `words`
    (it searches in the background; Enter before then picks nothing, or another)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        found = pilot.app.screen.query(CommandList)
        option = found.first().highlighted_option if found else None
        if option is not None and words in str(option.prompt):
            return
        await pilot.pause(0.02)
    raise AssertionError(f"the palette found no command with {words!r} in {seconds}s")


class PracticeScreen(Screen[None]):
    """A stand-in for a screen another part of coffeechat adds, with its own bindings."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next question", id="call.next"),
        Binding("ctrl+e", "end", "End call", id="call.end", show=False, tooltip="Stop the clock"),
        Binding("ctrl+d", "later", "Later thing", id="call.later"),
        Binding("ctrl+g", "hidden", "Hidden thing", id="call.hidden"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.moved = 0

    def compose(self) -> ComposeResult:
        yield Footer()

    def action_next(self) -> None:
        """Move on to the next question."""
        self.moved += 1

    def action_end(self) -> None:
        self.dismiss()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return {"later": None, "hidden": False}.get(action, True)


async def commands(app: CoffeechatApp) -> dict[str, str]:
    """The palette's commands before anything is typed: title to help line."""
    provider = ScreenCommands(app.screen)
    return {str(hit.text): str(hit.help) async for hit in provider.discover()}


def help_text(app: CoffeechatApp) -> str:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    console = Console(width=100, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(screen.table())
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


async def test_palette_offers_the_home_actions_and_the_themes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    async with app.run_test():
        offered = await commands(app)
        assert (
            offered["Home: reload"]
            == "r · Read the agendas and the sessions again (after editing them elsewhere)."
        )
        assert offered["Home: quit"] == (
            "q, ^q · Leave coffeechat; a call in progress is saved first, to resume later."
        )
        assert offered["App: help"].startswith("f1 · Show the keys of the current screen")
        assert offered["Theme: latte"] == "Dark brown text on warm white · built-in"
        assert offered["Theme: coffee"].endswith("(current)")
        assert [t for t in offered if t.startswith("Theme: ")] == [
            "Theme: coffee",
            "Theme: high-contrast",
            "Theme: latte",
            "Theme: matcha",
        ]
        assert "App: commands" not in offered, "the palette does not offer itself"
        assert not [t for t in offered if "focus" in t], "Textual's own keys stay in F1 help"


async def test_palette_shows_remapped_keys(workspace: Workspace, clock: ManualTime) -> None:
    workspace.settings.write_text('[keys]\n"home.reload" = "f5"\n')
    app = make_app(workspace, clock, load_settings(workspace.settings))
    async with app.run_test():
        assert (await commands(app))["Home: reload"].startswith("f5 · ")


async def test_palette_follows_the_screen_that_is_showing(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    async with app.run_test() as pilot:
        practice = PracticeScreen()
        await app.push_screen(practice)
        offered = await commands(app)
        assert offered["Call: next question"] == "^n · Move on to the next question."
        assert offered["Call: end call"] == "^e · Stop the clock"
        assert "Call: later thing" not in offered, "not available now"
        assert "Call: hidden thing" not in offered
        assert "Home: reload" not in offered
        assert "App: quit" in offered

        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"next q")
        await highlighted(pilot, "next question")
        await pilot.press("enter")
        await pilot.pause()
        # mypy keeps the isinstance() above across the keys pressed since.
        assert app.screen is practice  # type: ignore[comparison-overlap]
        assert practice.moved == 1


async def test_palette_switches_and_saves_the_theme(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"latte")
        await highlighted(pilot, "latte")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "latte"
        assert isinstance(app.screen, HomeScreen)
        assert workspace.settings.read_text() == 'theme = "latte"\n'


async def test_f1_shows_the_keys_of_home_and_closes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    async with app.run_test() as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "Home\n" in text
        assert "r" in text and "Reload  Read the agendas and the sessions again" in text
        assert "q, ^q        Quit  Leave coffeechat" in text
        assert "[home.quit, app.quit]" in text, "ids to remap by"
        assert "tab          Focus Next" in text, "Textual's keys are listed too"
        assert "App\n" in text
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f1")
        await pilot.press("f1")
        assert isinstance(app.screen, HomeScreen)


async def test_f1_help_follows_the_screen_that_is_showing(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    async with app.run_test() as pilot:
        await app.push_screen(PracticeScreen())
        await pilot.press("f1")
        text = help_text(app)
        assert "Call\n" in text
        assert "^n" in text and "Next question  Move on to the next question." in text
        assert "End call  Stop the clock" in text
        assert "Later thing  not available now" in text
        assert "Hidden thing" not in text
        assert "Reload" not in text
        assert app.screen.query_one("#help-panel").border_title == "Keys: Practice"
