"""Theme files: the built-in ones, the workspace's own, and every way one can be wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coffeechat.core.themes import (
    BUILTIN_FOLDER,
    CLOCK_VARIABLES,
    DEFAULT_THEME,
    load_themes,
    theme_files,
    unknown_theme,
)
from coffeechat.ui.colours import TextualValues

FIXTURES = Path(__file__).parent / "themes"
BAD = sorted((FIXTURES / "bad").glob("*.toml"))
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S*) \| (.+)$", re.MULTILINE)
RULES = TextualValues()
GOOD = 'name = "mine"\nprimary = "#336699"\n'


def test_builtin_themes_are_valid_and_varied() -> None:
    catalogue = load_themes(Path("/nonexistent"), RULES)
    assert catalogue.problems == ()
    themes = catalogue.themes
    assert len(themes) >= 4
    assert DEFAULT_THEME in themes
    assert any(not t.dark for t in themes.values()), "a light theme"
    assert any(t.ansi for t in themes.values()), "a theme in the terminal's 16 colours"
    for theme in themes.values():
        assert theme.origin == "built-in"
        assert theme.description
        assert set(CLOCK_VARIABLES) <= set(theme.variables), theme.name


def test_the_16_colour_theme_uses_only_ansi_colours() -> None:
    themes = load_themes(Path("/nonexistent"), RULES).themes
    (ansi,) = [t for t in themes.values() if t.ansi]
    values = [*ansi.colours.values(), *ansi.variables.values()]
    assert all(v.startswith("ansi_") or v == "transparent" for v in values), values
    assert ansi.variables["text"].startswith("ansi_bright"), "never the terminal's default"


def expectations(path: Path) -> list[tuple[int, int, str, str]]:
    found = [(int(a), int(b), key, msg) for a, b, key, msg in EXPECT.findall(path.read_text())]
    assert found, f"{path.name} has no '# expect:' line"
    return found


@pytest.mark.parametrize("path", BAD, ids=[p.name for p in BAD])
def test_bad_theme_is_located(tmp_path: Path, path: Path) -> None:
    (tmp_path / path.name).write_bytes(path.read_bytes())
    catalogue = load_themes(tmp_path, RULES, builtin_folder=tmp_path / "none")
    assert catalogue.themes == {}
    for line, col, key, message in expectations(path):
        matching = [p for p in catalogue.problems if message in p.message or message in p.hint]
        assert matching, f"no problem says {message!r}: {catalogue.problems}"
        problem = matching[0]
        assert (problem.line, problem.col, problem.key) == (line, col, key), problem.render()
        assert problem.path == str(tmp_path / path.name)


def test_every_problem_in_a_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "many.toml").write_text(
        'name = "many"\nprimary = "nope"\nsecondary = "#zzz"\n[variables]\nclock-calm = 3\n'
    )
    catalogue = load_themes(tmp_path, RULES, builtin_folder=tmp_path / "none")
    assert [(p.line, p.key) for p in catalogue.problems] == [
        (2, "primary"),
        (3, "secondary"),
        (5, "variables.clock-calm"),
    ]
    assert catalogue.broken == {"many": str(tmp_path / "many.toml")}


def test_an_unreadable_file_is_known_by_its_file_name(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text('name = "mine"\nprimary = #336699\n')
    catalogue = load_themes(tmp_path, RULES)
    assert catalogue.known("mine"), "choosing it falls back to the default, not an error"
    assert catalogue.broken == {"mine": str(tmp_path / "mine.toml")}
    assert catalogue.problems[0].message == "invalid value"


def test_workspace_themes_join_and_replace_built_ins(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(GOOD)
    (tmp_path / "coffee.toml").write_text('name = "coffee"\nprimary = "#aa0000"\n')
    catalogue = load_themes(tmp_path, RULES)
    assert catalogue.themes["mine"].origin == "workspace"
    assert catalogue.themes["mine"].source == str(tmp_path / "mine.toml")
    assert catalogue.themes["coffee"].colours == {"primary": "#aa0000"}
    assert catalogue.replaced == {"coffee"}
    assert catalogue.themes["latte"].source == "built-in"


def test_a_broken_workspace_theme_leaves_the_built_in(tmp_path: Path) -> None:
    (tmp_path / "coffee.toml").write_text('name = "coffee"\nprimary = "brown-ish"\n')
    catalogue = load_themes(tmp_path, RULES)
    assert catalogue.themes["coffee"].origin == "built-in"
    assert len(catalogue.problems) == 1
    assert "coffee" not in catalogue.broken


def test_two_files_with_one_name(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(GOOD)
    (tmp_path / "b.toml").write_text(GOOD)
    catalogue = load_themes(tmp_path, RULES, builtin_folder=tmp_path / "none")
    assert list(catalogue.themes) == ["mine"]
    (problem,) = catalogue.problems
    assert problem.path.endswith("b.toml")
    assert "already has the name 'mine'" in problem.message


def test_theme_values_are_trimmed_and_kept(tmp_path: Path) -> None:
    (tmp_path / "t.toml").write_text(
        'name = "t"\nprimary = " #336699 "\ndark = false\ntext_alpha = 0.9\n'
        '[variables]\nclock-calm = "green 80%"\nfooter-key-foreground = "ansi_yellow"\n'
        'block-cursor-text-style = "bold underline"\ntext = "auto 90%"\n'
    )
    theme = load_themes(tmp_path, RULES, builtin_folder=tmp_path / "none").themes["t"]
    assert theme.colours == {"primary": "#336699"}
    assert theme.dark is False
    assert theme.text_alpha == 0.9
    assert theme.variables["clock-calm"] == "green 80%"
    assert len(theme.variables) == 4


def test_files_are_toml_and_not_hidden(tmp_path: Path) -> None:
    for name in ("a.toml", ".b.toml", "c.txt"):
        (tmp_path / name).write_text(GOOD)
    assert [p.name for p in theme_files(tmp_path)] == ["a.toml"]
    assert theme_files(tmp_path / "missing") == []
    assert BUILTIN_FOLDER.is_dir()


def test_unknown_theme_suggests() -> None:
    catalogue = load_themes(Path("/nonexistent"), RULES)
    assert unknown_theme("lattee", catalogue) == (
        "no theme called 'lattee'",
        "did you mean 'latte'? (coffeechat themes lists them)",
    )
    assert "the themes are: coffee, " in unknown_theme("zzz", catalogue)[1]
