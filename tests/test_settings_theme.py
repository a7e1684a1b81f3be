"""Writing the theme chosen in the app back to `coffeechat.toml`, byte for byte."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from coffeechat.core.problems import InputError
from coffeechat.core.settings import Settings, check_choices, save_theme
from coffeechat.core.themes import ThemeCatalogue, ThemeDefinition

USER_FILE = """\
# coffeechat settings for my job search (kept in git)
duration = "25m"      # my calls run long
warn_at = [
  "5m",   # wrap up the must-ask questions
  "2m",
]
bell = true

# remaps: my terminal eats ctrl+n
[keys]
"call.next" = "ctrl+j"   # j for "jump"
"""

CASES = {
    "replaces the value only": (
        'theme = "coffee"   # cosy\nbell = true\n',
        'theme = "latte"   # cosy\nbell = true\n',
    ),
    "adds a line after the last value": (
        USER_FILE,
        USER_FILE.replace("bell = true\n", 'bell = true\ntheme = "latte"\n'),
    ),
    "keeps CRLF": (
        'bell = true\r\n[keys]\r\n"a.b" = "x"\r\n',
        'bell = true\r\ntheme = "latte"\r\n[keys]\r\n"a.b" = "x"\r\n',
    ),
    "keeps a BOM": ("\ufeffbell = true\n", '\ufeffbell = true\ntheme = "latte"\n'),
    "ends a last line without newline": ("bell = true", 'bell = true\ntheme = "latte"\n'),
    "comments only": ("# nothing yet\n", '# nothing yet\ntheme = "latte"\n'),
    "empty": ("", 'theme = "latte"\n'),
    "literal string": ("theme = 'coffee'\n", 'theme = "latte"\n'),
}


@pytest.mark.parametrize("before, after", CASES.values(), ids=CASES.keys())
def test_save_theme_changes_nothing_else(tmp_path: Path, before: str, after: str) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_bytes(before.encode("utf-8"))
    save_theme(path, "latte")
    assert path.read_bytes() == after.encode("utf-8")
    assert tomllib.loads(after.removeprefix("\ufeff"))["theme"] == "latte"


def test_save_theme_creates_a_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    save_theme(path, "high-contrast")
    assert path.read_text() == 'theme = "high-contrast"\n'


def test_save_theme_leaves_a_broken_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_text('bell = true\ntheme = "coffee\n')
    with pytest.raises(InputError) as caught:
        save_theme(path, "latte", "coffeechat.toml")
    assert str(caught.value).startswith("coffeechat.toml:2:16: illegal character")
    assert path.read_text() == 'bell = true\ntheme = "coffee\n'


def catalogue(*names: str, broken: str = "") -> ThemeCatalogue:
    themes = {n: ThemeDefinition(n, f"themes/{n}.toml", "built-in") for n in names}
    return ThemeCatalogue(themes, broken={broken: "themes/x.toml"} if broken else {})


def test_check_choices_accepts_known_and_broken_themes(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    for name in ("coffee", "mine"):
        check_choices(path, "s", Settings(theme=name), catalogue("coffee", broken="mine"), set())


def test_check_choices_locates_each_problem(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_text('theme = "cofee"\n[keys]\n"home.reload" = "f5"\n"nope" = "f6"\n')
    settings = Settings(theme="cofee", keys={"home.reload": "f5", "nope": "f6"})
    with pytest.raises(InputError) as caught:
        check_choices(path, "s.toml", settings, catalogue("coffee"), {"home.reload"})
    assert [p.render().split("\n")[0] for p in caught.value.problems] == [
        "s.toml:1:9: no theme called 'cofee' (theme)",
        "s.toml:4:1: no key binding has the id 'nope' (keys.nope)",
    ]


def test_a_linked_settings_file_is_written_through(tmp_path: Path) -> None:
    """Settings kept in a dotfiles folder and linked into the workspace stay linked."""
    real = tmp_path / "dotfiles" / "coffeechat.toml"
    real.parent.mkdir()
    real.write_text(USER_FILE)
    link = tmp_path / "ws" / "coffeechat.toml"
    link.parent.mkdir()
    link.symlink_to(real)
    save_theme(link, "latte")
    assert link.is_symlink()
    assert real.read_text() == USER_FILE.replace("bell = true\n", 'bell = true\ntheme = "latte"\n')
    assert sorted(p.name for p in real.parent.iterdir()) == ["coffeechat.toml"]
