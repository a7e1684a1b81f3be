"""Past sessions as a list, newest first, with the files left out at the end: those
that could not be read, and those that look like sync conflicts.

Its keys act on the highlighted session: Enter opens it (or says why a file is left
out), `t` opens its thank-you draft, `m` exports it as Markdown, each on the
session's own screen. They are this widget's bindings, so the footer, F1 help and
the palette offer them while the list has the focus and they apply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from coffeechat.ui.literal import lines, literal

if TYPE_CHECKING:
    from coffeechat.core.files.syncconflicts import SyncConflict
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.sessions.cache import Damaged
    from coffeechat.core.sessions.search import Hit
    from coffeechat.core.sessions.summary import SessionSummary
    from coffeechat.ui.screens.session import SessionScreen

PAGE = 60
"""Sessions shown before a "more" line: a list measures every option it holds (60
fill a tall terminal; with thousands of sessions, more would slow the start)."""
MORE = "more"
DAMAGED_PREFIX = "damaged:"
"""Option ids of unreadable files start with this (a session id cannot hold a colon)."""
CONFLICT_PREFIX = "conflict:"
"""Option ids of sync conflicts start with this."""


class SessionList(OptionList):
    """Sessions by id; a search shows only the matches, with the words found."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Open", id="home.open_session"),
        Binding("t", "draft", "Thank-you", id="home.draft"),
        Binding("m", "export", "Markdown", id="home.export"),
    ]

    def __init__(self, workspace: Workspace, id: str | None = None) -> None:
        super().__init__(id=id)
        self.workspace = workspace
        self.sessions: dict[str, SessionSummary] = {}
        self.damaged: dict[str, Damaged] = {}
        self.conflicts: dict[str, SyncConflict] = {}
        self.limit = PAGE
        self.shown: tuple[Sequence[SessionSummary], Sequence[Damaged], Mapping[str, Hit] | None]
        self.shown = ((), (), None)

    def show(
        self,
        sessions: Sequence[SessionSummary],
        damaged: Sequence[Damaged],
        hits: Mapping[str, Hit] | None = None,
        conflicts: Sequence[SyncConflict] = (),
    ) -> None:
        """Fill the list; with `hits`, only the sessions found (and no files left out)."""
        keep = self.highlighted_option.id if self.highlighted_option is not None else None
        if hits is not self.shown[2]:
            self.limit = PAGE  # a new search (or its end) starts from the top
        self.shown = (sessions, damaged, hits)
        self.damaged = {} if hits is not None else {d.name: d for d in damaged}
        self.conflicts = {} if hits is not None else {c.name: c for c in conflicts}
        found = [s for s in sessions if hits is None or s.id in hits]
        self.sessions = {s.id: s for s in found[: self.limit]}
        options = [
            Option(session_prompt(s, hits.get(s.id) if hits else None), id=s.id)
            for s in self.sessions.values()
        ]
        if len(found) > self.limit:
            more = f"[dim]… {len(found) - self.limit} older: enter shows them, / searches all[/]"
            options.append(Option(more, id=MORE))
        for item in self.damaged.values():
            options.append(Option(damaged_prompt(item), id=DAMAGED_PREFIX + item.name))
        for copy in self.conflicts.values():
            options.append(Option(conflict_prompt(copy), id=CONFLICT_PREFIX + copy.name))
        if not options:
            empty = "No session holds these words." if hits is not None else _NO_SESSIONS
            options.append(Option(f"[dim]{empty}[/]", disabled=True))
        self.clear_options()
        self.add_options(options)
        ids = [o.id for o in options]
        if options[0].disabled:
            self.highlighted = None
        else:
            self.highlighted = ids.index(keep) if keep is not None and keep in ids else 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a session opens it, on a file left out says why; on the "more" line,
        it shows the next page of sessions."""
        if event.option.id == MORE:
            event.stop()
            self.limit += PAGE
            self.show(*self.shown, conflicts=tuple(self.conflicts.values()))
            self.highlighted = event.option_index  # the first of the sessions just shown
            return
        left_out = self.highlighted_damaged or self.highlighted_conflict
        if left_out is not None:
            self.open_session(self.workspace.sessions / left_out.name)
        elif self.highlighted_session is not None:
            self.open_session(self.workspace.session_path(self.highlighted_session.id))

    @property
    def highlighted_session(self) -> SessionSummary | None:
        """The session under the cursor (None on a damaged file)."""
        option = self.highlighted_option
        return None if option is None or option.id is None else self.sessions.get(option.id)

    @property
    def highlighted_damaged(self) -> Damaged | None:
        """The unreadable file under the cursor, if that is what it is on."""
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith(DAMAGED_PREFIX):
            return None
        return self.damaged.get(option.id.removeprefix(DAMAGED_PREFIX))

    @property
    def highlighted_conflict(self) -> SyncConflict | None:
        """The sync conflict under the cursor, if that is what it is on."""
        option = self.highlighted_option
        if option is None or option.id is None or not option.id.startswith(CONFLICT_PREFIX):
            return None
        return self.conflicts.get(option.id.removeprefix(CONFLICT_PREFIX))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The keys for a session are there only while one is under the cursor."""
        if action in ("draft", "export"):
            return self.highlighted_session is not None
        return True

    def open_session(self, path: Path, draft: bool = False) -> SessionScreen:
        """Show the session file `path` on its own screen (or why it cannot be read)."""
        from coffeechat.ui.screens.session import SessionScreen

        screen = SessionScreen(self.workspace, path, draft=draft)
        self.app.push_screen(screen)
        return screen

    def action_draft(self) -> None:
        """The thank-you draft of the session in focus."""
        if self.highlighted_session is not None:
            self.open_session(self.workspace.session_path(self.highlighted_session.id), draft=True)

    def action_export(self) -> None:
        """Export the highlighted session as Markdown (from its own screen)."""
        if self.highlighted_session is not None:
            screen = self.open_session(self.workspace.session_path(self.highlighted_session.id))
            screen.call_after_refresh(screen.action_export)

    def preview(self) -> Content | str:
        """The highlighted thing in full: a session, or why a file is left out."""
        if self.highlighted_option is None:
            return ""
        from coffeechat.ui.widgets import preview  # nothing to show before sessions load

        if self.highlighted_damaged is not None:
            return preview.damaged_preview(self.highlighted_damaged)
        copy = self.highlighted_conflict
        if copy is not None:
            shown = self.workspace.display(self.workspace.sessions / copy.name)
            return preview.conflict_preview(copy, shown)
        if self.highlighted_session is not None:
            return preview.session_preview(self.highlighted_session)
        return ""


