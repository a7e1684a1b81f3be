"""One past session, to read in full, export to Markdown, or turn into a thank-you note."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header

from coffeechat.core.files import atomic
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import Session, read_session
from coffeechat.core.sessions.printout import session_markdown, session_text
from coffeechat.core.sessions.thankyou import thank_you
from coffeechat.core.text.controls import escape_controls
from coffeechat.ui.literal import lines, literal
from coffeechat.ui.screens.prompt import PromptDialog
from coffeechat.ui.widgets.hanging_text import HangingText

SECTION_TITLES = ("Goals", "Questions:", "Notes", "Referrals", "Follow-ups")
EXPORTS = "exports"
"""The folder inside the workspace where exports are offered to go."""


class SessionScreen(Screen[None]):
    """A session as text; `t` switches to its thank-you draft and back."""

    CSS_PATH = "session.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="session.back"),
        Binding("t", "toggle_draft", "Thank-you draft", id="session.draft"),
        Binding("m", "export", "Export Markdown", id="session.export"),
        Binding("s", "save_draft", "Save draft", id="session.save"),
        Binding("c", "copy", "Copy", id="session.copy"),
    ]

    def __init__(self, workspace: Workspace, path: Path, draft: bool = False) -> None:
        super().__init__()
        self.workspace = workspace
        self.path = path
        self.session: Session | None = None
        self.problem = ""
        self.draft = draft

    def compose(self) -> ComposeResult:
        """Header, the text, footer."""
        yield Header()
        with VerticalScroll(id="session-body"):
            yield HangingText(id="session-text")
        yield Footer(compact=True)  # its keys all fit at 80 columns

    def on_mount(self) -> None:
        """Read the whole session (the lists hold only summaries)."""
        try:
            self.session = read_session(self.path, self.workspace.display(self.path))
        except InputError as err:
            self.problem = str(err)
        self.show()
        self.query_one("#session-body").focus()

    def show(self) -> None:
        """Show the session, its draft, or why it cannot be read."""
        text = self.query_one("#session-text", HangingText)
        if self.session is None:
            self.title = escape_controls(self.path.name)
            text.show(literal(("This session cannot be read", "bold $error"), "\n\n", self.problem))
            return
        self.title = escape_controls(self.session.meeting.person)
        if self.draft:
            self.sub_title = "thank-you draft (nothing is sent)"
            text.show(literal(thank_you(self.session)))
        else:
            self.sub_title = self.session.id
            text.show(_styled(session_text(self.session)))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Draft and export need a readable session; saving a draft needs the draft shown."""
        if action in ("toggle_draft", "export", "copy"):
            return self.session is not None
        if action == "save_draft":
            return self.session is not None and self.draft
        return True

    def action_back(self) -> None:
        """Back to where the session was opened from."""
        self.dismiss()

    def action_toggle_draft(self) -> None:
        """Switch between the session and its thank-you draft."""
        self.draft = not self.draft
        self.show()

    def action_export(self) -> None:
        """Write the session as Markdown to a file the person chooses."""
        if self.session is not None:
            ask_and_write(
                self,
                "Export this session as Markdown to",
                self.workspace.root / EXPORTS / f"{self.session.id}.md",
                session_markdown(self.session),
            )

    def action_save_draft(self) -> None:
        """Write the thank-you draft to a file the person chooses."""
        if self.session is not None:
            ask_and_write(
                self,
                "Save the thank-you draft to",
                self.workspace.root / EXPORTS / f"{self.session.id}-thank-you.txt",
                thank_you(self.session),
            )

    def action_copy(self) -> None:
        """Copy what is shown (the draft or the Markdown) to the terminal's clipboard."""
        if self.session is None:
            return
        text = thank_you(self.session) if self.draft else session_markdown(self.session)
        self.app.copy_to_clipboard(text)
        what = "the thank-you draft" if self.draft else "the session as Markdown"
        self.notify(f"Copied {what} to the clipboard (if your terminal allows it).")


def ask_and_write(screen: Screen[Any], title: str, suggested: Path, text: str) -> None:
    """Ask where to write `text` (never over an existing file), write it, and say where."""

    def check(typed: str) -> str:
        path = Path(typed).expanduser()
        if path.exists():
            raise InputError.at(
                str(path), "already exists; it will not be replaced", "choose another name"
            )
        return f"Writes {path}"

    def write(typed: str | None) -> None:
        if typed is None:
            return
        path = Path(typed).expanduser()
        try:
            atomic.private_dir(path.parent)
            atomic.write_new(path, text)
        except OSError as err:
            screen.notify(f"Could not write {path}: {err.strerror}", severity="error")
            return
        screen.notify(f"Wrote {path}")

    screen.app.push_screen(PromptDialog(title, check, value=str(suggested)), write)


def _styled(text: str) -> Content:
    """The plain text of a session with its first line and section titles in bold."""
    out: list[Content | str] = []
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n")):
        if number == 0:
            out.append(literal((line, "bold")))
        elif line.startswith(SECTION_TITLES):
            out.append(literal((line, "bold $primary")))
        else:
            out.append(line)
    return lines(out)
