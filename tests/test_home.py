"""The home screen, driven through Pilot and compared against a snapshot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from coffeechat.core.timesource import ManualTime
from coffeechat.core.workspace import Workspace
from coffeechat.ui.app import make_app

BAD = Path(__file__).parent / "agendas" / "bad" / "wrong-type.toml"


def plan_text(app: object) -> str:
    from textual.app import App

    assert isinstance(app, App)
    return str(app.screen.query_one("#agenda-plan", Static).render())


async def test_home_lists_agendas_and_shows_the_plan(
    workspace: Workspace, clock: ManualTime
) -> None:
    (workspace.agendas / "broken.toml").write_bytes(BAD.read_bytes())
    app = make_app(workspace, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.screen.query_one("#agendas", OptionList)
        assert [o.id for o in options.options] == ["broken", "jane-doe"]
        assert "has problems" in plan_text(app)
        await pilot.press("down")
        assert "What does a typical week look like for you?" in plan_text(app)
        assert app.screen.sub_title == "2 agendas"


async def test_reload_picks_up_new_files(workspace: Workspace, clock: ManualTime) -> None:
    app = make_app(workspace, clock)
    async with app.run_test() as pilot:
        (workspace.agendas / "ada.toml").write_text(
            '[meeting]\nwith = "Ada"\n[[questions]]\ntext = "Why?"\n'
        )
        await pilot.press("r")
        assert len(app.screen.query_one("#agendas", OptionList).options) == 2


async def test_q_quits(workspace: Workspace, clock: ManualTime) -> None:
    app = make_app(workspace, clock)
    async with app.run_test() as pilot:
        await pilot.press("q")
        assert not app.is_running


def test_home_snapshot(snap_compare: object, workspace: Workspace, clock: ManualTime) -> None:
    assert snap_compare(make_app(workspace, clock), terminal_size=(80, 24))  # type: ignore[operator]
