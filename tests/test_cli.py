"""The command line: new, edit and check, their output and exit codes."""

from __future__ import annotations

import stat
import sys
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.files.editor import editor_command
from coffeechat.core.files.workspace import Workspace

BAD = Path(__file__).parent / "agendas" / "bad"


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args])


def test_new_writes_a_private_valid_agenda(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(workspace, "new", "Ada Lovelace", "--organization", "Analytical") == 0
    path = workspace.agendas / "ada-lovelace.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert run(workspace, "check", "ada-lovelace") == 0
    assert "ada-lovelace.toml: ok: Ada Lovelace (Analytical)" in capsys.readouterr().out


def test_new_never_overwrites(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    path = workspace.agendas / "jane-doe.toml"
    before = path.read_bytes()
    assert run(workspace, "new", "Jane Doe") == 1
    assert path.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_check_reports_every_file(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    bad = str(BAD / "wrong-type.toml")
    assert run(workspace, "check", "jane-doe", bad) == 1
    out, err = capsys.readouterr()
    assert "jane-doe.toml: ok: Jane Doe (Acme Health), 20m, 13 questions (5 must)" in out
    assert f"{bad}:4:8: expected a string, got an integer (meeting.with)" in err
    assert "  hint: " in err
    assert "Traceback" not in err


def test_check_missing_file(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(workspace, "check", "nope.toml") == 1
    assert capsys.readouterr().err.startswith("nope.toml:1:1: no such file")


def test_bad_usage_exits_2(workspace: Workspace) -> None:
    with pytest.raises(SystemExit) as caught:
        run(workspace, "check")
    assert caught.value.code == 2


def fake_editor(tmp_path: Path, *edits: str) -> str:
    """An 'editor' that replaces the file with the next of `edits` each time it runs."""
    script = tmp_path / "editor.py"
    counter = tmp_path / "count"
    script.write_text(
        "import sys, pathlib\n"
        f"edits = {list(edits)!r}\n"
        f"c = pathlib.Path({str(counter)!r})\n"
        "n = int(c.read_text()) if c.exists() else 0\n"
        "c.write_text(str(n + 1))\n"
        "pathlib.Path(sys.argv[1]).write_text(edits[min(n, len(edits) - 1)])\n"
    )
    return f"{sys.executable} {script}"


GOOD = '[meeting]\nwith = "Jane Doe"\n[[questions]]\ntext = "Why?"\n'


def test_edit_rechecks_and_offers_to_reopen(
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, "[meeting]\nwith = 1\n", GOOD))
    answers = iter(["", "y"])
    monkeypatch.setattr("coffeechat.cli.agendas.ask", lambda _q: next(answers) == "")
    assert run(workspace, "edit", "jane-doe") == 0
    out, err = capsys.readouterr()
    assert "jane-doe.toml:2:8: expected a string, got an integer" in err
    assert "ok: Jane Doe" in out
    assert (tmp_path / "count").read_text() == "2"


def test_edit_gives_up_when_declined(
    workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, "oops = \n"))
    monkeypatch.setattr("coffeechat.cli.agendas.ask", lambda _q: False)
    assert run(workspace, "edit", "jane-doe") == 1


def test_editor_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert editor_command({"VISUAL": "code -w", "EDITOR": "vi"}) == ["code", "-w"]
    assert editor_command({"EDITOR": "nano"}) == ["nano"]
    monkeypatch.setattr("shutil.which", lambda name: name == "vi")
    assert editor_command({}) == ["vi"]


def test_version_is_the_packages(capsys: pytest.CaptureFixture[str]) -> None:
    import coffeechat

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out == f"coffeechat {coffeechat.__version__}\n"


def test_a_reader_that_left_is_no_error(workspace: Workspace) -> None:
    """`coffeechat sessions | head -0`: no traceback, nothing on stderr, and success."""
    import os
    import subprocess

    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before anything is written
    try:
        done = subprocess.run(
            [sys.executable, "-m", "coffeechat", "--workspace", str(workspace.root), "sessions"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")
