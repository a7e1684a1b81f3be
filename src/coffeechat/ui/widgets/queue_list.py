"""The follow-up queue as a list: grouped by when things are due, overdue first.

It is the queue `coffeechat followups` prints: the sessions' items and the items
about people (`core.people.items`: try someone else, nudge, prepare, check in) in
one order. Its keys act on the highlighted item: Enter opens its session, `d` marks
it done, `s` snoozes it (asking until when), `u` undoes the last change, `t` opens
the thank-you draft. They are this widget's bindings, so the footer, F1 help and the
palette offer them (Textual's own mechanism) while the queue has the focus and they
apply; an item about a person has no session (no Enter, no `t`), and marking it done
logs in the person's file, which `u` does not put back. After a change, home reads
the sessions and the people again (`QueueList.Changed`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coffeechat.core.problems import InputError
from coffeechat.ui.literal import lines, literal

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.items import PersonItem
    from coffeechat.core.queue.followups import Queue, QueueItem
    from coffeechat.core.sessions.marking import Change
    from coffeechat.core.sessions.summary import SessionSummary
    from coffeechat.core.timesource import TimeSource

PAGE = 40
"""Items shown per group before a "more" line: a list measures every option it holds
(40 fill a tall terminal; with thousands of sessions, more would slow the start)."""
MORE = "more:"
SNOOZE_EXAMPLES = "tomorrow · in 3 days · 2w · next monday · friday · dec 3 · 2026-12-03 · eom"
BUCKET_COLOURS = {
    "overdue": "$error",
    "today": "$warning",
    "week": "$accent",
    "later": "$text-muted",
}


class QueueList(OptionList):
    """Open follow-ups under their headings; each option's id is the item's address."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", id="home.open"),
        Binding("d", "done", "Done", id="home.done"),
        Binding("s", "snooze", "Snooze", id="home.snooze"),
        Binding("u", "undo", "Undo", id="home.undo"),
        Binding("t", "draft", "Thank-you", id="home.draft"),
    ]

    class Changed(Message):
        """A follow-up changed in its session file: the sessions are to be read again."""

    def __init__(
        self, workspace: Workspace, time: TimeSource, id: str | None = None, placeholder: str = ""
    ) -> None:
        super().__init__(*placeholders(placeholder), id=id)
        self.workspace = workspace
        self.time = time
        self.items: dict[str, QueueItem | PersonItem] = {}
        self.limits = dict.fromkeys(BUCKET_COLOURS, PAGE)
        self.shown: tuple[Queue, datetime] | None = None
        self.last_change: Change | None = None
        """The change `u` puts back."""

    def show(self, queue: Queue, now: datetime) -> None:
        """Fill the list, keeping the highlighted item if it is still there."""
        from coffeechat.core.queue.followups import BUCKETS, HEADINGS  # not needed to start

        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.shown = (queue, now)
        self.items = {}
        options: list[Option] = []
        # Every address is unique: the session reader refuses two follow-ups of a
        # session with one id, a session's id is its file's name, and a person's
        # items start with `people/`, which no session id does.
        for bucket in BUCKETS:
            group = queue.in_buckets((bucket,))
            if not group:
                continue
            colour = BUCKET_COLOURS[bucket]
            options.append(
                Option(f"[b {colour}]{HEADINGS[bucket]}[/] [dim]{len(group)}[/]", disabled=True)
            )
            for item in group[: self.limits[bucket]]:
                self.items[item.address] = item
                options.append(Option(item_prompt(item, now), id=item.address))
            hidden = len(group) - self.limits[bucket]
            if hidden > 0:
                more = f"[dim]… {hidden} more {HEADINGS[bucket].lower()}: enter shows them[/]"
                options.append(Option(more, id=MORE + bucket))
        if not self.items:
            options.append(Option(_empty_message(queue), disabled=True))
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options]
        if keep is not None and keep in ids:
            self.highlighted = ids.index(keep)
        else:
            self.action_first()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on an item opens its session; on a "more" line, shows the next page of
        that group."""
        option_id = event.option.id or ""
        if option_id.startswith(MORE) and self.shown is not None:
            event.stop()
            self.limits[option_id.removeprefix(MORE)] += PAGE
            self.show(*self.shown)
            self.highlighted = event.option_index  # the first of the items just shown
        else:
            self.open_session()

    @property
    def highlighted_item(self) -> QueueItem | PersonItem | None:
        """The item under the cursor, if any."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.items.get(option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys for an item are there only while one is under the cursor (open and
        the thank-you only for a session's: an item about a person has no session),
        undo only once something can be undone: a change to a session's follow-up.
        Done on an item about a person also logs an event in their file, which undo
        does not take back, so it is not offered after one."""
        from coffeechat.core.people.items import PersonItem

        item = self.highlighted_item
        if action in ("select", "draft"):
            about_person = isinstance(item, PersonItem)
            return not about_person and (action == "select" or item is not None)
        if action in ("done", "snooze"):
            return item is not None
        if action == "undo":
            return self.last_change is not None
        return True

    def open_session(self, draft: bool = False) -> None:
        """Show the highlighted item's session (or its thank-you draft) on its own screen."""
        from coffeechat.core.people.items import PersonItem
        from coffeechat.ui.screens.session import SessionScreen

        item = self.highlighted_item
        if item is not None and not isinstance(item, PersonItem):
            path = self.workspace.session_path(item.session.id)
            self.app.push_screen(SessionScreen(self.workspace, path, draft=draft))

    def action_draft(self) -> None:
        """The thank-you draft of the session in focus."""
        self.open_session(draft=True)

    def action_done(self) -> None:
        """Mark the highlighted follow-up done."""
        from coffeechat.core.people.items import PersonItem, mark_person_item
        from coffeechat.core.sessions.marking import mark_done

        item = self.highlighted_item
        if item is None:
            return
        if isinstance(item, PersonItem):
            self.apply_to_person(
                lambda now: mark_person_item(self.workspace, item.address, now), "Done"
            )
        else:
            self.apply(lambda: mark_done(self.workspace, item.address), "Done")

    def action_snooze(self) -> None:
        """Ask until when to hide the highlighted follow-up; show the date back first."""
        from coffeechat.core.people.items import PersonItem, snooze_person_item
        from coffeechat.core.queue.dates import describe
        from coffeechat.core.queue.followups import snooze_until
        from coffeechat.core.sessions.marking import snooze
        from coffeechat.ui.screens.prompt import PromptDialog

        item = self.highlighted_item
        if item is None:
            return

        def check(text: str) -> str:
            now = self.time.now()
            until = snooze_until(text, now)
            return f"→ hidden until {describe(until.date(), now.date())}, {until:%H:%M}"

        def chosen(text: str | None) -> None:
            if text is None:
                return
            until = snooze_until(text, self.time.now())
            if isinstance(item, PersonItem):
                self.apply_to_person(
                    lambda now: snooze_person_item(self.workspace, item.address, until, now),
                    "Snoozed",
                    until,
                )
            else:
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
        """Run an edit of a session file, say what it did, and have the queue read again."""
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
        self.post_message(self.Changed())
        self.refresh_bindings()

    def apply_to_person(
        self,
        edit: Callable[[datetime], tuple[object, str]],
        verb: str,
        until: datetime | None = None,
    ) -> None:
        """Run an edit of a person's file, say what it did (not undoable), and have the
        queue and the People pane read again."""
        from coffeechat.core.queue.dates import describe

        now = self.time.now()
        try:
            _person, title = edit(now)
        except InputError as err:
            self.notify(str(err), title="Nothing was changed", severity="error")
            return
        self.last_change = None  # `u` would put back an older change than this one
        message = f"{verb}: {title}"
        if until is not None:
            message += f"\nuntil {describe(until.date(), now.date())}"
        self.notify(message)
        self.post_message(self.Changed())
        self.refresh_bindings()

    def preview(self) -> Content | str:
        """The highlighted item in full, as of when the queue was grouped."""
        item = self.highlighted_item
        if item is None or self.shown is None:
            return ""
        from coffeechat.core.people.items import PersonItem
        from coffeechat.ui.widgets.preview import item_preview, person_item_preview

        if isinstance(item, PersonItem):
            return person_item_preview(item, self.shown[1])
        return item_preview(item, self.shown[1])


