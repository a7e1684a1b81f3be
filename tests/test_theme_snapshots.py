"""What each built-in theme looks like, screen by screen (SVG snapshots)."""

from __future__ import annotations

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app


def test_home_in_each_theme(
    snap_compare: object, workspace: Workspace, clock: ManualTime, builtin_theme: str
) -> None:
    app = make_app(workspace, clock, theme=builtin_theme)
    assert snap_compare(app, terminal_size=(80, 24))  # type: ignore[operator]


def test_help_over_home(snap_compare: object, workspace: Workspace, clock: ManualTime) -> None:
    app = make_app(workspace, clock)
    assert snap_compare(app, press=["f1"], terminal_size=(80, 24))  # type: ignore[operator]
