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

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static, TextArea
from textual.widgets.option_list import OptionDoesNotExist

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.agendas.durations import format_duration
from coffeechat.core.call.autosave import SaveStatus
from coffeechat.core.call.clock import Crossing, Phase
from coffeechat.core.call.live import Call, Draft, draft_referral
from coffeechat.core.call.start import OpenSession
from coffeechat.core.files.regular import MAX_SESSION_BYTES
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.settings import Settings
from coffeechat.core.text.controls import editable
from coffeechat.ui.call_saver import CallSaver, Unsaved
from coffeechat.ui.literal import literal
from coffeechat.ui.widgets.call_parts import (
    Checklist,
    MeetingHeader,
    PacingLine,
    QuestionHead,
    QuestionText,
)
from coffeechat.ui.widgets.capture import Captured, CapturePanel
from coffeechat.ui.widgets.cheat_sheet import CheatSheet
from coffeechat.ui.widgets.clock_panel import ClockPanel
from coffeechat.ui.widgets.question_list import QuestionList

if TYPE_CHECKING:
    from coffeechat.ui.screens.wrapup import WrapUpScreen

TICK_SECONDS = 0.25
"""How often the clock is looked at, for the time shown; a threshold due before the
next look is looked at when it falls due (`look_at_next_crossing`)."""
CROSSING_MARGIN = 0.001
"""A look at a threshold comes this much after it, never a hair before."""
SAVE_SECONDS = 0.4
"""How often a change is handed to the autosaver: well inside the one-second promise."""
WIDE = 140
"""From this many columns, the cheat sheet is a third column, shown from the start."""
NOTES_SLACK = 1_000_000
"""Bytes of a session file that are not notes, at most (questions, meeting, captures)."""


@dataclass(frozen=True)
class CallHooks:
    """What the app does when a call is over."""

    done: Callable[[], None]
    """The session was saved as completed: leave the call."""
    unsaved: Callable[[Unsaved], None]
    """The last save failed as the call closed: the text must reach the person."""
    edited_elsewhere: Callable[[tuple[Path, ...]], None] = lambda copies: None
    """The call closed having kept these copies of its file, edited outside coffeechat."""


