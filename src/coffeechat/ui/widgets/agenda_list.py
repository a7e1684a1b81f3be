"""The workspace's agendas as a list, and the plan of one of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coffeechat.core.problems import InputError
from coffeechat.ui.literal import lines, literal
from coffeechat.ui.widgets.queue_list import placeholders

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.agendas.meeting import Meeting
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.settings import Settings


class AgendaList(OptionList):
    """Agendas by name (the file stem); a broken one says so in the error colour."""

    def __init__(self, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(*placeholders(placeholder), id=id)
        self.agendas: dict[str, Agenda | InputError] = {}
        self.paths: dict[str, Path] = {}

    def load(self, workspace: Workspace, settings: Settings, keep: str | None = None) -> None:
        """Read every agenda again; highlight `keep` (or the one highlighted before)."""
        self.show(self.read_all(workspace, settings), keep)

    @staticmethod
    def read_all(workspace: Workspace, settings: Settings) -> dict[Path, Agenda | InputError]:
        """Every agenda of the workspace, or why it cannot be read (safe in a thread)."""
        return {path: read(workspace, settings, path) for path in workspace.agenda_files()}

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


def read(workspace: Workspace, settings: Settings, path: Path) -> Agenda | InputError:
    """The agenda in `path`, or the error saying what is wrong with it."""
    from coffeechat.core.agendas.agenda import load_agenda

    try:
        return load_agenda(path, workspace.display(path), settings.duration, settings.warn_at)
    except InputError as err:
        return err


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
