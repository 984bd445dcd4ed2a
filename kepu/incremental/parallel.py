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
CHUNK = 16

_task: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def worker_count() -> int:
    """KEPU_BUILD_WORKERS, else every core this process may use."""
    wanted = os.environ.get("KEPU_BUILD_WORKERS")
    if wanted:
        return max(1, int(wanted))
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def _run_chunk(bounds: tuple[int, int]) -> list[Any]:
    fn, items = _task
    return [fn(items[i]) for i in range(*bounds)]


def fork_map(fn: Callable[[Any], Any], items: Sequence[Any], *, workers: int | None = None,
             chunk: int = CHUNK) -> list[Any]:
    """``[fn(x) for x in items]``, computed by forked workers; results in item order.

    ``fn`` may be a closure: it is handed to the workers by fork, not by pickle.
    Results must be picklable. Falls back to a plain loop for small inputs, one
    core, or when already inside a worker (no nested pools).
    """
    global _task
    workers = worker_count() if workers is None else workers
    if workers < 2 or len(items) < MIN_ITEMS or _task is not None or \
            multiprocessing.current_process().daemon:
        return [fn(x) for x in items]
    bounds = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
    _task = (fn, items)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_run_chunk, bounds, chunksize=1)
    finally:
        _task = None
    return [result for part in parts for result in part]


class Background:
    """``fn()`` computed by a forked child while this process goes on; ``result()``
    waits for it. With one core (or no fork) it is computed at ``result()``."""

    def __init__(self, fn: Callable[[], Any]):
        self._fn, self._pid, self._read = fn, None, None
        if worker_count() < 2 or not hasattr(os, "fork") or _task is not None:
            return
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running any cleanup
            code = 0
            try:
                os.close(read)
                import pickle

                payload = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
            except BaseException:  # noqa: BLE001 - the parent recomputes it
                code = 1
            os._exit(code)
        os.close(write)
        self._pid, self._read = pid, read

    def close(self) -> None:
        """Stop waiting for it (a failed build): end the child and reap it."""
        if self._pid is not None:
            import signal

            os.close(self._read)
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = None

    def result(self) -> Any:
        if self._pid is None:
            return self._fn()
        import pickle

        with os.fdopen(self._read, "rb") as src:
            payload = src.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status != 0 or not payload:
            return self._fn()  # the child failed: do it here, the same way
        return pickle.loads(payload)  # noqa: S301 (our own child's result)
