"""`make bench` must not rot: a quick run with tiny sizes makes every measurement.

No timing is judged here (these machines are shared and noisy): the run may miss a
target, but it must measure every figure and print the table.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def figure_names() -> list[str]:
    """The names of every figure the bench measures."""
    from bench.__main__ import MODULES
    from bench.harness import FIGURES

    for module in MODULES:
        importlib.import_module(module)
    return [figure.name for figure in FIGURES]


def test_the_bench_measures_every_figure() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--runs", "1", "--sessions", "30"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a target was missed
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["figure", "measured", "target", "result"]
    names = figure_names()
    assert len(names) >= 15
    assert {"run: start to live screen", "keystroke in the notes to the next frame"} <= set(names)
    for name in names:
        (row,) = [line for line in lines if line.startswith(name)]
        assert row.rstrip().endswith(("pass", "FAIL")), row
        assert "not measured" not in row, result.stderr


def test_the_bench_leaves_no_data_behind(tmp_path: Path) -> None:
    # The bench's own temp folder, so other processes' files in /tmp cannot interfere.
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--runs", "1", "--sessions", "5", "--only", "json"],
        cwd=ROOT,
        env={**os.environ, "TMPDIR": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    assert "followups --json" in result.stdout
    assert list(tmp_path.iterdir()) == []


def test_keys_can_be_typed_and_timed_in_the_bench_terminal(tmp_path: Path) -> None:
    # What the live-call figures (keystroke to frame) will build on.
    from bench.terminal import Terminal

    with (
        Terminal(tmp_path) as terminal,
        terminal.running(["sh", "-c", "echo ready; exec cat"], "ready", tmp_path) as pane,
    ):
        assert pane.started_in >= 0
        assert pane.keys_to_frame("typed-1", "typed-1") >= 0
        pane.press("Enter")
        assert pane.keys_to_frame("typed-2", "typed-2") >= 0
        assert pane.peak_kb() > 0


def test_each_typed_key_has_a_marker_no_other_key_shows() -> None:
    # The keystroke figure times a key until the last nine characters of its line are
    # painted: if a marker repeated, a key could be timed by an older frame.
    from bench.call import Typist

    typist, line, markers = Typist(), "", []
    for _ in range(3000):
        if len(line) >= Typist.WIDTH:
            line = ""
        line += next(typist.chars)
        if len(line) >= Typist.LEAD:
            markers.append(line[-Typist.LEAD :])
    assert len(markers) == len(set(markers)) > 2000


def test_a_warnings_lateness_is_bounded_by_the_start_and_the_clock_line() -> None:
    from bench.call import RealCall

    # A 30 s call whose clock started at t=10.1: each change of the clock line comes
    # 0.05 s after its second, the warnings 0.06 s after theirs.
    start = 10.1
    lines = [(start + s + 0.05, f"00:{30 - s:02d}") for s in range(1, 30)]
    lines += [(start + 31.05, "+00:01")]
    warnings = [(start + 10.06, "Time check"), (start + 20.06, "Time to close")]
    warnings += [(start + 30.06, "Time is up")]
    call = RealCall(30, (20, 10), 10.0, 10.3, lines, warnings)
    assert call.offsets == pytest.approx([start + 0.05] * 30)
    for title, least, most in call.lateness():
        assert title in ("Time check", "Time to close", "Time is up")
        assert least == pytest.approx(0.01) and most == pytest.approx(0.16)
