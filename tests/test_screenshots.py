"""The README's pictures: the script that makes them runs, and every picture the
README shows is in the repository, made by it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
SCRIPT = ROOT / "scripts" / "screenshots.py"
README = (ROOT / "README.md").read_text(encoding="utf-8")
PICTURES = re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", README)


def test_every_picture_the_readme_shows_is_in_the_repository() -> None:
    assert len(PICTURES) >= 2
    for picture in PICTURES:
        path = ROOT / picture
        assert path.is_file(), picture
        assert path.read_text(encoding="utf-8").lstrip().startswith("<svg"), picture


@pytest.mark.slow  # it runs the app headless twice over, in a process of its own
def test_the_script_makes_every_picture_the_readme_shows(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(tmp_path)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stderr
    made = {path.name for path in tmp_path.iterdir()}
    assert {Path(picture).name for picture in PICTURES} <= made
    home = (tmp_path / "home.svg").read_text(encoding="utf-8")
    call = (tmp_path / "call.svg").read_text(encoding="utf-8")
    assert "Overdue" in home and "Rosa" in home
    assert "Rosa&#160;Mendes" in call and "Hardest" in call