class CallScreen(Screen[None]):
    """One call in progress."""

    CSS_PATH = "call.tcss"
    AUTO_FOCUS = "#notes"
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
        Binding("ctrl+s", "save", "Save now", id="call.save", show=False, priority=True),
        Binding("escape", "back", "Back to notes", id="call.back", show=False),
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
        self.editing_general = False
        self._shown: tuple[object, ...] = ()
        self._error_shown: str | None = None
        self._conflict_shown: object = None
        self._sized = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wrap_up: WrapUpScreen | None = None
        self._crossing_look: Timer | None = None

    # --- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Banner, who and the clock, the questions beside the notes, pacing, keys."""
        # Classes set before the widgets exist cost nothing; set after, they restyle all.
        self.fit_to(self.app.size.width)
        yield Static(id="banner")
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
                yield TextArea(id="notes", tab_behavior="indent", soft_wrap=True)
        yield PacingLine(id="pacing")
        yield Footer()

    def on_mount(self) -> None:
        """Load the notes, write the file at once, start the clock and the saver."""
        self.capture.display = False
        self.query_one(QuestionList).border_title = "Questions"
        # Now, not at AUTO_FOCUS's turn: the first key typed must reach the notes.
        self.back_to_notes()
        self.load_notes()
        self.save_now()
        self.show_all()
        self.set_interval(TICK_SECONDS, self.tick)
        self.set_interval(SAVE_SECONDS, self.autosave)
        self.call_after_refresh(self.add_cheat_sheet)
        self._loop = asyncio.get_running_loop()
        if not self.app.is_headless:
            self.saving.catch_signals(self.exit_after_signal, self.keep_typing)
        if self.call.ended:
            self.call_after_refresh(self.open_wrap_up)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter is the call's own only in the capture panel and the question list; in
        the notes box it starts a new line.

        Asked of `focused`, not of `has_focus`: that follows only once the widget has
        heard of its focus, later than the keys that come next.
        """
        focused = self.focused
        if action == "next_field":
            return focused is not None and self.capture in focused.ancestors
        if action == "pick":
            return isinstance(focused, QuestionList)
        return True

    def on_unmount(self) -> None:
        """Save synchronously and let go of the session."""
        self.saving.release_signals()
        self.saving.close()

    def add_cheat_sheet(self) -> None:
        """Hidden on most terminals until F2, the cheat sheet comes after the first frame.

        Not with `textual.lazy.Lazy`: it mounts without looking, so a quit in that
        moment (ctrl+q right after start) ended in a `MountError` and a traceback.
        """
        body = self.query_one_optional("#call-body")
        if body is not None and body.is_attached:  # else the call closed before it
            body.mount(CheatSheet(self.agenda, id="cheat-sheet"))

    def on_resize(self, event: Resize) -> None:
        """Use the room: a wide terminal shows the cheat sheet as a third column."""
        self.fit_to(event.size.width)

    def fit_to(self, width: int) -> None:
        """Lay out for a terminal `width` columns wide."""
        wide = width >= WIDE
        self.set_class(not wide, "-narrow")
        self.set_class(wide, "-wide")
        if not self._sized:
            self._sized = True
            self.set_class(wide, "-cheat")

    # --- showing ----------------------------------------------------------------------

    def tick(self) -> None:
        """Look at the clock: signal crossings, redraw what changed since the last look."""
        clock = self.call.clock
        crossings = clock.crossings()
        if crossings and not clock.stopped:
            # Several at once (a resumed call, a busy machine): only the latest matters.
            self.signal(crossings[-1])
        # Typing alone changes nothing shown outside the notes box: no redraw per key.
        shown = (clock.text(), clock.paused, self.editing_general)
        if shown != self._shown:
            self.show_all()
        self.look_at_next_crossing()

    def look_at_next_crossing(self) -> None:
        """If the next threshold falls due before the next tick, look then too: a signal
        on time whatever the ticks do (a busy loop skips them). Only a look: what is
        crossed is always the clock's own reading, never counted in ticks."""
        clock = self.call.clock
        until = clock.until_next_crossing()
        if until is None or until >= TICK_SECONDS or clock.paused or clock.stopped:
            return
        if self._crossing_look is None:
            self._crossing_look = self.set_timer(until + CROSSING_MARGIN, self.at_crossing)

    def at_crossing(self) -> None:
        """The look `look_at_next_crossing` asked for."""
        self._crossing_look = None
        self.tick()

    def show_all(self) -> None:
        """Redraw every part that depends on the call."""
        call = self.call
        clock = call.clock
        self._shown = (clock.text(), clock.paused, self.editing_general)
        self.query_one(ClockPanel).show(clock)
        pacing = call.pacing()
        self.query_one(QuestionList).show(call, pacing.wont_fit)
        self.query_one(QuestionHead).show(call, self.editing_general)
        self.query_one(QuestionText).show(call, self.editing_general)
        checklist = self.query_one(Checklist)
        checklist.display = checklist.show(call, self.agenda) and not self.capture.display
        self.query_one(PacingLine).show(call, pacing)
        self.show_banner()

    @property
    def capture(self) -> CapturePanel:
        """The quick-capture panel."""
        return self.query_one(CapturePanel)

    def show_banner(self) -> None:
        """Say so when the notes are not reaching the disk, or the clock is paused."""
        banner = self.query_one("#banner", Static)
        error = self.saving.status.error
        if error:
            folder = self.workspace.display(self.opened.path.parent)
            banner.update(
                literal(
                    f"NOT SAVED: cannot write to {folder}/ ({error}). "
                    "Your notes are kept here; retrying every 2 s."
                )
            )
        elif self.call.clock.paused:
            banner.update("PAUSED: the clock is stopped (the call dropped?). ctrl+b to resume.")
        banner.display = bool(error) or self.call.clock.paused
        banner.set_class(bool(error), "-error")

    def signal(self, crossing: Crossing) -> None:
        """A threshold was crossed: a toast (and the bell, if wanted); focus stays put."""
        window = format_duration(self.call.clock.planned)
        left = format_duration(crossing.seconds_left)
        if crossing.phase == Phase.OVERTIME:
            self.notify(
                f"The {window} window is over: offer to end the call.",
                title="Time is up",
                severity="error",
                timeout=10,
            )
        elif crossing.phase == Phase.CLOSING:
            self.notify(
                f"{left} left: ask for referrals, ask to follow up, thank them.",
                title="Time to close",
                severity="warning",
                timeout=10,
            )
        else:
            self.notify(f"{left} left.", title="Time check", severity="warning", timeout=6)
        if self.settings.bell:
            self.app.bell()
        # Each threshold changes the clock's look, even between two of the same phase.
        self.query_one(ClockPanel).flash(self.call.clock)
        self.show_all()

    # --- the notes box ----------------------------------------------------------------

    @property
    def notes(self) -> TextArea:
        """The notes box."""
        return self.query_one("#notes", TextArea)

    def load_notes(self) -> None:
        """Put the current question's notes (or the general notes) in the notes box."""
        notes = self.notes
        if self.editing_general:
            text = self.call.session.general_notes
            notes.border_title = "General notes"
        else:
            text = self.call.question.notes
            notes.border_title = f"Notes · Q{self.call.current + 1}"
        notes.load_text(editable(text))  # as a paste would put it there (`core.text.controls`)
        notes.move_cursor(notes.document.end)
        notes.scroll_cursor_visible()

    def keep_notes(self) -> None:
        """Copy what the notes box holds into the call."""
        text = self.notes.text
        if self.too_large(text):
            return
        if self.editing_general:
            self.call.write_general(text)
        else:
            self.call.write_notes(text)

    def too_large(self, text: str) -> bool:
        """Whether `text` in the notes box would make the session file larger than its
        readers read (`reading.MAX_SESSION_BYTES`): if so, the box gets back what it
        held and the person is told. Characters count six bytes each (the most one
        takes, escaped) until that could pass the limit; then the file is measured."""
        session = self.call.session
        held = session.general_notes if self.editing_general else self.call.question.notes
        notes = len(session.general_notes) + sum(len(q.notes) for q in session.questions)
        if 6 * (notes - len(held) + len(text)) + NOTES_SLACK <= MAX_SESSION_BYTES:
            return False
        keep = self.call.write_general if self.editing_general else self.call.write_notes
        keep(text)
        if len(self.call.file_text().encode()) <= MAX_SESSION_BYTES:
            return False
        keep(held)
        self.notes.load_text(editable(held))
        self.notes.move_cursor(self.notes.document.end)
        self.notify(
            f"That would make this call's file larger than {MAX_SESSION_BYTES // 1_000_000} MB, "
            "more than coffeechat reads back; it was not added. Keep a text this long "
            "in a file of its own.",
            title="Too much text",
            severity="error",
            timeout=10,
        )
        return True

    def keep_typing(self) -> None:
        """Copy what the notes box, the capture panel and the wrap-up hold into the call
        now, for a save that cannot wait for their change messages (quitting, a signal)."""
        self.keep_notes()
        typed = self.capture.typed()
        if typed is not None:
            self.call.type_draft(*typed)
        if self._wrap_up is not None:
            self._wrap_up.keep_typing()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        """Every keystroke in the notes box goes into the call at once."""
        if event.text_area.id == "notes":
            self.keep_notes()
            # The line a keystroke wraps onto must be on screen now, not at the next key.
            event.text_area.scroll_cursor_visible()

    def back_to_notes(self) -> None:
        """Give the notes box the focus."""
        self.query_one(QuestionList).can_focus = False
        self.notes.focus()

    # --- saving -----------------------------------------------------------------------

    def autosave(self) -> None:
        """Hand the call to the saver if it changed; show how saving goes."""
        self.report_save(self.saving.autosave())

    def save_now(self) -> SaveStatus:
        """Write the session file now, on this thread; what happened."""
        status = self.saving.save_now()
        self.report_save(status)
        return status

    def report_save(self, status: SaveStatus) -> None:
        """Show or clear the not-saved banner; mention a conflict copy once."""
        if status.error != self._error_shown:
            if self._error_shown and not status.error:
                self.notify("Your notes are saved again.", title="Saved", timeout=4)
            self._error_shown = status.error
            self.show_banner()
        if status.conflict is not None and status.conflict != self._conflict_shown:
            self._conflict_shown = status.conflict
            self.notify(
                f"The session file was changed outside coffeechat; that version was kept "
                f"as {status.conflict.name}.",
                title="File edited elsewhere",
                severity="warning",
                timeout=10,
            )

    def exit_after_signal(self, code: int) -> None:
        """After a signal was saved for: end the app, from its loop (the handler may have
        interrupted it anywhere)."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self.app.exit, None, code)

    # --- actions ----------------------------------------------------------------------

    def action_next(self) -> None:
        """Count the current question answered and go to the next one not yet asked."""
        self.go_on(self.call.next)

    def action_skip(self) -> None:
        """Leave the current question unasked and go on."""
        self.go_on(self.call.skip)

    def go_on(self, step: Callable[[], bool]) -> None:
        """Move through the questions with `step`, keeping the notes box in step."""
        self.keep_notes()
        if not step():
            self.notify("No questions left. ctrl+e ends the call.", title="All asked", timeout=5)
        self.editing_general = False
        self.load_notes()
        self.show_all()

    def action_end(self) -> None:
        """End the call and open the wrap-up."""
        self.keep_notes()
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
        """Open the inline capture panel above the notes (Escape files it)."""
        self.query_one(Checklist).display = False
        await self.capture.open(kind)

    def action_next_field(self) -> None:
        """Enter in the capture panel: on to its next field, or file it after the last."""
        if not self.capture.focus_next_field():
            self.close_capture()
            self.back_to_notes()

    def close_capture(self) -> None:
        """File what the capture panel holds (if its first field has text) and hide it."""
        if not self.capture.display:
            return
        taken = self.capture.take()
        if taken is not None:
            self.file_capture(taken)
        self.show_all()

    def on_input_changed(self, event: Input.Changed) -> None:
        """A capture being typed is saved like the notes, before it is filed."""
        self.keep_typing()

    def file_capture(self, taken: Captured) -> None:
        """File a capture into the call, say so, and go back to the notes."""
        self.call.drop_draft()
        values = taken.values
        if taken.kind == "referral":
            self.call.add_referral(draft_referral(Draft(taken.kind, values)))
            self.notify(f"Referral kept: {values['name']}.", timeout=3)
        elif taken.kind == "action":
            self.call.add_action(values["text"])
            self.notify(f"Action item kept: {values['text']}", timeout=3)
        else:
            index = self.call.add_question(values["text"])
            self.notify(f"Added as Q{index + 1}, asked next.", timeout=3)
        self.show_all()
        self.back_to_notes()

    def action_general(self) -> None:
        """Switch the notes box between the current question and the general notes."""
        self.keep_notes()
        self.editing_general = not self.editing_general
        self.load_notes()
        self.show_all()
        self.back_to_notes()

    def action_pause(self) -> None:
        """Pause the clock (the call dropped), or resume it."""
        paused = self.call.toggle_pause()
        self.notify("Clock paused." if paused else "Clock running.", timeout=2)
        self.show_all()

    def action_jump(self) -> None:
        """Pick any question from the list (Enter to go there, Escape to stay)."""
        questions = self.query_one(QuestionList)
        questions.can_focus = True
        questions.highlighted = self.call.current
        questions.focus()

    def action_pick(self) -> None:
        """Enter in the question list: the highlighted question becomes the current one."""
        questions = self.query_one(QuestionList)
        if questions.highlighted is None:
            return
        with contextlib.suppress(OptionDoesNotExist):
            self.go_to(questions.get_option_at_index(questions.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """A question clicked in the list becomes the current one."""
        if event.option_list.id == "questions":
            self.go_to(event.option.id)

    def go_to(self, option: str | None) -> None:
        """Make the question of list option `option` the current one; back to the notes."""
        if option is None:
            return
        self.keep_notes()
        self.call.jump(int(option))
        self.editing_general = False
        self.load_notes()
        self.show_all()
        self.back_to_notes()

    def on_descendant_blur(self) -> None:
        """The list is focusable only while jumping."""
        questions = self.query_one(QuestionList)
        if not questions.has_focus:
            questions.can_focus = False

    def action_cheat_sheet(self) -> None:
        """Show or hide the pitch, research and reminders."""
        self.toggle_class("-cheat")

    def action_save(self) -> None:
        """Save now (it happens on its own within a second anyway)."""
        self.keep_notes()
        status = self.save_now()
        if status.saved:
            self.notify(f"Saved to {self.workspace.display(self.opened.path)}.", timeout=2)

    def action_back(self) -> None:
        """Escape: file any capture in progress and go back to the notes."""
        self.close_capture()
        self.back_to_notes()
