"""The cheat sheet: your pitch, your research and your reminders, at a glance."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coffeechat.core.agendas.agenda import Agenda
from coffeechat.ui.literal import lines


class CheatSheet(VerticalScroll, can_focus=False):
    """What you prepared, to glance at without leaving the notes."""

    def __init__(self, agenda: Agenda, *, id: str | None = None) -> None:
        super().__init__(Static(sheet_text(agenda), id="cheat-sheet-text"), id=id)
        self.border_title = "Cheat sheet"


def sheet_text(agenda: Agenda) -> Content:
    """The cheat sheet's content: each part under its heading."""
    parts: list[Content | str] = []
    for heading, items in (
        ("Pitch", [agenda.pitch.strip()] if agenda.pitch else []),
        ("Research", [agenda.research.strip()] if agenda.research else []),
        ("Reminders", [f"• {r}" for r in agenda.reminders]),
        ("Opening", [f"☐ {c}" for c in agenda.opening]),
        ("Closing", [f"☐ {c}" for c in agenda.closing]),
    ):
        if items:
            parts += [Content.styled(heading, "bold"), *items, ""]
    if not parts:
        return Content.styled("No pitch, research or reminders in the agenda.", "dim")
    return lines(parts[:-1])
