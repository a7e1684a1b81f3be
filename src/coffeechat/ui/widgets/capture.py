"""Quick capture during a call: a referral, an action item or a new question.

A small panel above the notes, never a dialog: the clock keeps running, the call's
keys keep working. Filing is explicit: Enter on the last field, or ctrl+s. Escape
cancels, as in every Textual app, and loses nothing: what was typed goes into the
notes, marked as not filed. A capture with its first field empty files nothing and
keeps what was typed for the next time the panel opens. The call screen owns Enter
and Escape here, so that they move the focus as they run (`coffeechat.ui.keyorder`);
the panel shows the fields, moves between them and files what they hold.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, Static

from coffeechat.core.call.live import Call, Draft, draft_referral

FIELDS: dict[str, tuple[tuple[str, str, str], ...]] = {
    "referral": (
        ("name", "Name", "who they suggested, e.g. Priya Patel"),
        ("role", "Role", "their role and organisation"),
        ("contact", "Reach", "email, phone, or via whom"),
        ("note", "Say", "what to say when you write"),
    ),
    "action": (("text", "I will", "what you promised, e.g. send my portfolio"),),
    "question": (("text", "Question", "a question that came up"),),
}
TITLES = {
    "referral": "New referral",
    "action": "New action item",
    "question": "Add a question (asked next)",
}

NAMES = {"referral": "referral", "action": "action item", "question": "question"}
"""How a capture cancelled is named in the notes: `(not filed) referral: …`."""


@dataclass(frozen=True)
class Captured:
    """A capture to file: its kind and the text of each field."""

    kind: str
    values: dict[str, str]


class CapturePanel(Vertical):
    """Inline fields for one kind of capture at a time."""

    kind: str | None = None

    def compose(self) -> ComposeResult:
        """Only the hint: each kind's fields are made the first time they are needed."""
        yield Static(id="capture-hint")

    async def open(self, kind: str) -> None:
        """Show the fields for `kind` and put the cursor in the first."""
        if not self.query(f"#capture-{kind}"):
            await self.mount(fields_for(kind), before="#capture-hint")
        self.kind = kind
        self.border_title = TITLES[kind]
        self.query_one("#capture-hint", Static).update(hint(kind))
        for group in self.query(".capture-kind"):
            group.display = group.id == f"capture-{kind}"
        self.display = True
        self._inputs()[0].focus()

    def take(self) -> Captured | None:
        """Hide the panel and hand over what it collected, if its first field has text
        (its fields are then emptied); None otherwise. For filing at once."""
        typed = self.typed()
        if typed is None:
            return None
        kind, values = typed
        taken = Captured(kind, values) if self._inputs()[0].value.strip() else None
        self.close(empty=taken is not None)
        return taken

    def file(self, call: Call) -> bool:
        """Hide the panel and file what it collected into `call`, saying so; False if
        nothing was filed (its first field was empty)."""
        taken = self.take()
        if taken is None:
            return False
        call.drop_draft()
        values = taken.values
        if taken.kind == "referral":
            call.add_referral(draft_referral(Draft(taken.kind, values)))
            self.notify(f"Referral kept: {values['name']}.", timeout=3)
        elif taken.kind == "action":
            call.add_action(values["text"])
            self.notify(f"Action item kept: {values['text']}", timeout=3)
        else:
            index = call.add_question(values["text"])
            self.notify(f"Added as Q{index + 1}, asked next.", timeout=3)
        return True

    def cancel(self, call: Call) -> str | None:
        """Hide the panel, filing nothing; what was typed as one line for the notes
        (None if nothing was)."""
        typed = self.typed()
        if typed is None:
            return None
        kind, values = typed
        self.close(empty=True)
        call.drop_draft()
        parts = [value for value in values.values() if value]
        return f"(not filed) {NAMES[kind]}: {' · '.join(parts)}" if parts else None

    def close(self, empty: bool) -> None:
        """Hide the panel; `empty` its fields, or keep them for the next time it opens."""
        if empty:
            for field in self._inputs():
                field.value = ""
        self.kind = None
        self.display = False

    def typed(self) -> tuple[str, dict[str, str]] | None:
        """The kind of capture open and the text of each field (None if it is closed)."""
        if self.kind is None:
            return None
        values = {i.id.split("-", 1)[1]: i.value.strip() for i in self._inputs() if i.id}
        return self.kind, values

    def _inputs(self) -> list[Input]:
        if self.kind is None:
            return []
        return list(self.query(f"#capture-{self.kind} Input").results(Input))

    def focus_next_field(self) -> bool:
        """Put the cursor in the field after the focused one; False after the last."""
        inputs = self._inputs()
        focused = self.app.focused
        if focused not in inputs or focused is inputs[-1]:
            return False
        inputs[inputs.index(focused) + 1].focus()
        return True


def hint(kind: str) -> str:
    """How to file or cancel a capture of `kind`."""
    if len(FIELDS[kind]) == 1:
        return "enter or ctrl+s: file it · esc: cancel"
    return "enter: next field, files it after the last · ctrl+s: file it · esc: cancel"


def fields_for(kind: str) -> Vertical:
    """The labelled inputs of one kind of capture."""
    rows = [
        Horizontal(
            Label(label, classes="capture-label"),
            Input(placeholder=placeholder, id=f"{kind}-{name}", compact=True),
            classes="capture-field",
        )
        for name, label, placeholder in FIELDS[kind]
    ]
    return Vertical(*rows, id=f"capture-{kind}", classes="capture-kind")
