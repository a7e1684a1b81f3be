"""What a person can do on a screen, read from the real bindings of the screen and app.

The command palette and the F1 help are both built from this, for whatever screen is
showing and whichever widget has the focus there, so neither keeps a table of keys
that could drift from the code. Each action is named "category: verb": the category
comes from the binding id ("call.next" is a Call action), the verb from the
binding's description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from textual.actions import parse
from textual.app import App
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from coffeechat.ui.keymap import class_bindings

_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class ScreenAction:
    """One thing to do on a screen, with the keys that do it."""

    category: str
    description: str
    keys: tuple[str, ...]
    explanation: str
    """The binding's tooltip, or the first line of the action's docstring."""
    action: str
    node: DOMNode
    """Where the action runs (the namespace of its binding)."""
    binding_ids: tuple[str, ...]
    """The ids to remap its keys by in `[keys]` (none for Textual's own bindings)."""
    enabled: bool

    @property
    def title(self) -> str:
        """The action as the palette shows it, e.g. "Call: next question"."""
        return f"{self.category}: {_verb(self.description)}"

    async def run(self) -> None:
        """Do it, as pressing its key would."""
        await self.node.app.run_action(self.action, self.node)


def screen_actions(screen: Screen[Any]) -> list[ScreenAction]:
    """The actions of the focused widget (and the widgets holding it), of `screen` and
    of the app, as Textual looks for a key's binding; each node's in the order its
    `BINDINGS` list them (a class's own before those it inherits from Textual).

    Keys are the ones in use now (after remapping); bindings without a description
    and Textual's system bindings are left out, and so are a widget's keys that
    Textual gives it (the arrows of a list: only coffeechat's own, which have ids);
    one action bound to several keys is listed once; an action its node refuses
    (`check_action` is False) is left out.
    """
    app = screen.app
    current = _current_keys(screen)
    found: dict[tuple[int, str], ScreenAction] = {}
    chain = [] if screen.focused is None else screen.focused.ancestors_with_self
    widgets = [node for node in chain if node is not screen and node is not app]
    for node in (*widgets, screen, app):
        # A node's own bindings (which have ids) before those inherited from Textual.
        for binding in sorted(class_bindings(type(node)), key=lambda b: b.id is None):
            if not binding.description or binding.system:
                continue
            if node in widgets and not binding.id:
                continue
            target, name, params = _target(node, screen, binding.action)
            state = target.check_action(name, params)
            if state is False:
                continue
            keys = current.get((id(node), binding.id or binding.action), ())
            if not keys:
                keys = (app.get_key_display(binding),)
            ids = (binding.id,) if binding.id else ()
            identity = (id(target), name)
            if identity in found:
                known = found[identity]
                found[identity] = replace(
                    known,
                    keys=tuple(dict.fromkeys(known.keys + keys)),
                    binding_ids=tuple(dict.fromkeys(known.binding_ids + ids)),
                )
                continue
            found[identity] = ScreenAction(
                category=_category(binding, node),
                description=binding.description,
                keys=keys,
                explanation=binding.tooltip or _doc_line(target, name),
                action=binding.action,
                node=node,
                binding_ids=ids,
                enabled=state is True,
            )
    return list(found.values())


def _current_keys(screen: Screen[Any]) -> dict[tuple[int, str], tuple[str, ...]]:
    """The keys bound now (keymap applied) by binding id, or action, per node."""
    keys: dict[tuple[int, str], tuple[str, ...]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        slot = (id(active.node), binding.id or binding.action)
        keys[slot] = (*keys.get(slot, ()), screen.app.get_key_display(binding))
    return keys


def _target(
    node: DOMNode, screen: Screen[Any], action: str
) -> tuple[DOMNode, str, tuple[object, ...]]:
    """The node an action string runs on, its name and its parameters."""
    namespace, name, params = parse(action)
    if namespace == "app":
        return node.app, name, params
    if namespace == "screen":
        return screen, name, params
    return node, name, params


def _category(binding: Binding, node: DOMNode) -> str:
    """ "Call" for "call.next"; else the app, or the screen's class name less "Screen"."""
    prefix, dot, _ = (binding.id or "").partition(".")
    if dot:
        return prefix.replace("-", " ").replace("_", " ").capitalize()
    if isinstance(node, App):
        return "App"
    return screen_category(node)


def screen_category(node: DOMNode) -> str:
    """A screen's name for people: "Home" for HomeScreen, "Wrap up" for WrapUpScreen."""
    words = _WORDS.sub(" ", type(node).__name__.removesuffix("Screen")).lower()
    return words.capitalize() or "Screen"


def _doc_line(node: DOMNode, name: str) -> str:
    """The first line of an action's docstring (not Textual's: those are for developers)."""
    method = getattr(node, f"action_{name}", None)
    if method is None or method.__module__.startswith("textual."):
        return ""
    return (method.__doc__ or "").strip().split("\n")[0]


def _verb(text: str) -> str:
    """ "Focus Next" → "focus next", leaving words such as "TOML" or "F1" alone."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in text.split(" "))
