"""Themes and settings in the running app: start-up choice, fallback, keys, saving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings, load_settings
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.home import HomeScreen

BUILT_IN = {"coffee", "high-contrast", "latte", "matcha"}


def settings(workspace: Workspace, text: str) -> Settings:
    workspace.settings.write_text(text)
    return load_settings(workspace.settings)


def toasts(app: Any) -> list[tuple[str, str]]:
    """Record what the app shows as toasts: (message, severity) for each."""
    shown: list[tuple[str, str]] = []

    def notify(
        message: str, *, title: str = "", severity: str = "information", **_: object
    ) -> None:
        shown.append((f"{title}: {message}" if title else message, severity))

    app.notify = notify
    return shown


async def test_starts_with_the_default_and_offers_only_coffeechat_themes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    async with app.run_test():
        assert app.theme == "coffee"
        assert set(app.available_themes) == BUILT_IN
        assert app.theme_variables["clock-overtime-background"] == "#F07A69"


async def test_settings_choose_the_theme_and_theme_option_wins(
    workspace: Workspace, clock: ManualTime
) -> None:
    chosen = settings(workspace, 'theme = "matcha"\n')
    app = make_app(workspace, clock, chosen)
    async with app.run_test():
        assert app.theme == "matcha"
        assert not app.current_theme.ansi
    app = make_app(workspace, clock, chosen, theme="latte")
    async with app.run_test():
        assert app.theme == "latte"
        assert app.current_theme.dark is False
    assert workspace.settings.read_text() == 'theme = "matcha"\n', "--theme is not saved"


async def test_a_bad_theme_file_is_reported_once_and_the_default_used(
    workspace: Workspace, clock: ManualTime
) -> None:
    workspace.themes.mkdir()
    (workspace.themes / "mine.toml").write_text('name = "mine"\nprimary = "#12345g"\n')
    (workspace.themes / "other.toml").write_text('name = "other"\nprimry = "red"\n')
    chosen = settings(workspace, 'theme = "mine"\n')
    app = make_app(workspace, clock, chosen)
    shown = toasts(app)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "coffee"
        assert "mine" not in app.available_themes
        ((text, severity),) = shown  # one toast, listing every failure
        assert text.startswith("Some theme files cannot be used: ")
        assert "mine.toml:2:11: '#12345g' is not a colour (primary)" in text
        assert "other.toml:2:1: unknown key 'primry'" in text
        assert "Using the coffee theme instead of mine." in text
        assert severity == "error"


async def test_an_ansi_theme_with_only_a_primary_colour_runs(
    workspace: Workspace, clock: ManualTime
) -> None:
    workspace.themes.mkdir()
    (workspace.themes / "tiny.toml").write_text(
        'name = "tiny"\nansi = true\nprimary = "ansi_blue"\n'
    )
    app = make_app(workspace, clock, theme="tiny")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "tiny"
        assert isinstance(app.screen, HomeScreen)
        assert app.theme_variables["clock-calm"] == "ansi_blue"


def test_unknown_theme_option_is_an_error_with_a_suggestion(workspace: Workspace) -> None:
    with pytest.raises(InputError) as caught:
        make_app(workspace, theme="lattee")
    assert str(caught.value) == (
        "--theme: no theme called 'lattee'\n"
        "  hint: did you mean 'latte'? (coffeechat themes lists them)"
    )


def test_unknown_theme_in_settings_is_located(workspace: Workspace) -> None:
    chosen = settings(workspace, '# mine\ntheme = "expresso"\n')
    with pytest.raises(InputError) as caught:
        make_app(workspace, settings=chosen)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col, problem.key) == (2, 9, "theme")
    assert problem.message == "no theme called 'expresso'"


def test_unknown_binding_ids_are_located(workspace: Workspace) -> None:
    chosen = settings(workspace, '[keys]\n"home.reload" = "f5"\n"home.relaod" = "f6"\n')
    with pytest.raises(InputError) as caught:
        make_app(workspace, settings=chosen)
    (problem,) = caught.value.problems
    assert (problem.line, problem.col, problem.key) == (3, 1, "keys.home.relaod")
    assert problem.message == "no key binding has the id 'home.relaod'"
    assert problem.hint == "did you mean 'home.reload'?"


async def test_keys_remap_bindings_by_id(workspace: Workspace, clock: ManualTime) -> None:
    chosen = settings(workspace, '[keys]\n"home.reload" = "f5"\n')
    app = make_app(workspace, clock, chosen)
    async with app.run_test() as pilot:
        await pilot.pause()  # the agendas are read once the first frame is up
        await app.workers.wait_for_complete()
        (workspace.agendas / "ada.toml").write_text(
            '[meeting]\nwith = "Ada"\n[[questions]]\ntext = "Why?"\n'
        )
        options = app.screen.query_one("#agendas", OptionList)
        await pilot.press("r")
        assert options.option_count == 1, "r no longer reloads"
        await pilot.press("f5")
        assert options.option_count == 2


async def test_choosing_a_theme_in_the_app_saves_it(
    workspace: Workspace, clock: ManualTime
) -> None:
    original = '# my settings\nduration = "25m"  # long calls\n\n[keys]\n"home.reload" = "f5"\n'
    chosen = settings(workspace, original)
    app = make_app(workspace, clock, chosen)
    shown = toasts(app)
    async with app.run_test() as pilot:
        app.theme = "latte"
        await pilot.pause()
        assert workspace.settings.read_text() == original.replace(
            "# long calls\n", '# long calls\ntheme = "latte"\n'
        )
        assert [m for m, _ in shown] == [
            "Theme latte, saved in " + workspace.display(workspace.settings)
        ]


async def test_a_theme_that_cannot_be_saved_still_applies(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = make_app(workspace, clock)
    shown = toasts(app)
    async with app.run_test() as pilot:
        workspace.settings.write_text("theme = \n")  # broken while the app runs
        app.theme = "matcha"
        await pilot.pause()
        assert app.theme == "matcha"
        ((text, _),) = shown
        assert "used until you quit, but was not saved" in text
        assert "coffeechat.toml:1:9: invalid value" in text
        assert workspace.settings.read_text() == "theme = \n"


def test_every_builtin_theme_generates_its_colours() -> None:
    # The app trusts the built-in themes without generating them at each start.
    from coffeechat.core.themes import load_themes
    from coffeechat.ui.colours import TextualValues
    from coffeechat.ui.theming import textual_theme

    catalogue = load_themes(Path("/nonexistent"), TextualValues())
    assert len(catalogue.themes) >= 4
    for definition in catalogue.themes.values():
        colours = textual_theme(definition).to_color_system().generate()
        assert colours["primary"], definition.name
