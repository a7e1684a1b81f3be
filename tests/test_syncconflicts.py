"""Sync conflict copies and git conflict markers are never read as sessions, and
every reader says which files they are and what to do.

The names below are the ones the tools really make (Syncthing's
`.sync-conflict-<date>-<time>-<device>`, Dropbox's `(... conflicted copy <date>)`
and its variants, OneDrive's machine name, Google Drive's `(1)`).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.call.start import plan_call
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime
from tests.past_sessions import NOW, jane, write

# The module under test is imported where it is used, so that the tests that drive
# the commands can run against a coffeechat without it (and fail there).

ID = "2026-11-20-1501-jane-doe"
ORIGINAL = f"{ID}.toml"

COPIES = [
    (f"{ID}.sync-conflict-20261125-101010-ABCDEFG.toml", "syncthing"),
    (f"{ID}.sync-conflict-20261201-080000-7XQ2B4M.toml", "syncthing"),
    (f"{ID} (Jane's conflicted copy 2026-11-25).toml", "dropbox"),
    (f"{ID} (Jane Doe's MacBook Pro's conflicted copy 2026-11-25).toml", "dropbox"),
    (f"{ID} (conflicted copy 2026-11-25 101010).toml", "dropbox"),
    (f"{ID} (Jane's conflicted copy 2026-11-25 (1)).toml", "dropbox"),
    (f"{ID} (Case Conflict).toml", "dropbox"),
    (f"{ID} (Selective Sync Conflict).toml", "dropbox"),
    (f"{ID}-DESKTOP-4F2K9QX.toml", "onedrive"),
    (f"{ID}-Janes-MacBook-Pro.toml", "onedrive"),
    (f"{ID}-LAPTOP-2.toml", "onedrive"),
    (f"{ID} (1).toml", "google-drive"),
    (f"{ID}(2).toml", "google-drive"),
]
NOT_COPIES = [
    ORIGINAL,
    f"{ID}-2.toml",  # coffeechat's own second call of the same minute
    f"{ID}-smith.toml",  # lowercase: decided by its contents (see below)
    "2026-11-20-1501-call.toml",
    f"{ID}.toml.conflict-1",  # coffeechat's own copy of a hand edit, not a .toml
]


@pytest.mark.parametrize(("name", "tool"), COPIES)
def test_the_names_sync_tools_give_their_copies(name: str, tool: str) -> None:
    from coffeechat.core.files.syncconflicts import copy_by_name

    copy = copy_by_name(name, {ORIGINAL}.__contains__)
    assert copy is not None
    assert (copy.tool, copy.original, copy.alone) == (tool, ORIGINAL, False)


@pytest.mark.parametrize("name", NOT_COPIES)
def test_the_app_s_own_names_are_not_copies(name: str) -> None:
    from coffeechat.core.files.syncconflicts import copy_by_name

    assert copy_by_name(name, {ORIGINAL, f"{ID}-2.toml"}.__contains__) is None


def test_a_whole_folder_is_judged_as_each_name_alone() -> None:
    """`copies_among` (quick, for the index) agrees with `copy_by_name` (one file)."""
    from coffeechat.core.files.syncconflicts import copies_among, copy_by_name, onedrive_original

    names = {name for name, _tool in COPIES} | set(NOT_COPIES) | {f"{ID}-2.toml"}
    copies, maybe = copies_among(names)
    assert sorted(copies, key=lambda c: c.name) == sorted(
        (c for n in names if (c := copy_by_name(n, names.__contains__))), key=lambda c: c.name
    )
    assert {c.name for c in copies} == {name for name, _tool in COPIES}
    assert maybe == {f"{ID}-smith.toml": ORIGINAL}
    assert all(onedrive_original(n, names.__contains__) == o for n, o in maybe.items())


def test_a_copy_whose_original_is_gone_says_so() -> None:
    from coffeechat.core.files.syncconflicts import copy_by_name

    copy = copy_by_name(COPIES[0][0], lambda name: False)
    assert copy is not None and copy.alone
    assert "is not there" in copy.problem("sessions/x.toml").hint
    # OneDrive's suffix is only a copy beside the file it copies.
    assert copy_by_name(f"{ID}-DESKTOP-4F2K9QX.toml", lambda name: False) is None


def test_a_lowercase_suffix_is_told_apart_by_the_call_it_holds() -> None:
    from coffeechat.core.files.syncconflicts import named_for, onedrive_copy

    session = jane()
    laptop = f"{ID}-janes-laptop.toml"
    # The same call as the original: OneDrive named it after a lowercase machine.
    copy = onedrive_copy(laptop, ORIGINAL, session.started, session.meeting.person)
    assert copy is not None and copy.original == ORIGINAL
    # Another person whose name starts the same, called in the same minute: a session.
    assert onedrive_copy(f"{ID}-smith.toml", ORIGINAL, session.started, "Jane Doe Smith") is None
    assert named_for(f"{ID}-2", session.started, "Jane Doe")
    assert not named_for(f"{ID}-janes-laptop", session.started, "Jane Doe")


CONFLICTED_NOTES = (
    "Before.\n<<<<<<< HEAD\nMostly critiques.\n=======\nMostly research.\n>>>>>>> laptop\nAfter."
)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (CONFLICTED_NOTES, 2),
        (CONFLICTED_NOTES.replace("\n", "\r\n"), 2),
        ("<<<<<<< ours\na = 1\n=======\na = 2\n>>>>>>> theirs\n", 1),
        ("A heading\n=======\nand a list\n", 0),  # Markdown, not a conflict
        ("<<<<<<< alone\nno other marker\n", 0),
        ("<<<<<<<< eight\n=======\n>>>>>>> x\n", 0),
    ],
)
def test_git_markers_are_found_only_as_a_whole_block(text: str, line: int) -> None:
    from coffeechat.core.files.syncconflicts import git_markers

    assert git_markers(text.encode()) == line


# --- through every reader -------------------------------------------------------------


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args], ManualTime(NOW))


def conflicted(workspace: Workspace) -> dict[str, str]:
    """Jane's session, three sync copies of it, and another with git markers."""
    path = write(workspace, jane())
    names = {
        "syncthing": f"{ID}.sync-conflict-20261125-101010-ABCDEFG.toml",
        "dropbox": f"{ID} (Jane's conflicted copy 2026-11-25).toml",
        "onedrive": f"{ID}-janes-laptop.toml",
    }
    for name in names.values():
        shutil.copy(path, workspace.sessions / name)
    merged = jane()
    merged.started = merged.started.replace(day=21)
    merged.id = "2026-11-21-1501-jane-doe"
    merged.questions[0].notes = CONFLICTED_NOTES
    write(workspace, merged)
    names["git"] = f"{merged.id}.toml"
    return names


