"""Starting a call in tests the way `coffeechat run` does, and looking at it."""

from __future__ import annotations

import functools
from typing import Any

import pytest
from textual.app import App

from coffeechat.core.autosave import Autosaver
from coffeechat.core.session import Session, read_session
from coffeechat.core.settings import Settings
from coffeechat.core.store import plan_call
from coffeechat.core.timesource import ManualTime
from coffeechat.core.workspace import Workspace
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
        "coffeechat.ui.saving.Autosaver", functools.partial(Autosaver, retry_every=0.05)
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
