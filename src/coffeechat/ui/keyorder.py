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

What this cannot see is an action taken later, by a message the key made a widget
post (`Input.Submitted`, `OptionList.OptionSelected`): a key that should move the
focus, like Enter in a capture field, is therefore a priority binding of its
screen, not a handler of such a message.

Typing at a person's pace never waits: each key has long taken effect before the
next arrives. A paste passes through the same queue and is made plain text on its
way (`coffeechat.core.pasted`).
"""

from __future__ import annotations

from collections import deque
from typing import Any

from textual import events
from textual.app import App, ScreenStackError
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Input

from coffeechat.core.pasted import pasted_text


class KeysInOrderApp(App[None]):
    """An app whose keys and pastes take effect in order (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting: deque[events.Key | events.Paste] = deque()
        self._on_its_way = False

    @property
    def keys_settled(self) -> bool:
        """True when every key that arrived has taken effect."""
        return not self._on_its_way and not self._waiting

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes from the terminal join the queue; the rest goes on as usual."""
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._waiting.append(event)
            await self._pass_on()
        else:
            await super().on_event(event)

    async def _pass_on(self) -> None:
        """Hand on the next waiting key, if the one before it has taken effect."""
        if self._on_its_way or not self._waiting:
            return
        event = self._waiting.popleft()
        screen = self._showing()
        target: DOMNode | None = None if screen is None else screen.focused or screen
        if isinstance(event, events.Paste):
            one_line = isinstance(target, Input)
            event = events.Paste(pasted_text(event.text, one_line=one_line))
        self._on_its_way = True
        try:
            await super().on_event(event)
        finally:
            # Handed to a widget: after it along its way up. Run by a binding: done.
            way = list(target.ancestors_with_self) if target and event.is_forwarded else []
            self._follow([node for node in way if node is not self], screen)

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
