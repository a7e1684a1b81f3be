"""`coffeechat themes` and `--theme` on the command line."""

from __future__ import annotations

import subprocess
import sys

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace


def run(workspace: Workspace, *args: str) -> int:
    return main(["--workspace", str(workspace.root), *args])


def test_themes_lists_built_ins_and_marks_the_one_in_use(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.settings.write_text('theme = "latte"\n')
    assert run(workspace, "themes") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "  coffee         dark   built-in  Dark roast with cream text (the default)",
        "  high-contrast  dark   built-in  Bright text on black in the terminal's 16 colours",
        "* latte          light  built-in  Dark brown text on warm white",
        "  matcha         dark   built-in  Dark green tea with pale text",
    ]


def test_themes_shows_workspace_themes_and_their_problems(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.themes.mkdir()
    (workspace.themes / "coffee.toml").write_text('name = "coffee"\nprimary = "#aa0000"\n')
    (workspace.themes / "night.toml").write_text('name = "night"\nprimary = "#102030"\n')
    (workspace.themes / "bad.toml").write_text('name = "bad"\nprimary = "blu"\n')
    workspace.settings.write_text('theme = "bad"\n')
    assert run(workspace, "themes") == 1
    out, err = capsys.readouterr()
    shown = workspace.display(workspace.themes / "coffee.toml")
    assert f"* coffee         dark   {shown} (replaces the built-in)" in out
    assert "  night " in out
    assert "bad" not in out
    bad = workspace.display(workspace.themes / "bad.toml")
    assert err == (
        f"{bad}:2:11: 'blu' is not a colour (primary)\n"
        "  hint: did you mean 'blue'?\n"
        "bad cannot be used; coffeechat starts with coffee\n"
    )


def test_unknown_theme_option(workspace: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(workspace, "--theme", "matcah") == 1
    assert capsys.readouterr().err == (
        "--theme: no theme called 'matcah'\n"
        f"  hint: did you mean 'matcha'? (coffeechat --workspace {workspace.root} themes"
        " lists them)\n"
    )


def test_unknown_theme_in_settings(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.settings.write_text('theme = "dark"\n')
    assert run(workspace) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        f"{workspace.display(workspace.settings)}:1:9: no theme called 'dark' (theme)\n"
    )


def test_themes_command_loads_no_app_machinery(workspace: Workspace) -> None:
    script = (
        "import sys\n"
        "from coffeechat.cli import main\n"
        f"main(['--workspace', {str(workspace.root)!r}, 'themes'])\n"
        "print(' '.join(sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(out.split("\n")[-2].split())
    assert "textual.color" in loaded, "colours are checked by Textual's own grammar"
    assert not {"textual.app", "textual.widget", "tomlkit"} & loaded
