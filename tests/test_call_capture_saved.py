"""What is typed in the quick-capture panel is kept like the notes: saved within a
second while the panel is still open, on quit and on signals, and filed before the
wrap-up when the call ends with the panel open."""

from __future__ import annotations

from pathlib import Path

from coffeechat.core.agendas.agenda import load_agenda
from coffeechat.core.call.live import Call
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import new_session, parse_session, read_session
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.screens.wrapup import WrapUpScreen
from tests.call_helpers import call_app, call_screen, on_disk

SMALL = (80, 24)
FULL = Path(__file__).parent / "agendas" / "good" / "full.toml"


async def test_a_referral_being_typed_is_saved_while_the_panel_is_open(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await pilot.press("ctrl+r", *"Ada", "enter", *"PM")
        saved = on_disk(screen)
        assert [(r.name, r.role) for r in saved.referrals] == [("Ada", "PM")]
        assert screen.call.session.referrals == []  # filed only when the panel closes
        await pilot.press("ctrl+s")
        assert [r.name for r in on_disk(screen).referrals] == ["Ada"]
        assert len(screen.call.session.referrals) == 1


async def test_quitting_with_the_panel_open_keeps_what_was_typed(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await pilot.press(*"hi", "ctrl+o", *"CV", "ctrl+q")
    saved = read_session(path)
    assert [f.title for f in saved.followups] == ["CV"]
    assert saved.questions[0].notes == "hi"

    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("r", "f3", *"Why?", "ctrl+q")
    saved = read_session(path)
    assert [(q.text, q.added) for q in saved.questions[-2:]] == [
        (saved.questions[-2].text, False),
        ("Why?", True),
    ]
    assert [f.title for f in saved.followups] == ["CV"]


async def test_a_capture_with_its_first_field_empty_is_not_written(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await pilot.press("ctrl+r", "enter", *"PM")
        assert on_disk(screen).referrals == []


async def test_ending_the_call_with_the_panel_open_files_it_before_the_wrap_up(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await pilot.press("ctrl+r", *"Ada", "ctrl+e")
        await pilot.pause()
        assert isinstance(app.screen, WrapUpScreen)
        await pilot.press("ctrl+s")
    saved = read_session(path)
    assert [r.name for r in saved.referrals] == ["Ada"]
    assert [f.id for f in saved.followups] == ["thank-you", "follow-up", "referral-1"]


def test_a_draft_is_written_as_if_filed_and_never_twice(clock: ManualTime) -> None:
    session = new_session(load_agenda(FULL), "agendas/full.toml", clock.now(), 1200)
    call = Call(session, clock)
    call.add_action("Read the book")
    call.type_draft("action", {"text": "Send  my portfolio"})
    assert call.revision == 2
    written = parse_session(call.file_text().encode(), Path("s.toml"))
    assert [(f.id, f.title) for f in written.followups] == [
        ("action-1", "Read the book"),
        ("action-2", "Send my portfolio"),
    ]
    assert len(call.session.followups) == 1  # the call itself is unchanged until filed
    call.drop_draft()
    call.add_action("Send my portfolio")
    assert parse_session(call.file_text().encode(), Path("s.toml")).followups == (
        call.session.followups
    )

    call.jump(1)
    call.type_draft("question", {"text": "Why design?"})
    written = parse_session(call.file_text().encode(), Path("s.toml"))
    assert [q.text for q in written.questions] == [
        session.questions[0].text,
        session.questions[1].text,
        "Why design?",
    ]
    assert written.current == 1
    call.type_draft("referral", {"name": "  ", "role": "Design lead"})
    assert parse_session(call.file_text().encode(), Path("s.toml")).referrals == []
