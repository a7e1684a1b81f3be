"""The command line: parse arguments, call `core`, or start the Textual app.

Commands that scripts use (`check`, `sessions`, `followups`, `done`, `snooze`) never
import Textual, and each command imports only what it needs, inside its handler: a
script command then starts in about twice the time of a bare `import tomllib`.
Every failure caused by the user's input is printed as
`path:line:col: message` with a hint, exit code 1; bad usage exits 2; no traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coffeechat.aftercall import add_commands
from coffeechat.core.files.workspace import Workspace, default_workspace, prepare
from coffeechat.core.problems import InputError, Problem
from coffeechat.output import escaped_output

if TYPE_CHECKING:
    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.settings import Settings
    from coffeechat.core.timesource import TimeSource

Handler = Callable[[argparse.Namespace, Workspace], int]

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help layout, sized to the terminal without importing `shutil`.

    argparse makes a formatter for every argument it adds, and its own one imports
    `shutil` (with three compression modules) to ask the terminal's width: a few
    milliseconds of every start, for help that is rarely printed.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or terminal_width())


def terminal_width() -> int:
    """Columns for help text: `$COLUMNS`, else the terminal's, else 80 (less two, as
    argparse does)."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 80
    return max(columns, 20) - 2


class Parser(argparse.ArgumentParser):
    """argparse's parser with coffeechat's `HelpFormatter` (its subcommands too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = Parser(
        prog="coffeechat", description="A terminal companion for informational interviews."
    )
    parser.add_argument(
        "--workspace", metavar="DIR", help="the workspace folder (default: see README)"
    )
    add_theme_option(parser)
    # Given after the command too; SUPPRESS keeps it from undoing one given before it.
    common = Parser(add_help=False)
    common.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    new = commands.add_parser(
        "new", parents=[common], help="write a new agenda from the commented template"
    )
    new.add_argument("name", metavar="NAME", help='the person\'s name, e.g. "Jane Doe"')
    new.add_argument("--role", default="", help="their title")
    new.add_argument("--organization", default="", help="where they work")
    new.add_argument("--referred-by", default="", help="who introduced you")
    new.set_defaults(handler=cmd_new)

    edit = commands.add_parser(
        "edit", parents=[common], help="open an agenda in $EDITOR and check it on exit"
    )
    edit.add_argument("agenda", metavar="AGENDA", help="a path, or a name under agendas/")
    edit.set_defaults(handler=cmd_edit)

    run = commands.add_parser(
        "run", parents=[common], help="start a call from an agenda (or resume an unfinished one)"
    )
    run.add_argument("agenda", metavar="AGENDA", help="a path, or a name under agendas/")
    run.add_argument(
        "--duration", metavar="DUR", help="the agreed window, e.g. 20m (default: the agenda's)"
    )
    add_theme_option(run, argparse.SUPPRESS)
    run.set_defaults(handler=cmd_run)

    check = commands.add_parser("check", parents=[common], help="check agenda files")
    check.add_argument("files", metavar="FILE", nargs="+", help="agenda files or names")
    check.set_defaults(handler=cmd_check)

    themes = commands.add_parser(
        "themes", parents=[common], help="list the themes, built-in and the workspace's own"
    )
    themes.set_defaults(handler=cmd_themes)
    add_commands(commands, common)
    return parser


def add_theme_option(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """`--theme NAME` for the commands that open the app (used for that run, not saved).

    The top-level parser takes it with `default=None`; a subcommand that opens the app
    (`run`) takes it with `default=argparse.SUPPRESS`, so that a `--theme` given before
    the subcommand is not undone by the subcommand's own default.
    """
    parser.add_argument(
        "--theme", metavar="NAME", default=default, help="the theme to use (see: coffeechat themes)"
    )


def main(argv: Sequence[str] | None = None, time: TimeSource | None = None) -> int:
    """Run coffeechat with `argv` (default: the process's arguments); the exit code.

    `time` is the clock the commands use (tests pass a `ManualTime`). Nothing it
    prints carries a raw control character (see `coffeechat.output`).
    """
    with escaped_output():
        return _run(argv, time)


def _run(argv: Sequence[str] | None, time: TimeSource | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.time = time
    try:
        workspace = prepare(
            default_workspace(args.workspace), notify=lambda notice: print_problems([notice])
        )
        handler: Handler = getattr(args, "handler", cmd_home)
        return handler(args, workspace)
    except InputError as err:
        print_problems(err.problems)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as err:
        # A disk that is full, read-only or failing is not a bug: say so, no traceback.
        print_problems([file_problem(err)])
        return EXIT_INPUT


def run() -> None:
    """The `coffeechat` program: `main`, then, after a command that opened no window,
    an exit without tidying up.

    A command that read thousands of session summaries would otherwise spend a
    tenth of its time freeing them one by one while the interpreter shuts down.
    Only when no window was opened and no other thread runs: then nothing is left
    to finish but the output, which is flushed first.
    """
    code = main()
    threading = sys.modules.get("threading")
    if "textual" in sys.modules or (threading is not None and threading.active_count() > 1):
        sys.exit(code)
    with contextlib.suppress(BrokenPipeError, ValueError):  # the reader left (`| head`)
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def file_problem(err: OSError, shown: str | None = None) -> Problem:
    """An operating-system error on a file, as a problem a person can act on."""
    from coffeechat.core.files.atomic import reason, remedy

    where = shown or str(err.filename or "coffeechat")
    return Problem(where, 0, 0, reason(err), remedy(err))


def print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    """Write problems to stderr, one `path:line:col: message` each, with hints."""
    out = stream or sys.stderr
    for problem in problems:
        print(problem.render(), file=out)


def cmd_home(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat`: the home screen."""
    from coffeechat.ui.app import make_app

    app = make_app(workspace, args.time, settings_of(workspace), theme=args.theme)
    app.run()
    return app.return_code or EXIT_OK


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


def cmd_themes(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat themes`: each theme, where it comes from, and which one is in use."""
    from coffeechat.core.themes import DEFAULT_THEME, load_themes
    from coffeechat.ui.colours import TextualValues  # Textual's colour grammar only

    catalogue = load_themes(workspace.themes, TextualValues(), workspace.display)
    settings = settings_of(workspace)
    wanted = settings.theme or DEFAULT_THEME
    current = wanted if wanted in catalogue.themes else DEFAULT_THEME
    width = max((len(name) for name in catalogue.themes), default=0)
    for name in catalogue.names():
        theme = catalogue.themes[name]
        mark = "*" if name == current else " "
        source = theme.source
        if name in catalogue.replaced:
            source += " (replaces the built-in)"
        shade = "dark" if theme.dark else "light"
        about = f"  {theme.description}" if theme.description else ""
        print(f"{mark} {name:<{width}}  {shade:<5}  {source}{about}")
    print_problems(catalogue.problems)
    if wanted != current:
        print(f"{wanted} cannot be used; coffeechat starts with {current}", file=sys.stderr)
    return EXIT_INPUT if catalogue.problems else EXIT_OK


def settings_of(workspace: Workspace) -> Settings:
    """The workspace's settings; `InputError` if its `coffeechat.toml` is wrong."""
    from coffeechat.core.settings import load_settings

    return load_settings(workspace.settings, workspace.display(workspace.settings))


def read_agenda(workspace: Workspace, path: Path, shown: str) -> Agenda:
    """Load an agenda with the workspace's default window and warnings."""
    from coffeechat.core.agendas.agenda import load_agenda

    settings = settings_of(workspace)
    return load_agenda(path, shown, settings.duration, settings.warn_at)


def cmd_new(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat new NAME`: write an agenda from the template, never overwriting."""
    from coffeechat.core.agendas.template import Person, agenda_slug, agenda_template
    from coffeechat.core.files import atomic

    slug = agenda_slug(args.name)
    path = workspace.agendas / f"{slug}.toml"
    shown = workspace.display(path)
    person = Person(
        name=" ".join(args.name.split()),
        role=args.role,
        organization=args.organization,
        referred_by=args.referred_by,
    )
    try:
        atomic.write_new(path, agenda_template(person, shown))
    except FileExistsError:
        raise InputError.at(
            shown,
            "an agenda with this name already exists; it was left as it is",
            f"open it with: coffeechat edit {slug}",
            line=0,
            col=0,
        ) from None
    except OSError as err:
        raise InputError([file_problem(err, shown)]) from None
    print(f"Wrote {shown}")
    print(f"Next: coffeechat edit {slug}   then, at call time: coffeechat run {slug}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat check FILE...`: a summary per valid file, every problem otherwise."""
    status = EXIT_OK
    for ref in args.files:
        try:
            agenda = read_agenda(workspace, *_check_target(workspace, ref))
        except InputError as err:
            print_problems(err.problems)
            status = EXIT_INPUT
            continue
        print_problems(agenda.warnings)
        print(summary(agenda))
    return status


def _check_target(workspace: Workspace, ref: str) -> tuple[Path, str]:
    """The file `check` reads for `ref`, and how to name it: as typed, if it is a path."""
    if "\0" not in ref and Path(ref).exists():
        return Path(ref), ref
    try:
        path = workspace.agenda_path(ref)
    except InputError:
        return Path(ref), ref
    return path, workspace.display(path)


def summary(agenda: Agenda) -> str:
    """One line saying a valid agenda is ready: who, how long, how many questions."""
    from coffeechat.core.agendas.durations import format_duration

    meeting = agenda.meeting
    who = meeting.person + (f" ({meeting.organization})" if meeting.organization else "")
    must = sum(1 for q in agenda.questions if q.priority == "must")
    count = len(agenda.questions)
    line = (
        f"{agenda.path}: ok: {who}, {format_duration(agenda.duration)}, "
        f"{count} question{'s' if count != 1 else ''} ({must} must)"
    )
    if agenda.warnings:
        count = len(agenda.warnings)
        line += f", {count} warning{'s' if count > 1 else ''}"
    return line


def cmd_edit(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat edit AGENDA`: edit, re-check, offer to reopen until it is valid."""
    import subprocess

    from coffeechat.core.files.editor import editor_command

    path = workspace.agenda_path(args.agenda)
    shown = workspace.display(path)
    editor = editor_command()
    while True:
        try:
            subprocess.run([*editor, str(path)], check=False)
        except OSError as err:
            raise InputError.at(
                " ".join(editor),
                f"cannot start the editor: {err.strerror}",
                "set $EDITOR to your editor, e.g. export EDITOR=nano",
                line=0,
                col=0,
            ) from None
        try:
            agenda = read_agenda(workspace, path, shown)
        except InputError as err:
            print_problems(err.problems)
            if not ask("The agenda has problems. Reopen it in the editor? [Y/n] "):
                return EXIT_INPUT
            continue
        print_problems(agenda.warnings)
        print(summary(agenda))
        return EXIT_OK


def ask(question: str) -> bool:
    """Ask yes/no on the terminal (default yes); without a terminal, the answer is no."""
    if not sys.stdin.isatty():
        return False
    try:
        answer = input(question).strip().lower()
    except EOFError:
        return False
    return answer in ("", "y", "yes")
