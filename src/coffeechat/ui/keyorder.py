"""Keys take effect in the order they were typed, in the field they were typed for.

Keys often arrive together: an SSH lag, a text expander, a paste of keys. Textual
(8.2) takes each key on the app's own task. A binding with priority runs there at
once. Any other key is handed to the focused widget's own message queue; if that
widget does not use it, it bubbles up through each parent's queue to the app,
which runs a binding without priority only then (arrows, backspace, Tab, space on
a checkbox, Escape). And `Widget.focus()` only schedules the change, on the app's
queue. So with keys handed on as fast as they came, ctrl+n ran before the notes
box had taken the text typed before it, a backspace took effect after the letters
typed after it, and the keys typed after a move went to the field it had left.

The rule here, in one place: a key is handed on only once the one before it has
taken effect. The app hands a key (or a paste) to the focused widget, or runs its
priority binding; then a callback goes up the way the key bubbles, queued behind
it in the widget and then in each parent in turn, and last on the app, behind
the binding the key may have reached there. One more turn of the app's queue lets
a focus change that the key's action scheduled land. A key that changed the screen
(ending the call opens the wrap-up) waits until the new screen has drawn, so it is
mounted and focused. Only then does the next key go, to wherever the focus is now;
keys that arrive in the meantime wait in a queue, in order.

Text is the exception that keeps bursts fast: a character typed into a text field
(`TextArea`, `Input`) is taken and stopped there, and cannot move the focus, so
the characters after it go straight into the same field's queue, in order. Only a
key of another kind (or one bound with priority, or for another field) first waits
until the field has taken the characters it was handed. Typing at a person's pace
never waits at all: each key has long taken effect before the next arrives.

What this cannot see is an action taken later, by a message the key made a widget
post (`Input.Submitted`, `OptionList.OptionSelected`): a key that should move the
focus, like Enter in a capture field, is therefore a priority binding of its
screen, not a handler of such a message. A paste passes through the same queue and
is made plain text on its way (`coffeechat.core.text.pasted`).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from coffeechat.core.text.pasted import pasted_text


class KeysInOrderApp(App[None]):
    """An app whose keys and pastes take effect in order (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting: deque[events.Key | events.Paste] = deque()
        self._on_its_way = False
        """A key was handed on and has not taken effect yet."""
        self._filling: Widget | None = None
        """A text field handed characters it may not have taken yet."""
        self._handed = 0
        """Characters handed to text fields so far (the last one's number)."""

    @property
    def keys_settled(self) -> bool:
        """True when every key that arrived has taken effect."""
        return not (self._on_its_way or self._waiting or self._filling)

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal join the queue; the rest goes on as usual."""
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._waiting.append(event)
            await self._pass_on()
        else:
            await super().on_event(event)

    async def _pass_on(self) -> None:
        """Hand on the waiting keys, each once the one before it has taken effect."""
        while self._waiting and not self._on_its_way:
            event = self._waiting[0]
            screen = self._showing()
            target = None if screen is None else screen.focused or screen
            filling = self._filling
            if filling is not None and not self._more_text(event, filling, target, screen):
                self._filling = None
                self._on_its_way = True
                self._follow([filling], screen)  # the field takes its characters first
                return
            self._waiting.popleft()
            if isinstance(event, events.Paste):
                one_line = isinstance(target, Input)
                event = events.Paste(pasted_text(event.text, one_line=one_line))
            self._on_its_way = True
            try:
                await super().on_event(event)
            finally:
                if isinstance(target, Widget) and event.is_forwarded:
                    if typed_as_text(event, target):
                        self._typed_into(target)
                    else:  # after it, along its way up
                        way = [node for node in target.ancestors_with_self if node is not self]
                        self._follow(way, screen)
                else:  # run by a binding, or nowhere to go
                    self._follow([], screen)

    def _more_text(
        self,
        event: events.Event,
        filling: Widget,
        target: DOMNode | None,
        screen: Screen[Any] | None,
    ) -> bool:
        """True if `event` is more text for the field still taking characters."""
        if target is not filling or not typed_as_text(event, target) or screen is None:
            return False
        assert isinstance(event, events.Key)
        bound = screen.active_bindings.get(event.key)
        return bound is None or not bound.binding.priority

    def _typed_into(self, field: Widget) -> None:
        """A character went to a text field: the next key may follow it at once."""
        self._on_its_way = False
        self._filling = field
        self._handed += 1
        if not field.call_later(self._taken_by, field, self._handed):
            self._filling = None

    def _taken_by(self, field: Widget, number: int) -> None:
        """The field has taken character `number`; if it was the last, it has all."""
        if field is self._filling and number == self._handed:
            self._filling = None

    def _follow(self, way: list[DOMNode], screen: Screen[Any] | None) -> None:
        """Run on each node of the key's way in turn, behind the key; then on the app."""
        while way:
            if way.pop(0).call_later(self._follow, way, screen):
                return
        if not self.call_later(self._taken, screen):
            self._on_its_way = False  # the app is closing

    def _taken(self, screen: Screen[Any] | None) -> None:
        """The key and any binding it reached have run: let its focus change land (and a
        new screen draw) before the next key."""
        now = self._showing()
        if now not in (None, screen) and now.call_after_refresh(self.call_later, self._next):
            return
        if not self.call_later(self._next):
            self._on_its_way = False

    async def _next(self) -> None:
        self._on_its_way = False
        await self._pass_on()

    def _showing(self) -> Screen[Any] | None:
        """The screen on top, if there is one (not before the app runs, nor as it ends)."""
        try:
            return self.screen
        except ScreenStackError:
            return None


def typed_as_text(event: events.Event, widget: DOMNode | None) -> bool:
    """True for a character typed into a text field, which takes it and stops it."""
    if not isinstance(event, events.Key) or not event.is_printable:
        return False
    # Here, not at the top: home has no TextArea, and importing it (its document, its
    # syntax themes) was 5 ms of home's first frame.
    from textual.widgets import TextArea

    if isinstance(widget, TextArea):
        return not widget.read_only
    return isinstance(widget, Input)
