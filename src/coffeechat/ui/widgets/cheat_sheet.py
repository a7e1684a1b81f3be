"""The cheat sheet: your pitch, your research and your reminders, at a glance."""

from __future__ import annotations

from rich.markup import escape
from textual.containers import VerticalScroll
from textual.widgets import Static

from coffeechat.core.agenda import Agenda


class CheatSheet(VerticalScroll, can_focus=False):
    """What you prepared, to glance at without leaving the notes."""

    def __init__(self, agenda: Agenda, *, id: str | None = None) -> None:
        super().__init__(Static(sheet_text(agenda), id="cheat-sheet-text"), id=id)
        self.border_title = "Cheat sheet"


def sheet_text(agenda: Agenda) -> str:
    """The cheat sheet's content as markup."""
    parts = []
    if agenda.pitch:
        parts += ["[b]Pitch[/b]", escape(agenda.pitch.strip()), ""]
    if agenda.research:
        parts += ["[b]Research[/b]", escape(agenda.research.strip()), ""]
    if agenda.reminders:
        parts += ["[b]Reminders[/b]", *(f"• {escape(r)}" for r in agenda.reminders), ""]
    if agenda.opening:
        parts += ["[b]Opening[/b]", *(f"☐ {escape(c)}" for c in agenda.opening), ""]
    if agenda.closing:
        parts += ["[b]Closing[/b]", *(f"☐ {escape(c)}" for c in agenda.closing)]
    return "\n".join(parts).strip() or "[dim]No pitch, research or reminders in the agenda.[/]"