_NO_SESSIONS = "No sessions yet: they appear here after your first call."


def session_prompt(summary: SessionSummary, hit: Hit | None = None) -> Content:
    """A session in three lines: who; when and how long; how it went and what is left."""
    from coffeechat.core.sessions.printout import clock  # not needed to start

    meeting = summary.meeting
    first = literal((meeting.person, "bold"))
    if meeting.organization:
        first = literal(first, " ", (meeting.organization, "dim"))
    started = summary.started
    when = f"{started.day} {started:%b %Y} · "
    when += f"{clock(summary.elapsed_seconds)} of {clock(summary.planned_seconds)}"
    facts = [f"{summary.answered}/{summary.questions} answered"]
    if summary.open_followups:
        facts.append(f"{summary.open_followups} to do")
    done = literal((" · ".join(facts), "dim"))
    if summary.status != "completed":
        done = literal(done, (" · ", "dim"), (summary.status, "$warning"))
    # One line each: a line of every fact would wrap mid-fact at 80 and 100 columns.
    shown = [first, literal((when, "dim")), done]
    if hit is not None:
        shown.append(literal((f"{hit.where}:", "$accent"), f" {hit.snippet}"))
    return lines(shown)


def damaged_prompt(item: Damaged) -> Content:
    """An unreadable file: its name and why."""
    return literal((item.name, "$error"), "\n", (f"cannot be read: {item.reason}", "$error"))


def conflict_prompt(copy: SyncConflict) -> Content:
    """A sync conflict: its name and what it is."""
    return literal((copy.name, "$warning"), "\n", (f"{copy.what}: left out", "$warning"))
