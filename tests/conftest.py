"""Shared fixtures: a fresh workspace, clocks that tests move by hand, steady snapshots."""

from __future__ import annotations

import inspect
import os
import shutil
import tomllib
from collections.abc import Awaitable, Callable, Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from textual.app import App
from textual.pilot import Pilot

from coffeechat.core.files.workspace import Workspace, prepare
from coffeechat.core.themes import BUILTIN_FOLDER, theme_files
from coffeechat.core.timesource import ManualTime
from tests.pilot_helpers import settle, steady_cursors

HERE = Path(__file__).parent
# Property tests stay quick in `make test`; HYPOTHESIS_PROFILE=thorough digs deeper, and
# `make test-fast` tries fewer examples (HYPOTHESIS_PROFILE=quick).
# No example database: it would write a .hypothesis folder into the checkout.
settings.register_profile(
    "coffeechat",
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("thorough", parent=settings.get_profile("coffeechat"), max_examples=5000)
settings.register_profile("quick", parent=settings.get_profile("coffeechat"), max_examples=20)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "coffeechat"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what runs the app headless as `pilot` (every `async def` test, since each
    drives the app with `app.run_test()`, and every snapshot), so `make test-fast` can
    leave it out; and skip the end-to-end tests where tmux is missing, saying so (CI
    installs tmux, and fails if it cannot)."""
    no_tmux = shutil.which("tmux") is None
    for item in items:
        function = getattr(item, "function", None)
        fixtures = getattr(item, "fixturenames", ())
        if inspect.iscoroutinefunction(function) or "snap_compare" in fixtures:
            item.add_marker(pytest.mark.pilot)
        if no_tmux and item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.skip(reason="tmux is not installed"))


EASTERN = timezone(timedelta(hours=-5))
CALL_TIME = datetime(2026, 11, 24, 15, 0, tzinfo=EASTERN)
BUILTIN_THEMES = sorted(tomllib.loads(p.read_text())["name"] for p in theme_files(BUILTIN_FOLDER))
"""The names of the themes shipped with coffeechat."""


@pytest.fixture(autouse=True, scope="session")
def runtime_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The user's runtime folder (where a call keeps its lock when the sessions folder
    cannot hold one) is the tests' own, also for the programs they start."""
    folder = tmp_path_factory.mktemp("runtime")
    folder.chmod(0o700)
    os.environ["XDG_RUNTIME_DIR"] = str(folder)
    return folder


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    """A new workspace holding only the example agenda."""
    return prepare(Workspace(tmp_path / "ws"))


@pytest.fixture
def filled(workspace: Workspace) -> Workspace:
    """The workspace holding the past sessions of `tests.past_sessions` (a test module
    that needs other sessions defines its own `filled`)."""
    from tests.past_sessions import fill_workspace

    return fill_workspace(workspace)


@pytest.fixture
def clock() -> ManualTime:
    """Clocks set to the start of a call on 2026-11-24 at 15:00 (UTC-5)."""
    return ManualTime(CALL_TIME)


@pytest.fixture(params=BUILTIN_THEMES)
def builtin_theme(request: pytest.FixtureRequest) -> str:
    """Each built-in theme's name in turn: a test taking it runs once per theme.

    For snapshots: `make_app(workspace, clock, theme=builtin_theme)`.
    """
    name: str = request.param
    return name


Compare = Callable[..., bool]


@pytest.fixture
def snap_compare(snap_compare: Compare) -> Compare:
    """pytest-textual-snapshot's `snap_compare`, taken once the app is still: its
    background workers done (home reads its lists in threads, which a busy machine
    makes slow), and every text cursor held still (a snapshot taken as a cursor
    blinks off differs from one taken as it blinks on).

    Every snapshot test takes this fixture, so none can depend on either.
    """

    def compare(
        app: App[Any],
        press: Iterable[str] = (),
        terminal_size: tuple[int, int] = (80, 24),
        run_before: Callable[[Pilot[Any]], Awaitable[None] | None] | None = None,
    ) -> bool:
        async def then_hold_the_cursors(pilot: Pilot[Any]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            await pilot.pause()
            await pilot.press(*press)
            await settle(pilot)  # lists read in the background
            steady_cursors(pilot.app)

        return snap_compare(app, terminal_size=terminal_size, run_before=then_hold_the_cursors)

    return compare
