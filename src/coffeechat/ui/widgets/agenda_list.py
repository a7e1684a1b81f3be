"""The workspace's agendas as a list, and the plan of one of them.

Its keys act on the highlighted agenda: Enter or `c` starts a call from it (the app
opens it, told by `AgendaList.StartCall`), `e` opens it in the editor and checks it
again when the editor closes (`core.agendas.files`). They are this widget's bindings,
so the footer, F1 help and the palette offer them while the list has the focus.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coffeechat.core.problems import InputError
from coffeechat.ui.literal import lines, literal
from coffeechat.ui.widgets.queue_list import placeholders

if TYPE_CHECKING:
    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.agendas.meeting import Meeting
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.settings import Settings


class AgendaList(OptionList):
    """Agendas by name (the file stem); a broken one says so in the error colour."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "start_call", "Start call", id="home.call"),
        Binding("e", "edit_agenda", "Edit", id="home.edit"),
    ]

    class StartCall(Message):
        """Start a call from the agenda (the app opens it, or resumes an unfinished one)."""

        def __init__(self, agenda: Path) -> None:
            super().__init__()
            self.agenda = agenda

    def __init__(
        self, workspace: Workspace, settings: Settings, id: str | None = None, placeholder: str = ""
    ) -> None:
        super().__init__(*placeholders(placeholder), id=id)
        self.workspace = workspace
        self.settings = settings
        self.agendas: dict[str, Agenda | InputError] = {}
        self.paths: dict[str, Path] = {}

    def load(self, keep: str | None = None) -> None:
        """Read every agenda again; highlight `keep` (or the one highlighted before)."""
        self.show(self.read_all(self.workspace, self.settings), keep)

    @staticmethod
    def read_all(workspace: Workspace, settings: Settings) -> dict[Path, Agenda | InputError]:
        """Every agenda of the workspace, or why it cannot be read (safe in a thread)."""
        from coffeechat.core.agendas.files import read_agenda

        def read(path: Path) -> Agenda | InputError:
            try:
                return read_agenda(workspace, settings, path)
            except InputError as err:
                return err

        return {path: read(path) for path in workspace.agenda_files()}

    def show(self, found: dict[Path, Agenda | InputError], keep: str | None = None) -> None:
        """Show agendas read by `read_all`; highlight `keep` (or the one highlighted before)."""
        if keep is None and self.highlighted_option is not None:
            keep = self.highlighted_option.id
        self.paths = {path.stem: path for path in found}
        self.agendas = {path.stem: agenda for path, agenda in found.items()}
        self.clear_options()
        if not self.agendas:
            self.add_option(Option("[dim]No agendas yet: n creates one.[/]", disabled=True))
            return
        self.add_options([Option(label(name, a), id=name) for name, a in self.agendas.items()])
        names = list(self.agendas)
        self.highlighted = names.index(keep) if keep in names else 0

    @property
    def highlighted_name(self) -> str | None:
        """The name of the agenda under the cursor."""
        option = self.highlighted_option
        return None if option is None else option.id

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys for an agenda are there only while one is under the cursor."""
        if action in ("start_call", "edit_agenda"):
            return self.highlighted_name is not None
        return True

    def on_option_list_option_selected(self) -> None:
        """Enter on an agenda starts the call."""
        self.action_start_call()

    def action_start_call(self) -> None:
        """Start a call from the highlighted agenda (or resume its unfinished one)."""
        if self.highlighted_name is not None:
            self.post_message(self.StartCall(self.paths[self.highlighted_name]))

    def action_edit_agenda(self) -> None:
        """Open the highlighted agenda in $EDITOR; check it when the editor closes."""
        if self.highlighted_name is not None:
            self.edit(self.paths[self.highlighted_name])

    def edit(self, path: Path) -> None:
        """Hand the terminal to the editor on `path`, then say how the agenda reads now."""
        from coffeechat.core.agendas.files import edit_agenda

        try:
            result = edit_agenda(self.workspace, self.settings, path, self.app.suspend)
        except InputError as err:
            self.notify(str(err), severity="error")
            return
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="error")
            return
        self.load(keep=path.stem)
        self.focus()
        if isinstance(result, InputError):
            count = len(result.errors)
            self.notify(
                f"{path.name} has {count} problem{'s' if count != 1 else ''}: e opens it again.\n"
                + str(result.errors[0].render()),
                severity="error",
                timeout=10,
            )
        elif result.warnings:
            count, first = len(result.warnings), result.warnings[0]
            self.notify(
                f"{path.name} is ready: {result.meeting.person}, with {count} "
                f"warning{'s' if count != 1 else ''} (coffeechat check {path.stem} lists them).\n"
                f"Line {first.line}: {first.message}\n{first.hint}",
                severity="warning",
                timeout=10,
            )
        else:
            self.notify(f"{path.name} is ready: {result.meeting.person}")

    def preview(self) -> Content | str:
        """The plan of the highlighted agenda."""
        name = self.highlighted_name
        return "" if name is None else plan(self.agendas[name])


def label(name: str, agenda: Agenda | InputError) -> Content:
    """One agenda in the list: who, and its name to type after `coffeechat run`."""
    if isinstance(agenda, InputError):
        return literal((name, "bold"), "  ", ("has problems: e opens it", "$error"))
    meeting = agenda.meeting
    where = ", ".join(part for part in (meeting.role, meeting.organization) if part)
    text = literal((meeting.person, "bold"), "  ", (name, "dim"))
    return literal(text, "\n", (where, "dim")) if where else text


def plan(agenda: Agenda | InputError) -> Content:
    """The plan of an agenda: who, the window, goals and questions."""
    if isinstance(agenda, InputError):
        return literal(("This agenda has problems", "bold $error"), "\n\n", str(agenda))
    from coffeechat.core.agendas.durations import format_duration

    shown = meeting_lines(agenda.meeting)
    must = sum(1 for q in agenda.questions if q.priority == "must")
    shown += [
        "",
        f"{format_duration(agenda.duration)} window · {len(agenda.questions)} questions "
        f"({must} must) · warnings at "
        + (", ".join(format_duration(w) for w in agenda.warn_at) or "none"),
    ]
    if agenda.learn:
        shown += ["", Content.styled("To learn", "bold"), *(f"• {goal}" for goal in agenda.learn)]
    shown += ["", Content.styled("Questions", "bold")]
    marks = {"must": ("must", "bold $accent"), "should": ("should", ""), "nice": ("nice", "dim")}
    for number, question in enumerate(agenda.questions, 1):
        shown.append(literal(f"{number:>2}. {question.text}  ", marks[question.priority]))
    return lines(shown)


def meeting_lines(meeting: Meeting) -> list[Content | str]:
    """The top of an agenda's plan and of a session's details: who, what they do, and
    who introduced you."""
    shown: list[Content | str] = [
        literal((meeting.person, "bold")),
        ", ".join(p for p in (meeting.role, meeting.organization) if p),
    ]
    if meeting.referred_by:
        shown.append(literal(("referred by", "dim"), f" {meeting.referred_by}"))
    return shown
