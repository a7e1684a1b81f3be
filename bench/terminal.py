"""Starting a program in a real terminal (tmux) and timing its frames from the outside.

How a start is timed: the pane first runs a tiny shell that waits for a key, then
prints a token and `exec`s the program, so the token marks the moment the program's
process starts. Everything the pane prints is copied by `tmux pipe-pane` into a
FIFO that this process reads, stamping each chunk with `perf_counter` as it
arrives. The frame is "painted" when the marker text appears in that stream (escape
sequences removed), which is when tmux receives it to draw. Both ends travel the
same path (pane, tmux, pipe, FIFO), so their delays cancel, and nothing polls.
"""

from __future__ import annotations

import os
import re
import select
import shlex
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ESCAPES = re.compile(
    rb"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: cursor moves, colours
    rb"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)"  # OSC: titles, colour queries
    rb"|\x1bP[^\x1b]*\x1b\\"  # DCS
    rb"|\x1b[()][0-9A-Za-z]"  # character sets
    rb"|\x1b[@-Z\\-_=>78]"  # other two-byte sequences
)
SIZE = (120, 40)
"""Columns and rows of the terminal: a laptop's terminal window."""


@dataclass(frozen=True)
class Frame:
    """What one start showed: seconds from process start to the marker, and memory."""

    seconds: float
    peak_kb: int
    """The process's peak resident memory (VmHWM) when it was stopped, in KB."""


@dataclass(frozen=True)
class Pane:
    """A program running in a pane of the bench's terminal (see `Terminal.running`)."""

    terminal: Terminal
    name: str
    pid: int
    started_in: float
    """Seconds from the program's start to its first frame showing the marker."""
    started_at: float
    """When the program started (`perf_counter`): the moment its first frame is timed from."""

    def keys_to_frame(self, text: str, marker: str, timeout: float = 10.0) -> float:
        """Seconds from handing `text` to tmux (typed literally) until `marker` is
        painted. The time includes tmux's own: measure a reference the same way."""
        self.terminal._drain()
        started = time.perf_counter()
        self.terminal.tmux("send-keys", "-t", self.name, "-l", text)
        _start, painted = self.terminal._time_marker(None, marker.encode(), timeout, self.name)
        return painted - started

    def press(self, *keys: str) -> None:
        """Press keys by tmux's names (`C-n`, `Enter`), without timing them."""
        self.terminal.tmux("send-keys", "-t", self.name, *keys)

    def watch(self, seconds: float, pattern: re.Pattern[str]) -> list[tuple[float, str]]:
        """Everything `pattern` finds painted during the next `seconds`, each text once:
        when it first came (`perf_counter`) and the text (the group that matched, if any)."""
        self.terminal._drain()
        found: dict[str, float] = {}
        buffer = b""
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.terminal.reader], [], [], left)
            if not ready:
                continue
            buffer += os.read(self.terminal.reader, 1 << 16)
            now = time.perf_counter()
            text = ESCAPES.sub(b"", buffer).decode(errors="replace")
            for match in pattern.finditer(text):
                found.setdefault(next(filter(None, match.groups()), match.group(0)), now)
        return sorted((when, text) for text, when in found.items())

    def screen(self) -> str:
        """What the pane shows now (for error messages)."""
        return self.terminal.tmux("capture-pane", "-p", "-t", self.name)

    def peak_kb(self) -> int:
        """The program's peak resident memory so far, in KB."""
        return peak_memory_kb(self.pid)


class BenchError(Exception):
    """A measurement that could not be made (a program failed, a marker never came)."""


