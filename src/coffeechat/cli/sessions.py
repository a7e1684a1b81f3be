"""The past-session commands: `sessions` (one line each, or JSON), `show` (one
session as text or Markdown) and `draft` (its thank-you note, never sent).

Scripts run these: they never import Textual, print plain text (or JSON with stable
field names, documented in the README) to stdout, and report damaged session files
on stderr while still listing every good one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coffeechat.cli.context import time_of
from coffeechat.cli.left_out import conflicts_json, damaged_json, report_left_out
from coffeechat.cli.output import JSON_FORMAT, print_json
from coffeechat.cli.problems import EXIT_OK
from coffeechat.cli.typed import command
from coffeechat.core.problems import InputError

if TYPE_CHECKING:
    from datetime import tzinfo

    from coffeechat.core.files.workspace import Workspace
    from coffeechat.core.sessions.cache import SessionIndex
    from coffeechat.core.sessions.summary import SessionSummary


def cmd_sessions(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat sessions`: one line per session, newest first."""
    from coffeechat.core.sessions.cache import collector_paused, load_index

    # The output walks every summary: no collections while it is made (see the cache).
    with collector_paused():
        index = load_index(workspace)
        if args.json:
            payload = {
                "format": JSON_FORMAT,
                "sessions": [session_json(s) for s in index.sessions],
                "damaged": damaged_json(index.damaged),
                "sync_conflicts": conflicts_json(workspace, index),
            }
            print_json(payload)
        else:
            _print_sessions(index, time_of(args).now().tzinfo, args)
        report_left_out(workspace, index)
        return EXIT_OK


def _print_sessions(index: SessionIndex, zone: tzinfo | None, args: argparse.Namespace) -> None:
    """One line per session, its start in local time (`zone`), as `followups` shows
    due times; a start written without an offset is local time already."""
    from coffeechat.core.sessions.printout import length_words

    if not index.sessions:
        print(f"No sessions yet. Record one with: {command(args, 'run')} AGENDA")
        return
    rows = [("WHEN", "WHO", "LENGTH", "ANSWERED", "OPEN", "ID")]
    for s in index.sessions:
        who = s.meeting.person + (f" ({s.meeting.organization})" if s.meeting.organization else "")
        if s.status != "completed":
            who += f" [{s.status}]"
        started = s.started.astimezone(zone) if s.started.tzinfo else s.started
        rows.append(
            (
                f"{started:%a %Y-%m-%d %H:%M}",
                who,
                length_words(s.elapsed_seconds, s.planned_seconds),
                f"{s.answered}/{s.questions}",
                str(s.open_followups),
                s.id,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, row[-1]]))


def session_json(s: SessionSummary) -> dict[str, Any]:
    """One session in `sessions --json`."""
    meeting = s.meeting
    return {
        "id": s.id,
        "status": s.status,
        "started": s.started.isoformat(),
        "ended": s.ended.isoformat() if s.ended else None,
        "person": meeting.person,
        "role": meeting.role,
        "organization": meeting.organization,
        "referred_by": meeting.referred_by,
        "planned_seconds": s.planned_seconds,
        "elapsed_seconds": s.elapsed_seconds,
        "questions": s.questions,
        "answered": s.answered,
        "skipped": s.skipped,
        "starred": s.starred,
        "referrals": [r.name for r in s.referrals],
        "followups_open": s.open_followups,
        "followups_total": len(s.followups),
    }


def cmd_show(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat show SESSION`: the whole session, as text or Markdown."""
    from coffeechat.core.sessions.finding import find_session_file
    from coffeechat.core.sessions.format import read_session
    from coffeechat.core.sessions.printout import session_markdown, session_text

    path = find_session_file(workspace, args.session)
    session = read_session(path, workspace.display(path))
    print(session_markdown(session) if args.markdown else session_text(session), end="")
    _mention_copies(workspace, path)
    return EXIT_OK


def _mention_copies(workspace: Workspace, path: Path) -> None:
    """Say on stderr which sync conflict copies of the session `path` lie beside it:
    what they hold is not in what was shown."""
    from coffeechat.core.files.syncconflicts import copies_among
    from coffeechat.core.sessions.cache import session_files

    names = {p.name for p in session_files(path.parent)}
    for copy in copies_among(names)[0]:
        if copy.original == path.name:
            print(
                copy.problem(workspace.display(path.parent / copy.name)).render(), file=sys.stderr
            )


def cmd_draft(args: argparse.Namespace, workspace: Workspace) -> int:
    """`coffeechat draft SESSION`: the thank-you note, printed or written to a new file."""
    from coffeechat.core.sessions.finding import find_session_file
    from coffeechat.core.sessions.format import read_session
    from coffeechat.core.sessions.thankyou import thank_you

    path = find_session_file(workspace, args.session)
    text = thank_you(read_session(path, workspace.display(path)))
    if not args.output:
        print(text, end="")
        return EXIT_OK
    _write_new_file(Path(args.output), text)
    print(f"Wrote the draft to {args.output}. Nothing was sent: edit it and send it yourself.")
    return EXIT_OK


def _write_new_file(path: Path, text: str) -> None:
    """Create `path` (private) with `text`; refuse to overwrite or to write nowhere."""
    from coffeechat.core.files import atomic

    try:
        atomic.write_new(path.expanduser(), text)
    except FileExistsError:
        raise InputError.at(
            str(path), "the file already exists; it was left as it is", "choose another name"
        ) from None
    except OSError as err:
        raise InputError.at(str(path), f"cannot write it: {err.strerror}", line=0, col=0) from None
