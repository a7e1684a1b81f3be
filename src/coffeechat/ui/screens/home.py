"""Home: what to follow up, your past sessions, and your agendas, on one screen.

The follow-up queue comes first (overdue items in the error colour) because it is
why you open coffeechat between calls: the queue `coffeechat followups` prints, the
items about people included. The first frame is painted before anything is read:
the agendas and the sessions (the summary cache, `core.sessions.cache`, and the
people's items) load in worker threads started once it is on screen, and everything
only an action needs (the editor, the session screen, marking done) is imported when
that action runs. A search reads the notes in another worker as you type
(`core.sessions.search`). Narrow terminals get the three lists; wide ones also get
the highlighted thing in full beside them.

Each list holds the keys for what it shows and does what they ask (`QueueList`:
open, done, snooze, undo, thank-you; `SessionList`: open, thank-you, Markdown;
`AgendaList`: start a call, edit), so the footer, F1 help and the palette offer the
focused list's keys by Textual's own focus-aware bindings. The screen's own keys
work wherever the focus is: search, a new agenda, reload, quit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.worker import get_current_worker

from coffeechat.core.problems import InputError
from coffeechat.ui import breakpoints
from coffeechat.ui.literal import literal
from coffeechat.ui.widgets.agenda_list import AgendaList
from coffeechat.ui.widgets.learned_pane import LEARN, LearnedPane
from coffeechat.ui.widgets.people_list import PeopleList, PeoplePane
from coffeechat.ui.widgets.queue_list import QueueList, home_queue, queue_titles, read_people
from coffeechat.ui.widgets.session_list import SessionList

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.items import PersonItem
    from coffeechat.core.sessions.cache import SessionIndex
    from coffeechat.core.sessions.search import Progress
    from coffeechat.core.settings import Settings
    from coffeechat.core.timesource import TimeSource

REFRESH_SECONDS = 60
"""How often the queue is regrouped as time passes (items fall due while you look)."""


def titled(container: Widget, title: str) -> Widget:
    """`container` with its border title."""
    container.border_title = title
    return container


class HomeScreen(Screen[None]):
    """The follow-up queue, past sessions and agendas."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#queue"
    HORIZONTAL_BREAKPOINTS = breakpoints.HORIZONTAL_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="home.search"),
        Binding("n", "new_agenda", "New agenda", id="home.new"),
        Binding(
            "l",
            "app.push_screen('learning')",
            "Learning",
            id="home.learning",
            show=False,
            tooltip=LEARN,
        ),
        Binding("r", "reload", "Reload", id="home.reload", show=False),
        Binding("q", "app.quit", "Quit", id="home.quit", show=False),
    ]

    def __init__(self, workspace: Workspace, settings: Settings, time: TimeSource) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.time = time
        self.index: SessionIndex | None = None
        self.people: tuple[PersonItem, ...] = ()  # the queue's items about people, as read
        self.phrase = ""
        self.told_damaged: set[str] = set()
        self.reload_on_resume = False
        self.loading_started = False
        self.lists_shown = False
        """The lists are in their panes (from just after the first frame)."""

    def compose(self) -> ComposeResult:
        """Header; the queue, then sessions, people, agendas and what was learned, the
        preview; footer. The first frame shows the panes with their titles; their lists
        and the search box are put in once it is on screen (`show_lists`): with them,
        it would take a third longer to appear. Titles are set here, before anything is
        mounted: set later, each would cost the first frame another round of layout."""
        breakpoints.set_for_width(self)
        yield Header()
        with Horizontal(id="home-body"):
            yield titled(Vertical(id="queue-pane", classes="pane"), "Follow-ups")
            with Vertical(id="side"):
                yield titled(Vertical(id="sessions-pane", classes="pane"), "Past sessions")
                yield PeoplePane(self.workspace, self.settings, self.time)
                yield titled(Vertical(id="agendas-pane", classes="pane"), "Agendas")
                yield LearnedPane(self.workspace, id="learned-pane")
            with titled(VerticalScroll(id="preview", classes="pane"), "Details"):
                yield Static(id="preview-text")
        yield Footer(compact=True, show_command_palette=False)  # all of it fits at 80 columns

    def on_mount(self) -> None:
        """Once the first frame is painted, the lists are put in and the sessions load in
        a worker (the app says when, see `CoffeechatApp.on_ready`; this is the fallback),
        then the agendas."""
        self.call_after_refresh(self.start_loading)
        self.set_interval(REFRESH_SECONDS, self.regroup)

    async def start_loading(self) -> None:
        """Put the lists in and read the sessions, now that the first frame is on
        screen (once; not once the app is ending: a signal or a quit as it starts
        would have them mounted into panes being taken down)."""
        if not self.loading_started and self.app.return_code is None:
            self.loading_started = True
            await self.show_lists()
            self.load_sessions()

    async def show_lists(self) -> None:
        """Put the lists and the search box in their panes, and focus the queue."""
        mounted = [
            self.query_one("#queue-pane").mount(
                QueueList(
                    self.workspace, self.time, id="queue", placeholder="Reading your sessions…"
                )
            ),
            self.query_one("#sessions-pane").mount_all(
                [
                    Input(placeholder="/ search all notes", id="search"),
                    SessionList(self.workspace, id="sessions"),
                ]
            ),
            self.query_one("#agendas-pane").mount(
                AgendaList(self.workspace, self.settings, id="agendas", placeholder="Reading…")
            ),
        ]
        for mounting in mounted:  # all are in place from here: await them being ready
            await mounting
        if self.closing:
            return  # the app ended while they went in
        self.lists_shown = True
        self.query_one(QueueList).focus()
        self.refresh_bindings()

    def on_screen_suspend(self) -> None:
        """Another screen opened: a full one (a session, a call) may change sessions."""
        self.reload_on_resume = not isinstance(self.app.screen, ModalScreen)

    def on_screen_resume(self) -> None:
        """Coming back from a full screen: read what changed (cheap: it is cached)."""
        if self.index is not None and self.reload_on_resume:
            self.load_sessions()

    # --- loading ----------------------------------------------------------------

    @property
    def closing(self) -> bool:
        """True once the app is taking this screen down: a worker may still deliver."""
        return not self.is_attached or not self.query(QueueList)

    @work(thread=True, exclusive=True, group="agendas")
    def load_agendas(self) -> None:
        """Read every agenda off the event loop, then show them."""
        found = AgendaList.read_all(self.workspace, self.settings)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_agendas, found)

    def show_agendas(self, found: dict[Path, Agenda | InputError]) -> None:
        """Show agendas just read, keeping the highlighted one."""
        if self.closing:
            return  # read while the app was closing: nothing left to show them in
        self.query_one(AgendaList).show(found)
        self.update_preview()

    @work(thread=True, exclusive=True, group="sessions")
    def load_sessions(self) -> None:
        """Read the session index (cached summaries) and the people's items off the
        event loop."""
        from coffeechat.core.sessions.cache import load_index

        index = load_index(self.workspace)
        people = read_people(self.workspace, self.time.now())
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_index, index, people)

    def show_index(self, index: SessionIndex, people: tuple[PersonItem, ...]) -> None:
        """Show freshly read sessions and people's items in the queue and the sessions
        list (then, the first time, read the agendas: the queue comes first)."""
        if self.closing:
            return  # read while the app was closing: nothing left to show them in
        first = self.index is None
        if first:
            self.load_agendas()
        self.index, self.people = index, people
        self.query_one(LearnedPane).show(index)
        self.regroup()
        queue = self.query_one(QueueList)
        if first and not queue.items and self.focused is queue:
            self.query_one(AgendaList).focus()  # nothing to follow up: a call is next
        if self.phrase:
            self.search_notes(self.phrase)
        else:
            self.show_all_sessions(index)
        self.tell_conflicts(index)
        new = [d for d in index.damaged if d.name not in self.told_damaged]
        if new:
            self.told_damaged.update(d.name for d in new)
            names = "\n".join(f"{d.name}: {d.reason}" for d in new[:3])
            more = f"\n…and {len(new) - 3} more" if len(new) > 3 else ""
            self.notify(
                f"{names}{more}\nEverything else works; they are listed under Past sessions.",
                title="Session files that cannot be read",
                severity="error",
                timeout=8,
            )
        self.update_preview()

    def tell_conflicts(self, index: SessionIndex) -> None:
        """Say once which files look like sync conflicts, and what to do about them."""
        from coffeechat.core.files.syncconflicts import WHAT_TO_DO

        new = [c for c in index.conflicts if c.name not in self.told_damaged]
        if not new:
            return
        self.told_damaged.update(c.name for c in new)
        lines = [f"{c.name}: {c.what}" for c in new[:3]]
        more = [f"…and {len(new) - 3} more"] if len(new) > 3 else []
        self.notify(
            "\n".join([*lines, *more, f"They are left out: {WHAT_TO_DO}."]),
            title="Files that look like sync conflicts",
            severity="warning",
            timeout=12,
            markup=False,
        )

    def regroup(self) -> None:
        """Recompute the queue for the time now (no files are read)."""
        if self.index is None:
            return
        now = self.time.now()
        queue = home_queue(self.index.sessions, self.people, now)
        self.query_one(QueueList).show(queue, now)
        self.query_one("#queue-pane").border_subtitle, self.sub_title = queue_titles(queue)
        self.refresh_bindings()

    # --- search -----------------------------------------------------------------

    def action_search(self) -> None:
        """Type to search every session's notes."""
        if self.lists_shown:
            self.query_one("#search", Input).focus()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        """Search again as the words change; no words shows every session."""
        self.phrase = " ".join(event.value.split())
        if not self.phrase and self.index is not None:
            self.show_all_sessions(self.index)
            return
        self.query_one("#sessions-pane").border_subtitle = "searching…"
        self.search_notes(self.phrase)

    def show_all_sessions(self, index: SessionIndex) -> None:
        """Every session (no search), and how many, the unreadable ones counted apart."""
        self.query_one(SessionList).show(index.sessions, index.damaged, conflicts=index.conflicts)
        damaged = f" · [$error]{len(index.damaged)} unreadable[/]" if index.damaged else ""
        if index.conflicts:
            damaged += f" · [$warning]{len(index.conflicts)} conflicts[/]"
        self.query_one("#sessions-pane").border_subtitle = f"{len(index.sessions)}{damaged}"

    @on(Input.Submitted, "#search")
    def search_done(self) -> None:
        """Enter: go to the results."""
        self.query_one(SessionList).focus()

    @work(thread=True, exclusive=True, group="search")
    def search_notes(self, phrase: str) -> None:
        """Find the sessions whose notes hold `phrase`, showing the hits as they come (a
        newer search stops this one)."""
        if self.index is None:
            return
        from coffeechat.core.sessions.search import search_in_batches

        worker = get_current_worker()
        ids = [s.id for s in self.index.sessions]
        for progress in search_in_batches(self.workspace, ids, phrase, lambda: worker.is_cancelled):
            self.app.call_from_thread(self.show_hits, phrase, progress)

    def show_hits(self, phrase: str, progress: Progress) -> None:
        """Show the sessions a search found so far, if it is still the current one."""
        from coffeechat.core.sessions.search import MOST_HITS

        if phrase != self.phrase or self.index is None or self.closing:
            return
        self.query_one(SessionList).show(self.index.sessions, (), progress.hits)
        found = len(progress.hits)
        text = f"{found} session{'s hold' if found != 1 else ' holds'} “{phrase}”"
        if not progress.done:
            text = f"searching {progress.read}/{len(self.index.sessions)}… {text}"
        elif found >= MOST_HITS:
            text = f"the newest {text}"
        self.query_one("#sessions-pane").border_subtitle = literal(text)
        self.update_preview()

    def on_key(self, event: Key) -> None:
        """Escape in the search box clears it and goes back to the list."""
        if not self.lists_shown:
            return
        search = self.query_one("#search", Input)
        if event.key == "escape" and search.has_focus:
            search.value = ""
            self.query_one(SessionList).focus()
            event.stop()

    # --- what the lists show ------------------------------------------------------

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        """Keep the preview and the footer in step with the cursor."""
        self.update_preview()
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        """The preview follows the focus from list to list (the footer does by itself)."""
        self.update_preview()

    def update_preview(self) -> None:
        """Show the highlighted thing of the focused list in full (wide screens)."""
        focused = self.focused
        if isinstance(focused, Input):  # the search box: the sessions it found
            focused = self.query_one(SessionList)
        lists = QueueList | SessionList | AgendaList | PeopleList
        shown = focused.preview() if isinstance(focused, lists) else ""
        self.query_one("#preview-text", Static).update(shown)

    @on(QueueList.Changed)
    @on(PeopleList.Changed)
    def followup_changed(self, event: QueueList.Changed | PeopleList.Changed) -> None:
        """A follow-up or a person changed: read the queue again (cheap: cached), and
        the People pane after the queue's (it reads itself after its own list's)."""
        self.load_sessions()
        if isinstance(event, QueueList.Changed):
            self.query_one(PeoplePane).load()

    # --- agendas ----------------------------------------------------------------

    def action_new_agenda(self) -> None:
        """Ask the person's name, write the commented template, open it in the editor."""
        from coffeechat.core.agendas.files import new_agenda_path, write_new_agenda
        from coffeechat.core.agendas.template import Person
        from coffeechat.ui.screens.prompt import PromptDialog

        def check(name: str) -> str:
            path = new_agenda_path(self.workspace, name)
            if path.exists():
                raise InputError.at(
                    self.workspace.display(path), "already exists", "e opens it in your editor"
                )
            return f"Writes agendas/{path.name}, then opens it in your editor"

        def create(name: str | None) -> None:
            if name is None:
                return
            try:
                path = write_new_agenda(self.workspace, Person(name=name))
            except FileExistsError as err:
                self.notify(f"{err.filename} already exists: e opens it", severity="error")
                return
            except InputError as err:
                self.notify(str(err), title="Nothing was written", severity="error")
                return
            agendas = self.query_one(AgendaList)
            agendas.load(keep=path.stem)
            agendas.edit(path)

        dialog = PromptDialog(
            "New agenda: who are you meeting?", check, placeholder="Their name, e.g. Jane Doe"
        )
        self.app.push_screen(dialog, create)

    def action_reload(self) -> None:
        """Read the agendas and the sessions again (after editing them elsewhere)."""
        if self.lists_shown:  # else they are about to be read anyway
            self.load_agendas()  # in its worker, as at the start: not on the event loop
            self.load_sessions()
