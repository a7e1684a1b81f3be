"""Starting a call in tests the way `coffeechat run` does, and looking at it."""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot

from coffeechat.core.call.autosave import Autosaver
from coffeechat.core.call.start import plan_call
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import Session, read_session
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import CoffeechatApp, make_app
from coffeechat.ui.screens.call import CallScreen


def call_app(
    workspace: Workspace,
    clock: ManualTime,
    settings: Settings | None = None,
    duration: int | None = None,
    agenda: str = "jane-doe",
) -> CoffeechatApp:
    """The app as `coffeechat run AGENDA` builds it."""
    settings = settings or Settings()
    plan = plan_call(workspace, workspace.agenda_path(agenda), settings, duration)
    return make_app(workspace, clock, settings, call=plan)


def call_screen(app: App[Any]) -> CallScreen:
    """The call screen under whatever is on top of it."""
    for screen in reversed(app.screen_stack):
        if isinstance(screen, CallScreen):
            return screen
    raise AssertionError(f"no call screen in {app.screen_stack}")


def written(screen: CallScreen) -> None:
    """Hand the newest text to the autosaver and wait until it is written or has failed."""
    screen.autosave()
    assert screen.saving.saver is not None
    assert screen.saving.saver.wait_idle(30)  # generous: a busy machine writes slowly


def on_disk(screen: CallScreen) -> Session:
    """The session file as written by the autosaver, after it caught up."""
    written(screen)
    return read_session(screen.opened.path)


def retry_quickly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Failed saves are retried every 0.05 s instead of 2 s, so tests wait less."""
    monkeypatch.setattr(
        "coffeechat.ui.call_saver.Autosaver", functools.partial(Autosaver, retry_every=0.05)
    )


class Notes:
    """Records the toasts an app shows."""

    def __init__(self, app: App[Any]) -> None:
        self.shown: list[tuple[str, str]] = []
        original = app.notify

        def notify(message: str, **kwargs: Any) -> None:
            self.shown.append((kwargs.get("title", ""), message))
            original(message, **kwargs)

        app.notify = notify  # type: ignore[method-assign]

    @property
    def titles(self) -> list[str]:
        """The titles of the toasts shown so far."""
        return [title for title, _ in self.shown]


NAMED = {"enter": "\r", "tab": "\t", "escape": "\x1b", "space": " "}
"""The character a terminal sends for these keys."""
KEY_NAMES = {*NAMED, "up", "down", "left", "right", "home", "end", "backspace", "f3", "f4"}
"""Parts of a `burst` that are keys, not text (so are names with a `+`, like `ctrl+n`)."""


def key_event(key: str) -> events.Key:
    """The key event the terminal's parser makes for one character or key name."""
    if len(key) > 1:
        return events.Key(key, NAMED.get(key))
    named = {char: name for name, char in NAMED.items()}
    if key in named:
        return events.Key(named[key], key)
    name = key if key.isalnum() else unicodedata.name(key).lower().replace(" ", "_")
    return events.Key(name, key)


async def burst(pilot: Pilot[Any], *parts: str | events.Paste) -> None:
    """Deliver keys and pastes all at once, as a terminal does when they arrive together,
    then wait until every one has taken effect.

    Each part is a paste, a key name (`ctrl+n`, `enter`) or text typed a character at a
    time. Unlike `pilot.press`, nothing waits between the keys.
    """
    for part in parts:
        if isinstance(part, events.Paste):
            pilot.app.post_message(part)
        elif part in KEY_NAMES or ("+" in part and len(part) > 1):
            pilot.app.post_message(key_event(part))
        else:
            for char in part:
                pilot.app.post_message(key_event(char))
    await settled(pilot)


async def settled(pilot: Pilot[Any]) -> None:
    """Wait until no key is waiting for a move and the screen has caught up."""
    for _ in range(200):
        await pilot.pause()
        if getattr(pilot.app, "keys_settled", True):
            await pilot.pause()
            return
    raise AssertionError("keys still waiting for a move after 200 pauses")
