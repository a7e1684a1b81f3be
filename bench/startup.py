"""Start-up: process start to the first painted frame of the home screen."""

from __future__ import annotations

from bench.harness import Bench, Result, figure

HOME_MARKER = "Follow-ups"
"""The queue pane's title: on the home screen's first frame, before any session is read."""


@figure("home: start to first frame", "≤ 1.3x bare app")
def home_first_frame(bench: Bench) -> Result:
    """`coffeechat` on a new user's workspace, in tmux, against the bare Textual app."""
    workspace = bench.small()
    command = bench.coffeechat("--workspace", str(workspace.root))
    compared, _frames = bench.frames(command, HOME_MARKER, bench.repeat(15))
    return compared.within(1.3)
