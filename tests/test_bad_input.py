"""Bad input through the real command line: each file or name gets a located error
and a hint on stderr, exit code 1, and never a traceback.

Files are checked many to one `coffeechat check` run (the command reports every file),
so a crash on any of them would show; names are tried one command each.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.call.start import open_new, plan_call
from coffeechat.core.files.names import check_session_id
from coffeechat.core.files.workspace import Workspace, find_workspace
from coffeechat.core.problems import InputError, quoted
from coffeechat.core.queue.dates import parse_date
from coffeechat.core.settings import Settings
from coffeechat.core.timesource import ManualTime

HERE = Path(__file__).parent
SCRIPT = Path(sys.executable).with_name("coffeechat")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "coffeechat"]
GOOD = (
    '[meeting]\nwith = "Jane Doe"\n\n[[questions]]\ntext = "What does a typical week look like?"\n'
)


def coffeechat(
    workspace: Workspace, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `coffeechat` script as a person would."""
    return subprocess.run(
        [*COMMAND, "--workspace", str(workspace.root), *args],
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        cwd=cwd or workspace.root,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
    )


def problems_for(stderr: str, shown: str) -> list[tuple[str, str]]:
    """Each problem printed for the file named `shown`, with the hint line under it."""
    lines = stderr.split("\n")
    found = [
        (line, lines[index + 1] if index + 1 < len(lines) else "")
        for index, line in enumerate(lines)
        if line.startswith(f"{shown}:")
    ]
    assert found, f"nothing printed for {shown!r}:\n{stderr}"
    return found


def first_problem(stderr: str, shown: str) -> tuple[str, str]:
    """The first problem printed for the file named `shown`, and its hint line."""
    return problems_for(stderr, shown)[0]


