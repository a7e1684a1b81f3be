"""The process tuned for the app: quick to its first frame, and quick to show each one.

Two settings of the interpreter, both measured with `make bench`:

- The cyclic garbage collector waits for the first frame. Importing Textual and
  building the first screen makes some sixty thousand objects that all live as long
  as the app. With the collector on, they set off collection after collection that
  walks them again and again: a tenth of the time to the first frame (a full
  collection of them alone takes some 20 ms). So the collector is held from before
  Textual is imported until the first frame is painted; then those objects are
  frozen (never walked again: the few thousand garbage ones among them, a few
  hundred KB, are kept) and collecting resumes for everything made afterwards,
  which also keeps later collections short while the person types.
- A call keeps its collections short. Once the call screen is up, everything alive
  is frozen too (the screen, the notes, the session): typing adds objects that
  live on (undo history, caches), which sets off a full collection every two seconds
  or so, and walking the call screen took 8 to 14 ms each time, a key's frame late by
  as much. When the call screen goes, everything is collected normally again.
- Threads get the interpreter sooner. Textual hands every frame to its output thread;
  while the event loop is busy, that thread waits for the interpreter lock at each
  step of writing (take the frame, write, flush), and Python hands the lock over
  only every 5 ms by default: the first frame reached the terminal some 15 ms late
  while the home screen filled its lists. 1 ms costs nothing when one thread runs.
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


def freeze_for_the_call() -> None:
    """Leave everything alive now out of cyclic collections until `thaw_after_the_call`."""
    gc.freeze()


def thaw_after_the_call() -> None:
    """Let collections walk everything again (what the call left behind is freed)."""
    gc.unfreeze()
