"""Home's People pane: the network as the list to work down, with a filter box.

Each person shows their state, the next step and when (`core.people.outreach`). The
list's keys record what happened with the highlighted person in their file, as
`coffeechat log` does: `a` asked, `y` replied, `s` scheduled (asking when, the date
said back), `x` declined. They are the list's bindings, so the footer, F1 help and
the palette offer them while it has the focus. The pane fills itself: it reads the
people folder in a worker once home is on screen, and again after each change.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from coffeechat.core.problems import InputError
from coffeechat.ui.literal import lines, literal

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.people.format import Event
    from coffeechat.core.people.network import Network, Row
    from coffeechat.core.settings import Settings
    from coffeechat.core.timesource import TimeSource

STATE_COLOURS = {
    "scheduled": "$success",
    "asked": "$warning",
    "to-ask": "$accent",
    "quiet": "$text-muted",
    "declined": "$text-muted",
}
SCHEDULED_EXAMPLES = "e.g. next tuesday 15:00, fri 3pm, 2026-12-08"


class PeopleList(OptionList):
    """Everyone by state, each with the next step; the keys log what happened."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "asked", "Asked", id="people.asked"),
        Binding("y", "replied", "Replied", id="people.replied"),
        Binding("s", "scheduled", "Scheduled", id="people.scheduled"),
        Binding("x", "declined", "Declined", id="people.declined"),
    ]

    class Changed(Message):
        """A person's file was changed: read the network again."""

    def __init__(self, workspace: Workspace, time: TimeSource, id: str | None = None) -> None:
        super().__init__(Option(literal(("Reading your network…", "dim")), disabled=True), id=id)
        self.workspace = workspace
        self.time = time
        self.rows: dict[str, Row] = {}
        self.network: Network | None = None
        self.today: date | None = None

    def show(self, network: Network, rows: list[Row], today: date, words: str = "") -> None:
        """Fill the list with the rows whose person matches `words`, keeping the cursor."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        self.network, self.today = network, today
        wanted = words.casefold().split()
        shown = [row for row in rows if all(w in _haystack(row) for w in wanted)]
        self.rows = {row.person.id: row for row in shown}
        self.clear_options()
        if not shown:
            empty = "Nobody matches." if wanted else 'Nobody yet: coffeechat add "Their Name"'
            self.add_option(Option(literal((empty, "dim")), disabled=True))
            return
        self.add_options([Option(row_prompt(row, today), id=row.person.id) for row in shown])
        ids = list(self.rows)
        self.highlighted = ids.index(keep) if keep in ids else 0

    @property
    def highlighted_row(self) -> Row | None:
        """The person under the cursor, if any."""
        option = self.highlighted_option
        return None if option is None or option.id is None else self.rows.get(option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys for a person are there only while one is under the cursor."""
        if action in ("asked", "replied", "scheduled", "declined"):
            return self.highlighted_row is not None
        return True

    def action_asked(self) -> None:
        """Log that you asked the highlighted person for a conversation, today."""
        self.log_event("asked")

    def action_replied(self) -> None:
        """Log that the highlighted person answered, today."""
        self.log_event("replied")

    def action_declined(self) -> None:
        """Log that the highlighted person declined, today."""
        self.log_event("declined")

    def action_scheduled(self) -> None:
        """Ask when the call is (said back before it is kept), then log it."""
        from coffeechat.core.people.when import parse_when, said_back
        from coffeechat.ui.screens.prompt import PromptDialog

        row = self.highlighted_row
        if row is None:
            return

        def check(text: str) -> str:
            now = self.time.now()
            return "→ " + said_back(parse_when(text, now.date(), now.tzinfo, "when"), now.date())

        def chosen(text: str | None) -> None:
            if text is not None:
                now = self.time.now()
                self.log_event("scheduled", parse_when(text, now.date(), now.tzinfo, "when"))

        dialog = PromptDialog(
            f"When is the call with {row.person.name}?",
            check,
            placeholder="next tuesday 15:00",
            hint=SCHEDULED_EXAMPLES,
        )
        self.app.push_screen(dialog, chosen)

    def log_event(self, event: Event, on: date | None = None) -> None:
        """Append `event` to the highlighted person's log, say so, and read again."""
        from coffeechat.core.people.editing import log_event
        from coffeechat.core.people.when import said_back

        row = self.highlighted_row
        if row is None:
            return
        today = self.time.now().date()
        when = on if on is not None else today
        try:
            person = log_event(self.workspace, row.person.id, event, when)
        except InputError as err:
            self.notify(str(err), title="Nothing was logged", severity="error")
            return
        self.notify(f"Logged: {person.name} {event} {said_back(when, today)}")
        self.post_message(self.Changed())

    def preview(self) -> Content | str:
        """The highlighted person in full: who, where things stand, the introductions."""
        row = self.highlighted_row
        if row is None or self.network is None or self.today is None:
            return ""
        return person_preview(self.network, row, self.today)


