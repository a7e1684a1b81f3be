"""`coffeechat run AGENDA`: the live call and its wrap-up, then what the person must
know once the window is gone (a file kept aside, notes that could not be saved)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from coffeechat.cli.context import settings_of
from coffeechat.cli.problems import EXIT_INPUT, EXIT_OK
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace


def cmd_run(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat run AGENDA [--duration DUR] [--theme NAME]`: the call, then its wrap-up."""
    from coffeechat.core.call.start import plan_call

    duration = duration_arg(args.duration)
    settings = settings_of(workspace)
    plan = plan_call(workspace, workspace.agenda_path(args.agenda), settings, duration)
    from coffeechat.ui.app import make_app

    app = make_app(workspace, args.time, settings, theme=args.theme, call=plan)
    app.run()
    for copy in app.conflicts:
        session = copy.with_name(copy.name.rsplit(".conflict-", 1)[0])
        print(
            f"{workspace.display(copy)}: kept {workspace.display(session)} as it was edited "
            "outside coffeechat\n"
            f"  hint: your notes are in {workspace.display(session)}; "
            "compare the two and copy over what you need",
            file=sys.stderr,
        )
    for unsaved in app.unsaved:
        print(
            f"{workspace.display(unsaved.path)}: could not be saved: {unsaved.error}\n"
            "  hint: everything typed follows; copy it somewhere safe\n",
            file=sys.stderr,
        )
        print(unsaved.text, file=sys.stderr)
    if app.unsaved:
        return EXIT_INPUT
    return app.return_code or EXIT_OK


def duration_arg(text: str | None) -> int | None:
    """The seconds in `--duration`, or None when it was not given."""
    from coffeechat.core.agendas.durations import EXAMPLES, DurationError, parse_duration

    if text is None:
        return None
    try:
        return parse_duration(text)
    except DurationError as err:
        raise InputError.at(
            "--duration", str(err), f"write it like {EXAMPLES}", line=0, col=0
        ) from None
