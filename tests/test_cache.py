"""Reading many sessions: summaries, the cache, damaged files, finding one session."""

from __future__ import annotations

import gc
import json
import os
import stat
import threading
from pathlib import Path

import pytest

from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.cache import load_index
from coffeechat.core.sessions.cachefile import CACHE_NAME, cache_version
from coffeechat.core.sessions.finding import find_session_file
from coffeechat.core.sessions.format import parse_session, read_session, to_toml
from coffeechat.core.sessions.summary import read_summary, summarize
from tests.past_sessions import DAMAGED_NAME, fill_workspace, jane, omar, write
from tests.test_session_file import AWKWARD


@pytest.mark.parametrize("text", AWKWARD)
def test_fast_and_full_paths_agree_on_any_note(text: str) -> None:
    session = jane()
    session.questions[0].notes = text
    session.general_notes = text
    raw = to_toml(session).encode()
    path = Path(f"{session.id}.toml")
    assert read_summary(raw, path) == summarize(session)


@pytest.mark.parametrize(
    "edit",
    [
        lambda t: t.replace("\n", "\r\n"),
        lambda t: "\ufeff" + t,
        lambda t: t.replace('status = "answered"', 'status = "answered" # yes'),
        lambda t: t.replace("[[referrals]]", "[[questions]]\ntext = 'late'\n\n[[referrals]]"),
        lambda t: t.replace('notes = """', "notes = '''").replace('writing."""', "writing.'''"),
        lambda t: t.replace("starred = true", "starred = true\nstarred = false"),
    ],
)
def test_hand_edited_files_take_the_full_path_and_agree(edit: object) -> None:
    assert callable(edit)
    session = jane()
    raw = edit(to_toml(session)).encode()
    path = Path(f"{session.id}.toml")
    try:
        expected = summarize(parse_session(raw, path))
    except InputError as err:
        with pytest.raises(InputError) as caught:
            read_summary(raw, path)
        assert caught.value.problems == err.problems
        return
    assert read_summary(raw, path) == expected


def test_damaged_files_are_named_and_the_rest_load(workspace: Workspace) -> None:
    fill_workspace(workspace)
    (workspace.sessions / "2026-11-01-0900-empty.toml").write_text("")
    index = load_index(workspace)
    assert [s.meeting.person for s in index.sessions] == ["Omar Haddad", "Jane Doe", "Lena Park"]
    assert [d.name for d in index.damaged] == ["2026-11-01-0900-empty.toml", DAMAGED_NAME]
    broken = index.damaged[1]
    assert broken.reason == "unterminated string"
    assert broken.problems[0].path.endswith(f"sessions/{DAMAGED_NAME}")
    assert broken.problems[0].line > 1


def test_temp_lock_and_other_files_are_not_sessions(workspace: Workspace) -> None:
    write(workspace, jane())
    (workspace.sessions / ".2026-11-20-1501-jane-doe.toml.123.tmp").write_text("x")
    (workspace.sessions / ".2026-11-20-1501-jane-doe.lock").write_text("")
    (workspace.sessions / "README.md").write_text("x")
    (workspace.sessions / "folder.toml").mkdir()
    (workspace.sessions / "has space.toml").write_text(to_toml(jane()))
    index = load_index(workspace)
    assert [s.id for s in index.sessions] == ["2026-11-20-1501-jane-doe"]
    assert [d.name for d in index.damaged] == ["has space.toml"]
    assert "not a session id" in index.damaged[0].reason


def test_the_cache_makes_the_next_start_read_nothing(workspace: Workspace) -> None:
    fill_workspace(workspace)
    first = load_index(workspace)
    assert first.parsed == 4
    cache = workspace.cache / CACHE_NAME
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(workspace.cache.stat().st_mode) == 0o700
    second = load_index(workspace)
    assert second.parsed == 0
    assert second == first.__class__(first.sessions, first.damaged, 0)


def test_a_changed_file_is_read_again(workspace: Workspace) -> None:
    path = write(workspace, jane())
    write(workspace, omar())
    load_index(workspace)
    session = jane()
    session.followups[0].status = "done"
    path.write_text(to_toml(session))
    index = load_index(workspace)
    assert index.parsed == 1
    assert index.find(session.id) is not None
    assert index.find(session.id).open_followups == 2  # type: ignore[union-attr]


def test_same_size_and_time_but_a_new_file_is_read_again(workspace: Workspace) -> None:
    path = write(workspace, jane())
    load_index(workspace)
    info = path.stat()
    text = path.read_text().replace('status = "open"', 'status = "done"', 1)
    replacement = path.with_name("new.tmp")
    replacement.write_text(text)
    os.utime(replacement, ns=(info.st_atime_ns, info.st_mtime_ns))
    os.replace(replacement, path)
    assert load_index(workspace).parsed == 1