def read_people(workspace: Workspace, now: datetime) -> tuple[PersonItem, ...]:
    """The queue's items about people at `now`, the snoozed ones too (`home_queue`
    hides them while they sleep); nothing is loaded if there is nobody. Reads files:
    for a worker, never the event loop."""
    from coffeechat.core.people import any_person

    if not any_person(workspace.people):
        return ()
    from coffeechat.core.people.items import network_items

    items, _snoozed, _damaged = network_items(workspace, now, include_snoozed=True)
    return tuple(items)  # the People pane tells of the files that cannot be read


def home_queue(
    sessions: Iterable[SessionSummary], people: Iterable[PersonItem], now: datetime
) -> Queue:
    """The queue `coffeechat followups` shows, as of `now` (no files are read): the
    sessions' items, and the people's read earlier, regrouped and snoozed for `now`."""
    from coffeechat.core.queue.followups import bucket_of, build_queue, with_people

    awake = [
        replace(i, bucket=bucket_of(i.due, now), snoozed_until=None)
        for i in people
        if i.snoozed_until is None or i.snoozed_until <= now
    ]
    asleep = sum(1 for i in people if i.snoozed_until is not None and i.snoozed_until > now)
    return with_people(build_queue(sessions, now), awake, asleep)


def queue_titles(queue: Queue) -> tuple[str, str]:
    """The Follow-ups pane's subtitle (how many are overdue, open and snoozed) and
    home's (how many to follow up), counting the sessions' items and the people's."""
    from coffeechat.core.queue.followups import BUCKETS

    items = queue.in_buckets(BUCKETS)
    overdue = sum(1 for i in items if i.bucket == "overdue")
    subtitle = f"[$error]{overdue} overdue[/] · " if overdue else ""
    subtitle += f"{len(items)} open"
    if queue.snoozed:
        subtitle += f" · {queue.snoozed} snoozed"
    return subtitle, f"{len(items)} to follow up"


