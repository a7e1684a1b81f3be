"""Home's Follow-ups list holds the items about people too: the same queue as
`coffeechat followups` (try someone else, nudge), with `d` and `s` working on them.

At `NOW` (Tue 2026-11-24): Priya Patel was asked on Wed 2026-11-18, 4 business days
ago (try someone else: Omar Haddad, also at Acme Health); Lena Ortiz on Tue
2026-11-10, 10 business days ago (nudge).
"""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.people.format import read_person
from coffeechat.core.people.items import PersonItem
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.prompt import PromptDialog
from coffeechat.ui.widgets.people_list import PeopleList
from coffeechat.ui.widgets.queue_list import QueueList
from tests.past_sessions import NOW, fill_workspace
from tests.pilot_helpers import settle
from tests.test_app_themes import toasts


def cli(workspace: Workspace, *args: str) -> None:
    assert main(["--workspace", str(workspace.root), *args], ManualTime(NOW)) == 0


@pytest.fixture
def network(workspace: Workspace) -> Workspace:
    fill_workspace(workspace)
    cli(workspace, "add", "Priya Patel", "--org", "Acme Health")
    cli(workspace, "add", "Omar Haddad", "--org", "Acme Health")
    cli(workspace, "add", "Lena Ortiz", "--org", "Globex")
    cli(workspace, "log", "priya", "asked", "--on", "2026-11-18")
    cli(workspace, "log", "lena", "asked", "--on", "2026-11-10")
    return workspace


def person_items(queue: QueueList) -> dict[str, PersonItem]:
    return {a: i for a, i in queue.items.items() if isinstance(i, PersonItem)}


async def queue_on(pilot: Pilot[None], kind: str) -> tuple[QueueList, PersonItem]:
    """The Follow-ups list, focused, its cursor on the person item of `kind`."""
    await settle(pilot)
    queue = pilot.app.screen.query_one(QueueList)
    queue.focus()
    item = next(i for i in person_items(queue).values() if i.kind == kind)
    queue.highlighted = [o.id for o in queue.options].index(item.address)
    pilot.app.clear_notifications()
    await pilot.pause()
    return queue, item


async def test_people_items_show_in_their_buckets_and_count(network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        queue, item = await queue_on(pilot, "try-another")
        assert item.person == "Priya Patel"
        assert item.bucket == "overdue"
        prompt = str(queue.get_option(item.address).prompt)
        assert item.title in prompt
        assert "· Priya Patel" in prompt
        kinds = sorted(i.kind for i in person_items(queue).values())
        assert kinds == ["nudge", "try-another"]
        # The title counts the same queue as `followups`: the sessions' and the people's.
        sessions = sum(1 for i in queue.items.values() if not isinstance(i, PersonItem))
        assert app.screen.sub_title == f"{sessions + 2} to follow up"
        # A person item has no session: open and thank-you are not offered on it, nor undo.
        assert queue.check_action("select", ()) is False
        assert queue.check_action("draft", ()) is False
        assert queue.check_action("undo", ()) is False
        assert queue.check_action("done", ()) is True


async def test_done_on_a_person_item_logs_it_and_refreshes_both_panes(
    network: Workspace,
) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        queue, item = await queue_on(pilot, "try-another")
        shown = toasts(app)
        await pilot.press("d")
        await settle(pilot)
        priya = read_person(network.person_path("priya-patel"))
        assert [r.status for r in priya.followups if r.id == item.item_id] == ["done"]
        assert item.address not in queue.items
        assert shown == [(f"Done: {item.title}", "information")]
        assert queue.check_action("undo", ()) is False  # not undoable: not offered
        people = app.screen.query_one(PeopleList)
        assert people.network is not None
        listed = people.network.get("priya-patel")
        assert listed is not None
        assert [r.status for r in listed.followups] == ["done"]


async def test_s_snoozes_a_nudge_saying_the_date_back(network: Workspace) -> None:
    app = make_app(network, ManualTime(NOW))
    async with app.run_test(size=(80, 24)) as pilot:
        queue, item = await queue_on(pilot, "nudge")
        shown = toasts(app)
        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        await pilot.press(*"friday", "enter")
        await settle(pilot)
        lena = read_person(network.person_path("lena-ortiz"))
        record = lena.record_of(item.item_id)
        assert record is not None and record.snoozed_until is not None
        assert record.snoozed_until.date().isoformat() == "2026-11-27"
        said = f"Snoozed: {item.title}\nuntil Fri 27 Nov 2026 (in 3 days)"
        assert shown == [(said, "information")]
        assert item.address not in queue.items
        # The snoozed session item of the fixture, and this one.
        assert "2 snoozed" in str(app.screen.query_one("#queue-pane").border_subtitle)
