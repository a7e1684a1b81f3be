"""What the app does when a call is over, handed to the call screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coffeechat.ui.call_saver import Unsaved


@dataclass(frozen=True)
class CallHooks:
    """What the app does when a call is over."""

    done: Callable[[], None]
    """The session was saved as completed: leave the call."""
    unsaved: Callable[[Unsaved], None]
    """The last save failed as the call closed: the text must reach the person."""
    edited_elsewhere: Callable[[tuple[Path, ...]], None] = lambda copies: None
    """The call closed having kept these copies of its file, edited outside coffeechat."""
