"""The process tuned for the app while it starts: the cyclic garbage collector held
until the first frame, and threads switched sooner.

Importing Textual and building the first screen makes tens of thousands of objects
that live as long as the app; with the collector on, they set off collection after
collection that walks them again and again. So it is held from before Textual is
imported until the first frame is painted; then they are frozen (never walked again)
and collecting resumes for what is made afterwards. Textual hands every frame to its
output thread, which waits for the interpreter at each step of writing; Python hands
it over every 5 ms by default, 1 ms here. What this buys is in bench/README.md
(*History*, 2026-12-02: `run` 1.78x-1.79x without, 1.50x-1.64x with).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

SWITCH_SECONDS = 0.001
"""How long a thread may hold the interpreter while another waits (Python's is 5 ms)."""


@contextmanager
def tuned_for_the_app() -> Iterator[None]:
    """Inside the block (starting and running the app): no cyclic garbage collection
    until `release_collector`, which the app calls once its first frame is on screen,
    and threads switched every `SWITCH_SECONDS`. Both as before afterwards."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_SECONDS)
    gc.disable()
    try:
        yield
    finally:
        gc.enable()  # the app ended, or failed, before its first frame
        sys.setswitchinterval(interval)


def release_collector() -> None:
    """Freeze what the start made and collect again; nothing if it was never held."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()
