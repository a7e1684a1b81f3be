"""The arguments of every command, and which module runs each one.

This is the whole command line at a glance (DESIGN.md, *Command line*). A command's
code is in the module `COMMANDS` names, imported only when that command runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from coffeechat import __version__

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace

Handler = Callable[[argparse.Namespace, "Workspace"], int]
"""A command: its arguments and the workspace in, the exit code out."""


OWN_WORKSPACE = frozenset({"demo"})
"""The commands that make a workspace of their own: the person's is not even prepared."""

DUE_WORDS = ("today", "week", "all")
"""What `--due` takes: the keys of `followups.DUE_CHOICES` (a test keeps them equal)."""


def command_handler(args: argparse.Namespace) -> Handler:
    """The function that runs the command `args` were parsed for."""
    command = args.command or "home"
    module = importlib.import_module(f"coffeechat.cli.{GROUPS.get(command, command)}")
    handler: Handler = getattr(module, f"cmd_{command}")
    return handler


def help_layout(prog: str) -> argparse.HelpFormatter:
    """argparse's help layout, told the terminal's width so that it does not import
    `shutil` to ask (argparse makes one for every argument it adds, and `shutil`
    brings `bz2`, `lzma` and `threading` along), which `check AGENDA` and
    `sessions --json` need to stay within 2x of `import tomllib` (bench/README.md,
    *History*). The width is `shutil.get_terminal_size`'s, less two as argparse takes it."""
    given = os.environ.get("COLUMNS", "")
    columns = int(given) if given.isdigit() else 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size().columns
        except OSError:
            columns = 80
    return argparse.HelpFormatter(prog, width=max(columns, 22) - 2)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser for every command; for `argv` that name a command
    (`named_command`), only that command has its arguments and is listed. Making a
    subparser costs argparse some 0.2 ms: all of them were 4 ms of each start, a tenth
    of what a script command adds to `import tomllib` (bench/README.md, *History*)."""
    parser = argparse.ArgumentParser(
        prog="coffeechat",
        description="A terminal companion for informational interviews.",
        formatter_class=help_layout,
    )
    parser.add_argument(
        "--workspace", metavar="DIR", help="the workspace folder (default: see README)"
    )
    add_theme_option(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    named = None if argv is None else named_command(argv)
    for name, (_module, summary, add_arguments) in COMMANDS.items():
        if named is None or name == named:
            command = commands.add_parser(name, help=summary, formatter_class=help_layout)
            # Given after the command too; SUPPRESS keeps it from undoing one given before it.
            command.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
            add_arguments(command)
    return parser


def named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` surely names: its first word that is not an option or the value
    of `--workspace` or `--theme`. None when there is no such word (home), when it is no
    command, or when an option before it is one that argparse must read itself (`-h`,
    `--version`, an abbreviation like `--work DIR`): then every command is built."""
    words = iter(argv)
    for word in words:
        if word in VALUED:
            next(words, None)
        elif word.startswith(tuple(f"{option}=" for option in VALUED)):
            continue
        elif word.startswith("-"):
            return None
        else:
            return word if word in COMMANDS else None
    return None


VALUED = ("--workspace", "--theme")
"""The options before a command that take a value."""


def _new(new: argparse.ArgumentParser) -> None:
    new.add_argument("name", metavar="NAME", nargs="?", help='the person\'s name, e.g. "Jane Doe"')
    new.add_argument("--for", dest="for_person", metavar="PERSON", help="a person of the network")
    new.add_argument("--role", default="", help="their title")
    new.add_argument("--organization", default="", help="where they work")
    new.add_argument("--referred-by", default="", help="who introduced you")


def _edit(edit: argparse.ArgumentParser) -> None:
    edit.add_argument(
        "agenda", metavar="AGENDA", help="a path, a name under agendas/, or a person (people/ID)"
    )


def _run(run: argparse.ArgumentParser) -> None:
    run.add_argument("agenda", metavar="AGENDA", help="a path, or a name under agendas/")
    run.add_argument(
        "--duration", metavar="DUR", help="the agreed window, e.g. 20m (default: the agenda's)"
    )
    add_theme_option(run, argparse.SUPPRESS)


def _check(check: argparse.ArgumentParser) -> None:
    check.add_argument("files", metavar="FILE", nargs="+", help="agenda files or names")


def _nothing(_parser: argparse.ArgumentParser) -> None:
    """A command without arguments of its own."""


def _sessions(sessions: argparse.ArgumentParser) -> None:
    sessions.add_argument("--json", action="store_true", help="print JSON (see README)")


def _show(show: argparse.ArgumentParser) -> None:
    show.add_argument("session", metavar="SESSION", help="a session id, or a unique part of one")
    show.add_argument("--markdown", action="store_true", help="print it as Markdown")


def _followups(followups: argparse.ArgumentParser) -> None:
    followups.add_argument(
        "--due",
        choices=DUE_WORDS,
        default="all",
        help="today: overdue and due today; week: also the next 6 days; all (default)",
    )
    followups.add_argument("--json", action="store_true", help="print JSON (see README)")
    followups.add_argument(
        "--ics", metavar="FILE", help="write the items as calendar to-dos (- for stdout)"
    )
    followups.add_argument(
        "--snoozed", action="store_true", help="also show snoozed items, with their dates"
    )


