"""Home: what to follow up, your past sessions, and your agendas, on one screen.

The follow-up queue comes first (overdue items in the error colour) because it is
why you open coffeechat between calls. The first frame is painted before anything
is read: the agendas and the sessions (from the summary cache, `core.sessions.cache`) load in worker
threads started once it is on screen, and everything only an action needs (the
editor, the session screen, marking done) is imported when that action runs. A
search reads the notes in another worker as you type. Narrow terminals get the
three lists; wide ones also get the highlighted thing in full beside them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Key
from textual.message import Message
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.worker import get_current_worker

from coffeechat.core.problems import InputError
from coffeechat.ui import breakpoints
from coffeechat.ui.literal import literal
from coffeechat.ui.widgets.agenda_list import AgendaList, plan, read
from coffeechat.ui.widgets.queue_list import QueueList
from coffeechat.ui.widgets.session_list import SessionList

if TYPE_CHECKING:
    from pathlib import Path

    from coffeechat.core.agendas.agenda import Agenda
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.queue.followups import Queue
    from coffeechat.core.sessions.cache import SessionIndex
    from coffeechat.core.sessions.marking import Change
    from coffeechat.core.sessions.search import Hit
    from coffeechat.core.settings import Settings
    from coffeechat.core.timesource import TimeSource

REFRESH_SECONDS = 60
"""How often the queue is regrouped as time passes (items fall due while you look)."""
SEARCH_BATCH = 500
"""Sessions read between two updates of the results while a search runs."""
MOST_HITS = 200
"""A search stops after this many sessions found (newest first): enough to scan."""
SNOOZE_EXAMPLES = "tomorrow · in 3 days · 2w · next monday · friday · dec 3 · 2026-12-03 · eom"


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
        Binding("d", "done", "Done", id="home.done"),
        Binding("s", "snooze", "Snooze", id="home.snooze"),
        Binding("u", "undo", "Undo", id="home.undo"),
        Binding("t", "draft", "Thank-you", id="home.draft"),
        Binding("m", "export", "Markdown", id="home.export"),
        Binding("slash", "search", "Search", id="home.search"),
        Binding("c", "start_call", "Start call", id="home.call"),
        Binding("n", "new_agenda", "New agenda", id="home.new"),
        Binding("e", "edit_agenda", "Edit", id="home.edit"),
        Binding("r", "reload", "Reload", id="home.reload", show=False),
        Binding("q", "app.quit", "Quit", id="home.quit", show=False),
    ]

    class StartCall(Message):
        """The person chose an agenda to start a call from (the app opens the call)."""

        def __init__(self, agenda: Path) -> None:
            super().__init__()
            self.agenda = agenda

    def __init__(self, workspace: Workspace, settings: Settings, time: TimeSource) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.time = time
        self.index: SessionIndex | None = None
        self.queue: Queue | None = None
        self.last_change: Change | None = None
        self.phrase = ""
        self.told_damaged: set[str] = set()
        self.reload_on_resume = False
        self.loading_started = False
        self.lists_shown = False
        """The lists are in their panes (from just after the first frame)."""
        self.agendas_read = False

    def compose(self) -> ComposeResult:
        """Header; the queue, the sessions over the agendas, the preview; footer.

        The first frame shows the panes with their titles; their lists and the search
        box are put in once it is on screen (`show_lists`): with them, it would take
        a third longer to appear. Titles are set here, before anything is mounted: set
        later, each would cost the first frame another round of layout.
        """
        yield Header()
        with Horizontal(id="home-body"):
            yield titled(Vertical(id="queue-pane", classes="pane"), "Follow-ups")
            with Vertical(id="side"):
                yield titled(Vertical(id="sessions-pane", classes="pane"), "Past sessions")
                yield titled(Vertical(id="agendas-pane", classes="pane"), "Agendas")
            with titled(VerticalScroll(id="preview", classes="pane"), "Details"):
                yield Static(id="preview-text")
        yield Footer()

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
                QueueList(id="queue", placeholder="Reading your sessions…")
            ),
            self.query_one("#sessions-pane").mount_all(
                [Input(placeholder="/ search all notes", id="search"), SessionList(id="sessions")]
            ),
            self.query_one("#agendas-pane").mount(AgendaList(id="agendas", placeholder="Reading…")),
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
        """Read the session index (cached summaries) off the event loop."""
        from coffeechat.core.sessions.cache import load_index

        index = load_index(self.workspace)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show_index, index)

    def show_index(self, index: SessionIndex) -> None:
        """Show freshly read sessions in the queue and the sessions list (then, the
        first time, read the agendas: the queue comes first)."""
        if self.closing:
            return  # read while the app was closing: nothing left to show them in
        first = not self.agendas_read
        if first:
            self.agendas_read = True
            self.load_agendas()
        self.index = index
        self.regroup()
        if (
            first
            and self.queue is not None
            and not self.queue.items
            and self.focused is self.query_one(QueueList)
        ):
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
        from coffeechat.core.queue.followups import build_queue

        now = self.time.now()
        self.queue = build_queue(self.index.sessions, now)
        self.query_one(QueueList).show(self.queue, now)
        overdue = sum(1 for i in self.queue.items if i.bucket == "overdue")
        subtitle = f"[$error]{overdue} overdue[/] · " if overdue else ""
        subtitle += f"{len(self.queue.items)} open"
        if self.queue.snoozed:
            subtitle += f" · {self.queue.snoozed} snoozed"
        self.query_one("#queue-pane").border_subtitle = subtitle
        self.sub_title = f"{len(self.queue.items)} to follow up"
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
        """Find the sessions whose notes hold `phrase`, showing hits as they come.

        It stops when a newer search starts, and after MOST_HITS sessions (newest first).
        """
        if self.index is None:
            return
        from coffeechat.core.sessions.search import search_sessions

        worker = get_current_worker()
        ids = [s.id for s in self.index.sessions]
        hits: dict[str, Hit] = {}
        for start in range(0, len(ids), SEARCH_BATCH):
            batch = ids[start : start + SEARCH_BATCH]
            for hit in search_sessions(
                self.workspace.sessions, batch, phrase, lambda: worker.is_cancelled
            ):
                hits[hit.session_id] = hit
                if len(hits) >= MOST_HITS:
                    break
            if worker.is_cancelled:
                return
            done = len(hits) >= MOST_HITS or start + SEARCH_BATCH >= len(ids)
            read = min(start + SEARCH_BATCH, len(ids))
            self.app.call_from_thread(self.show_hits, phrase, dict(hits), read, done)
            if done:
                return

    def show_hits(self, phrase: str, hits: dict[str, Hit], read: int, done: bool) -> None:
        """Show the sessions a search found so far, if it is still the current one."""
        if phrase != self.phrase or self.index is None or self.closing:
            return
        self.query_one(SessionList).show(self.index.sessions, (), hits)
        found = len(hits)
        text = f"{found} session{'s' if found != 1 else ''} hold “{phrase}”"
        if not done:
            text = f"searching {read}/{len(self.index.sessions)}… {text}"
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

    # --- what the keys act on ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Show only the keys that do something where the focus is."""
        if not self.lists_shown:  # the moment between the first frame and the lists
            return action in ("search", "new_agenda", "reload")
        focused = self.focused
        queue, sessions = self.query_one(QueueList), self.query_one(SessionList)
        if action in ("done", "snooze"):
            return focused is queue and queue.highlighted_item is not None
        if action == "undo":
            return self.last_change is not None
        if action == "draft":
            return self._session_in_focus() is not None
        if action == "export":
            return focused is sessions and sessions.highlighted_session is not None
        if action in ("edit_agenda", "start_call"):
            agendas = self.query_one(AgendaList)
            return focused is agendas and agendas.highlighted_name is not None
        return True

    def _session_in_focus(self) -> str | None:
        """The id of the session the focused list points at."""
        queue, sessions = self.query_one(QueueList), self.query_one(SessionList)
        if self.focused is queue and queue.highlighted_item is not None:
            return queue.highlighted_item.session.id
        if self.focused is sessions and sessions.highlighted_session is not None:
            return sessions.highlighted_session.id
        return None

    @on(OptionList.OptionHighlighted)
    def highlighted(self) -> None:
        """Keep the preview and the footer in step with the cursor."""
        self.update_preview()
        self.refresh_bindings()

    def on_descendant_focus(self) -> None:
        """The footer and preview follow the focus from list to list."""
        self.update_preview()
        self.refresh_bindings()

    def update_preview(self) -> None:
        """Show the highlighted thing of the focused list in full (wide screens)."""
        text = self.query_one("#preview-text", Static)
        focused = self.focused
        queue, sessions = self.query_one(QueueList), self.query_one(SessionList)
        agendas = self.query_one(AgendaList)
        if focused is agendas and agendas.highlighted_name is not None:
            text.update(plan(agendas.agendas[agendas.highlighted_name]))
        elif focused is queue and queue.highlighted_item is not None:
            from coffeechat.ui.widgets import preview  # nothing to preview before sessions load

            text.update(preview.item_preview(queue.highlighted_item, self.time.now()))
        elif sessions.highlighted_damaged is not None and focused is sessions:
            from coffeechat.ui.widgets import preview

            text.update(preview.damaged_preview(sessions.highlighted_damaged))
        elif sessions.highlighted_conflict is not None and focused is sessions:
            from coffeechat.ui.widgets import preview

            copy = sessions.highlighted_conflict
            shown = self.workspace.display(self.workspace.sessions / copy.name)
            text.update(preview.conflict_preview(copy, shown))
        elif focused in (sessions, self.query_one("#search")) and sessions.highlighted_session:
            from coffeechat.ui.widgets import preview

            text.update(preview.session_preview(sessions.highlighted_session))
        else:
            text.update("")

    # --- opening ----------------------------------------------------------------

    @on(OptionList.OptionSelected, "#queue, #sessions")
    def selected(self) -> None:
        """Enter on an item or a session opens the session."""
        self.action_open()

    def action_open(self, draft: bool = False) -> None:
        """Read the session the focused list points at (or why a file cannot be read)."""
        from coffeechat.ui.screens.session import SessionScreen

        sessions = self.query_one(SessionList)
        left_out = sessions.highlighted_damaged or sessions.highlighted_conflict
        if self.focused is sessions and left_out is not None:
            path = self.workspace.sessions / left_out.name
        else:
            session_id = self._session_in_focus()
            if session_id is None:
                return
            path = self.workspace.sessions / f"{session_id}.toml"
        self.app.push_screen(SessionScreen(self.workspace, path, draft=draft))

    def action_draft(self) -> None:
        """The thank-you draft of the session in focus."""
        self.action_open(draft=True)

    def action_export(self) -> None:
        """Export the highlighted session as Markdown (from its own screen)."""
        from coffeechat.ui.screens.session import SessionScreen

        summary = self.query_one(SessionList).highlighted_session
        if summary is None:
            return
        screen = SessionScreen(self.workspace, self.workspace.sessions / f"{summary.id}.toml")
        self.app.push_screen(screen)
        screen.call_after_refresh(screen.action_export)

    # --- done, snooze, undo -----------------------------------------------------

    def action_done(self) -> None:
        """Mark the highlighted follow-up done."""
        from coffeechat.core.sessions.marking import mark_done

        item = self.query_one(QueueList).highlighted_item
        if item is None:
            return
        self.apply(lambda: mark_done(self.workspace, item.address), "Done")

    def action_snooze(self) -> None:
        """Ask until when to hide the highlighted follow-up; show the date back first."""
        from coffeechat.core.queue.dates import describe
        from coffeechat.core.queue.followups import snooze_until
        from coffeechat.core.sessions.marking import snooze
        from coffeechat.ui.screens.prompt import PromptDialog

        item = self.query_one(QueueList).highlighted_item
        if item is None:
            return

        def check(text: str) -> str:
            now = self.time.now()
            until = snooze_until(text, now)
            return f"→ hidden until {describe(until.date(), now.date())}, {until:%H:%M}"

        def chosen(text: str | None) -> None:
            if text is not None:
                until = snooze_until(text, self.time.now())
                self.apply(lambda: snooze(self.workspace, item.address, until), "Snoozed")

        dialog = PromptDialog(
            f"Snooze “{item.title}” until", check, placeholder="tomorrow", hint=SNOOZE_EXAMPLES
        )
        self.app.push_screen(dialog, chosen)

    def action_undo(self) -> None:
        """Put back the follow-up changed last."""
        from coffeechat.core.sessions.marking import undo

        change = self.last_change
        if change is not None:
            self.last_change = None
            self.apply(lambda: undo(self.workspace, change), "Undone", undoable=False)

    def apply(self, edit: Callable[[], Change], verb: str, undoable: bool = True) -> None:
        """Run an edit of a session file, say what it did, and show the queue again."""
        from coffeechat.core.queue.dates import describe

        try:
            change: Change = edit()
        except InputError as err:
            self.notify(str(err), title="Nothing was changed", severity="error")
            return
        if undoable and change.changed:
            self.last_change = change
        message = f"{verb}: {change.after.title}"
        if change.after.snoozed_until is not None and verb == "Snoozed":
            until = change.after.snoozed_until
            message += f"\nuntil {describe(until.date(), self.time.now().date())}"
        if undoable and change.changed:
            message += "\n(u undoes it)"
        self.notify(message)
        self.load_sessions()
        self.refresh_bindings()

    # --- agendas ----------------------------------------------------------------

    @on(OptionList.OptionSelected, "#agendas")
    def agenda_selected(self) -> None:
        """Enter on an agenda starts the call."""
        self.action_start_call()

    def action_start_call(self) -> None:
        """Start a call from the highlighted agenda (or resume its unfinished one)."""
        agendas = self.query_one(AgendaList)
        name = agendas.highlighted_name
        if name is not None:
            self.post_message(self.StartCall(agendas.paths[name]))

    def action_new_agenda(self) -> None:
        """Ask the person's name, write the commented template, open it in the editor."""
        from coffeechat.core.agendas.template import Person, agenda_slug, agenda_template
        from coffeechat.core.files import atomic
        from coffeechat.ui.screens.prompt import PromptDialog

        def check(name: str) -> str:
            path = self.workspace.agendas / f"{agenda_slug(name)}.toml"
            if path.exists():
                raise InputError.at(
                    self.workspace.display(path), "already exists", "e opens it in your editor"
                )
            return f"Writes agendas/{path.name}, then opens it in your editor"

        def create(name: str | None) -> None:
            if name is None:
                return
            path = self.workspace.agendas / f"{agenda_slug(name)}.toml"
            person = Person(name=" ".join(name.split()))
            try:
                atomic.private_dir(self.workspace.agendas)
                atomic.write_new(path, agenda_template(person, f"agendas/{path.name}"))
            except OSError as err:
                self.notify(f"Could not write {path}: {err.strerror}", severity="error")
                return
            self.query_one(AgendaList).load(self.workspace, self.settings, keep=path.stem)
            self.edit_agenda(path)

        dialog = PromptDialog(
            "New agenda: who are you meeting?", check, placeholder="Their name, e.g. Jane Doe"
        )
        self.app.push_screen(dialog, create)

    def action_edit_agenda(self) -> None:
        """Open the highlighted agenda in $EDITOR; check it when the editor closes."""
        agendas = self.query_one(AgendaList)
        name = agendas.highlighted_name
        if name is not None:
            self.edit_agenda(agendas.paths[name])

    def edit_agenda(self, path: Path) -> None:
        """Suspend the app, run the editor on `path`, then re-check the agenda."""
        import subprocess

        from coffeechat.core.files.editor import editor_command

        try:
            command = editor_command()
            with self.app.suspend():
                subprocess.run([*command, str(path)], check=False)
        except InputError as err:
            self.notify(str(err), severity="error")
            return
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor.", severity="error")
            return
        except OSError as err:
            self.notify(f"Could not start the editor: {err.strerror}", severity="error")
            return
        agendas = self.query_one(AgendaList)
        agendas.load(self.workspace, self.settings, keep=path.stem)
        agendas.focus()
        result = read(self.workspace, self.settings, path)
        if isinstance(result, InputError):
            count = len(result.errors)
            self.notify(
                f"{path.name} has {count} problem{'s' if count != 1 else ''}: e opens it again.\n"
                + str(result.errors[0].render()),
                severity="error",
                timeout=10,
            )
        else:
            self.notify(f"{path.name} is ready: {result.meeting.person}")
        self.update_preview()

    def action_reload(self) -> None:
        """Read the agendas and the sessions again (after editing them elsewhere)."""
        if self.lists_shown:  # else they are about to be read anyway
            self.query_one(AgendaList).load(self.workspace, self.settings)
            self.load_sessions()
