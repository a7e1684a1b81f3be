"""Home's People pane, driven through Pilot and compared against snapshots.

The network: Sam Lee (met), Jane Doe (to ask, referred by Sam), Priya Patel (asked
on 2026-11-16, silent for 6 business days at `NOW`), Omar Haddad (to ask, Globex).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.people.format import read_person
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.actions import screen_actions
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.prompt import PromptDialog
from coffeechat.ui.widgets.people_list import PeopleList
from tests.past_sessions import NOW
from tests.pilot_helpers import settle


def cli(workspace: Workspace, *args: str) -> None:
    assert main(["--workspace", str(workspace.root), *args], ManualTime(NOW)) == 0


@pytest.fixture
def network(workspace: Workspace) -> Workspace:
    cli(workspace, "add", "Sam Lee", "--org", "Acme Health")
    cli(workspace, "add", "Jane Doe", "--org", "Acme Health", "--referred-by", "sam")
    cli(workspace, "add", "Priya Patel", "--org", "Acme Health", "--referred-by", "jane-doe")
    cli(workspace, "add", "Omar Haddad", "--org", "Globex")
    cli(workspace, "log", "priya", "asked", "--on", "2026-11-16", "--note", "LinkedIn")
    cli(workspace, "log", "sam", "met", "--on", "2026-11-10")
    return workspace


async def people_ready(pilot: Pilot[None]) -> PeopleList:
    await settle(pilot)
    people = pilot.app.screen.query_one(PeopleList)
    people.focus()
    pilot.app.clear_notifications()
    await pilot.pause()
    return people


async def test_the_pane_lists_everyone_by_state_with_the_next_step(network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        people = await people_ready(pilot)
        assert list(people.rows) == ["priya-patel", "jane-doe", "omar-haddad", "sam-lee"]
        first = str(people.get_option_at_index(0).prompt)
        assert "Priya Patel · Acme Health  asked" in first
        assert "No answer from Priya Patel yet: ask Jane Doe" in first
        pane = app.screen.query_one("#people-pane")
        assert str(pane.border_subtitle) == "2 to ask · 1 waiting"


async def test_keys_log_from_home_and_are_offered_in_help(network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        people = await people_ready(pilot)
        titles = {a.title for a in screen_actions(app.screen)}
        assert {"People: asked", "People: replied", "People: scheduled", "People: declined"} <= (
            titles
        )
        people.highlighted = list(people.rows).index("omar-haddad")
        await pilot.press("a")
        await settle(pilot)
        omar = read_person(network.person_path("omar-haddad"))
        assert [(e.event, e.on) for e in omar.log] == [("asked", NOW.date())]
        assert people.rows["omar-haddad"].state == "asked"
        assert people.highlighted_row is not None
        assert people.highlighted_row.person.id == "omar-haddad"


async def test_scheduled_asks_when_and_says_it_back(network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        people = await people_ready(pilot)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        assert dialog.check("fri 3pm") == "→ Fri 27 Nov 2026 (in 3 days), 15:00"
        dialog.dismiss("fri 3pm")
        await settle(pilot)
        priya = read_person(network.person_path("priya-patel"))
        assert priya.log[-1].event == "scheduled"
        assert people.rows["priya-patel"].state == "scheduled"


async def test_the_filter_keeps_the_people_it_matches(network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        people = await people_ready(pilot)
        app.screen.query_one("#people-filter", Input).value = "globex"
        await pilot.pause()
        assert list(people.rows) == ["omar-haddad"]
        app.screen.query_one("#people-filter", Input).value = "to-ask"
        await pilot.pause()
        assert list(people.rows) == ["jane-doe", "omar-haddad"]


async def test_a_bad_person_file_hides_no_one(network: Workspace) -> None:
    Path(network.person_path("broken")).write_text('format = 1\nname = "Broken\n')
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        people = app.screen.query_one(PeopleList)
        assert len(people.rows) == 4
        pane = app.screen.query_one("#people-pane")
        assert "1 unreadable" in str(pane.border_subtitle)


async def ready(pilot: Pilot[None]) -> None:
    await people_ready(pilot)


def test_people_pane_snapshot_small(snap_compare: object, network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    assert snap_compare(app, terminal_size=(80, 24), run_before=ready)  # type: ignore[operator]


def test_people_pane_snapshot_wide(snap_compare: object, network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    assert snap_compare(app, terminal_size=(200, 60), run_before=ready)  # type: ignore[operator]
