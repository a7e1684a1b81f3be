"""`pip install .` (not editable) gives a working coffeechat with its built-in themes.

The wheel is built once from this checkout and installed with pip into a new virtual
environment. To stay fast and offline, the new environment finds coffeechat's
dependencies through a `.pth` line pointing at the test run's own site-packages;
coffeechat itself comes only from the wheel (the editable install's path hook is a
`.pth` file inside that folder, which a `.pth` line does not run).
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # it builds a wheel and a virtual environment

ROOT = Path(__file__).parent.parent
BUILT_IN = ("coffee", "high-contrast", "latte", "matcha")


def sh(*args: str | Path, cwd: Path | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("COFFEECHAT_HOME", "PYTHONPATH")}
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new virtual environment with coffeechat installed from a freshly built wheel."""
    base = tmp_path_factory.mktemp("wheel")
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", base / "dist", ROOT)
    (wheel,) = (base / "dist").glob("coffeechat-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {f"coffeechat/themes/{n}.toml" for n in BUILT_IN} <= set(names)
    venv = base / "venv"
    sh(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    site = Path(sh(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))").strip())
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    sh(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--no-deps",
        "--no-index",
        "--quiet",
        wheel,
    )
    return venv


def test_the_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    where = sh(
        installed / "bin" / "python",
        "-c",
        "import coffeechat; print(coffeechat.__file__)",
        cwd=tmp_path,
    )
    assert where.startswith(str(installed)), where
    themes = Path(where).parent / "themes"
    assert not themes.is_symlink()
    assert sorted(p.stem for p in themes.glob("*.toml")) == list(BUILT_IN)


def test_installed_command_lists_the_built_in_themes(installed: Path, tmp_path: Path) -> None:
    out = sh(
        installed / "bin" / "coffeechat", "--workspace", tmp_path / "ws", "themes", cwd=tmp_path
    )
    assert [line[2:].split()[0] for line in out.splitlines()] == list(BUILT_IN)
    assert out.startswith("* coffee ")


def test_installed_app_starts_in_a_built_in_theme(installed: Path, tmp_path: Path) -> None:
    script = (
        "import asyncio\n"
        "from pathlib import Path\n"
        "from coffeechat.core.files.workspace import Workspace, prepare\n"
        "from coffeechat.ui.app import make_app\n"
        "async def main():\n"
        "    app = make_app(prepare(Workspace(Path('ws'))), theme='high-contrast')\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        print(app.theme, type(app.screen).__name__, app.theme_variables['clock-calm'])\n"
        "asyncio.run(main())\n"
    )
    out = sh(installed / "bin" / "python", "-c", script, cwd=tmp_path)
    assert out.split() == ["high-contrast", "HomeScreen", "ansi_bright_green"]


def test_the_wheel_has_the_one_version(installed: Path, tmp_path: Path) -> None:
    """The package's metadata and `coffeechat --version` both say `__version__`."""
    import coffeechat

    out = sh(installed / "bin" / "coffeechat", "--version", cwd=tmp_path)
    assert out == f"coffeechat {coffeechat.__version__}\n"
    metadata = "import importlib.metadata as m; print(m.version('coffeechat'))"
    assert sh(installed / "bin" / "python", "-c", metadata, cwd=tmp_path).strip() == (
        coffeechat.__version__
    )
