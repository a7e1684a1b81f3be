"""Keys that arrive in one burst take effect in order, in the field they were typed for.

An SSH lag, a text expander or a pasted key sequence delivers keys at once. These
tests hand the app a whole burst without waiting between keys (`burst`), then look
at the call and the session file.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.screens.wrapup import WrapUpScreen
from tests.call_helpers import burst, call_app, call_screen, on_disk

SMALL = (80, 24)


async def test_answers_typed_with_ctrl_n_between_them_land_on_their_questions(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(
            pilot,
            "They mostly do research.",
            "ctrl+n",
            "They enjoy mentoring.",
            "ctrl+n",
            "SQL.",
        )
        saved = on_disk(screen)
    questions = saved.questions[:3]
    assert [q.notes for q in questions] == [
        "They mostly do research.",
        "They enjoy mentoring.",
        "SQL.",
    ]
    assert [q.status for q in questions] == ["answered", "answered", "pending"]
    assert saved.current == 2


async def test_a_referral_typed_in_one_burst_fills_each_field(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(
            pilot,
            "before",
            "ctrl+r",
            "Priya Patel\rDesign lead\rpriya@acme.example\rSay Jane sent me\r",
            "after",
        )
        assert app.focused is screen.notes
        saved = on_disk(screen)
    assert [(r.name, r.role, r.contact, r.note) for r in saved.referrals] == [
        ("Priya Patel", "Design lead", "priya@acme.example", "Say Jane sent me")
    ]
    assert saved.questions[0].notes == "beforeafter"


async def test_five_referrals_in_bursts_are_five_referrals(
    workspace: Workspace, clock: ManualTime
) -> None:
    people = [("Ada Quist", "CTO"), ("Bo Lind", "PM"), ("Cy Ng", ""), ("Di Roe", "UX"), ("Ed", "")]
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        parts: list[str] = []
        for number, (name, role) in enumerate(people):
            # Enter through every field, or ctrl+s after the role: both file it.
            ending = "\r\r\r" if number % 2 else "ctrl+s"
            parts += ["ctrl+r", f"{name}\r{role}", ending, f"note {number} "]
        await burst(pilot, *parts)
        saved = on_disk(screen)
    assert [(r.name, r.role) for r in saved.referrals] == people
    assert saved.questions[0].notes == "note 0 note 1 note 2 note 3 note 4 "


async def test_action_items_questions_and_the_general_notes_in_one_burst(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(
            pilot,
            "one",
            "ctrl+o",
            "send my portfolio",
            "enter",
            "two",
            "ctrl+g",
            "general",
            "ctrl+g",
            "three",
            "f3",
            "Why design?",
            "enter",
            "four",
        )
        saved = on_disk(screen)
    assert [f.title for f in saved.followups] == ["send my portfolio"]
    assert saved.general_notes == "general"
    assert saved.questions[0].notes == "onetwothreefour"
    assert (saved.questions[-1].text, saved.questions[-1].added) == ("Why design?", True)


async def test_jumping_and_tabbing_in_a_burst(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(pilot, "ctrl+l", "down", "down", "enter", "third", "f4", "fourth skipped")
        await burst(pilot, "ctrl+r", "Ada", "tab", "CTO", "tab", "ada@x", "ctrl+s", "notes")
        saved = on_disk(screen)
    assert saved.questions[2].notes == "third"
    assert saved.questions[2].status == "skipped"
    assert saved.questions[3].notes == "fourth skippednotes"
    assert [(r.name, r.role, r.contact) for r in saved.referrals] == [("Ada", "CTO", "ada@x")]


async def test_text_then_ctrl_q_at_once_keeps_all_the_text(
    workspace: Workspace, clock: ManualTime
) -> None:
    text = "the last words typed just before quitting, all of them"
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await burst(pilot, text, "ctrl+q")
    assert read_session(path).questions[0].notes == text


async def test_a_capture_typed_then_ctrl_q_at_once_is_kept(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await burst(pilot, "ctrl+r", "Priya Patel\rDesign lead", "ctrl+q")
    assert [(r.name, r.role) for r in read_session(path).referrals] == [
        ("Priya Patel", "Design lead")
    ]


async def test_pastes_between_keys_stay_in_order(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(
            pilot,
            "a",
            events.Paste("[pasted one]"),
            "b",
            "ctrl+n",
            events.Paste("[pasted two]"),
            "c",
            "ctrl+r",
            events.Paste("Priya Patel\nDesign lead\n"),
            "ctrl+s",
        )
        saved = on_disk(screen)
    assert [q.notes for q in saved.questions[:2]] == ["a[pasted one]b", "[pasted two]c"]
    # A one-line field keeps every line of a paste, joined, not only the first.
    assert [r.name for r in saved.referrals] == ["Priya Patel Design lead"]


async def test_a_pasted_escape_sequence_stays_text_in_place(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        paste = "one \x1b[31mRED\x1b[0m two \x1b]0;title\x07 three\r\nfour\x00"
        await burst(pilot, "<", events.Paste(paste), ">")
        assert not screen.notes.general
        saved = on_disk(screen)
    assert saved.questions[0].notes == "<one ␛[31mRED␛[0m two ␛]0;title␇ three\nfour␀>"
    assert saved.general_notes == ""


async def test_the_wrap_up_in_one_burst(workspace: Workspace, clock: ManualTime) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        # Escape goes back to the call; what follows it reaches the notes.
        await burst(pilot, "said yes", "ctrl+e", "escape", ", then more")
        assert app.focused is screen.notes
        assert screen.call.question.notes == "said yes, then more"
        assert not screen.call.ended
        # Tab twice from the thank-you reaches the follow-up's date, typed at once.
        await burst(pilot, "ctrl+e", "tab", "tab", "ctrl+u", events.Paste("2026-12-03"))
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        assert wrap.query_one("#when-1", Input).value.endswith("2026-12-03")


async def test_editing_keys_in_a_burst_take_effect_in_place(
    workspace: Workspace, clock: ManualTime
) -> None:
    # Backspace and the arrows are bindings, run only after their key went through the
    # notes box: the letters typed after them must wait for them.
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(pilot, "abx", "backspace", "c", "left", "left", "<", "end", ">")
        assert screen.notes.text == "a<bc>"


async def test_keys_typed_with_the_resume_choice_reach_the_resumed_notes(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL) as pilot:
        path = call_screen(app).opened.path
        await burst(pilot, "first part", "ctrl+q")
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL) as pilot:
        await burst(pilot, "r", ", second part")
        assert call_screen(again).notes.text == "first part, second part"
    assert read_session(path).questions[0].notes == "first part, second part"


async def test_a_letter_bound_to_a_call_key_waits_for_the_letters_before_it(
    workspace: Workspace, clock: ManualTime
) -> None:
    # Letters typed into the notes follow each other at once; one that a person has
    # bound to a call key ([keys] "call.next" = "n") waits until the notes have them.
    app = call_app(workspace, clock, Settings(keys={"call.next": "n"}))
    async with app.run_test(size=SMALL) as pilot:
        screen = call_screen(app)
        await burst(pilot, "abc", "n", "def", "n", "xyz")
        saved = on_disk(screen)
    assert [q.notes for q in saved.questions[:3]] == ["abc", "def", "xyz"]
