"""End to end through a real terminal (tmux): a call with two referrals, and then
`coffeechat people` lists both as to-ask, referred by the person met."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from coffeechat.core.files.workspace import Workspace
from tests.terminal import Terminal, coffeechat_command, gone, running_call

pytestmark = pytest.mark.e2e


@pytest.fixture
def terminal(workspace: Workspace, tmp_path: Path) -> Iterator[Terminal]:
    """`coffeechat run jane-doe` in an 80x24 terminal, the call on screen."""
    with running_call(workspace, tmp_path, shown="left of 20m") as term:
        yield term


def test_a_call_s_two_referrals_become_people_to_ask(
    terminal: Terminal, workspace: Workspace
) -> None:
    terminal.type("They mostly do research.")
    terminal.type("\x12Priya Patel\rDesign Manager\rpriya@acme.example\rSay Jane sent me\r")
    terminal.wait_for("They mostly do research.")
    terminal.type("\x12Omar Haddad\r\r\r\r")
    terminal.keys("C-e")
    terminal.wait_for("Reach out to Omar Haddad")
    terminal.keys("C-s")
    assert terminal.exit_code() == 0
    assert gone(terminal.pid)
    assert "Traceback" not in terminal.screen()

    out = subprocess.run(
        coffeechat_command(workspace, "people", "--json"),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    people = {p["id"]: p for p in json.loads(out)["people"]}
    assert set(people) == {"jane-doe", "priya-patel", "omar-haddad"}
    for referral in ("priya-patel", "omar-haddad"):
        assert people[referral]["state"] == "to-ask"
        assert people[referral]["referred_by"] == "jane-doe"
    assert people["jane-doe"]["state"] == "met"
    assert people["priya-patel"]["contact"] == "priya@acme.example"
