"""Home's Learning pane: what the calls taught, in four lines, and the way to the
Learning screen (`l` anywhere on home, Enter when the pane has the focus).

Home hands it each session index it reads (`show`); the pane works out the rest
(`core.learning.learned`, notes not read), for thousands of sessions in a worker
thread, so that home never waits for it.
The Learning screen is installed under `LEARNING` when the pane is mounted, so that
home's `l` binding opens it by name (`app.push_screen('learning')`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static
from textual.worker import get_current_worker

from coffeechat.ui.literal import lines, literal

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.learning.learned import Learned
    from coffeechat.core.sessions.cache import SessionIndex

LEARNING = "learning"
"""The name the Learning screen is installed under."""
AT_ONCE = 100
"""Up to this many sessions, the pane is worked out at once (a few milliseconds)."""
LEARN = "Goals, answers side by side, your time record"
"""What opening the Learning screen shows (the help line of its key)."""


class LearnedPane(Vertical, can_focus=True):
    """Goals learned, the time record, the question asked of most people."""

    DEFAULT_CSS = """
    LearnedPane {
        height: auto;
        max-height: 6;
        padding: 0 1;
    }
    LearnedPane > Static {
        height: auto;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "enter",
            "app.push_screen('learning')",
            "Open learning",
            id="learned.open",
            tooltip=LEARN,
        ),
    ]

    def __init__(self, workspace: Workspace, id: str | None = None) -> None:
        super().__init__(id=id, classes="pane")
        self.workspace = workspace
        self.border_title = "Learning"
        self.border_subtitle = "l"

    def compose(self) -> ComposeResult:
        """The summary lines."""
        yield Static("Reading…", id="learned-text")

    def on_mount(self) -> None:
        """Install the Learning screen, so that home's `l` opens it by name."""
        from coffeechat.ui.screens.learning import LearningScreen

        if not self.app.is_screen_installed(LEARNING):
            self.app.install_screen(LearningScreen(self.workspace), LEARNING)

    def show(self, index: SessionIndex) -> None:
        """Show what the sessions of `index` taught: a few are worked out at once, many
        in a worker once home has painted what it shows of them (the queue first)."""
        if len(index.sessions) <= AT_ONCE:
            from coffeechat.core.learning.learned import learned

            self.show_learned(learned(self.workspace, index, notes=False))
        else:
            self.call_after_refresh(self.work_out, index)

    # Described, or Textual would describe the worker by the repr of its argument: for
    # 10,000 sessions, 19 MB of text made on the event loop (0.4 s, and a third of
    # home's peak memory) to keep its first thousand characters.
    @work(thread=True, exclusive=True, group="learned", description="what the calls taught")
    def work_out(self, index: SessionIndex) -> None:
        """Work out what the sessions of `index` taught, then show it."""
        from coffeechat.core.learning.learned import learned

        found = learned(self.workspace, index, notes=False)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_learned, found)

    def show_learned(self, found: Learned) -> None:
        """Show what `found` says, in a few lines."""
        if self.is_attached:
            self.query_one("#learned-text", Static).update(summary_lines(found))


def summary_lines(found: Learned) -> Content:
    """The pane's lines: goals, time, the most shared question, the best introducer."""
    time, goals = found.time, found.goals
    if not goals and not time.calls:
        return literal(("What your calls teach shows here once you have had one.", "$text-muted"))
    learned = sum(1 for g in goals if g.learned)
    out = [literal(("Goals ", "bold"), f"{learned} of {len(goals)} learned")]
    if found.not_learned:
        out[0] = literal(out[0], " · next: ", found.not_learned[0].text)
    if time.calls:
        worst = f" · worst +{round(time.worst_overrun / 60)}m" if time.worst_overrun else ""
        out.append(literal(("On time ", "bold"), f"{time.on_time} of {time.calls}{worst}"))
    shared = next((q for q in found.questions if q.people > 1), None)
    if shared is not None:
        out.append(literal(("Asked most ", "bold"), f"{shared.text} ({shared.people} people)"))
    if found.introducers:
        who = found.introducers[0]
        out.append(literal(("Introduced most ", "bold"), f"{who.name} ({len(who.people)})"))
    return lines(out)
