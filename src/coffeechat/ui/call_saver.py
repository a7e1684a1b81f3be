"""Keeping a call's session file on disk while its screen runs: autosave, quit, signals.

The screen asks `autosave` a few times a second; when the call changed (or the
clock ran on for a second) the file's text goes to the `Autosaver`, whose thread
writes it. `save_now` and `close` write synchronously. SIGHUP, SIGTERM and SIGINT
are caught with a plain signal handler, not one on the event loop: Textual's
output thread dies on a hung-up terminal and the loop can then block writing to
it, while a signal handler still runs. The handler saves through
`Autosaver.rescue`, unlocks the session and ends the process.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from textual.css.query import NoMatches

from coffeechat.core.call.autosave import Autosaver, SaveStatus

if TYPE_CHECKING:  # the home screen uses `end_on_signals` and needs neither to start
    from coffeechat.core.call.live import Call
    from coffeechat.core.call.start import OpenSession

SAVE_SECONDS = 0.4
"""How often the screen asks `autosave`: well inside the one-second promise."""
CLOCK_SAVE_SECONDS = 1.0
"""With nothing typed, the elapsed time is still saved this often, for resuming."""
SIGNALS = (signal.SIGHUP, signal.SIGTERM, signal.SIGINT)
EXIT_GRACE = 3.0
"""After a signal, seconds Textual gets to restore the terminal before the process ends."""


def end_on_signals(exit_app: Callable[[int], None]) -> Callable[[], None]:
    """Outside a call, end cleanly on SIGHUP and SIGTERM; returns how to undo it.

    Textual installs no handler, so without this a SIGTERM at home or at the resume
    question kills the process with the terminal left raw. Nothing is unsaved there
    (home writes each change at once); a call puts its own handlers over these.

    The handler runs between any two bytecodes of the main thread, so it only asks
    the event loop to end the app: ended there and then, it would take the screens
    down under code halfway through building them (home mounting its lists).
    Call it from the running loop.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    loop = asyncio.get_running_loop()

    def on_loop(code: int) -> None:
        loop.call_soon_threadsafe(exit_app, code)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        code = 128 + signum
        if signum == signal.SIGHUP:
            os._exit(code)  # no terminal left to restore
        exit_within_grace(on_loop, code)

    old = {signum: signal.signal(signum, on_signal) for signum in (signal.SIGHUP, signal.SIGTERM)}

    def restore() -> None:
        for signum, handler in old.items():
            signal.signal(signum, handler)

    return restore


def exit_within_grace(exit_app: Callable[[int], None], code: int) -> None:
    """End the app with `code`, and the process too if that takes over `EXIT_GRACE`."""
    watchdog = threading.Timer(EXIT_GRACE, os._exit, args=(code,))
    watchdog.daemon = True
    watchdog.start()
    exit_app(code)


@runtime_checkable
class HoldsTyping(Protocol):
    """A screen whose fields hold typing not yet copied into what is saved."""

    def keep_typing(self) -> None:
        """Copy what the fields hold now into what is saved."""


@dataclass(frozen=True)
class Unsaved:
    """A session that could not be written when the call closed, to show the person."""

    path: Path
    error: str
    text: str


class CallSaver:
    """Writes one call's session file: soon after each change, and at once when asked."""

    def __init__(
        self,
        call: Call,
        opened: OpenSession,
        on_unsaved: Callable[[Unsaved], None],
        on_conflicts: Callable[[tuple[Path, ...]], None] = lambda copies: None,
    ) -> None:
        """Start saving `call` into the session `opened` (which this process holds).

        When the saver closes, `on_unsaved` hears of a last save that failed, and
        `on_conflicts` of every copy kept of the file as edited outside coffeechat.
        """
        self.call = call
        self.opened = opened
        self.on_unsaved = on_unsaved
        self.on_conflicts = on_conflicts
        self.saver: Autosaver | None = Autosaver(opened.path, own=opened.own)
        self._submitted = -1
        self._submitted_at = 0.0
        self._old_handlers: dict[int, Any] = {}

    @property
    def status(self) -> SaveStatus:
        """What is on disk (once closed: everything, or the close reported otherwise)."""
        return self.saver.status if self.saver else SaveStatus(saved=True)

    def autosave(self) -> SaveStatus:
        """Hand the file's text to the saver if the call changed or its clock ran on."""
        if self.saver is None:
            return self.status
        now = self.call.time.monotonic()
        clock = self.call.clock
        running = not (clock.paused or clock.stopped)
        if self.call.revision != self._submitted or (
            running and now - self._submitted_at >= CLOCK_SAVE_SECONDS
        ):
            self._submit(self.saver)
        return self.saver.status

    def save_now(self) -> SaveStatus:
        """Write the session file now, on this thread."""
        if self.saver is None:
            return self.status
        self._submit(self.saver)
        return self.saver.flush()

    def _submit(self, saver: Autosaver) -> None:
        self._submitted = self.call.revision
        self._submitted_at = self.call.time.monotonic()
        saver.submit(self.call.file_text())

    def close(self) -> None:
        """Final synchronous save, then unlock the session (only the first time)."""
        if self.saver is None:
            return
        saver, self.saver = self.saver, None
        saver.submit(self.call.file_text())
        status = saver.close()
        self.opened.release()
        if not status.saved:
            text = self.call.file_text()
            self.on_unsaved(Unsaved(self.opened.path, status.error or "unknown error", text))
        if status.conflicts:
            self.on_conflicts(status.conflicts)

    # --- signals ----------------------------------------------------------------------

    def catch_signals(
        self, exit_app: Callable[[None, int], None], keep_typing: Callable[[], None]
    ) -> None:
        """Save and end on SIGHUP, SIGTERM and SIGINT (from the main thread only), then
        `exit_app(None, code)` on the running event loop (the handler may have
        interrupted it anywhere). Call it from that loop.

        `keep_typing` copies what the screen's fields hold into the call first: the
        messages that carry each keystroke there may still be on their way.
        """
        if threading.current_thread() is not threading.main_thread():
            return
        loop = asyncio.get_running_loop()

        def on_loop(code: int) -> None:
            loop.call_soon_threadsafe(exit_app, None, code)

        self._exit_app = on_loop
        self._keep_typing = keep_typing
        for signum in SIGNALS:
            self._old_handlers[signum] = signal.signal(signum, self.on_signal)

    def release_signals(self) -> None:
        """Put back the handlers that were there before."""
        for signum, handler in self._old_handlers.items():
            signal.signal(signum, handler)
        self._old_handlers = {}

    def on_signal(self, signum: int, frame: FrameType | None) -> None:
        """Save everything at once, unlock, and end the process."""
        code = 128 + signum
        if self.saver is None:
            os._exit(code)
        saver, self.saver = self.saver, None
        # The screen may be being taken down: what it held was kept as it closed.
        with contextlib.suppress(NoMatches):
            self._keep_typing()
        text = self.call.file_text()
        status, interrupted = saver.rescue(text)
        self.opened.release()
        if not status.saved:
            self.on_unsaved(Unsaved(self.opened.path, status.error or "unknown error", text))
        if status.conflicts:
            self.on_conflicts(status.conflicts)
        if signum == signal.SIGHUP or interrupted:
            # No terminal to restore, or a save to stop before it overwrites ours.
            os._exit(code)
        # The terminal is still there: let Textual restore it, but never hang.
        exit_within_grace(self._exit_app, code)
