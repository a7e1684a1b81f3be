"""What a command works with besides its arguments: the workspace's settings and
the clock (tests pass a `ManualTime` through `main`)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.settings import Settings
    from coffeechat.core.timesource import TimeSource


def settings_of(workspace: Workspace) -> Settings:
    """The workspace's settings; `InputError` if its `coffeechat.toml` is wrong."""
    from coffeechat.core.settings import load_settings

    return load_settings(workspace.settings, workspace.display(workspace.settings))


def time_of(args: argparse.Namespace) -> TimeSource:
    """The clock the command runs on: the one given to `main`, else the system's."""
    from coffeechat.core.timesource import SystemTime

    time: TimeSource = getattr(args, "time", None) or SystemTime()
    return time