def test_the_index_leaves_them_out(workspace: Workspace) -> None:
    names = conflicted(workspace)
    index = load_index(workspace)
    assert [s.id for s in index.sessions] == [ID]
    assert {c.name: c.tool for c in index.conflicts} == {n: t for t, n in names.items()}
    git = next(c for c in index.conflicts if c.tool == "git")
    assert git.line > 1
    assert index.damaged == ()
    again = load_index(workspace)  # from the cache, the same
    assert again.parsed == 0
    assert (again.sessions, again.conflicts) == (index.sessions, index.conflicts)


def test_followups_counts_each_item_once_and_says_what_to_do(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    names = conflicted(workspace)
    assert run(workspace, "followups") == 0
    out, err = capsys.readouterr()
    assert out.count("Send a thank-you note to Jane Doe") == 1
    for tool, name in names.items():
        line = next(line for line in err.splitlines() if name in line)
        assert ("git conflict markers" if tool == "git" else "conflict copy of") in line
    assert err.count("compare each copy with the real file") == 1
    assert "4 files look like sync conflicts and were left out" in err
    assert "Traceback" not in err


def test_the_json_says_so_in_a_field_of_its_own(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    names = conflicted(workspace)
    for command in ("followups", "sessions"):
        assert run(workspace, command, "--json") == 0
        data = json.loads(capsys.readouterr().out)
        assert data["damaged"] == []
        conflicts = {c["file"]: c for c in data["sync_conflicts"]}
        assert set(conflicts) == set(names.values())
        syncthing = conflicts[names["syncthing"]]
        assert (syncthing["tool"], syncthing["original"]) == ("syncthing", ORIGINAL)
        assert "Syncthing conflict copy of" in syncthing["problem"]
        assert conflicts[names["git"]]["original"] == names["git"]
    ids = [item["id"] for item in data.get("items", [])]
    assert len(ids) == len(set(ids))


def test_done_leaves_no_twin_and_refuses_a_copy(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    names = conflicted(workspace)
    assert run(workspace, "done", f"{ID}/thank-you") == 0
    capsys.readouterr()
    assert run(workspace, "followups", "--json") == 0
    titles = [i["title"] for i in json.loads(capsys.readouterr().out)["items"]]
    assert "Send a thank-you note to Jane Doe" not in titles
    copy_id = names["syncthing"].removesuffix(".toml")
    assert run(workspace, "done", f"{copy_id}/thank-you") == 1
    err = capsys.readouterr().err
    assert "looks like a Syncthing conflict copy of" in err
    assert f"hint: compare the two, copy what you need into {ORIGINAL}, then delete" in err


def test_show_finds_the_real_one_and_names_its_copies(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    names = conflicted(workspace)
    assert run(workspace, "show", "11-20") == 0
    out, err = capsys.readouterr()
    assert "Jane Doe" in out
    assert names["syncthing"] in err and names["dropbox"] in err
    assert run(workspace, "show", names["git"].removesuffix(".toml")) == 1
    err = capsys.readouterr().err
    assert "this file holds git conflict markers" in err
    assert "Mostly research" not in err


def test_a_copy_of_an_unfinished_call_is_not_offered_to_resume(
    workspace: Workspace, clock: ManualTime
) -> None:
    from tests.test_store import unfinished_file

    path = unfinished_file(workspace, clock)
    shutil.copy(path, path.with_name(f"{path.stem}.sync-conflict-20261125-101010-ABCDEFG.toml"))
    shutil.copy(path, path.with_name(f"{path.stem}-DESKTOP-4F2K9QX.toml"))
    plan = plan_call(workspace, workspace.agenda_path("jane-doe"), Settings())
    assert [item.path for item in plan.unfinished] == [path]
    plan.release()


async def test_home_lists_them_apart_and_says_once(workspace: Workspace) -> None:
    from coffeechat.ui.app import make_app
    from coffeechat.ui.widgets.queue_list import QueueList
    from coffeechat.ui.widgets.session_list import SessionList
    from tests.call_helpers import Notes
    from tests.pilot_helpers import settle

    names = conflicted(workspace)
    app = make_app(workspace, ManualTime(NOW))
    toasts = Notes(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        queue = app.screen.query_one(QueueList)
        addresses = [o.id for o in queue.options if o.id]
        assert len(addresses) == len(set(addresses)) == 3
        sessions = app.screen.query_one(SessionList)
        assert set(sessions.conflicts) == set(names.values())
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert toasts.titles.count("Files that look like sync conflicts") == 1
    text = next(body for title, body in toasts.shown if title.startswith("Files that look"))
    assert "compare each copy with the real file" in text


def test_a_file_of_the_sync_tools_is_never_a_session_by_any_path(workspace: Workspace) -> None:
    """The readers one by one: the fast path, the full path, `read_session`."""
    from coffeechat.core.problems import InputError
    from coffeechat.core.sessions.format import parse_session, read_session
    from coffeechat.core.sessions.skim import quick_summary

    names = conflicted(workspace)
    git = workspace.sessions / names["git"]
    raw = git.read_bytes()
    assert quick_summary(raw, git) is None
    with pytest.raises(InputError, match="git conflict markers"):
        parse_session(raw, git)
    for name in names.values():
        with pytest.raises(InputError, match="conflict"):
            read_session(workspace.sessions / name)
    assert read_session(workspace.sessions / ORIGINAL).id == ID


def test_notes_can_still_hold_a_row_of_equals(workspace: Workspace) -> None:
    session = jane()
    session.general_notes = "Plan\n=======\nand more\n>>>>>>> not a marker here"
    path = write(workspace, session)
    assert load_index(workspace).conflicts == ()
    assert path.exists()
    assert Path(path).read_text().count("=======") == 1
