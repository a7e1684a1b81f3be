"""The Learning screen: every goal, learned or not yet; each question's answers from
every person side by side (starred first); the record of respecting their time; who
introduced you to most people (`core.learning.learned`).

It is installed once (see `widgets.learned_pane`) and reads the sessions again each
time it is shown, in a worker thread (cheap: the summaries and the learning parts are
cached; the notes read are only those of the answers shown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from coffeechat.ui import breakpoints
from coffeechat.ui.literal import lines, literal
from coffeechat.ui.screens.home import titled

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.content import Content
    from textual.widget import Widget

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.learning.learned import Learned
    from coffeechat.core.learning.lessons import Answer, GoalRecord, QuestionGroup
    from coffeechat.core.learning.timekeeping import TimeRecord

QUESTIONS_SHOWN = 30
"""Question groups shown (those answered by the most people); `learned` lists all."""


class LearningScreen(Screen[None]):
    """What the calls taught together."""

    CSS_PATH = "learning.tcss"
    HORIZONTAL_BREAKPOINTS = breakpoints.HORIZONTAL_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="learning.back"),
        Binding("r", "reload", "Reload", id="learning.reload"),
    ]

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.title = "Learning"

    def compose(self) -> ComposeResult:
        """Header; the goals and the time record, the answers below; footer."""
        breakpoints.set_for_width(self)
        yield Header()
        with VerticalScroll(id="learning-body"):
            with Horizontal(id="learning-top"):
                yield titled(Static("Reading…", id="learning-goals"), "Goals")
                with Vertical(id="learning-side"):
                    yield titled(Static(id="learning-time"), "Respecting their time")
                    yield titled(Static(id="learning-introducers"), "Who introduced you")
            yield Vertical(id="learning-answers")
        yield Footer()

    def on_screen_resume(self) -> None:
        """Shown (again): read what the sessions say now."""
        self.query_one("#learning-body").focus()
        self.action_reload()

    @work(thread=True, exclusive=True, group="learning")
    def action_reload(self) -> None:
        """Read the sessions again."""
        from coffeechat.core.learning.learned import learned, read_learning
        from coffeechat.core.sessions.cache import load_index

        found = learned(self.workspace, load_index(self.workspace, reader=read_learning))
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, found)

    def show(self, found: Learned) -> None:
        """Show what `found` says."""
        if not self.is_attached:
            return
        self.query_one("#learning-goals", Static).update(goals_text(found.goals))
        self.query_one("#learning-time", Static).update(time_text(found.time))
        self.query_one("#learning-introducers", Static).update(introducers_text(found))
        answers = self.query_one("#learning-answers", Vertical)
        answers.remove_children()
        groups = [g for g in found.questions if g.answers][:QUESTIONS_SHOWN]
        learned = sum(1 for g in found.goals if g.learned)
        self.sub_title = f"{learned} of {len(found.goals)} goals learned · {len(groups)} questions"
        if not groups:
            answers.mount(Static("No answers yet.", classes="learning-empty"))
        answers.mount_all(question_pane(g) for g in groups)


def goals_text(goals: tuple[GoalRecord, ...]) -> Content:
    """Each goal: not yet learned ones first, then each with the calls that taught it."""
    if not goals:
        return literal(
            ("No goals yet: an agenda's [goals] learn = [...] sets them.", "$text-muted")
        )
    out = []
    for goal in goals:
        if goal.learned:
            who = ", ".join(c.person for c in goal.learned_in[:3])
            more = len(goal.learned_in) - 3
            who += f" and {more} more" if more > 0 else ""
            out.append(literal(("✓ ", "$success"), goal.text, (f" · {who}", "$text-muted")))
        else:
            out.append(literal(("○ ", "$warning"), goal.text, (" · not yet", "$warning")))
    return lines(out)


def time_text(record: TimeRecord) -> Content:
    """Calls on time, the median and worst overrun, the last ten."""
    if not record.calls:
        return literal(("No completed calls yet.", "$text-muted"))
    out = [
        literal(("On time ", "bold"), f"{record.on_time} of {record.calls} calls"),
        literal(
            ("Overrun ", "bold"),
            f"median {_minutes(record.median_overrun)}, worst {_minutes(record.worst_overrun)}",
        ),
    ]
    if len(record.last) > 1:
        last = " ".join("·" if o == 0 else f"+{round(o / 60)}" for o in record.last)
        out.append(literal(("Last calls ", "bold"), last, (f"  {record.trend}", "$text-muted")))
    return lines(out)


def introducers_text(found: Learned) -> Content:
    """The three who introduced you to most people."""
    if not found.introducers:
        return literal(("No introductions yet.", "$text-muted"))
    return lines(
        literal(("● ", "$accent"), who.name, f" · {len(who.people)}: ", ", ".join(who.people[:3]))
        for who in found.introducers[:3]
    )


def question_pane(group: QuestionGroup) -> Widget:
    """One question with its answers side by side (starred first)."""
    people = f"{group.people} {'person' if group.people == 1 else 'people'}"
    pane = Vertical(
        Horizontal(*(answer_card(a) for a in group.answers)),
        classes="learning-question",
    )
    pane.border_title = literal(group.text)
    more = group.answered - len(group.answers)
    pane.border_subtitle = people + (f" · {more} more: coffeechat learned" if more > 0 else "")
    return pane


def answer_card(answer: Answer) -> Widget:
    """One person's answer and notes."""
    card = Static(literal(answer.notes.strip() or ("(no notes)", "$text-muted")), classes="answer")
    card.border_title = literal(("★ " if answer.starred else "") + answer.call.person)
    card.border_subtitle = f"{answer.call.started:%Y-%m-%d}"
    if answer.starred:
        card.add_class("-starred")
    return card


def _minutes(seconds: int) -> str:
    return f"{round(seconds / 60)} min" if seconds else "none"
