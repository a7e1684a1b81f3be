"""The bindings classes declare, and the ids a person may remap in `[keys]`.

The ids come from the real `BINDINGS` of the app and of every screen and widget class
in `coffeechat.ui`, so a new screen's bindings can be remapped without a list to keep;
the app applies the remapping with Textual's `App.set_keymap`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode

import coffeechat.ui.screens
import coffeechat.ui.widgets


def class_bindings(cls: type[DOMNode]) -> list[Binding]:
    """The bindings a class declares in `BINDINGS`, its own and those it inherits.

    (coffeechat's classes never pass `inherit_bindings=False`, which this ignores.)
    """
    found: dict[str, Binding] = {}
    for base in reversed(cls.__mro__):
        for binding in Binding.make_bindings(vars(base).get("BINDINGS", [])):
            found[binding.key] = binding  # as in Textual: a subclass's key replaces the base's
    return list(found.values())


def binding_ids(app_class: type[DOMNode]) -> frozenset[str]:
    """Every binding id of the app and of coffeechat's screens and widgets."""
    for package in (coffeechat.ui.screens, coffeechat.ui.widgets):
        for module in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            importlib.import_module(module.name)
    classes = [
        app_class,
        *(c for c in _subclasses(DOMNode) if c.__module__.startswith("coffeechat.")),
    ]
    return frozenset(b.id for cls in classes for b in class_bindings(cls) if b.id)


def _subclasses(cls: type[DOMNode]) -> Iterator[type[DOMNode]]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)