class Terminal:
    """A private tmux server to start programs in, one fresh pane per start."""

    def __init__(self, folder: Path, size: tuple[int, int] = SIZE) -> None:
        self.folder = folder
        self.socket = folder / "tmux.sock"
        self.size = size
        self.runs = 0
        folder.mkdir(parents=True, exist_ok=True)
        fifo = folder / "pane.fifo"
        os.mkfifo(fifo)
        self.fifo = fifo
        # Our own write end keeps the FIFO open between runs, so reads never see EOF.
        self.reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
        self.writer = os.open(fifo, os.O_WRONLY)
        # An idle session keeps the server up: each start then costs only a pane.
        self.tmux("new-session", "-d", "-s", "idle", "sleep 86400")

    def close(self) -> None:
        """Stop the tmux server and close the FIFO."""
        subprocess.run(self._tmux_args("kill-server"), capture_output=True, check=False)
        os.close(self.reader)
        os.close(self.writer)

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def tmux(self, *args: str) -> str:
        """Run a tmux command on this server; its output."""
        result = subprocess.run(self._tmux_args(*args), capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BenchError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def _tmux_args(self, *args: str) -> list[str]:
        return ["tmux", "-S", str(self.socket), "-f", "/dev/null", *args]

    def first_frame(
        self,
        command: list[str],
        marker: str,
        cwd: Path | None = None,
        timeout: float = 30.0,
        settle: float = 0.0,
    ) -> Frame:
        """Start `command` in a new pane; time from its start until `marker` is painted.

        `settle` seconds after the marker the peak memory is read, then the pane closed.
        """
        with self.running(command, marker, cwd, timeout) as pane:
            if settle:
                time.sleep(settle)
            return Frame(pane.started_in, pane.peak_kb())

    @contextmanager
    def running(
        self, command: list[str], marker: str, cwd: Path | None = None, timeout: float = 30.0
    ) -> Iterator[Pane]:
        """Start `command` in a new pane and wait until `marker` is painted; the pane,
        to type into and time (closed afterwards)."""
        self.runs += 1
        name = f"run{self.runs}"
        token = f"<bench-start-{self.runs}>".encode()
        # COLUMNS and LINES, if the bench inherited them (pytest sets both), would make
        # a Textual program take them for the pane's size.
        script = f"unset COLUMNS LINES; read go; printf '%s' {shlex.quote(token.decode())}; "
        script += 'exec "$@"'
        width, height = self.size
        self._drain()
        self.tmux(
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            "-c",
            str(cwd or self.folder),
            "sh",
            "-c",
            script,
            "bench",
            *command,
        )
        try:
            self.tmux("pipe-pane", "-O", "-t", name, f"cat > {shlex.quote(str(self.fifo))}")
            # A key echoed back through the pipe proves the copy is flowing.
            self.tmux("send-keys", "-t", name, "-l", "p")
            self._wait_for(b"p", timeout=5.0)
            pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}"))
            self.tmux("send-keys", "-t", name, "Enter")
            started, painted = self._time_marker(token, marker.encode(), timeout, name)
            yield Pane(self, name, pid, painted - started, started)
        finally:
            self._stop(name)

    def _time_marker(
        self, token: bytes | None, marker: bytes, timeout: float, name: str
    ) -> tuple[float, float]:
        """When `token` came through the pane's output (None: now) and when `marker`
        was painted after it."""
        buffer = b""
        started: float | None = None if token is not None else time.perf_counter()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.reader], [], [], 0.5)
            if not ready:
                continue
            chunk = os.read(self.reader, 1 << 16)
            now = time.perf_counter()
            buffer += chunk
            if started is None and token is not None:
                at = buffer.find(token)
                if at < 0:
                    continue
                started = now
                buffer = buffer[at + len(token) :]
            if started is not None and marker in ESCAPES.sub(b"", buffer):
                return started, now
        screen = self.tmux("capture-pane", "-p", "-t", name)
        raise BenchError(
            f"{marker.decode()!r} was not painted within {timeout:.0f} s; the screen:\n{screen}"
        )

    def _wait_for(self, text: bytes, timeout: float) -> None:
        buffer = b""
        deadline = time.monotonic() + timeout
        while text not in buffer:
            if time.monotonic() > deadline:
                raise BenchError("tmux pipe-pane copied nothing")
            ready, _, _ = select.select([self.reader], [], [], 0.1)
            if ready:
                buffer += os.read(self.reader, 1 << 16)

    def _drain(self) -> None:
        while select.select([self.reader], [], [], 0)[0]:
            if not os.read(self.reader, 1 << 16):
                return

    def _stop(self, name: str) -> None:
        """Close the pane and wait until its program has gone (it must not compete
        with the next start)."""
        try:
            pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}"))
        except (BenchError, ValueError):
            pid = 0
        subprocess.run(self._tmux_args("kill-session", "-t", name), capture_output=True)
        deadline = time.monotonic() + 5
        while pid and Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.02)


def peak_memory_kb(pid: int) -> int:
    """The peak resident memory of a running process (Linux `VmHWM`), in KB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
