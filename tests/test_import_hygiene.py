"""`core` and the script commands must never import Textual: it costs start-up time."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import coffeechat.core

CORE_MODULES = sorted(
    module.name
    for module in pkgutil.walk_packages(coffeechat.core.__path__, prefix="coffeechat.core.")
)
"""Every module of `core`, in every sub-package."""


def imported_after(code: str) -> set[str]:
    """The module names loaded by a fresh interpreter after running `code`."""
    script = f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_core_imports_no_textual() -> None:
    assert len(CORE_MODULES) > 40
    loaded = imported_after("\n".join(f"import {m}" for m in CORE_MODULES))
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich", "coffeechat.ui")}
    assert "coffeechat.ui" not in loaded


def test_cli_module_imports_no_textual() -> None:
    loaded = imported_after("import coffeechat.cli")
    assert "textual" not in loaded
