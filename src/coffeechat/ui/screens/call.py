"""The live call: who, the clock, the questions, and the notes box that always has focus.

Nothing here takes focus from the notes box on its own: signals are toasts, the
checklists appear beside the notes, and every panel gives the notes back on
Escape. Saving is `CallSaver`'s job (within a second of any change, at once on
quit and on signals); this screen only says when it fails. Keys that arrive
together take effect in order (`coffeechat.ui.keyorder`): so Enter in the capture
panel and in the question list are this screen's own priority bindings, which move
the focus as they run, not after a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.call.autosave import SaveStatus
from coffeechat.core.call.clock import fit_warnings
from coffeechat.core.call.live import Call
from coffeechat.core.call.start import OpenSession
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.settings import Settings
from coffeechat.ui import breakpoints
from coffeechat.ui.call_hooks import CallHooks
from coffeechat.ui.call_saver import SAVE_SECONDS, CallSaver
from coffeechat.ui.clock_watch import ClockWatch
from coffeechat.ui.widgets.call_banner import CallBanner
from coffeechat.ui.widgets.call_parts import (
    Checklist,
    MeetingHeader,
    PacingLine,
    QuestionHead,
    QuestionText,
)
from coffeechat.ui.widgets.capture import CapturePanel
from coffeechat.ui.widgets.cheat_sheet import CheatSheet
from coffeechat.ui.widgets.clock_panel import ClockPanel
from coffeechat.ui.widgets.notes_box import NotesBox
from coffeechat.ui.widgets.question_list import QuestionList

if TYPE_CHECKING:
    from coffeechat.ui.screens.wrapup import WrapUpScreen


class CallScreen(Screen[None]):
    """One call in progress."""

    CSS_PATH = "call.tcss"
    AUTO_FOCUS = "#notes"
    HORIZONTAL_BREAKPOINTS = breakpoints.HORIZONTAL_BREAKPOINTS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next", "Next", id="call.next", priority=True),
        Binding("ctrl+e", "end", "End call", id="call.end", priority=True),
        Binding("ctrl+t", "star", "Star", id="call.star", priority=True),
        Binding("ctrl+r", "referral", "Referral", id="call.referral", priority=True),
        Binding("ctrl+o", "action_item", "Action", id="call.action", priority=True),
        Binding("ctrl+g", "general", "General notes", id="call.general", priority=True),
        Binding("ctrl+b", "pause", "Pause", id="call.pause", priority=True),
        Binding("ctrl+l", "jump", "Jump", id="call.jump", priority=True),
        Binding("f2", "cheat_sheet", "Cheat sheet", id="call.cheat_sheet", priority=True),
        Binding("f3", "add_question", "Add question", id="call.add_question", priority=True),
        Binding("f4", "skip", "Skip question", id="call.skip", priority=True),
        Binding("f5", "tick", "Tick checklist", id="call.tick", priority=True),
        Binding("ctrl+s", "save", "Save now", id="call.save", show=False, priority=True),
        Binding("escape", "back", "Back to notes", id="call.back", show=False),
        Binding("ctrl+s", "file", show=False, priority=True),  # in the capture panel
        # Before the fields' own Enter (see `check_action`).
        Binding("enter", "next_field", show=False, priority=True),
        Binding("enter", "pick", show=False, priority=True),
    ]

    def __init__(
        self,
        call: Call,
        opened: OpenSession,
        agenda: Agenda,
        workspace: Workspace,
        settings: Settings,
        hooks: CallHooks,
    ) -> None:
        super().__init__()
        self.call = call
        self.opened = opened
        self.agenda = agenda
        self.workspace = workspace
        self.settings = settings
        self.hooks = hooks
        self.saving = CallSaver(call, opened, hooks.unsaved, hooks.edited_elsewhere)
        self._shown: tuple[object, ...] = ()
        self._wrap_up: WrapUpScreen | None = None

    def compose(self) -> ComposeResult:
        """Banner, who and the clock, the questions beside the notes, pacing, keys."""
        wide = breakpoints.set_for_width(self)
        self.set_class(wide, "-cheat")  # a wide terminal shows the cheat sheet from the start
        yield CallBanner(self.workspace.display(self.opened.path.parent), id="banner")
        with Horizontal(id="call-top"):
            yield MeetingHeader(self.call, self.agenda, id="who")
            yield ClockPanel(id="clock", classes=f"-{self.call.clock.phase().value}")
        with Horizontal(id="call-body"):
            yield QuestionList(id="questions")
            with Vertical(id="current"):
                yield QuestionHead(id="question-head")
                yield QuestionText(id="question-text")
                yield Checklist(id="checklist")
                yield CapturePanel(id="capture")
                yield NotesBox(self.call, id="notes")
        yield PacingLine(id="pacing")
        yield Footer()

    def on_mount(self) -> None:
        """Load the notes, write the file at once, start the clock and the saver."""
        self.capture.display = False
        self.query_one(QuestionList).border_title = "Questions"
        keys = [a.binding for a in self.active_bindings.values() if a.binding.id == "call.tick"]
        self.tick_key = self.app.get_key_display(keys[0]) if keys else "f5"
        # Now, not at AUTO_FOCUS's turn: the first key typed must reach the notes.
        self.back_to_notes()
        self.notes.load()
        self.save_now()
        self.show_all()
        self.clock_watch = ClockWatch(self, self.call.clock, self.tick)
        self.set_interval(SAVE_SECONDS, self.autosave)
        self.call_after_refresh(CheatSheet.add_to, self, self.agenda)
        if not self.app.is_headless:
            self.saving.catch_signals(self.app.exit, self.keep_typing)
        if self.call.ended:
            self.call_after_refresh(self.open_wrap_up)
        notice = fit_warnings(self.agenda.warn_at, self.call.clock.planned).notice()
        if notice is not None:
            self.notify(notice, title="Warnings", timeout=15)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is the call's own only in the capture panel and the question list; in
        the notes box it starts a new line.

        Asked of `focused`, not of `has_focus`: that follows only once the widget has
        heard of its focus, later than the keys that come next.
        """
        focused = self.focused
        # Where the focus is, only for these: every binding is checked, at every refresh.
        if action in ("next_field", "file", "save"):
            capturing = focused is not None and self.capture in focused.ancestors
            return capturing is (action != "save")
        if action == "pick":
            return isinstance(focused, QuestionList)
        return True

    def on_unmount(self) -> None:
        """Save synchronously and let go of the session."""
        self.saving.release_signals()
        self.saving.close()

    # --- showing ----------------------------------------------------------------------

    def tick(self) -> None:
        """Look at the clock: signal crossings, redraw what changed since the last look."""
        clock = self.call.clock
        crossings = clock.crossings()
        if crossings and not clock.stopped:
            # Several at once (a resumed call, a busy machine): only the latest matters.
            self.query_one(ClockPanel).signal(crossings[-1], clock, self.settings.bell)
            self.show_all()
        # Typing alone changes nothing shown outside the notes box: no redraw per key.
        shown = (clock.text(), clock.paused, self.notes.general)
        if shown != self._shown:
            self.show_all()
        self.clock_watch.looked()

    def show_all(self) -> None:
        """Redraw every part that depends on the call."""
        call = self.call
        clock = call.clock
        self._shown = (clock.text(), clock.paused, self.notes.general)
        self.query_one(ClockPanel).show(clock)
        pacing = call.pacing()
        self.query_one(QuestionList).show(call, pacing.wont_fit)
        self.query_one(QuestionHead).show(call, self.notes.general)
        self.query_one(QuestionText).show(call, self.notes.general)
        checklist = self.query_one(Checklist)
        checklist.display = checklist.show(call, self.tick_key) and not self.capture.display
        self.query_one(PacingLine).show(call, pacing)
        self.banner.show(self.saving.status.error, clock.paused)

    @property
    def capture(self) -> CapturePanel:
        """The quick-capture panel."""
        return self.query_one(CapturePanel)

    # --- the notes box ----------------------------------------------------------------

    @property
    def notes(self) -> NotesBox:
        """The notes box."""
        return self.query_one("#notes", NotesBox)

    @property
    def banner(self) -> CallBanner:
        """The line over the call about saving and pausing."""
        return self.query_one(CallBanner)

    def keep_typing(self) -> None:
        """Copy what the notes box, the capture panel and the wrap-up hold into the call
        now, for a save that cannot wait for their change messages (quitting, a signal)."""
        self.notes.keep()
        typed = self.capture.typed()
        if typed is not None:
            self.call.type_draft(*typed)
        if self._wrap_up is not None:
            self._wrap_up.keep_typing()

    def back_to_notes(self) -> None:
        """Give the notes box the focus."""
        self.query_one(QuestionList).can_focus = False
        self.notes.focus()

    # --- saving -----------------------------------------------------------------------

    def autosave(self) -> None:
        """Hand the call to the saver if it changed; show how saving goes."""
        self.banner.report(self.saving.autosave(), self.call.clock.paused)

    def save_now(self) -> SaveStatus:
        """Write the session file now, on this thread; what happened."""
        status = self.saving.save_now()
        self.banner.report(status, self.call.clock.paused)
        return status

    # --- actions ----------------------------------------------------------------------

    def action_next(self) -> None:
        """Count the current question answered and go to the next one not yet asked."""
        self.go_on(self.call.next)

    def action_skip(self) -> None:
        """Leave the current question unasked and go on."""
        self.go_on(self.call.skip)

    def go_on(self, step: Callable[[], bool]) -> None:
        """Move through the questions with `step`, keeping the notes box in step."""
        self.notes.keep()
        if not step():
            self.notify("No questions left. ctrl+e ends the call.", title="All asked", timeout=5)
        self.notes.load()
        self.show_all()

    def action_end(self) -> None:
        """End the call and open the wrap-up."""
        self.notes.keep()
        # Filed now: the wrap-up must see it.
        self.close_capture()
        self.call.end()
        self.save_now()
        self.open_wrap_up()

    def open_wrap_up(self) -> None:
        """Show the wrap-up; back here if the call was not over after all."""
        from coffeechat.ui.screens.wrapup import WrapUpScreen

        self.show_all()
        # The call's toasts are about the call; they would cover the wrap-up.
        self.app.clear_notifications()
        self._wrap_up = WrapUpScreen(self.call, self.agenda, self.save_now)
        self.app.push_screen(self._wrap_up, callback=self.after_wrap_up)

    def after_wrap_up(self, saved: bool | None) -> None:
        """Leave once the session is saved as completed; otherwise, carry on the call.

        The notes box kept its text and the focus while the wrap-up was shown: keys
        typed as the wrap-up closes go on into it, and nothing here reloads it.
        """
        self._wrap_up = None
        if saved:
            self.saving.close()
            self.hooks.done()
            return
        self.call.reopen()
        self.show_all()
        self.back_to_notes()

    def action_star(self) -> None:
        """Mark the current question's notes as a key insight (or unmark them)."""
        starred = self.call.toggle_star()
        self.notify("★ Starred as a key insight." if starred else "Star removed.", timeout=2)
        self.show_all()

    async def action_referral(self) -> None:
        """Note someone they suggest you talk to: name, role, how to reach them, what to say."""
        await self.open_capture("referral")

    async def action_action_item(self) -> None:
        """Note something you promised to do; the wrap-up gives it a date."""
        await self.open_capture("action")

    async def action_add_question(self) -> None:
        """Add a question that came up in the conversation; it is asked next."""
        await self.open_capture("question")

    async def open_capture(self, kind: str) -> None:
        """Open the inline capture panel above the notes (Escape cancels it)."""
        self.query_one(Checklist).display = False
        await self.capture.open(kind)

    def action_next_field(self) -> None:
        """Enter in the capture panel: on to its next field, or file it after the last."""
        if not self.capture.focus_next_field():
            self.action_file()

    def action_file(self) -> None:
        """ctrl+s in the capture panel: file what it holds, back to the notes."""
        self.close_capture()
        self.back_to_notes()

    def close_capture(self) -> None:
        """File what the capture panel holds (if its first field has text) and hide it."""
        if not self.capture.display:
            return
        filed = self.capture.file(self.call)
        self.show_all()
        if filed:
            self.back_to_notes()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A capture being typed is saved like the notes, before it is filed."""
        self.keep_typing()

    def action_general(self) -> None:
        """Switch the notes box between the current question and the general notes."""
        self.notes.keep()
        self.notes.load(general=not self.notes.general)
        self.show_all()
        self.back_to_notes()

    def action_pause(self) -> None:
        """Pause the clock (the call dropped), or resume it."""
        paused = self.call.toggle_pause()
        self.notify("Clock paused." if paused else "Clock running.", timeout=2)
        self.show_all()

    def action_jump(self) -> None:
        """Pick any question from the list (Enter to go there, Escape to stay)."""
        self.query_one(QuestionList).start_jump(self.call.current)

    def action_pick(self) -> None:
        """Enter in the question list: the highlighted question becomes the current one."""
        self.go_to(self.query_one(QuestionList).picked())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A question clicked in the list becomes the current one."""
        if event.option_list.id == "questions" and event.option.id is not None:
            self.go_to(int(event.option.id))

    def go_to(self, index: int | None) -> None:
        """Make question `index` the current one; back to the notes."""
        if index is None:
            return
        self.notes.keep()
        self.call.jump(index)
        self.notes.load()
        self.show_all()
        self.back_to_notes()

    def action_cheat_sheet(self) -> None:
        """Show or hide the pitch, research and reminders."""
        self.toggle_class("-cheat")

    def action_save(self) -> None:
        """Save now (it happens on its own within a second anyway)."""
        self.notes.keep()
        status = self.save_now()
        if status.saved:
            self.notify(f"Saved to {self.workspace.display(self.opened.path)}.", timeout=2)

    def action_back(self) -> None:
        """Escape: cancel any capture in progress (what was typed goes into the notes)
        and go back to the notes."""
        if self.capture.display:
            typed = self.capture.cancel(self.call)
            if typed is not None:
                self.notes.add_line(typed)
                self.notify("Not filed: what you typed is in the notes.", timeout=4)
            self.show_all()
        self.back_to_notes()

    def action_tick(self) -> None:
        """Tick the next item of the opening or closing checklist showing."""
        if self.call.tick() is None:
            self.notify("No checklist item to tick now.", timeout=2)
        self.show_all()
