"""The banner over a call, and the toasts about saving: what the person must know
about the call itself (its notes not reaching the disk, its clock paused)."""

from __future__ import annotations

from textual.widgets import Static

from coffeechat.core.call.autosave import SaveStatus
from coffeechat.ui.literal import literal


class CallBanner(Static):
    """A line shown only while the notes cannot be saved or the clock is paused."""

    def __init__(self, folder: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.folder = folder
        """The sessions folder as the person knows it."""
        self._error: str | None = None
        self._conflict: object = None
        self._shown: tuple[str | None, bool] = (None, False)

    def show(self, error: str | None, paused: bool) -> None:
        """Say so when the notes are not reaching the disk (`error`: why not), or the
        clock is paused. The call redraws every second: nothing is done (no layout of
        the screen) unless one of the two changed."""
        if (error, paused) == self._shown:
            return
        self._shown = (error, paused)
        if error:
            self.update(
                literal(
                    f"NOT SAVED: cannot write to {self.folder}/ ({error}). "
                    "Your notes are kept here; retrying every 2 s."
                )
            )
        elif paused:
            self.update("PAUSED: the clock is stopped (the call dropped?). ctrl+b to resume.")
        self.display = bool(error) or paused
        self.set_class(bool(error), "-error")

    def report(self, status: SaveStatus, paused: bool) -> None:
        """Show or clear the not-saved banner; mention a conflict copy once."""
        if status.error != self._error:
            if self._error and not status.error:
                self.notify("Your notes are saved again.", title="Saved", timeout=4)
            self._error = status.error
            self.show(status.error, paused)
        if status.conflict is not None and status.conflict != self._conflict:
            self._conflict = status.conflict
            self.notify(
                f"The session file was changed outside coffeechat; that version was kept "
                f"as {status.conflict.name}.",
                title="File edited elsewhere",
                severity="warning",
                timeout=10,
            )
