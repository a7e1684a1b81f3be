"""The command line: parse the arguments, set up the workspace, run the command.

The parser (`cli.parser`) names every command; each group of commands has a module
of its own, imported only when one of its commands runs: `agendas` (new, edit,
check), `call` (run), `home`, `sessions` (sessions, show, draft), `queue` (followups,
done, snooze), `themes`. Commands that scripts use (`check`, `sessions`,
`followups`, `done`, `snooze`) never import Textual, and each imports what it needs
when it runs: a script command then starts in under twice the time of a bare
`python -c "import tomllib"` (`make bench`).

Every failure caused by the user's input is printed as `path:line:col: message`
with a hint, exit code 1; bad usage exits 2; never a traceback. Nothing printed
carries a raw control character (`cli.output`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coffeechat.cli.output import escaped_output
from coffeechat.cli.parser import OWN_WORKSPACE, build_parser, command_handler
from coffeechat.cli.problems import EXIT_INPUT, EXIT_OK, file_problem, print_problems
from coffeechat.core.files.workspace import default_workspace, prepare
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from coffeechat.core.timesource import TimeSource


def main(argv: Sequence[str] | None = None, time: TimeSource | None = None) -> int:
    """Run coffeechat with `argv` (default: the process's arguments); the exit code.

    `time` is the clock the commands use (tests pass a `ManualTime`).
    """
    words = sys.argv[1:] if argv is None else list(argv)
    with escaped_output():
        return _run(build_parser(words).parse_args(words), time)


def _run(args: argparse.Namespace, time: TimeSource | None) -> int:
    args.time = time
    try:
        workspace = default_workspace(args.workspace)
        if args.command not in OWN_WORKSPACE:
            prepare(workspace, notify=lambda notice: print_problems([notice], args))
        return command_handler(args)(args, workspace)
    except InputError as err:
        print_problems(err.problems, args)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:
        # A disk that is full, read-only or failing is not a bug: say so, no traceback.
        print_problems([file_problem(err)], args)
        return EXIT_INPUT


def run() -> None:
    """The `coffeechat` program (its console script, and `python -m coffeechat`).

    A script command ends with `os._exit` once its output is flushed, skipping the
    interpreter's tidying up (freeing every module and object one by one, atexit),
    which `check AGENDA`, `sessions --json` and `followups --json` need to stay
    within 2x of `import tomllib` (bench/README.md, *History*). Not after the app
    ran, nor while another thread does: those tidy up as usual.
    """
    code = main()
    threading = sys.modules.get("threading")
    if "textual" in sys.modules or (threading is not None and threading.active_count() > 1):
        raise SystemExit(code)
    with contextlib.suppress(BrokenPipeError, ValueError):  # the reader left (`| head`)
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)
