"""The session view keeps the indent of wrapped lines: a long note stays under its
question, a long referral under its bullet, at any width."""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.timesource import ManualTime
from coffeechat.ui.app import make_app
from coffeechat.ui.screens.session import SessionScreen
from coffeechat.ui.widgets.hanging_text import hanging
from tests.past_sessions import NOW, jane, write

LONG = (
    "Shadowing the design team for six months made the switch feel safe, and she "
    "would do it again in a heartbeat"
)


def test_a_long_indented_line_wraps_under_its_indent_and_marker() -> None:
    text = Content(f"Title\n     {LONG}\n  • Priya Patel, {LONG}\n{LONG}")
    shown = hanging(text, 40).plain.split("\n")
    assert shown[0] == "Title"
    note = [line for line in shown if line.startswith("     ") and "•" not in line]
    assert " ".join(line.strip() for line in note) == LONG
    assert shown[1 + len(note)].startswith("  • Priya Patel,")
    bullet = shown[1 + len(note) : -1]
    assert all(line.startswith("    ") for line in bullet[1:])  # under the text, past "• "
    assert all(len(line) <= 40 for line in shown[:-1])
    assert shown[-1] == LONG  # not indented: Textual wraps it as it likes


async def test_the_session_screen_shows_notes_wrapped_under_their_question(
    workspace: Workspace,
) -> None:
    session = jane()
    session.questions[0].notes = LONG
    path = write(workspace, session)
    app = make_app(workspace, ManualTime(NOW))
    async with app.run_test(size=(60, 24)) as pilot:
        await app.push_screen(SessionScreen(workspace, path))
        await pilot.pause()
        widget = app.screen.query_one("#session-text")
        drawn = widget.render_lines(Region(0, 0, *widget.size))
        shown = [strip.text.rstrip() for strip in drawn]
        start = next(n for n, line in enumerate(shown) if line.strip().startswith("Shadowing"))
        note = shown[start : start + 3]
        assert all(line.startswith("     ") for line in note), shown
        assert " ".join(line.strip() for line in note).startswith(LONG[:100])