def assert_clean_failure(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr, result.stderr
    assert "Error:" not in result.stderr, result.stderr


@dataclass(frozen=True)
class Case:
    """A bad file, and the start of the message coffeechat must give for it."""

    name: str
    content: bytes
    place: str
    """`line:col` of the first problem, or "" for a problem about the whole file."""
    message: str


def agenda(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def with_followup(phrase: str) -> bytes:
    return GOOD.encode() + f"\n[closing]\nfollowup_after = {phrase}\n".encode()


GENERATED = [
    Case("latin1", '[meeting]\nwith = "José"\n'.encode("latin-1"), "2:12", "not valid UTF-8"),
    Case("utf16", GOOD.encode("utf-16"), "1:1", "not valid UTF-8 (byte 0xff)"),
    Case(
        "bom-inside",
        GOOD.replace("\n\n", "\n\ufeff\n").encode(),
        "3:1",
        "an invisible character, U+FEFF (zero width no-break space), is here",
    ),
    Case(
        "no-break-space",
        GOOD.replace("with =", "with\u00a0=").encode(),
        "2:5",
        "an invisible character, U+00A0 (no-break space), is here",
    ),
    Case("binary", bytes(range(256)) * 4, "2:118", "not valid UTF-8 (byte 0x80)"),
    Case("nul", b'[meeting]\nwith = "Ja\0ne"\n', "2:11", "illegal character"),
    Case("empty", b"", "1:1", "the file is empty"),
    Case("blank", b"\n  \n\t\r\n", "1:1", "the file is empty"),
    Case("comments", b"# nothing yet\n# still nothing\n", "1:1", "missing the [meeting] section"),
    Case("huge", b"# " + b"x" * 1_100_000 + b"\n", "1:1", "the file is larger than 1 MB"),
    Case("deep-arrays", agenda("[meeting]", "with = " + "[" * 20_000), "2:108", "nested too deep"),
    Case(
        "deep-tables", agenda("x = " + "{a=" * 5_000 + "1" + "}" * 5_000), "1:", "nested too deep"
    ),
    Case(
        "deep-but-parsed",
        agenda("[meeting]", "with = " + "[" * 150 + "]" * 150, "[[questions]]", 'text = "Q"'),
        "2:8",
        "expected a string, got an array (meeting.with)",
    ),
    Case(
        "long-number",
        agenda("[meeting]", 'with = "A"', "[[questions]]", 'text = "Q"', "minutes = " + "9" * 5000),
        "5:11",
        "a number here is too long",
    ),
    Case(
        "big-number",
        agenda("[meeting]", 'with = "A"', "[[questions]]", 'text = "Q"', "minutes = " + "9" * 400),
        "5:11",
        "this number is too large (questions[1].minutes)",
    ),
    Case(
        "unknown-keys",
        agenda("[meeting]", 'wiht = "Jane"', "[[questions]]", 'text = "Q"', 'prioity = "must"'),
        "2:1",
        "unknown key 'wiht' in [meeting] (meeting.wiht)",
    ),
    Case(
        "wrong-types",
        agenda(
            "[meeting]",
            'with = "Jane"',
            'scheduled = "tomorrow at 3"',
            "warn_at = true",
            "[[questions]]",
            'text = "Q"',
            "priority = 1",
            'minutes = "three"',
        ),
        "3:13",
        "expected a date-time, got a string (meeting.scheduled)",
    ),
    Case(
        "duplicate-key",
        agenda("[meeting]", 'with = "Jane"', 'with = "Sam"'),
        "3:13",
        "cannot overwrite a value",
    ),
    Case(
        "duplicate-table",
        agenda("[meeting]", 'with = "Jane"', "[meeting]", 'role = "x"'),
        "3:9",
        "the table [meeting] is declared twice",
    ),
    Case(
        "duration-absurd",
        agenda("[meeting]", 'with = "A"', 'duration = "99999h"', "[[questions]]", 'text = "Q"'),
        "3:12",
        "'99999h' is longer than a day (meeting.duration)",
    ),
    Case(
        "duration-overflow",
        agenda(
            "[meeting]", 'with = "A"', f'duration = "{"9" * 400}m"', "[[questions]]", 'text = "Q"'
        ),
        "3:12",
        "is longer than a day (meeting.duration)",
    ),
    Case("format-array", agenda("format = [[1]]", GOOD), "1:10", "expected an integer, got an"),
    *[
        Case(
            f"followup-{index}",
            with_followup(phrase),
            "8:18",
            "is not a date coffeechat understands (closing.followup_after)",
        )
        for index, phrase in enumerate(
            [
                '"I have 3 kids"',
                '"whenever works"',
                '"32 dec"',
                '"2026-02-30"',
                '"in 1000 days"',
                '"next blursday"',
                '""',
                '"in -3 days"',
                '"🙂"',
                '"tomorrow\\u0000"',
                '"' + "3 weeks " * 500 + '"',
            ]
        )
    ],
    Case("followup-not-text", with_followup("2026-12-03"), "8:18", "expected a string, got a"),
]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    for case in GENERATED:
        (folder / f"{case.name}.toml").write_bytes(case.content)
    (folder / "a-folder.toml").mkdir()
    (folder / "bom.toml").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    (folder / "big.toml").write_text(
        '[meeting]\nwith = "Big"\n'
        + "".join(f'[[questions]]\ntext = "Question {n % 1500}?"\n' for n in range(3000))
    )
    (folder / "repeated.toml").write_text(
        GOOD + '[[questions]]\ntext = "What does a TYPICAL week look like"\n'
    )
    return folder


def test_generated_bad_files(workspace: Workspace, generated: Path) -> None:
    names = [f"{case.name}.toml" for case in GENERATED]
    result = coffeechat(workspace, "check", *names, "a-folder.toml", "missing.toml", cwd=generated)
    assert_clean_failure(result)
    for case in GENERATED:
        shown = f"{case.name}.toml"
        found = problems_for(result.stderr, shown)
        for line, hint in found:
            assert re.match(rf"^{re.escape(shown)}:\d+:\d+: \S", line), line
            assert hint.startswith("  hint: "), (line, hint)
        expected = [line for line, _ in found if case.message in line]
        assert expected, f"no problem says {case.message!r}: {found}"
        assert expected[0].startswith(f"{shown}:{case.place}"), expected[0]
    line, _ = first_problem(result.stderr, "a-folder.toml")
    assert line == "a-folder.toml:1:1: this is a folder, not an agenda file"
    line, _ = first_problem(result.stderr, "missing.toml")
    assert line == "missing.toml:1:1: no such file"
    assert result.stdout == ""


def test_odd_but_acceptable_files(workspace: Workspace, generated: Path) -> None:
    result = coffeechat(workspace, "check", "bom.toml", "repeated.toml", "big.toml", cwd=generated)
    assert result.returncode == 0, result.stderr
    assert "big.toml: ok: Big, 20m, 3000 questions (0 must), 1503 warnings" in result.stdout
    assert "big.toml:3004:8: warning: this question repeats question 1 (line 4)" in result.stderr
    assert "bom.toml: ok: Jane Doe, 20m, 1 question (0 must), 2 warnings" in result.stdout
    assert "repeated.toml: ok: Jane Doe, 20m, 2 questions (0 must), 3 warnings" in result.stdout
    assert (
        "repeated.toml:7:8: warning: this question repeats question 1 (line 5) (questions[2].text)"
        in result.stderr
    )


@pytest.mark.parametrize("folder", ["toml_invalid", "agendas/bad"])
def test_folders_of_bad_files(workspace: Workspace, folder: str) -> None:
    files = sorted(p.name for p in (HERE / folder).glob("*.toml"))
    result = coffeechat(workspace, "check", *files, cwd=HERE / folder)
    assert_clean_failure(result)
    for name in files:
        line, hint = first_problem(result.stderr, name)
        assert re.match(rf"^{re.escape(name)}:\d+:\d+: \S", line), line
        assert hint.startswith("  hint: "), (line, hint)


def test_bad_settings_are_reported_before_anything(workspace: Workspace) -> None:
    workspace.settings.write_text('duration = "a while"\nbell = "yes"\n[keys]\n"call.next" = ""\n')
    result = coffeechat(workspace, "check", "jane-doe")
    assert_clean_failure(result)
    lines = [line for line in result.stderr.split("\n") if not line.startswith("  ")]
    assert lines[:3] == [
        "coffeechat.toml:1:12: 'a while' is not a length of time (duration)",
        "coffeechat.toml:2:8: expected a boolean, got a string (bell)",
        "coffeechat.toml:4:15: a key must not be empty (keys.call.next)",
    ]


ESCAPING = [
    "../jane-doe",
    "/jane-doe",
    "agendas/../../jane-doe",
    "..",
    ".",
    "jane-doe/..",
    "a\nb",
    "~nosuchuser/jane-doe",
    "~0",
]


@pytest.mark.parametrize("name", [*ESCAPING, "", "\x1b[2J"], ids=repr)
def test_edit_refuses_names_that_leave_the_agendas_folder(
    workspace: Workspace, tmp_path: Path, name: str
) -> None:
    marker = tmp_path / "editor-ran"
    editor = f"{sys.executable} -c 'import pathlib; pathlib.Path({str(marker)!r}).touch()'"
    result = coffeechat(workspace, "edit", name, cwd=workspace.agendas, env={"VISUAL": editor})
    assert_clean_failure(result)
    assert result.stderr.startswith(f"AGENDA: no agenda called {name!r}"), result.stderr
    assert "\n  hint: " in result.stderr
    assert not marker.exists(), "the editor was started"


@pytest.mark.parametrize("name", ESCAPING, ids=repr)
def test_check_refuses_names_that_leave_the_agendas_folder(workspace: Workspace, name: str) -> None:
    result = coffeechat(workspace, "check", name, cwd=workspace.sessions)
    assert_clean_failure(result)
    escaped = name.replace("\n", "\\n")
    assert result.stderr.startswith(
        (f"{escaped}:1:1: no such file\n  hint: ", f"{escaped}:1:1: this is a folder")
    ), result.stderr


@pytest.mark.parametrize("name", [*ESCAPING, "", " ", "\x1b[2J", "jane-doe\n"], ids=repr)
def test_run_refuses_names_that_leave_the_agendas_folder(workspace: Workspace, name: str) -> None:
    result = coffeechat(workspace, "run", name, cwd=workspace.agendas)
    assert_clean_failure(result)
    assert result.stderr.startswith(f"AGENDA: no agenda called {quoted(name)}\n  hint: ")
    assert list(workspace.sessions.iterdir()) == [], "a call was started"


def test_run_takes_a_real_agenda_file_anywhere(workspace: Workspace, tmp_path: Path) -> None:
    """A path to a real file is fine wherever it is: the person named that file."""
    outside = tmp_path / "elsewhere" / "ada.toml"
    outside.parent.mkdir()
    outside.write_text(GOOD)
    for given in (str(outside), os.path.relpath(outside)):
        found = workspace.agenda_path(given)
        assert found.resolve() == outside
    plan = plan_call(workspace, outside, Settings())
    assert plan.ref == str(outside)
    assert plan.agenda.meeting.person == "Jane Doe"


@pytest.mark.parametrize(
    ("person", "stem"),
    [
        ("../../etc/passwd", "2026-11-24-1500-etc-passwd"),
        ("/root/.ssh", "2026-11-24-1500-root-ssh"),
        ("Ada\\nLovelace\\u0000", "2026-11-24-1500-ada-lovelace"),
        ("..", "2026-11-24-1500-call"),
        ("🙂", "2026-11-24-1500-call"),
    ],
    ids=repr,
)
def test_a_call_with_anyone_stays_in_the_sessions_folder(
    workspace: Workspace, clock: ManualTime, person: str, stem: str
) -> None:
    agenda = workspace.agendas / "odd.toml"
    agenda.write_text(GOOD.replace('"Jane Doe"', f'"{person}"'))
    plan = plan_call(workspace, agenda, Settings())
    opened = open_new(workspace, plan, clock.now())
    try:
        assert opened.path == workspace.sessions / f"{stem}.toml"
        assert check_session_id(opened.session.id) == stem
    finally:
        opened.release()


def test_a_nul_in_a_name_is_refused(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """A NUL cannot travel in argv, so this one is tried in the process."""
    for command in ("edit", "check", "run"):
        assert main(["--workspace", str(workspace.root), command, "jane\0doe"]) == 1
        err = capsys.readouterr().err
        assert err.startswith(("AGENDA: no agenda called 'jane\\x00doe'", "jane\\x00doe")), err


@pytest.mark.parametrize(
    "text",
    [
        "../x",
        "/etc/passwd",
        "a/b",
        "a\\b",
        "a\0b",
        "a\nb",
        "..",
        ".",
        "",
        " ",
        "-rf",
        ".hidden",
        "x" * 200,
        "2026-11-24-1500-jane-doe\n",
        "jöhn",
        "~root",
        "$HOME",
    ],
    ids=repr,
)
def test_session_ids_that_try_to_leave_the_folder(text: str) -> None:
    with pytest.raises(InputError) as caught:
        check_session_id(text, "SESSION")
    (problem,) = caught.value.problems
    assert problem.render().startswith(f"SESSION: {quoted(text)} is not a session id")
    assert "coffeechat sessions" in problem.hint


@pytest.mark.parametrize(
    "phrase",
    ["\0", "tomorrow\n3pm", "🙂", "in 1000 days", "in 999999999 years", "0000-00-00", "x" * 10_000],
    ids=lambda p: repr(p[:20]),
)
def test_garbage_follow_up_dates(phrase: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_date(phrase, date(2026, 11, 24), "WHEN")
    assert caught.value.problems[0].render().startswith("WHEN: ")


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("../../Jane/../Doe", "jane-doe"),
        ("/etc/passwd", "etc-passwd"),
        ("Ada\nLovelace", "ada-lovelace"),
    ],
    ids=repr,
)
def test_new_keeps_any_name_inside_the_agendas_folder(
    workspace: Workspace, name: str, file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace.agendas / "jane-doe.toml").unlink()
    assert main(["--workspace", str(workspace.root), "new", name]) == 0
    assert [p.name for p in workspace.agendas.iterdir()] == [f"{file}.toml"]
    assert f"Next: coffeechat --workspace {workspace.root} edit {file}" in capsys.readouterr().out


@pytest.mark.parametrize("name", ["", "   ", "../..", "\n", "\0", "🙂"], ids=repr)
def test_new_refuses_names_with_nothing_to_name_a_file_after(
    workspace: Workspace, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--workspace", str(workspace.root), "new", name]) == 1
    assert capsys.readouterr().err.startswith(f"NAME: {quoted(name)} has no letters or digits")
    assert [p.name for p in workspace.agendas.iterdir()] == ["jane-doe.toml"]


def test_an_unknown_home_folder_is_taken_literally(tmp_path: Path) -> None:
    """`~someone` with no account here is a folder name, as the shell would leave it."""
    found = find_workspace("~nosuchuser/ws", {"COFFEECHAT_HOME": "~0"}, tmp_path, tmp_path)
    assert found.root == Path("~nosuchuser/ws").absolute()
    assert find_workspace(None, {"COFFEECHAT_HOME": "~0"}, tmp_path, tmp_path).root == (
        Path("~0").absolute()
    )
