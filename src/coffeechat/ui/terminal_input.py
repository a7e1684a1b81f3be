"""The terminal's input, made safe for Textual's parser before it reads a byte.

Two things in what a terminal sends broke the call:

- A byte that is not UTF-8 (`tmux send-keys -H e9`, a terminal set to Latin-1).
  Textual's input thread decodes strictly, so the `UnicodeDecodeError` killed it
  and ended the app; every later key was lost.
- Control characters inside a bracketed paste. The parser reads an ESC in a paste
  as the start of an escape sequence, and after 32 characters gives it back as
  keys, ahead of the paste: an OSC title's BEL became ctrl+g (the general notes)
  and the text around a colour code came out of order.

`CleanInputDriver` is Textual's `LinuxDriver` with one relay thread in front of
its input loop: the relay reads the terminal, cleans what it read (`InputCleaner`)
and writes it into a pipe, and Textual's own `run_input_thread` reads that pipe
instead of the terminal (its `fileno` points there while it runs). Every byte
goes through in the order it came, at once; only the driver's public
`run_input_thread` and `fileno` are used, not the private parser. The other ways
were worse: catching the error and starting the thread again loses the rest of
the chunk it was reading, and a copy of `run_input_thread` would copy its use of
Textual's private parser. A relay costs one thread hop per read (microseconds)
and ends with the input loop: Textual stops that loop as it leaves (ctrl+q, a
signal, suspending with ctrl+z) and the relay stops right after it, so no thread
is left and the terminal is restored as before.

What the cleaner changes, and nothing else:

- Bytes that are not UTF-8 become U+FFFD (a lead byte with nothing after it once
  the terminal falls quiet, too), so `Jos\\xe9` types `Jos�` and the call goes on.
- Inside a bracketed paste (between `ESC [200~` and `ESC [201~`), each control
  character but tab and the line ends becomes the visible symbol that the notes
  keep for it anyway (`coffeechat.core.text.controls`): ESC is ␛, BEL is ␇. The paste
  reaches the app whole, as one paste, in its place.

Outside a paste, escape sequences are the terminal's own language (arrows, mouse,
focus reports) and go through untouched: `send-keys -l $'\\e[31m'` is not a paste,
and the parser reads it as the terminal would mean it.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import selectors
import threading

from textual.drivers.linux_driver import LinuxDriver

from coffeechat.core.text.controls import visible

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
READ_SIZE = 4096
QUIET = 0.1
"""Seconds without input after which a lone lead byte, or a held ESC in a paste, is
given up waiting for (far longer than the gap inside anything a terminal sends)."""
_KEPT = "\t\n\r"


class InputCleaner:
    """Terminal bytes in, text for Textual's parser out (see the module docstring)."""

    def __init__(self) -> None:
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pasting = False
        self._tail = ""
        """Outside a paste: the last few characters, in case a start marker is split."""
        self._held = ""
        """Inside a paste: an ESC and what followed it, until it is known whether it
        begins the end marker."""

    @property
    def waiting(self) -> bool:
        """True when something is held back for the bytes that should follow it."""
        return bool(self._held) or self._decode.getstate()[0] != b""

    def feed(self, data: bytes) -> str:
        """The text for what was read."""
        return self._clean(self._decode.decode(data))

    def quiet(self) -> str:
        """The terminal has gone quiet: give up on what was held back."""
        text = self._decode.decode(b"", final=True)
        self._decode.reset()
        held, self._held = self._held, ""
        return self._clean(text) + "".join(map(_pasted, held))

    def _clean(self, text: str) -> str:
        out: list[str] = []
        while text:
            text = self._in_paste(text, out) if self._pasting else self._outside(text, out)
        return "".join(out)

    def _outside(self, text: str, out: list[str]) -> str:
        """Pass `text` on unchanged up to a paste's start; what comes after it."""
        seen = self._tail + text
        start = seen.find(PASTE_START)
        if start < 0:
            out.append(text)
            self._tail = seen[-(len(PASTE_START) - 1) :]
            return ""
        end = start + len(PASTE_START) - len(self._tail)
        out.append(text[:end])
        self._tail = ""
        self._pasting = True
        return text[end:]

    def _in_paste(self, text: str, out: list[str]) -> str:
        """Clean `text` inside a paste up to its end marker; what comes after it."""
        for index, char in enumerate(text):
            if self._held or char == "\x1b":
                self._held += char
                if self._held == PASTE_END:
                    out.append(self._held)
                    self._held = ""
                    self._pasting = False
                    return text[index + 1 :]
                if not PASTE_END.startswith(self._held):
                    held, self._held = self._held, ""
                    out.append(visible(held[0]))
                    # What followed the ESC is read again: it may hold the marker.
                    return held[1:] + text[index + 1 :]
            else:
                out.append(_pasted(char))
        return ""


def _pasted(char: str) -> str:
    """A character of a paste as the app gets it."""
    return char if char in _KEPT else visible(char)


class CleanInputDriver(LinuxDriver):
    """Textual's Linux driver, reading the terminal through an `InputCleaner`."""

    def run_input_thread(self) -> None:
        """Textual's input loop, on a pipe that a relay thread fills with clean input."""
        terminal = self.fileno
        readable, writable = os.pipe()
        stop_r, stop_w = os.pipe()
        relay = threading.Thread(
            target=relay_input,
            args=(terminal, writable, stop_r),
            name="coffeechat-input-relay",
            daemon=True,
        )
        relay.start()
        self.fileno = readable
        try:
            super().run_input_thread()
        finally:
            self.fileno = terminal
            os.close(readable)  # a relay blocked writing into a full pipe is let go
            os.write(stop_w, b"x")
            relay.join()
            for fd in (writable, stop_r, stop_w):
                os.close(fd)


def relay_input(terminal: int, pipe: int, stop: int) -> None:
    """Copy what `terminal` sends into `pipe`, cleaned, until `stop` becomes readable."""
    cleaner = InputCleaner()
    with selectors.DefaultSelector() as selector:
        selector.register(terminal, selectors.EVENT_READ)
        selector.register(stop, selectors.EVENT_READ)
        while True:
            ready = selector.select(QUIET if cleaner.waiting else None)
            if not ready:
                text = cleaner.quiet()
            elif any(key.fd == stop for key, _ in ready):
                return
            else:
                try:
                    data = os.read(terminal, READ_SIZE)
                except OSError:
                    return
                if not data:
                    return  # the terminal is gone
                text = cleaner.feed(data)
            if text:
                write_all(pipe, text.encode())


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` (a signal can cut a write to a pipe short), unless the
    reading end is closed."""
    with contextlib.suppress(BrokenPipeError):
        while data:
            data = data[os.write(fd, data) :]
