"""The settings and theme examples in the README are valid, so copying them works."""

from __future__ import annotations

import re
from pathlib import Path

from coffeechat.core.settings import check_choices, load_settings
from coffeechat.core.themes import load_themes
from coffeechat.ui.app import CoffeechatApp
from coffeechat.ui.colours import TextualValues
from coffeechat.ui.keymap import binding_ids

README = (Path(__file__).parent.parent / "README.md").read_text()


def example(heading: str) -> str:
    section = README[README.index(heading) :]
    match = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert match, heading
    return match.group(1)


def test_settings_example(tmp_path: Path) -> None:
    path = tmp_path / "coffeechat.toml"
    path.write_text(example("### Settings"))
    settings = load_settings(path)
    themes = load_themes(tmp_path / "themes", TextualValues())
    check_choices(path, "coffeechat.toml", settings, themes, binding_ids(CoffeechatApp))
    assert settings.theme == "latte"
    assert settings.keys["app.help"] == "f1,question_mark"


def test_theme_example(tmp_path: Path) -> None:
    (tmp_path / "night.toml").write_text(example("### Themes"))
    catalogue = load_themes(tmp_path, TextualValues())
    assert catalogue.problems == ()
    assert catalogue.themes["night"].variables["clock-calm"] == "#8FC27A"
