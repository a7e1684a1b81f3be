"""`make run` on a fresh clone says one line while it sets up .venv and keeps pip quiet,
unless pip fails: then pip's output is all shown.

The Makefile runs in a copy of the checkout's build files with `PYTHON` a stand-in
(`FAKE_PYTHON`) that makes a venv whose pip prints what pip prints, and whose app
only says it ran: no network, no real install.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
FAKE_PYTHON = """#!/bin/sh
# python3, as far as the Makefile asks it: the version check, venv and pip.
case "$1 $2" in
  "-c "*) exit 0 ;;
  "-m venv")
    mkdir -p "$3/bin"
    cp "$0" "$3/bin/python"
    printf '#!/bin/sh\\necho the app ran\\n' > "$3/bin/coffeechat"
    chmod +x "$3/bin/coffeechat"
    exit 0 ;;
  "-m pip")
    echo "Collecting textual==8.2.8"
    echo "[notice] A new release of pip is available" >&2
    if [ -n "$PIP_FAILS" ]; then echo "ERROR: No matching distribution found"; exit 1; fi
    exit 0 ;;
esac
exit 3
"""


def make_run(folder: Path, **env: str) -> subprocess.CompletedProcess[str]:
    fake = folder / "fake-python"
    return subprocess.run(
        ["make", "--no-print-directory", "run", f"PYTHON={fake}"],
        cwd=folder,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **env},
        timeout=60,
        check=False,
    )


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    if shutil.which("make") is None:
        pytest.fail("make is needed: the README's two commands are make run and make test")
    for name in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(ROOT / name, tmp_path / name)
    fake = tmp_path / "fake-python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    return tmp_path


def test_make_run_says_one_line_then_starts_the_app(clone: Path) -> None:
    first = make_run(clone)
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == "setting up .venv (first run only)…\nthe app ran\n"
    again = make_run(clone)
    assert (again.returncode, again.stdout, again.stderr) == (0, "the app ran\n", "")


def test_when_pip_fails_its_output_is_shown(clone: Path) -> None:
    failed = make_run(clone, PIP_FAILS="1")
    assert failed.returncode != 0
    assert "ERROR: No matching distribution found" in failed.stderr
    assert "Collecting textual" in failed.stderr  # all of it, to read what went wrong
    assert "the app ran" not in failed.stdout
    assert not (clone / ".venv" / ".installed").exists()  # the next run tries again
