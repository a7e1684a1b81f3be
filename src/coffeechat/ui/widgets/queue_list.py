"""The follow-up queue as a list: grouped by when things are due, overdue first."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coffeechat.ui.literal import lines, literal

if TYPE_CHECKING:
    from coffeechat.core.queue.followups import Queue, QueueItem

PAGE = 40
"""Items shown per group before a "more" line: a list measures every option it holds
(40 fill a tall terminal; with thousands of sessions, more would slow the start)."""
MORE = "more:"
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
    ]

    def __init__(self, id: str | None = None, placeholder: str = "") -> None:
        super().__init__(*placeholders(placeholder), id=id)
        self.items: dict[str, QueueItem] = {}
        self.limits = dict.fromkeys(BUCKET_COLOURS, PAGE)
        self.shown: tuple[Queue, datetime] | None = None

    def show(self, queue: Queue, now: datetime) -> None:
        """Fill the list, keeping the highlighted item if it is still there."""
        from coffeechat.core.queue.followups import BUCKETS, HEADINGS  # not needed to start

        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.shown = (queue, now)
        self.items = {}
        options: list[Option] = []
        # Every address is unique: the session reader refuses two follow-ups of a
        # session with one id, and a session's id is its file's name.
        for bucket in BUCKETS:
            group = [i for i in queue.items if i.bucket == bucket]
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
        """Enter on a "more" line shows the next page of that group."""
        option_id = event.option.id or ""
        if option_id.startswith(MORE) and self.shown is not None:
            event.stop()
            self.limits[option_id.removeprefix(MORE)] += PAGE
            self.show(*self.shown)
            self.highlighted = event.option_index  # the first of the items just shown

    @property
    def highlighted_item(self) -> QueueItem | None:
        """The item under the cursor, if any."""
        option = self.highlighted_option
        if option is None or option.id is None:
            return None
        return self.items.get(option.id)


def placeholders(text: str) -> list[Option]:
    """What a list shows before it is filled: `text`, dimmed, if any."""
    return [Option(literal((text, "dim")), disabled=True)] if text else []


def item_prompt(item: QueueItem, now: datetime) -> Content:
    """An item in two lines (three for a referral): what, when and with whom."""
    title = literal((item.title, "$error" if item.bucket == "overdue" else ""))
    shown = [title, literal((f"{due_words(item, now)} · {item.person}", "dim"))]
    if item.referral is not None:
        reach = ", ".join(p for p in (item.referral.name, item.referral.contact) if p)
        shown.append(literal((f"reach {reach}", "dim")))
    return lines(shown)


def due_words(item: QueueItem, now: datetime) -> str:
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
