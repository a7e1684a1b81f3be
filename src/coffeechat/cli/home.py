"""`coffeechat` with no command: the home screen (follow-ups, past sessions, agendas)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from coffeechat.cli.context import settings_of
from coffeechat.cli.problems import EXIT_OK, EXIT_USAGE, not_a_terminal
from coffeechat.startup import tuned_for_the_app

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace


def cmd_home(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat [--theme NAME]`: the home screen."""
    with tuned_for_the_app():  # see `coffeechat.startup`
        return _home(args, workspace)


def _home(args: argparse.Namespace, workspace: Workspace) -> int:
    import sys

    from coffeechat.ui.app import make_app

    app = make_app(workspace, args.time, settings_of(workspace), theme=args.theme)
    # After the settings and theme are checked (their problems print anywhere).
    refused = not_a_terminal("")
    if refused is not None:
        print(refused, file=sys.stderr)
        return EXIT_USAGE
    app.run()
    return app.return_code or EXIT_OK
