"""Independent work over every core, sharing memory instead of copying it.

Workers are forked after the site model is built, so each sees the parent's
pages, templates and registries copy-on-write: nothing is pickled on the way
in, and only small results (file names, counts) come back. Items are dealt
round-robin in small chunks, so a slow stretch of big pages does not leave one
core idle; each worker holds only its own chunk's temporaries, which keeps
peak memory bounded by (parent + workers × one chunk).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from typing import Any

# Below this many items a fork costs more than it saves (~30 ms per worker).
MIN_ITEMS = 48
# After a fork the parent pays a copy-on-write fault for every heap page it then
# writes to (a reference count is a write): ~0.2 s for a 600 MB build worker. So
# a process asks for this many items per resident MB before it forks; a hub edit
# in a worker at 10,000 pages (300-item jobs) renders faster without forking.
ITEMS_PER_MB = 2
CHUNK = 16

_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None
forked_jobs = 0  # how many fork_map calls this process has run over forked workers


def worker_count() -> int:
    """KEPU_BUILD_WORKERS, else every core this process may use."""
    wanted = os.environ.get("KEPU_BUILD_WORKERS")
    if wanted:
        return max(1, int(wanted))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _resident_mb() -> float:
    """This process's resident memory (Linux; 0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    fn, items = _task
    return [fn(items[i]) for i in range(*bounds)]


def fork_map(fn: Callable[[Any], Any], items: Sequence[Any], *, workers: int | None = None,
             chunk: int = CHUNK, weight: int = 1) -> list[Any]:
    """``[fn(x) for x in items]``, computed by forked workers; results in item order.

    ``fn`` may be a closure: it is handed to the workers by fork, not by pickle.
    Results must be picklable. Falls back to a plain loop for small inputs, one
    core, or when already inside a worker (no nested pools). ``weight``: how many
    typical items (a page rendered) one of these is worth, for that judgement.
    Given ``workers``, the caller has judged: any two items or more are forked.
    """
    global _task, forked_jobs
    if workers is None:
        workers = worker_count()
        enough = max(MIN_ITEMS, int(_resident_mb() * ITEMS_PER_MB))
    else:
        enough = 2  # the caller chose to fork
    if workers < 2 or len(items) * weight < enough or _task is not None or \
            multiprocessing.current_process().daemon:
        return [fn(x) for x in items]
    bounds = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    _task = (fn, items)
    forked_jobs += 1
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, bounds, chunksize=1)
    finally:
        _task = None
    return [result for part in parts for result in part]