class PeoplePane(Vertical):
    """The People pane: a filter box over the list; it reads the network itself."""

    DEFAULT_CSS = """
    PeoplePane #people-filter { border: none; height: 1; padding: 0 1; background: $boost; }
    PeoplePane #people-filter:focus { background: $primary 20%; }
    """

    def __init__(self, workspace: Workspace, settings: Settings, time: TimeSource) -> None:
        super().__init__(id="people-pane", classes="pane")
        self.border_title = "People"
        self.workspace = workspace
        self.settings = settings
        self.time = time
        self.found: tuple[Network, list[Row], date] | None = None

    def on_mount(self) -> None:
        """Put the filter box and the list in once the first frame is on screen (as
        home does with its lists: the first frame comes sooner), then read the network."""
        self.call_after_refresh(self.fill)

    async def fill(self) -> None:
        """The filter box and the list, then the network read into it (not once the
        app is ending: the pane is being taken down)."""
        if self.app.return_code is not None or not self.is_attached:
            return
        await self.mount_all(
            [
                Input(placeholder="filter people", id="people-filter"),
                PeopleList(self.workspace, self.time, id="people"),
            ]
        )
        self.load()

    @work(thread=True, exclusive=True, group="people")
    def load(self) -> None:
        """Read every person and their next step off the event loop."""
        from coffeechat.core.people.network import agenda_people, load_network, rows

        today = self.time.now().date()
        network = load_network(self.workspace)
        everyone = rows(
            network, today, self.settings.outreach, agenda_people(self.workspace, network)
        )
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self.show, network, everyone, today)

    def show(self, network: Network, everyone: list[Row], today: date) -> None:
        """Show the network just read, filtered as the box says."""
        if not self.is_attached or not self.query(PeopleList):
            return
        self.found = (network, everyone, today)
        self.query_one(PeopleList).show(network, everyone, today, self.query_one(Input).value)
        waiting = sum(1 for row in everyone if row.state == "asked")
        to_ask = sum(1 for row in everyone if row.state == "to-ask")
        bad = f" · [$error]{len(network.damaged)} unreadable[/]" if network.damaged else ""
        self.border_subtitle = f"{to_ask} to ask · {waiting} waiting{bad}"
        if network.damaged:
            first = network.damaged[0]
            self.notify(first.render(), title="A person file cannot be read", severity="error")

    @on(Input.Changed, "#people-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        """Show only the people the words match (name, organisation, state, tags)."""
        if self.found is not None:
            self.query_one(PeopleList).show(*self.found, event.value)

    @on(Input.Submitted, "#people-filter")
    def filter_done(self) -> None:
        """Enter: go to the people found."""
        self.query_one(PeopleList).focus()

    @on(PeopleList.Changed)
    def person_changed(self) -> None:
        """A person's file changed: read the network again."""
        self.load()


def _haystack(row: Row) -> str:
    person = row.person
    words = (person.name, person.organization, person.role, person.id, row.state, *person.tag_list)
    return " ".join(words).casefold()


def row_prompt(row: Row, today: date) -> Content:
    """A person in two lines: who and their state; the next step and when."""
    from coffeechat.core.queue.dates import relative_words

    person = row.person
    who = person.name + (f" · {person.organization}" if person.organization else "")
    first = literal(who + "  ", (row.state, STATE_COLOURS.get(row.state, "$success")))
    step = row.step
    if step is None:
        return lines([first, literal(("nothing to do", "dim"))])
    when = f" · {relative_words(step.due, today)}" if step.due is not None else ""
    overdue = step.kind is not None and step.due is not None and step.due <= today
    return lines([first, literal((f"{step.text}{when}", "$error" if overdue else "dim"))])


def person_preview(network: Network, row: Row, today: date) -> Content:
    """A person in full, as the wide home screen shows them beside the list."""
    from coffeechat.core.people.network import chain
    from coffeechat.core.people.when import said_back

    person = row.person
    about = " · ".join(x for x in (person.role, person.organization) if x)
    shown: list[Content | str] = [literal((person.name, "bold"))]
    if about:
        shown.append(about)
    if person.contact:
        shown.append(person.contact)
    shown += ["", literal(("State ", "dim"), row.state)]
    if row.step is not None:
        when = f" · {said_back(row.step.due, today)}" if row.step.due is not None else ""
        shown.append(literal(("Next  ", "dim"), row.step.text + when))
    introductions = " → ".join(["You", *(p.name for p in chain(network, person))])
    shown += [literal(("Via   ", "dim"), introductions), ""]
    for entry in person.log[-8:]:
        note = f" · {entry.note}" if entry.note else ""
        shown.append(literal((f"{said_back(entry.on, today)} ", "dim"), entry.event + note))
    if person.notes:
        shown += ["", person.notes]
    return lines(shown)
