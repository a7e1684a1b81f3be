"""`make bench` must not rot: a quick run with tiny sizes makes every measurement.

No timing is judged here (these machines are shared and noisy): the run may miss a
target, but it must measure every figure (or say it is not built yet) and print the
table. The rest checks the bench's own parts without running it: its verdicts, its
data (hand-edited sessions, a LinkedIn export) and how it judges what it measured.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bench.harness import NOT_BUILT, NOT_MEASURABLE

from coffeechat.core.timesource import ManualTime

ROOT = Path(__file__).parent.parent


def figure_names() -> list[str]:
    """The names of every figure the bench measures."""
    from bench.__main__ import MODULES
    from bench.harness import FIGURES

    for module in MODULES:
        importlib.import_module(module)
    return [figure.name for figure in FIGURES]


@pytest.mark.bench
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
    assert len(names) >= 25
    assert {"run: start to live screen", "keystroke in the notes to the next frame"} <= set(names)
    for name in names:
        (row,) = [line for line in lines if line.startswith(name)]
        assert "not measured" not in row, result.stdout  # the table holds what was seen
        assert row.rstrip().endswith(("pass", "FAIL", NOT_BUILT, NOT_MEASURABLE)), row


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


@pytest.mark.e2e
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


@pytest.mark.e2e
def test_a_program_in_the_bench_terminal_gets_the_panes_size_not_the_benchs_columns(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # pytest sets COLUMNS=80 and LINES=24; a Textual program that inherited them drew
    # itself at 80x24 in the 120x40 pane, and the keystroke figure's reference, taller
    # than 24 lines, showed no key typed.
    from bench.terminal import Terminal

    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    show = 'echo "size from ${COLUMNS:-the}${LINES:-pane}"; exec cat'
    # The marker comes only if neither variable reached the program.
    with (
        Terminal(tmp_path) as terminal,
        terminal.running(["sh", "-c", show], "size from thepane", timeout=5) as pane,
    ):
        assert pane.started_in >= 0


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
    from bench.clock import RealCall

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


def test_a_figure_not_built_yet_is_neither_passed_nor_failed(tmp_path: Path) -> None:
    from bench.__main__ import measure, table
    from bench.harness import Bench, Figure, NotJudgedError, Result

    def waiting(_bench: Bench) -> Result:
        raise NotJudgedError(NOT_BUILT, "`coffeechat people` does not exist yet")

    rows = [
        (item, measure(item, Bench(tmp_path)))
        for item in (
            Figure("people", "≤ 2x", waiting),
            Figure("check", "≤ 2x", lambda _b: Result("1.5x", True)),
        )
    ]
    assert [result.passed for _item, result in rows] == [None, True]
    printed = table(rows).splitlines()
    assert printed[2].split("  ")[0] == "people"
    assert printed[2].endswith(NOT_BUILT) and "does not exist yet" in printed[2]
    assert printed[3].endswith("pass")


def test_a_command_that_does_not_exist_is_not_built_yet(tmp_path: Path) -> None:
    from bench.harness import Bench, NotJudgedError

    bench = Bench(tmp_path)
    bench.require("check", "sessions")
    with pytest.raises(NotJudgedError) as raised:
        bench.require("check", "no-such-command")
    assert raised.value.result.verdict == NOT_BUILT


def test_the_keystroke_figure_is_judged_by_the_ratio_and_on_a_fast_machine_the_values() -> None:
    from bench.call import Keys, judge_keys

    def keys(median: float, worst: float) -> Keys:
        return Keys((median, median, worst))

    # A fast machine (the bare TextArea under 8 ms): ratio and values both count.
    assert judge_keys(keys(0.007, 0.030), keys(0.006, 0.020))[1]
    assert not judge_keys(keys(0.007, 0.060), keys(0.006, 0.020))[1]  # worst over 50 ms
    assert not judge_keys(keys(0.009, 0.030), keys(0.006, 0.020))[1]  # 1.5x
    # A slower machine: the ratio alone.
    ratio, passed, rule = judge_keys(keys(0.024, 0.090), keys(0.020, 0.080))
    assert ratio == pytest.approx(1.2) and passed and "ratio decides" in rule
    assert not judge_keys(keys(0.030, 0.040), keys(0.020, 0.040))[1]


@pytest.mark.parametrize(
    ("source", "in_source", "verdict"),
    [(3600.0, True, "pass"), (0.0, False, NOT_MEASURABLE), (0.0, True, "FAIL")],
)
def test_the_suspend_figure_passes_only_for_a_source_on_boottime(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, source: float, in_source: bool, verdict: str
) -> None:
    # Readings as in a time namespace whose boot time is an hour ahead: a source on
    # CLOCK_BOOTTIME reads 3600 s more than CLOCK_MONOTONIC.
    from bench import clock
    from bench.__main__ import measure
    from bench.harness import Bench, Figure

    readings = [clock.Reading(3600.0 + t, source + t, 3600.0 + t, t) for t in (1.0, 1.1)]
    monkeypatch.setattr(clock, "read_in_namespace", lambda _bench: readings)
    monkeypatch.setattr(clock, "boottime_in_source", lambda: in_source)
    item = Figure("suspend", "", clock.clock_suspended)
    assert measure(item, Bench(tmp_path)).verdict == verdict


def test_an_editing_figure_puts_files_and_folders_back(tmp_path: Path) -> None:
    from bench.commands import restoring

    kept = tmp_path / "people" / "jane-doe.toml"
    kept.parent.mkdir()
    kept.write_text("name = 'Jane'\n")
    restore_file, restore_folder = restoring(kept), restoring(kept.parent)
    kept.write_text("name = 'Jane'\n[[log]]\n")
    (kept.parent / "priya-patel.toml").write_text("name = 'Priya'\n")
    restore_file()
    restore_folder()
    assert kept.read_text() == "name = 'Jane'\n"
    assert [path.name for path in kept.parent.iterdir()] == ["jane-doe.toml"]


def test_the_linkedin_export_reads_as_linkedin_writes_it() -> None:
    import csv
    import io
    from datetime import datetime

    from bench.linkedin import HEADER, connections_csv

    text = connections_csv(5_000, bom=True)
    assert text.startswith("\ufeffNotes:\n")
    preamble, body = text.split("\n\n", 1)
    assert preamble.count("\n") == 1 and "email addresses are missing" in preamble
    rows = list(csv.reader(io.StringIO(body)))
    assert tuple(rows[0]) == HEADER
    people = rows[1:]
    assert len(people) == 5_000 and all(len(row) == len(HEADER) for row in people)
    assert sum(1 for row in people if row[3]) < 500  # most e-mails are empty
    assert sum(1 for row in people if "," in row[4]) > 100  # quoted commas in companies
    assert '"Acme Health, Inc."' in body
    dates = [datetime.strptime(row[6], "%d %b %Y") for row in people]
    assert dates == sorted(dates, reverse=True)  # the newest first
    assert len({(row[0], row[1]) for row in people}) > 4_800  # few share a name
    assert connections_csv(3) == connections_csv(3)  # seeded: every run the same file


def test_hand_edited_sessions_hold_the_same_data_in_other_layouts(tmp_path: Path) -> None:
    import random
    import tomllib
    from dataclasses import asdict

    from bench import corpus
    from bench.hand_edits import Layout, hand_edited

    from coffeechat.core.sessions.format import to_toml

    agenda = corpus.make_agenda(tmp_path)
    rng = random.Random(1)
    texts = [to_toml(corpus.made_up_session(agenda, corpus.NOW, n, rng)) for n in range(40)]
    layouts = [Layout.random(random.Random(n)) for n in range(40)]
    for text, number in zip(texts, range(40), strict=True):
        raw = hand_edited(text, random.Random(number))  # raises if the data changed
        assert raw != text.encode()
        assert tomllib.loads(raw.decode("utf-8-sig")) == tomllib.loads(text)
        assert raw.startswith((b"#", "\ufeff#".encode()))
    # Over 40 files each habit shows up, and so does its absence.
    for habit, value in asdict(layouts[0]).items():
        assert len({asdict(layout)[habit] for layout in layouts}) > 1, (habit, value)


def test_the_app_reads_hand_edited_sessions_as_it_reads_its_own(
    tmp_path: Path, clock: ManualTime, capsys: pytest.CaptureFixture[str]
) -> None:
    # The files the hand-edited figure times are ones the app reads right, not errors.
    import json
    import random

    from bench import corpus
    from bench.hand_edits import hand_edited

    from coffeechat.cli import main

    own = corpus.small_workspace(tmp_path / "own", sessions=0)
    edited = corpus.small_workspace(tmp_path / "edited", sessions=0)
    corpus.write_sessions(own, 25, seed=3)
    rng = random.Random(17)
    corpus.write_sessions(edited, 25, seed=3, layout=lambda text: hand_edited(text, rng))

    def output(workspace: Path, *args: str) -> dict[str, list[object]]:
        assert main(["--workspace", str(workspace), *args], time=clock) == 0
        printed = capsys.readouterr()
        assert printed.err == ""
        read: dict[str, list[object]] = json.loads(printed.out)
        return read

    sessions = output(own.root, "sessions", "--json")
    assert len(sessions["sessions"]) == 25
    assert output(edited.root, "sessions", "--json") == sessions
    queue = output(own.root, "followups", "--json", "--due", "all")
    assert len(queue["items"]) > 10
    assert output(edited.root, "followups", "--json", "--due", "all") == queue
