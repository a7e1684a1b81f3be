"""Issue 15 on the live screen: the warnings said at start, checklists ticked from the
keyboard, numbers that stay, every size readable, capture that cancels."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.actions import screen_actions
from coffeechat.ui.screens.wrapup import WrapUpScreen
from coffeechat.ui.widgets.cheat_sheet import CheatSheet
from coffeechat.ui.widgets.question_list import QuestionList
from coffeechat.ui.widgets.tick_box import TickBox
from tests.call_helpers import Notes, call_app, call_screen, on_disk

SMALL, LARGE = (80, 24), (200, 60)
PRIYA = Path(__file__).parent / "agendas" / "good" / "priya-raman.toml"
LONG_QUESTION = (
    "What does a typical week look like for you, and how much of it is spent in "
    "meetings versus hands-on build work?"
)


def with_priya(workspace: Workspace) -> Workspace:
    shutil.copy(PRIYA, workspace.agendas / "priya-raman.toml")
    return workspace


def shown(widget: Static) -> str:
    return str(widget.render())


async def test_a_short_call_says_which_warnings_it_dropped_and_still_closes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(with_priya(workspace), clock, duration=120, agenda="priya-raman")
    toasts = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await pilot.pause()
        assert ("Warnings", "Warnings at 5m and 2m do not fit a 2m call: dropped; "
                "closing warning at 30s left instead.") in toasts.shown  # fmt: skip
        clock.advance(95)
        screen.tick()
        await pilot.pause()
        checklist = screen.query_one("#checklist", Static)
        assert checklist.display
        assert checklist.border_title == "Closing: time to wrap up"


async def test_checklists_tick_from_the_keyboard_and_the_wrap_up_shows_what_was_left(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(with_priya(workspace), clock, agenda="priya-raman")
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        titles = [action.title for action in screen_actions(screen)]
        assert "Call: tick checklist" in titles
        checklist = screen.query_one("#checklist", Static)
        await pilot.press("ctrl+n")  # nothing ticked: the opening stays
        assert checklist.display and checklist.border_title == "Opening"
        await pilot.press("f5")
        assert "☑ Thank her for the time" in shown(checklist)
        assert "☐ Say Dana referred me" in shown(checklist)
        assert app.focused is screen.notes
        saved = on_disk(screen)
        assert [i.text for i in saved.checklist if i.ticked] == ["Thank her for the time"]
        await pilot.press("ctrl+e")
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        left = " ".join(shown(s) for s in wrap.query(Static))
        assert "☐ Say Dana referred me (opening)" in left
        assert "☐ Ask permission to follow up (closing)" in left
        assert "Thank her for the time (opening)" not in left


async def test_an_added_question_never_renumbers_the_others(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(with_priya(workspace), clock, agenda="priya-raman")
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        before = [q.text for q in screen.call.session.questions]
        await pilot.press("f3", *"Remote?", "enter")
        assert [q.text for q in screen.call.session.questions][:6] == before
        assert screen.call.session.questions[6].text == "Remote?"
        pacing = shown(screen.query_one("#pacing", Static))
        assert "must-ask left: Q1, Q2, Q4, Q6" in pacing
        await pilot.press("ctrl+n")
        assert screen.call.current == 6


async def test_at_80x24_the_current_question_and_the_person_are_whole(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(with_priya(workspace), clock, agenda="priya-raman")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        screen = call_screen(app)
        await pilot.pause()
        text = screen.query_one("#question-text", Static)
        assert " ".join(shown(text).split()) == LONG_QUESTION
        assert text.size.height >= len(shown(text).splitlines())
        who = screen.query_one("#who", Static)
        lines = shown(who).splitlines()
        assert "St. Brendan's Regional Medical Center" in lines[1]
        assert all(len(line) <= who.content_size.width for line in lines[:2])
        await pilot.press("ctrl+t")
        await pilot.pause()
        toast = app.screen.query("Toast").last()  # by its name: the class is private
        pacing = screen.query_one("#pacing").region
        notes = screen.query_one("#notes").region
        assert not toast.region.overlaps(pacing)
        assert not toast.region.overlaps(notes)


async def test_at_200x60_the_room_is_used(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(with_priya(workspace), clock, agenda="priya-raman")
    async with app.run_test(size=LARGE) as pilot:
        screen = call_screen(app)
        await pilot.pause()
        listed = "\n".join(
            str(screen.query_one(QuestionList).get_option_at_index(i).prompt) for i in range(6)
        )
        assert "…" not in listed
        assert "hands-on build work?" in listed
        assert screen.query_one("#clock").size.height >= 7
        sheet = str(screen.query_one(CheatSheet).query_one(Static).render())
        assert "Opening" not in sheet and "☐" not in sheet
        assert "I'm finishing a health informatics certificate." in sheet
        assert "\n\nI was an ICU nurse for six years." in sheet


async def test_wrap_up_boxes_read_without_colour(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(with_priya(workspace), clock, agenda="priya-raman")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("ctrl+e")
        wrap = app.screen
        goal = wrap.query_one("#goal-0", TickBox)
        assert str(goal.render()).startswith("☐ What a typical week")
        # Cut to the screen, with an ellipsis where it is cut.
        assert goal.size.width < len(str(goal.render())) and goal.region.right <= SMALL[0]
        assert goal.styles.text_overflow == "ellipsis"
        goal.focus()
        await pilot.press("space")
        assert str(goal.render()).startswith("☑ ")
        assert str(wrap.query_one("#keep-0", TickBox).render()).startswith("☑ ")


async def test_escape_cancels_a_capture_and_loses_nothing(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    toasts = Notes(app)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await pilot.press("ctrl+o")
        assert "esc: cancel" in shown(screen.query_one("#capture-hint", Static))
        assert "enter or ctrl+s: file it" in shown(screen.query_one("#capture-hint", Static))
        await pilot.press("escape")
        assert screen.call.session.followups == [] and toasts.shown == []
        assert app.focused is screen.notes
        await pilot.press(*"hi", "ctrl+r", *"Ada", "enter", *"CTO", "escape")
        assert screen.call.session.referrals == []
        assert screen.notes.text == "hi\n(not filed) referral: Ada · CTO\n"
        saved = on_disk(screen)
        assert saved.referrals == []
        assert saved.questions[0].notes == "hi\n(not filed) referral: Ada · CTO\n"
        await pilot.press("ctrl+r")
        assert screen.capture.typed() == (
            "referral",
            {k: "" for k in ("name", "role", "contact", "note")},
        )
