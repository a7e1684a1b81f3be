"""Every command the command line tells a person to type repeats `--workspace DIR`
when the run was given it (typed in another folder, it would act on another
workspace), with the folder made absolute; without it, the hint is as short as can be.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from icalendar import Calendar

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW

COMMANDS = re.compile(
    r"coffeechat(?: --workspace \S+)? (?:new|edit|run|sessions|followups|done|draft)"
)


def printed(
    capsys: pytest.CaptureFixture[str], workspace: Workspace | None, *args: str
) -> list[str]:
    """The commands `coffeechat [--workspace W] ARGS` tells a person to type."""
    given = ["--workspace", str(workspace.root)] if workspace is not None else []
    main([*given, *args], ManualTime(NOW))
    out, err = capsys.readouterr()
    return COMMANDS.findall(out + err)


def test_each_printed_command_repeats_the_workspace(
    filled: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine = f"coffeechat --workspace {shlex.quote(str(filled.root))}"
    calendar = tmp_path / "queue.ics"
    hints = [
        *printed(capsys, filled, "new", "Priya Raman"),  # Next: edit, then run
        *printed(capsys, filled, "new", "Priya Raman"),  # exists: open it with edit
        *printed(capsys, filled, "followups"),  # a snoozed item is hidden: --snoozed
        *printed(capsys, filled, "show", "nobody"),  # see them with: sessions
        *printed(capsys, filled, "done", "x/y"),  # ids look like …: followups
        *printed(capsys, filled, "followups", "--ics", str(calendar)),
    ]
    todos = Calendar.from_ical(calendar.read_bytes()).walk("VTODO")
    in_calendar = [COMMANDS.findall(str(todo["description"])) for todo in todos]
    hints += [hint for found in in_calendar for hint in found]
    assert len(hints) == 6 + 5 + 2  # 5 open to-dos to mark done, 2 thank-yous to draft
    assert all(hint.startswith(f"{mine} ") for hint in hints), hints


def test_a_relative_workspace_is_repeated_as_an_absolute_one(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace.root.parent)
    main(["--workspace", workspace.root.name, "new", "Priya Raman"])
    out = capsys.readouterr().out
    assert f"Next: coffeechat --workspace {workspace.root} edit priya-raman" in out
    assert os.path.isabs(str(workspace.root))


def test_without_a_workspace_the_hint_names_none(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COFFEECHAT_HOME", str(workspace.root))
    assert printed(capsys, None, "new", "Priya Raman") == [
        "coffeechat edit",
        "coffeechat run",
    ]
