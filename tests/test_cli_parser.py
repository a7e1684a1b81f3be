"""The parser built for the command the arguments name reads them as the whole one does."""

from __future__ import annotations

import argparse
import contextlib
import io

import pytest

from coffeechat.cli.parser import COMMANDS, build_parser, named_command

ARGVS = [
    [],
    ["followups", "--json"],
    ["--workspace", "/w", "followups", "--due", "today"],
    ["--workspace=/w", "sessions", "--json"],
    ["--theme", "nord", "run", "jane-doe", "--duration", "20m"],
    ["run", "jane-doe", "--theme", "nord", "--workspace", "/x"],
    ["--workspace", "sessions", "followups"],  # a workspace folder named like a command
    ["--work", "run", "people", "--json"],  # an abbreviation: argparse reads it
    ["snooze", "2026-11-24-1501-jane-doe/thank-you", "next", "tuesday"],
    ["add", "Priya Patel", "--tag", "design", "--tag", "health"],
    ["learned", "typical", "week", "--markdown"],
    ["import", "Connections.csv", "--dry-run"],
    ["new", "--for", "priya-patel"],
    ["check", "a.toml", "b.toml"],
    ["themes"],
]


def parsed(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | str:
    """The namespace, or what argparse printed as it refused the arguments."""
    out = io.StringIO()
    try:
        with contextlib.redirect_stderr(out), contextlib.redirect_stdout(out):
            return parser.parse_args(argv)
    except SystemExit:
        return out.getvalue()


@pytest.mark.parametrize("argv", ARGVS, ids=" ".join)
def test_the_narrowed_parser_reads_as_the_whole_one(argv: list[str]) -> None:
    assert parsed(build_parser(argv), argv) == parsed(build_parser(), argv)


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        ([], None),
        (["followups", "--json"], "followups"),
        (["--workspace", "sessions", "followups"], "followups"),
        (["--workspace=/w", "--theme", "nord", "run", "x"], "run"),
        (["--work", "run", "people"], None),
        (["-h"], None),
        (["--version"], None),
        (["--workspace", "/w"], None),
        (["bogus", "--json"], None),
    ],
)
def test_the_command_named(argv: list[str], named: str | None) -> None:
    assert named_command(argv) == named


def test_help_and_a_wrong_command_still_list_every_command() -> None:
    listed = parsed(build_parser(["bogus"]), ["bogus"])
    assert isinstance(listed, str)
    for name in COMMANDS:
        assert repr(name) in listed