def _done(done: argparse.ArgumentParser) -> None:
    done.add_argument("id", metavar="ID", help="e.g. 2026-11-24-1501-jane-doe/thank-you")


def _snooze(snooze: argparse.ArgumentParser) -> None:
    from coffeechat.core.queue.dates import EXAMPLES as WHEN_EXAMPLES  # the date grammar

    snooze.add_argument("id", metavar="ID", help="e.g. 2026-11-24-1501-jane-doe/thank-you")
    snooze.add_argument("when", metavar="WHEN", nargs="+", help=f"a date, e.g. {WHEN_EXAMPLES}")


def _draft(draft: argparse.ArgumentParser) -> None:
    draft.add_argument("session", metavar="SESSION", help="a session id, or a unique part of one")
    draft.add_argument("--output", metavar="FILE", help="write it to FILE instead of printing")


def _demo(demo: argparse.ArgumentParser) -> None:
    demo.add_argument(
        "--keep", metavar="DIR", help="write the demo into DIR (new or empty) instead, to explore"
    )
    add_theme_option(demo, argparse.SUPPRESS)


def _people(people: argparse.ArgumentParser) -> None:
    """`cli.people` checks the words of --state (and of `log`'s EVENT)."""
    people.add_argument("--state", metavar="S", help="only the people in this state, e.g. asked")
    people.add_argument("--json", action="store_true", help="print JSON (see README)")


def _person(person: argparse.ArgumentParser) -> None:
    person.add_argument("person", metavar="PERSON", help="an id, a name, or a unique part of one")
    person.add_argument("--json", action="store_true", help="print JSON (see README)")


def _add(add: argparse.ArgumentParser) -> None:
    add.add_argument("name", metavar="NAME", help='their name, e.g. "Priya Patel"')
    add.add_argument("--role", default="", help="their title")
    add.add_argument("--org", default="", help="where they work")
    add.add_argument("--contact", default="", help="an email, a phone number or a profile URL")
    add.add_argument("--referred-by", default="", metavar="PERSON", help="who introduced you")
    add.add_argument("--tag", action="append", default=[], help="a tag (again for more)")


def _log(log: argparse.ArgumentParser) -> None:
    log.add_argument("person", metavar="PERSON", help="an id, a name, or a unique part of one")
    log.add_argument(
        "event", metavar="EVENT", help="asked, nudged, replied, scheduled, declined..."
    )
    log.add_argument("--on", metavar="WHEN", help="when (default today), e.g. yesterday, fri 15:00")
    log.add_argument("--note", metavar="TEXT", help="what was said or how")


def _import(found: argparse.ArgumentParser) -> None:
    found.add_argument("file", metavar="FILE", help="the exported file")
    found.add_argument("--dry-run", action="store_true", help="say who would be added, add nobody")


def _learned(learned: argparse.ArgumentParser) -> None:
    learned.add_argument(
        "phrase", metavar="PHRASE", nargs="*", help='narrow to a question, e.g. "typical week"'
    )
    learned.add_argument("--markdown", action="store_true", help="print it as Markdown")
    learned.add_argument("--json", action="store_true", help="print JSON (see README)")


COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None]]] = {
    "new": ("agendas", "write a new agenda from the commented template", _new),
    "edit": ("agendas", "open an agenda or a person in $EDITOR and check it on exit", _edit),
    "run": ("call", "start a call from an agenda (or resume an unfinished one)", _run),
    "check": ("agendas", "check agenda files", _check),
    "themes": ("themes", "list the themes, built-in and the workspace's own", _nothing),
    "sessions": ("sessions", "list past sessions", _sessions),
    "show": ("sessions", "print one session", _show),
    "followups": ("queue", "the follow-up queue: what to do after your calls", _followups),
    "done": ("queue", "mark a follow-up done", _done),
    "snooze": ("queue", "hide a follow-up until a date", _snooze),
    "draft": ("sessions", "draft the thank-you note for a session (never sent)", _draft),
    "demo": ("demo", "open the app on a demo campaign in a temporary folder", _demo),
    "people": ("people", "the network: everyone by state, with the next step", _people),
    "person": ("people", "one person: log, sessions, referrals, introductions", _person),
    "add": ("people", "add a person to the network", _add),
    "log": ("people", "record what happened with a person", _log),
    "import": ("people", "add contacts: LinkedIn Connections.csv, Google CSV, vCard", _import),
    "learned": ("learned", "what your calls taught: goals, answers side by side, time", _learned),
}
"""Every command, in the order `--help` lists them: the module of `coffeechat.cli` that
runs it (as `cmd_<command>`), what it does, and its arguments."""
GROUPS = {name: module for name, (module, _summary, _arguments) in COMMANDS.items()}
"""The module that runs each command (`coffeechat` alone opens home: `cli.home`)."""


def add_theme_option(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """`--theme NAME` for the commands that open the app (used for that run, not saved).

    The top-level parser takes it with `default=None`; a subcommand that opens the app
    (`run`) takes it with `default=argparse.SUPPRESS`, so that a `--theme` given before
    the subcommand is not undone by the subcommand's own default.
    """
    parser.add_argument(
        "--theme", metavar="NAME", default=default, help="the theme to use (see: coffeechat themes)"
    )
