"""The arguments of every command, and which module runs each one.

This is the whole command line at a glance (DESIGN.md, *Command line*). A command's
code is in the module `GROUPS` names, imported only when that command runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from coffeechat import __version__
from coffeechat.core.queue.dates import EXAMPLES as WHEN_EXAMPLES

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace

Handler = Callable[[argparse.Namespace, "Workspace"], int]
"""A command: its arguments and the workspace in, the exit code out."""

GROUPS = {
    "new": "agendas",
    "edit": "agendas",
    "check": "agendas",
    "run": "call",
    "sessions": "sessions",
    "show": "sessions",
    "draft": "sessions",
    "followups": "queue",
    "done": "queue",
    "snooze": "queue",
    "learned": "learned",
    "themes": "themes",
    "demo": "demo",
    "people": "people",
    "person": "people",
    "add": "people",
    "log": "people",
    "import": "people",
}
"""The module of `coffeechat.cli` that runs each command, as `cmd_<command>`
(`coffeechat` alone opens home: `cli.home`)."""

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


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
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
    # Given after the command too; SUPPRESS keeps it from undoing one given before it.
    common = argparse.ArgumentParser(add_help=False, formatter_class=help_layout)
    common.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        made: argparse.ArgumentParser = commands.add_parser(
            name, parents=[common], help=help, formatter_class=help_layout
        )
        return made

    new = command("new", "write a new agenda from the commented template")
    new.add_argument("name", metavar="NAME", nargs="?", help='the person\'s name, e.g. "Jane Doe"')
    new.add_argument("--for", dest="for_person", metavar="PERSON", help="a person of the network")
    new.add_argument("--role", default="", help="their title")
    new.add_argument("--organization", default="", help="where they work")
    new.add_argument("--referred-by", default="", help="who introduced you")

    edit = command("edit", "open an agenda or a person in $EDITOR and check it on exit")
    edit.add_argument(
        "agenda", metavar="AGENDA", help="a path, a name under agendas/, or a person (people/ID)"
    )

    run = command("run", "start a call from an agenda (or resume an unfinished one)")
    run.add_argument("agenda", metavar="AGENDA", help="a path, or a name under agendas/")
    run.add_argument(
        "--duration", metavar="DUR", help="the agreed window, e.g. 20m (default: the agenda's)"
    )
    add_theme_option(run, argparse.SUPPRESS)

    check = command("check", "check agenda files")
    check.add_argument("files", metavar="FILE", nargs="+", help="agenda files or names")

    command("themes", "list the themes, built-in and the workspace's own")

    sessions = command("sessions", "list past sessions")
    sessions.add_argument("--json", action="store_true", help="print JSON (see README)")

    show = command("show", "print one session")
    show.add_argument("session", metavar="SESSION", help="a session id, or a unique part of one")
    show.add_argument("--markdown", action="store_true", help="print it as Markdown")

    followups = command("followups", "the follow-up queue: what to do after your calls")
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

    done = command("done", "mark a follow-up done")
    done.add_argument("id", metavar="ID", help="e.g. 2026-11-24-1501-jane-doe/thank-you")

    snooze = command("snooze", "hide a follow-up until a date")
    snooze.add_argument("id", metavar="ID", help="e.g. 2026-11-24-1501-jane-doe/thank-you")
    snooze.add_argument("when", metavar="WHEN", nargs="+", help=f"a date, e.g. {WHEN_EXAMPLES}")

    draft = command("draft", "draft the thank-you note for a session (never sent)")
    draft.add_argument("session", metavar="SESSION", help="a session id, or a unique part of one")
    draft.add_argument("--output", metavar="FILE", help="write it to FILE instead of printing")

    demo = command("demo", "open the app on a demo campaign in a temporary folder")
    demo.add_argument(
        "--keep", metavar="DIR", help="write the demo into DIR (new or empty) instead, to explore"
    )
    add_theme_option(demo, argparse.SUPPRESS)
    add_people_commands(command)

    learned = command("learned", "what your calls taught: goals, answers side by side, time")
    learned.add_argument(
        "phrase", metavar="PHRASE", nargs="*", help='narrow to a question, e.g. "typical week"'
    )
    learned.add_argument("--markdown", action="store_true", help="print it as Markdown")
    learned.add_argument("--json", action="store_true", help="print JSON (see README)")
    return parser


def add_people_commands(command: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The network's commands (`cli.people`: it checks the words of --state and EVENT)."""
    people = command("people", "the network: everyone by state, with the next step")
    people.add_argument("--state", metavar="S", help="only the people in this state, e.g. asked")
    people.add_argument("--json", action="store_true", help="print JSON (see README)")

    person = command("person", "one person: log, sessions, referrals, introductions")
    person.add_argument("person", metavar="PERSON", help="an id, a name, or a unique part of one")
    person.add_argument("--json", action="store_true", help="print JSON (see README)")

    add = command("add", "add a person to the network")
    add.add_argument("name", metavar="NAME", help='their name, e.g. "Priya Patel"')
    add.add_argument("--role", default="", help="their title")
    add.add_argument("--org", default="", help="where they work")
    add.add_argument("--contact", default="", help="an email, a phone number or a profile URL")
    add.add_argument("--referred-by", default="", metavar="PERSON", help="who introduced you")
    add.add_argument("--tag", action="append", default=[], help="a tag (again for more)")

    log = command("log", "record what happened with a person")
    log.add_argument("person", metavar="PERSON", help="an id, a name, or a unique part of one")
    log.add_argument(
        "event", metavar="EVENT", help="asked, nudged, replied, scheduled, declined..."
    )
    log.add_argument("--on", metavar="WHEN", help="when (default today), e.g. yesterday, fri 15:00")
    log.add_argument("--note", metavar="TEXT", help="what was said or how")

    found = command("import", "add contacts: LinkedIn Connections.csv, Google CSV, vCard")
    found.add_argument("file", metavar="FILE", help="the exported file")
    found.add_argument("--dry-run", action="store_true", help="say who would be added, add nobody")


def add_theme_option(parser: argparse.ArgumentParser, default: str | None = None) -> None:
    """`--theme NAME` for the commands that open the app (used for that run, not saved).

    The top-level parser takes it with `default=None`; a subcommand that opens the app
    (`run`) takes it with `default=argparse.SUPPRESS`, so that a `--theme` given before
    the subcommand is not undone by the subcommand's own default.
    """
    parser.add_argument(
        "--theme", metavar="NAME", default=default, help="the theme to use (see: coffeechat themes)"
    )
