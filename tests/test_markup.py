"""Text from a person or a file is shown as it is: never read as markup, never a raw
control code on the terminal (issue 11, items 6 and 18)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from textual.app import App
from textual.content import Content
from textual.widgets import Checkbox, Static

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.format import read_session, to_toml
from coffeechat.core.timesource import ManualTime
from coffeechat.core.toml.writing import string
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.resume import ResumeScreen
from coffeechat.ui.screens.wrapup import WrapUpScreen
from tests.call_helpers import call_app, call_screen
from tests.past_sessions import NOW, make_session

SMALL = (80, 24)


def agenda(workspace: Workspace, name: str, person: str, question: str = "Why?") -> None:
    """Write a small agenda `name` for a call with `person`."""
    person, question = string(person), string(question)
    (workspace.agendas / f"{name}.toml").write_text(
        f"format = 1\n[meeting]\nwith = {person}\n[goals]\nlearn = [{question}]\n"
        f"[[questions]]\ntext = {question}\n",
        encoding="utf-8",
    )


def shown(widget: Static) -> str:
    """The text a Static shows, without its styles."""
    return str(widget.render())


def toasts(app: App[None]) -> list[str]:
    """The text of each toast on screen (its title, then its message); then they go
    (a toast still up when the test ends would keep it waiting for its timeout)."""
    texts = [str(toast.render()) for toast in app.screen.query("Toast")]
    app.clear_notifications()
    return texts


async def test_an_action_item_in_brackets_is_kept_and_shown(
    workspace: Workspace, clock: ManualTime
) -> None:
    # It ended the call in a MarkupError within seconds.
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        screen = call_screen(app)
        await pilot.press("ctrl+o", *"email the mods of [/r/UXDesign]", "enter")
        await pilot.pause()
        assert app.is_running
        assert [f.title for f in screen.call.session.followups] == [
            "email the mods of [/r/UXDesign]"
        ]
        assert toasts(app) == ["Action item kept: email the mods of [/r/UXDesign]"]
        await pilot.press("ctrl+e")
        await pilot.pause()
        labels = [str(box.label) for box in app.screen.query(Checkbox)]
        assert "email the mods of [/r/UXDesign]" in labels


async def test_a_referral_named_sam_slash_lee_is_kept_and_shown(
    workspace: Workspace, clock: ManualTime
) -> None:
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        screen = call_screen(app)
        await pilot.press("ctrl+r", *"Sam [/] Lee", "ctrl+s")
        await pilot.pause()
        assert app.is_running
        assert [r.name for r in screen.call.session.referrals] == ["Sam [/] Lee"]
        assert toasts(app) == ["Referral kept: Sam [/] Lee."]
        await pilot.press("ctrl+e")
        await pilot.pause()
        labels = [str(box.label) for box in app.screen.query(Checkbox)]
        assert any("Sam [/] Lee" in label for label in labels), labels


async def test_an_agenda_with_zoe_slash_obrien_ends_resumes_and_completes(
    workspace: Workspace, clock: ManualTime
) -> None:
    # ctrl+e crashed on the wrap-up's checkbox label, and resuming crashed again.
    agenda(workspace, "zoe", "Zoë [/] O'Brien")
    app = call_app(workspace, clock, agenda="zoe")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press(*"notes", "ctrl+e")
        await pilot.pause()
        wrap = app.screen
        assert isinstance(wrap, WrapUpScreen)
        assert "Call with Zoë [/] O'Brien ended" in shown(wrap.query_one("#wrapup-summary", Static))
        labels = [str(box.label) for box in wrap.query(Checkbox)]
        assert "Send a thank-you note to Zoë [/] O'Brien" in labels
        await pilot.press("ctrl+q")
    again = call_app(workspace, clock, agenda="zoe")
    async with again.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, ResumeScreen)
        heading = shown(again.screen.query_one("#resume-heading", Static))
        assert "unfinished call with Zoë [/] O'Brien." in heading
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(again.screen, WrapUpScreen)
        await pilot.press("ctrl+s")
    assert not again.is_running
    (path,) = workspace.sessions.glob("*.toml")
    assert read_session(path).status == "completed"


async def test_wip_deck_is_shown_with_its_brackets(workspace: Workspace, clock: ManualTime) -> None:
    # `[WIP] deck` showed as ` deck`: Textual read `[WIP]` as a style.
    agenda(workspace, "wip", "Ana [b]Bold", question="[WIP] deck")
    app = call_app(workspace, clock, agenda="wip")
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        screen = call_screen(app)
        assert shown(screen.query_one("#question-text", Static)) == "[WIP] deck"
        who = shown(screen.query_one("#who", Static))
        assert "Ana [b]Bold" in who
        assert "◆ [WIP] deck" in who
        questions = screen.query_one("#questions")
        assert "[WIP] deck" in str(questions.get_option_at_index(0).prompt)  # type: ignore[attr-defined]


ESCAPES = "\x1b]0;pwned\x07\x1b[31mred\x1b[0m\x9b2J\x00\x7f\rover"


def test_show_prints_no_raw_control_code(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    session = make_session(f"Eve {ESCAPES}", "Org\x1b[5m", NOW)
    session.questions[0].notes = f"line one\n\tindented {ESCAPES}\r\nend"
    (workspace.sessions / f"{session.id}.toml").write_text(to_toml(session))
    for markdown in ([], ["--markdown"]):
        assert main(["--workspace", str(workspace.root), "show", session.id, *markdown]) == 0
        out = capsys.readouterr().out
        assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
        assert "\x00" not in out and "\x7f" not in out and "\rover" not in out
        assert "Eve \\x1b]0;pwned\\x07\\x1b[31mred" in out
        assert "\tindented" in out  # layout is kept


def test_check_prints_no_raw_control_code(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    good = workspace.agendas / "good.toml"
    good.write_text(
        'format = 1\n[meeting]\nwith = "Eve \\u001b[31mRed"\norganization = "\\u009b2J"\n'
        '[[questions]]\ntext = "Why?"\n'
    )
    bad = workspace.agendas / "bad.toml"
    bad.write_text('format = 1\n[meeting]\nwith = "Eve"\nchannel = "\\u001b]0;x\\u0007"\n')
    code = main(["--workspace", str(workspace.root), "check", str(good), str(bad)])
    assert code == 1
    out, err = capsys.readouterr()
    for text in (out, err):
        assert "\x1b" not in text and "\x9b" not in text and "\x07" not in text
    assert "Eve \\x1b[31mRed (\\x9b2J)" in out


async def test_a_resumed_calls_notes_hold_control_codes_as_a_paste_does(
    workspace: Workspace, clock: ManualTime
) -> None:
    # Loaded as `\\x1b` (four characters), the notes were saved back as those four:
    # one visible form for a field, whether its text was pasted or loaded from a file.
    app = call_app(workspace, clock)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press(*"hi", "ctrl+q")
    (path,) = workspace.sessions.glob("*.toml")
    session = read_session(path)
    session.questions[0].notes = "see \x1b]0;owned\x07\x1b[31mred\x9b"
    path.write_text(to_toml(session))
    again = call_app(workspace, clock)
    async with again.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.press("r")
        await pilot.pause()
        screen = call_screen(again)
        assert screen.notes.text == "see ␛]0;owned␇␛[31mred\ufffd"
        assert "\x1b" not in again.export_screenshot()
        await pilot.press(*" ok", "ctrl+s")
    assert read_session(path).questions[0].notes == "see ␛]0;owned␇␛[31mred\ufffd ok"


async def test_the_thank_you_draft_keeps_your_name_in_brackets(workspace: Workspace) -> None:
    # `[Your name]` was read as a style and vanished from the draft on screen.
    from coffeechat.ui.app import make_app
    from coffeechat.ui.screens.session import SessionScreen

    session = make_session("Sam [/] Lee", "[WIP] Labs", NOW)
    path = workspace.sessions / f"{session.id}.toml"
    path.write_text(to_toml(session))
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await app.push_screen(SessionScreen(workspace, path, draft=True))
        await pilot.pause()
        text = shown(app.screen.query_one("#session-text", Static))
        assert text.endswith("Best wishes,\n[Your name]\n")
        assert "work at [WIP] Labs" in text
        await pilot.press("t")
        text = shown(app.screen.query_one("#session-text", Static))
        assert text.startswith("Sam [/] Lee, [WIP] Labs\n")


async def test_a_problem_in_a_bracketed_folder_is_told_not_a_crash(
    workspace: Workspace, tmp_path: Path, clock: ManualTime
) -> None:
    from coffeechat.ui.app import make_app

    folder = tmp_path / "[/]" / "[WIP]"  # the folders "[", "]" and "[WIP]"
    folder.mkdir(parents=True)
    broken = folder / "[b]broken.toml"
    broken.write_text("[meeting]\nwith = 1\n")
    app = make_app(workspace, clock)
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        assert not app.start_call(broken)
        await pilot.pause()
        assert app.is_running
        (toast,) = toasts(app)
        assert f"{folder}/[b]broken.toml:2:8: expected a string" in toast


async def test_a_theme_described_in_brackets_shows_so_in_the_palette(
    workspace: Workspace, clock: ManualTime
) -> None:
    from coffeechat.ui.app import make_app
    from coffeechat.ui.commands import ScreenCommands

    workspace.themes.mkdir(exist_ok=True)
    (workspace.themes / "night.toml").write_text(
        'format = 1\nname = "night"\nprimary = "#336699"\n'
        'description = "[WIP] blue [/] \\u001b[31m"\n'
    )
    app = make_app(workspace, clock)
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        hits = {str(hit.text): hit async for hit in ScreenCommands(app.screen).discover()}
        help_line = Content.from_markup(str(hits["Theme: night"].help)).plain
        assert help_line.startswith("[WIP] blue [/] \\x1b[31m · ")
        await pilot.press("ctrl+p", *"night")
        await app.workers.wait_for_complete()
        await pilot.pause()
        painted = html.unescape(app.export_screenshot()).replace("\xa0", " ")
        assert "\x1b" not in painted
        assert "[WIP] blue [/] \\x1b[31m" in painted


async def test_ctrl_c_at_home_names_the_quit_key_in_plain_words(workspace: Workspace) -> None:
    # It read "Press [b]q[/b] to quit the app": Textual's own markup, shown as typed
    # because every toast is plain, and a key that quits only at home.
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=SMALL, notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert toasts(app) == ["Do you want to quit?\nPress ctrl+q to quit coffeechat"]
