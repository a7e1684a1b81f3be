"""The cheat sheet: your pitch, your research and your reminders, at a glance.

Prose is reflowed to the sheet's width (its paragraphs kept, `core.text.paragraphs`).
The checklists are not repeated here: the call shows each where it is due, beside
the notes.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.core.text.paragraphs import paragraphs
from coffeechat.ui.literal import lines


class CheatSheet(VerticalScroll, can_focus=False):
    """What you prepared, to glance at without leaving the notes."""

    def __init__(self, agenda: Agenda, *, id: str | None = None) -> None:
        super().__init__(Static(sheet_text(agenda), id="cheat-sheet-text"), id=id)
        self.border_title = "Cheat sheet"

    @staticmethod
    def add_to(screen: Screen[None], agenda: Agenda) -> None:
        """Hidden on most terminals until F2, the cheat sheet comes after the first frame.

        Not with `textual.lazy.Lazy`: it mounts without looking, so a quit in that
        moment (ctrl+q right after start) ended in a `MountError` and a traceback.
        """
        body = screen.query_one_optional("#call-body")
        if body is not None and body.is_attached:  # else the call closed before it
            body.mount(CheatSheet(agenda, id="cheat-sheet"))


def sheet_text(agenda: Agenda) -> Content:
    """The cheat sheet's content: each part under its heading."""
    parts: list[Content | str] = []
    for heading, items in (
        ("Pitch", paragraphs(agenda.pitch)),
        ("Research", paragraphs(agenda.research)),
        ("Reminders", [f"• {r}" for r in agenda.reminders]),
    ):
        if items:
            parts += [Content.styled(heading, "bold"), *items, ""]
    if not parts:
        return Content.styled("No pitch, research or reminders in the agenda.", "dim")
    return lines(parts[:-1])
