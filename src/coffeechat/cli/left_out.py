"""The session files a listing (`sessions`, `followups`) left out, as it reports them:
damaged ones and sync conflicts, on stderr and in the JSON output."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.sessions.cache import Damaged, SessionIndex


def damaged_json(damaged: tuple[Damaged, ...]) -> list[dict[str, Any]]:
    """Damaged files in the JSON output: the file and each problem as one line."""
    return [
        {"file": d.name, "problems": [p.render().split("\n")[0] for p in d.problems]}
        for d in damaged
    ]


def conflicts_json(workspace: Workspace, index: SessionIndex) -> list[dict[str, Any]]:
    """Sync conflicts in the JSON output: the file, the tool, the file it copies, and
    the problem as one line."""
    return [
        {
            "file": c.name,
            "tool": c.tool,
            "original": c.original,
            "problem": c.problem(_shown(workspace, c.name)).render().split("\n")[0],
        }
        for c in index.conflicts
    ]


def _shown(workspace: Workspace, name: str) -> str:
    return workspace.display(workspace.sessions / name)


def report_left_out(workspace: Workspace, index: SessionIndex) -> None:
    """Name on stderr each file that was left out: damaged ones with every problem,
    sync conflicts one line each and what to do about them once."""
    from coffeechat.core.files.syncconflicts import WHAT_TO_DO

    damaged = index.damaged
    for item in damaged:
        for problem in item.problems:
            print(problem.render(), file=sys.stderr)
    if damaged:
        count = len(damaged)
        files = f"{count} session file{'s' if count != 1 else ''}"
        print(f"{files} could not be read and left out (see above)", file=sys.stderr)
    for conflict in index.conflicts:
        text = conflict.problem(_shown(workspace, conflict.name)).render()
        # Merging git markers is its own job (with its hint); copies share one below.
        print(text if conflict.tool == "git" else text.split("\n")[0], file=sys.stderr)
    if index.conflicts:
        count = len(index.conflicts)
        files = (
            "1 file looks like a sync conflict and was"
            if count == 1
            else f"{count} files look like sync conflicts and were"
        )
        print(f"{files} left out: {WHAT_TO_DO}", file=sys.stderr)
