"""`coffeechat run AGENDA`: the live call and its wrap-up, then what the person must
know once the window is gone (a file kept aside, notes that could not be saved)."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from coffeechat.cli.context import settings_of
from coffeechat.cli.problems import EXIT_INPUT, EXIT_OK, EXIT_USAGE, not_a_terminal
from coffeechat.core.problems import InputError
from coffeechat.startup import tuned_for_the_app

if TYPE_CHECKING:
    from coffeechat.core.call.start import OpenSession
    from coffeechat.core.files.workspace import Workspace


def cmd_run(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat run AGENDA [--duration DUR] [--theme NAME]`: the call, then its wrap-up."""
    with tuned_for_the_app():  # see `coffeechat.startup`
        return _run(args, workspace)


def _run(args: argparse.Namespace, workspace: Workspace) -> int:
    from coffeechat.core.call.start import plan_call

    duration = duration_arg(args.duration)
    settings = settings_of(workspace)
    plan = plan_call(workspace, workspace.agenda_path(args.agenda), settings, duration)
    from coffeechat.ui.app import make_app

    app = make_app(workspace, args.time, settings, theme=args.theme, call=plan)
    # After the agenda and theme are checked (their problems print anywhere), before
    # anything is written: no session is left behind by a `run … | head`.
    refused = not_a_terminal("run")
    if refused is not None:
        plan.release()
        print(refused, file=sys.stderr)
        return EXIT_USAGE
    app.run()
    say_where_it_went(args, workspace, app.calls, [unsaved.path for unsaved in app.unsaved])
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


def say_where_it_went(
    args: argparse.Namespace,
    workspace: Workspace,
    calls: Sequence[OpenSession],
    unsaved: Sequence[Path],
) -> None:
    """One line per call that was saved: where, and what is due next."""
    from coffeechat.cli.context import time_of
    from coffeechat.core.call.parting import parting_line

    given = getattr(args, "workspace", None)
    again = "coffeechat" + (f" --workspace {shlex.quote(given)}" if given else "")
    resume = f"{again} run {shlex.quote(args.agenda)}"
    now = time_of(args).now()
    for opened in calls:
        if opened.path not in unsaved:
            print(parting_line(opened.session, workspace.display(opened.path), resume, now))


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