def placeholders(text: str) -> list[Option]:
    """What a list shows before it is filled: `text`, dimmed, if any."""
    return [Option(literal((text, "dim")), disabled=True)] if text else []


def item_prompt(item: QueueItem | PersonItem, now: datetime) -> Content:
    """An item in two lines (three for a referral): what, when and with whom."""
    title = literal((item.title, "$error" if item.bucket == "overdue" else ""))
    shown = [title, literal((f"{due_words(item, now)} · {item.person}", "dim"))]
    if item.referral is not None:
        reach = ", ".join(p for p in (item.referral.name, item.referral.contact) if p)
        shown.append(literal((f"reach {reach}", "dim")))
    return lines(shown)


def due_words(item: QueueItem | PersonItem, now: datetime) -> str:
    """When an item is due, in the fewest words: `due 3 days ago`, `due today 18:22`."""
    from coffeechat.core.queue import dates

    due = item.due.astimezone(now.tzinfo)
    today = now.date()
    if due.date() == today:
        return f"due today {due:%H:%M}"
    if item.bucket == "overdue" or due.date() < today:
        return f"due {dates.relative_words(due.date(), today)}"
    if item.bucket == "week":
        return f"due {due:%a} {due.day} {due:%b}"
    return f"due {due.day} {due:%b %Y}"


def _empty_message(queue: Queue) -> str:
    text = "[b $success]Nothing to follow up.[/]"
    if queue.snoozed:
        text += f"\n[dim]{queue.snoozed} snoozed until later[/]"
    return text + "\n[dim]Start a call from Agendas: Enter or c.[/]"
