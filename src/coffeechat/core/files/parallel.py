"""Reading many files in other processes, one per core, when there are many to read.

The session summaries and the learning cache each read thousands of files at their
first start (DESIGN.md: 10,000 sessions, 1,000 hand-edited ones under 2 s cold);
parsing is pure Python, so only other processes use the second core.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

PARALLEL_FROM = 800
"""From this many files to read, other processes share the work (one per core)."""
BATCH = 250
"""Files handed to a worker process at a time."""

J = TypeVar("J")
R = TypeVar("R")


def in_workers(work: Callable[[list[J]], list[R]], jobs: list[J], parallel_from: int) -> list[R]:
    """`work` done on `jobs`, in other processes (`BATCH` jobs at a time) from
    `parallel_from` jobs on; `work` is sent to them: a module's function (or a
    `partial` of one)."""
    if not jobs:
        return []
    workers = min(os.cpu_count() or 1, 8)
    if len(jobs) < parallel_from or workers < 2:
        return work(jobs)
    import threading

    # Forking copies only the calling thread, so a lock held by another thread (the
    # app's) would stay locked in the child: share the work only when alone. Spawning
    # instead would re-run the caller's main script in each worker.
    if threading.active_count() > 1:
        return work(jobs)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches = [jobs[i : i + BATCH] for i in range(0, len(jobs), BATCH)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [done for batch in pool.map(work, batches) for done in batch]
