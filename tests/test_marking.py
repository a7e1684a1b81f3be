"""`done` and `snooze` edit one follow-up and keep every other byte of the file."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from coffeechat.core.files.locks import lock_path
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.sessions.format import read_session, to_toml
from coffeechat.core.sessions.marking import mark_done, snooze, undo
from tests.past_sessions import at, jane, write

SESSION = "2026-11-20-1501-jane-doe"
MONDAY = at(30, 9)


def saved(workspace: Workspace, text: str | None = None, crlf: bool = False) -> Path:
    path = write(workspace, jane())
    body = text if text is not None else path.read_text()
    path.write_bytes(body.replace("\n", "\r\n").encode() if crlf else body.encode())
    return path


def followup_start(text: str, number: int) -> int:
    """Where the `number`-th [[followups]] table starts (counting from 0)."""
    position = -1
    for _ in range(number + 1):
        position = text.index("[[followups]]", position + 1)
    return position


def test_done_changes_one_line(workspace: Workspace) -> None:
    path = saved(workspace)
    before = path.read_bytes()
    change = mark_done(workspace, f"{SESSION}/follow-up")
    assert change.changed and change.after.status == "done"
    text = before.decode()
    start = followup_start(text, 1)
    expected = text[:start] + text[start:].replace('status = "open"', 'status = "done"', 1)
    assert path.read_bytes() == expected.encode()


def test_snooze_adds_one_line_to_its_table(workspace: Workspace) -> None:
    path = saved(workspace)
    text = path.read_text()
    snooze(workspace, f"{SESSION}/thank-you", MONDAY)
    start = followup_start(text, 0)
    end = followup_start(text, 1)
    table = text[start:end].rstrip("\n")
    edited = table + "\nsnoozed_until = 2026-11-30T09:00:00-05:00"
    assert path.read_text() == text[:start] + edited + text[start + len(table) :]


def test_snooze_again_replaces_the_date(workspace: Workspace) -> None:
    path = saved(workspace)
    snooze(workspace, f"{SESSION}/thank-you", at(28, 9))
    once = path.read_text()
    snooze(workspace, f"{SESSION}/thank-you", MONDAY)
    assert path.read_text() == once.replace("2026-11-28T09:00", "2026-11-30T09:00")


@pytest.mark.parametrize("crlf", [False, True])
def test_notes_comments_and_line_endings_survive(workspace: Workspace, crlf: bool) -> None:
    text = to_toml(jane())
    text = "# my own comment, kept\n" + text.replace(
        '[[followups]]\nid = "thank-you"',
        '# the one that matters\n[[followups]]\nid = "thank-you"   # trailing comment',
    )
    text = text.replace(
        'general = "Warm, generous. Prefers email."',
        "general = '''\nraw \\ text\n  indented\n'''",
    )
    text += '\n[[followups]]\nid = "last"\nkind = "action"\ntitle = "x"\n'
    text += 'due = 2026-12-01T09:00:00-05:00\ndetail = """\nline one\nline "two"\n"""\n'
    path = saved(workspace, text, crlf)
    original = path.read_bytes()
    newline = "\r\n" if crlf else "\n"

    mark_done(workspace, f"{SESSION}/thank-you")
    after_done = path.read_bytes()
    target = f'id = "thank-you"   # trailing comment{newline}'
    start = original.decode().index(target)
    expected = original.decode()[:start] + original.decode()[start:].replace(
        'status = "open"', 'status = "done"', 1
    )
    assert after_done == expected.encode()

    snooze(workspace, f"{SESSION}/last", MONDAY)
    after_snooze = path.read_bytes().decode()
    assert (
        after_snooze == after_done.decode() + f"snoozed_until = 2026-11-30T09:00:00-05:00{newline}"
    )
    if crlf:
        assert "\n" not in after_snooze.replace("\r\n", "")
    assert read_session(path).followups[-1].detail == 'line one\nline "two"\n'


def test_a_byte_order_mark_is_kept(workspace: Workspace) -> None:
    path = saved(workspace)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    before = path.read_bytes()
    mark_done(workspace, f"{SESSION}/thank-you")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert len(path.read_bytes()) == len(before)


def test_undo_gives_back_the_same_bytes(workspace: Workspace) -> None:
    path = saved(workspace)
    original = path.read_bytes()
    undo(workspace, mark_done(workspace, f"{SESSION}/thank-you"))
    assert path.read_bytes() == original
    undo(workspace, snooze(workspace, f"{SESSION}/thank-you", MONDAY))
    assert path.read_bytes() == original


def test_done_twice_leaves_the_file_alone(workspace: Workspace) -> None:
    path = saved(workspace)
    mark_done(workspace, f"{SESSION}/thank-you")
    stamp = path.stat().st_mtime_ns
    assert not mark_done(workspace, f"{SESSION}/thank-you").changed
    assert path.stat().st_mtime_ns == stamp


def test_a_done_item_cannot_be_snoozed(workspace: Workspace) -> None:
    saved(workspace)
    mark_done(workspace, f"{SESSION}/thank-you")
    with pytest.raises(InputError, match="already done"):
        snooze(workspace, f"{SESSION}/thank-you", MONDAY)


def test_the_result_stays_private(workspace: Workspace) -> None:
    path = saved(workspace)
    os.chmod(path, 0o600)
    mark_done(workspace, f"{SESSION}/thank-you")
    assert path.stat().st_mode & 0o777 == 0o600


def test_a_session_in_a_running_call_is_refused(workspace: Workspace) -> None:
    path = saved(workspace)
    before = path.read_bytes()
    lock = lock_path(workspace.sessions, SESSION)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    os.write(fd, f"{os.getpid()} call\n".encode())  # as a running call says
    # Another open file description, as another process would hold it.
    holder = os.open(lock, os.O_RDWR)
    fcntl.flock(holder, fcntl.LOCK_EX)
    try:
        with pytest.raises(InputError) as caught:
            mark_done(workspace, f"{SESSION}/thank-you")
        assert f"open in a running call (pid {os.getpid()})" in str(caught.value)
        assert path.read_bytes() == before
    finally:
        os.close(holder)
        os.close(fd)
    mark_done(workspace, f"{SESSION}/thank-you")


@pytest.mark.parametrize(
    ("address", "message"),
    [
        (f"{SESSION}/thank-yu", "did you mean 'thank-you'?"),
        ("2026-11-20-1501-jane-do/thank-you", f"did you mean '{SESSION}'?"),
        ("nothing", "is not a follow-up id"),
        ("../../etc/passwd", "is not a follow-up id"),
        ("../thank-you", "is not a session id"),
    ],
)
def test_unknown_items_are_refused_with_a_hint(
    workspace: Workspace, address: str, message: str
) -> None:
    saved(workspace)
    with pytest.raises(InputError) as caught:
        mark_done(workspace, address)
    assert message in str(caught.value)


def test_a_damaged_session_is_not_edited(workspace: Workspace) -> None:
    path = saved(workspace)
    path.write_text(path.read_text().replace('status = "completed"', 'status = "finished"'))
    before = path.read_bytes()
    with pytest.raises(InputError, match="'finished' is not a status"):
        mark_done(workspace, f"{SESSION}/thank-you")
    assert path.read_bytes() == before


def test_duplicate_ids_are_refused(workspace: Workspace) -> None:
    path = saved(workspace)
    path.write_text(path.read_text().replace('id = "follow-up"', 'id = "thank-you"'))
    with pytest.raises(InputError, match=r":94:6: the follow-up id 'thank-you' is already used at"):
        mark_done(workspace, f"{SESSION}/thank-you")


def test_undo_of_done_on_a_table_without_a_status_line(workspace: Workspace) -> None:
    """`status = "open"` is the default: a hand-written table may leave it out, and
    undoing `done` must take away the line `done` added, not write `status = "open"`."""
    path = saved(workspace)
    text = path.read_text()
    start = followup_start(text, 0)
    table = text[start : followup_start(text, 1)]
    path.write_text(
        text[:start] + table.replace('status = "open"\n', "") + text[start + len(table) :]
    )
    original = path.read_bytes()
    assert table.count('status = "open"') == 1
    change = mark_done(workspace, f"{SESSION}/thank-you")
    assert change.changed
    undone = undo(workspace, change)
    assert path.read_bytes() == original
    assert (undone.before.status, undone.after.status) == ("done", "open")


def test_undo_after_another_edit_still_puts_the_item_back(workspace: Workspace) -> None:
    path = saved(workspace)
    change = mark_done(workspace, f"{SESSION}/thank-you")
    mark_done(workspace, f"{SESSION}/follow-up")
    undo(workspace, change)
    statuses = [item.status for item in read_session(path).followups]
    assert statuses == ["open", "done", "open"]


def test_done_on_a_linked_session_writes_the_real_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    real = tmp_path / "synced" / f"{SESSION}.toml"
    real.parent.mkdir()
    real.write_text(to_toml(jane()))
    link = workspace.sessions / f"{SESSION}.toml"
    link.symlink_to(real)
    mark_done(workspace, f"{SESSION}/thank-you")
    assert link.is_symlink() and link.resolve() == real
    assert read_session(real).followups[0].status == "done"
    undo(workspace, snooze(workspace, f"{SESSION}/follow-up", MONDAY))
    assert link.is_symlink()
    assert sorted(p.name for p in real.parent.iterdir()) == [real.name]  # no temp left
    assert sorted(p.name for p in workspace.sessions.iterdir()) == [link.name]


def test_done_on_a_full_disk_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from coffeechat.cli import main
    from coffeechat.core.files.workspace import prepare
    from tests.disks import fill, tiny_tmpfs

    with tiny_tmpfs(tmp_path) as point:
        workspace = prepare(Workspace(point / "ws"))
        path = write(workspace, jane())
        before = path.read_bytes()
        fill(point)
        assert main(["--workspace", str(workspace.root), "done", f"{SESSION}/thank-you"]) == 1
        assert path.read_bytes() == before
    err = capsys.readouterr().err
    assert f"sessions/{SESSION}.toml: cannot save the change: the disk is full;" in err, err
    assert "hint: free some space on this disk" in err