def test_deleted_sessions_leave_the_index(workspace: Workspace) -> None:
    path = write(workspace, jane())
    write(workspace, omar())
    load_index(workspace)
    path.unlink()
    index = load_index(workspace)
    assert [s.meeting.person for s in index.sessions] == ["Omar Haddad"]


@pytest.mark.parametrize("garbage", ["", "{", "[]", '{"version": 1, "files": {"x": 1}}'])
def test_a_garbled_cache_is_ignored(workspace: Workspace, garbage: str) -> None:
    write(workspace, jane())
    workspace.cache.mkdir(mode=0o700)
    (workspace.cache / CACHE_NAME).write_text(garbage)
    index = load_index(workspace)
    assert [s.meeting.person for s in index.sessions] == ["Jane Doe"]


def test_a_garbled_record_is_read_again(workspace: Workspace) -> None:
    write(workspace, jane())
    load_index(workspace)
    cache = workspace.cache / CACHE_NAME
    data = json.loads(cache.read_text())
    for entry in data["files"].values():
        del entry[1][-1]  # a summary without its follow-ups
    cache.write_text(json.dumps(data))
    index = load_index(workspace)
    assert index.parsed == 1
    assert index.sessions[0].answered == 2


def test_several_processes_give_the_same_index(workspace: Workspace) -> None:
    assert threading.active_count() == 1  # otherwise the work is not shared out
    fill_workspace(workspace)
    alone = load_index(workspace, use_cache=False)
    shared = load_index(workspace, use_cache=False, parallel_from=1)
    assert shared == alone


def test_find_a_session(workspace: Workspace) -> None:
    fill_workspace(workspace)
    path = workspace.sessions / "2026-11-20-1501-jane-doe.toml"
    assert find_session_file(workspace, "2026-11-20-1501-jane-doe") == path
    assert find_session_file(workspace, "jane") == path
    assert find_session_file(workspace, str(path)) == path
    with pytest.raises(InputError, match="matches 2 sessions"):
        find_session_file(workspace, "2026-11-2")
    with pytest.raises(InputError) as caught:
        find_session_file(workspace, "2026-11-20-1501-jane-do3")
    assert "did you mean '2026-11-20-1501-jane-doe'" in str(caught.value)
    with pytest.raises(InputError, match="not a session id"):
        find_session_file(workspace, "../coffeechat")


def test_summary_of_a_full_session_matches_the_file(workspace: Workspace) -> None:
    path = write(workspace, jane())
    summary = load_index(workspace).sessions[0]
    assert summary == summarize(read_session(path))
    assert (summary.questions, summary.answered, summary.starred) == (2, 2, 1)


def _cache_entry(workspace: Workspace, name: str, record: object) -> None:
    """Put `record` in the cache as the entry of the file `name` (its stamp kept)."""
    path = workspace.cache / CACHE_NAME
    data = json.loads(path.read_text())
    data["files"][name][1] = record
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "cache",
    [
        "[" * 100_000,
        f'{{"version": "{cache_version()}", "files": {{"x": '
        + "[" * 100_000
        + "]" * 100_000
        + "}}",
        f'{{"version": "{cache_version()}", "files": ' + "{" * 50_000,
        "\x00\xff",
        "",
    ],
    ids=["nested-list", "nested-entry", "nested-object", "binary", "empty"],
)
def test_a_cache_that_cannot_be_read_is_rebuilt(workspace: Workspace, cache: str) -> None:
    fill_workspace(workspace)
    expected = load_index(workspace, use_cache=False)
    (workspace.cache).mkdir(exist_ok=True)
    (workspace.cache / CACHE_NAME).write_text(cache, encoding="latin-1")
    index = load_index(workspace)
    assert index.sessions == expected.sessions
    assert index.damaged == expected.damaged
    assert load_index(workspace).parsed == 0, "the cache was not made again"


@pytest.mark.parametrize(
    "record",
    [
        {"problems": [{}]},
        {"problems": [{"line": "x", "col": 1, "message": "m", "hint": "", "key": ""}]},
        {"problems": "xy"},
        {"problems": []},
        {"problems": [None]},
        {},
    ],
    ids=repr,
)
def test_a_garbled_damaged_entry_is_read_again(workspace: Workspace, record: object) -> None:
    fill_workspace(workspace)
    expected = load_index(workspace)
    _cache_entry(workspace, DAMAGED_NAME, record)
    index = load_index(workspace)
    assert index.parsed == 1
    assert index.damaged == expected.damaged
    assert index.sessions == expected.sessions


def test_reading_the_summaries_keeps_what_the_app_froze_at_its_start(
    workspace: Workspace,
) -> None:
    # Home's first read unfroze everything the start had frozen (`coffeechat.startup`),
    # so the collector walked Textual's objects again.
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        load_index(workspace)
        assert gc.get_freeze_count() >= frozen > 0
    finally:
        gc.unfreeze()
