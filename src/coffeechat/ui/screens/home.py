"""Home: the workspace at a glance: its agendas, each one's plan on the right."""

from __future__ import annotations

from typing import ClassVar

from rich.markup import escape
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coffeechat.core.agenda import Agenda, load_agenda
from coffeechat.core.durations import format_duration
from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings
from coffeechat.core.workspace import Workspace


class HomeScreen(Screen[None]):
    """The agendas of the workspace, and the selected one's plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="home.quit"),
        Binding("r", "reload", "Reload", id="home.reload"),
    ]

    def __init__(self, workspace: Workspace, settings: Settings) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.agendas: dict[str, Agenda | InputError] = {}

    def compose(self) -> ComposeResult:
        """Header, the agenda list beside the selected agenda, footer."""
        yield Header()
        with Horizontal(id="home-body"):
            yield OptionList(id="agendas")
            with VerticalScroll(id="agenda-detail"):
                yield Static(id="agenda-plan")
        yield Footer()

    def on_mount(self) -> None:
        """Load the agendas and show the first."""
        self.query_one("#agendas", OptionList).border_title = "Agendas"
        self.action_reload()

    def action_reload(self) -> None:
        """Read the agenda files again (after editing them elsewhere)."""
        self.agendas = {}
        for path in self.workspace.agenda_files():
            try:
                self.agendas[path.stem] = load_agenda(
                    path,
                    self.workspace.display(path),
                    self.settings.duration,
                    self.settings.warn_at,
                )
            except InputError as err:
                self.agendas[path.stem] = err
        options = self.query_one("#agendas", OptionList)
        options.clear_options()
        options.add_options([Option(_label(name, a), id=name) for name, a in self.agendas.items()])
        if self.agendas:
            options.highlighted = 0
        else:
            self.query_one("#agenda-plan", Static).update(
                'No agendas yet. Create one with: coffeechat new "Their Name"'
            )
        self.sub_title = f"{len(self.agendas)} agenda{'s' if len(self.agendas) != 1 else ''}"

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Show the highlighted agenda's plan."""
        if event.option.id is not None:
            plan = _plan(self.agendas[event.option.id])
            self.query_one("#agenda-plan", Static).update(plan)


def _label(name: str, agenda: Agenda | InputError) -> str:
    if isinstance(agenda, InputError):
        return f"[b]{escape(name)}[/b]\n[$error]has problems: coffeechat check {escape(name)}[/]"
    meeting = agenda.meeting
    where = ", ".join(part for part in (meeting.role, meeting.organization) if part)
    return (
        f"[b]{escape(meeting.person)}[/b]  [dim]{escape(name)}[/]\n"
        f"[dim]{escape(where) or 'no role or organisation yet'}[/]"
    )


def _plan(agenda: Agenda | InputError) -> str:
    if isinstance(agenda, InputError):
        return "[b]This agenda has problems[/b]\n\n" + escape(str(agenda))
    meeting = agenda.meeting
    lines = [
        f"[b]{escape(meeting.person)}[/b]",
        escape(", ".join(p for p in (meeting.role, meeting.organization) if p)),
    ]
    if meeting.referred_by:
        lines.append(f"[dim]referred by[/] {escape(meeting.referred_by)}")
    must = sum(1 for q in agenda.questions if q.priority == "must")
    lines += [
        "",
        f"{format_duration(agenda.duration)} window · {len(agenda.questions)} questions "
        f"({must} must) · warnings at "
        + (", ".join(format_duration(w) for w in agenda.warn_at) or "none"),
    ]
    if agenda.learn:
        lines += ["", "[b]To learn[/b]", *(f"• {escape(goal)}" for goal in agenda.learn)]
    lines += ["", "[b]Questions[/b]"]
    marks = {"must": "[b $accent]must[/]", "should": "should", "nice": "[dim]nice[/]"}
    for number, question in enumerate(agenda.questions, 1):
        lines.append(f"{number:>2}. {escape(question.text)}  {marks[question.priority]}")
    return "\n".join(lines)
