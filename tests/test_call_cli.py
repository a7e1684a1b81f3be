"""`coffeechat run`: its arguments are checked before any screen opens."""

from __future__ import annotations

import pytest

from coffeechat.cli import main
from coffeechat.cli.call import duration_arg
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError


def test_duration_argument() -> None:
    assert duration_arg(None) is None
    assert duration_arg("5s") == 5
    assert duration_arg("25 min") == 1500
    with pytest.raises(InputError) as caught:
        duration_arg("soon")
    assert str(caught.value).startswith("--duration: 'soon' is not a length of time")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["run", "jane-doe", "--duration", "0m"], "--duration: "),
        (["run", "nobody"], "AGENDA: no agenda called 'nobody'"),
    ],
)
def test_bad_input_exits_1_without_a_traceback(
    workspace: Workspace, capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    assert main(["--workspace", str(workspace.root), *args]) == 1
    err = capsys.readouterr().err
    assert err.startswith(expected)
    assert "Traceback" not in err
    assert not list(workspace.sessions.glob("*.toml"))


def test_a_broken_agenda_is_reported_before_the_call(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    (workspace.agendas / "broken.toml").write_text("[meeting]\nwith = 1\n")
    assert main(["--workspace", str(workspace.root), "run", "broken"]) == 1
    assert "broken.toml:2:8: expected a string" in capsys.readouterr().err


def test_the_readme_key_table_matches_the_bindings() -> None:
    import re
    from pathlib import Path

    from textual.binding import Binding

    from coffeechat.ui.screens.call import CallScreen

    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme.split("### During the call")[1].split("###")[0]
    rows = [line.split("|")[1] for line in section.splitlines() if line.startswith("| `")]
    documented = {key for row in rows for key in re.findall(r"`([^`]+)`", row)}
    bound = {b.key for b in CallScreen.BINDINGS if isinstance(b, Binding)} | {"ctrl+q"}
    assert documented == bound
