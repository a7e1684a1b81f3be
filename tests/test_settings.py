"""Workspace settings: defaults, values, and located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from coffeechat.cli import main
from coffeechat.core.files.workspace import Workspace
from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings, load_settings


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "coffeechat.toml") == Settings()


def test_values(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_text(
        '# mine\nduration = "25m"\nwarn_at = ["2m", "10m"]\nbell = true\ntheme = "paper"\n'
        '[keys]\n"call.next" = "ctrl+j"\n'
    )
    settings = load_settings(path)
    assert settings.duration == 1500
    assert settings.warn_at == (600, 120)
    assert settings.bell is True
    assert settings.theme == "paper"
    assert settings.keys == {"call.next": "ctrl+j"}


def test_errors_are_located(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_text('durations = "20m"\nbell = "yes"\n[keys]\n"call.next" = 3\n')
    with pytest.raises(InputError) as caught:
        load_settings(path)
    rendered = [p.render() for p in caught.value.problems]
    assert rendered[0].startswith(f"{path}:1:1: unknown key 'durations'")
    assert "did you mean 'duration'" in rendered[0]
    assert rendered[1].startswith(f"{path}:2:8: expected a boolean, got a string")
    assert rendered[2].startswith(f"{path}:4:15: expected a string, got an integer")


def test_default_duration_reaches_check(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.settings.write_text('duration = "25m"\n')
    (workspace.agendas / "short.toml").write_text(
        '[meeting]\nwith = "Ada"\n[[questions]]\ntext = "Why?"\n'
    )
    assert main(["--workspace", str(workspace.root), "check", "short"]) == 0
    assert "Ada, 25m, 1 question (0 must)" in capsys.readouterr().out


def test_a_key_holding_a_control_character_is_refused_even_a_line_end(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_text('[keys]\n"call.next" = "ctrl+j\\r\\n"\n"call.skip" = "\\u001b[A"\n')
    with pytest.raises(InputError) as caught:
        load_settings(path)
    problems = caught.value.problems
    assert [(p.line, p.key) for p in problems] == [(2, "keys.call.next"), (3, "keys.call.skip")]
    assert all("holds a control character" in p.message for p in problems)
