"""Independent work over every core, sharing memory instead of copying it.

Workers are forked after the site model is built, so each sees the parent's
pages, templates and registries copy-on-write: nothing is pickled on the way
in, and only small results (file names, counts) come back. Items are dealt
round-robin in small chunks, so a slow stretch of big pages does not leave one
core idle; each worker holds only its own chunk's temporaries, which keeps
peak memory bounded by (parent + workers × one chunk).
"""

from __future__ import annotations

import logging
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
children_run = 0  # how many in_child calls forked


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


def in_child(fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` computed in a forked child process; its result comes back.

    For a phase whose working memory is large and unneeded afterwards (a full
    search index: jieba's dictionary, every page's analysed terms): it goes back
    to the system when the child exits, instead of staying in this process for
    the rest of the build and being copied into every worker forked later.

    The result must be picklable. Log records the child emits are handled here,
    by this process's handlers (so a build's warning collector sees them); an
    exception in the child is raised here. Where fork is missing, ``fn`` runs here.
    """
    if not hasattr(os, "fork"):
        return fn(*args)
    import pickle
    import traceback

    global children_run
    children_run += 1
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(read_end)
            records: list[logging.LogRecord] = []
            forward = _Forward(records)
            logging.getLogger().handlers = [forward]  # printed once, by the parent
            try:
                outcome = ("ok", fn(*args))
            except BaseException as exc:  # noqa: BLE001 — every failure goes to the parent
                outcome = ("raised", exc, traceback.format_exc())
            try:
                data = pickle.dumps((outcome, records), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # noqa: BLE001 — an exception or result that cannot travel
                data = pickle.dumps(
                    (("raised", None, traceback.format_exc() if outcome[0] == "ok"
                      else outcome[2]), records), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as fh:
                fh.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        data = fh.read()
    _, status = os.waitpid(pid, 0)
    if not data:
        how = (f"was killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
               else f"exited with status {os.waitstatus_to_exitcode(status)}")
        raise RuntimeError(f"the forked process running {getattr(fn, '__name__', fn)} {how} "
                           "before it could report (out of memory?)")
    outcome, records = pickle.loads(data)
    for record in records:
        logging.getLogger(record.name).handle(record)
    if outcome[0] == "ok":
        return outcome[1]
    _, exc, text = outcome
    if exc is None:
        raise RuntimeError(f"in the forked process running {getattr(fn, '__name__', fn)}:\n{text}")
    exc.add_note(f"(raised in a forked process)\n{text}")
    raise exc


class _Forward(logging.Handler):
    """Keeps the child's log records, made picklable, for the parent to handle."""

    def __init__(self, records: list):
        super().__init__()
        self.records = records

    def emit(self, record) -> None:
        if record.exc_info:
            record.exc_text = record.exc_text or logging.Formatter().formatException(record.exc_info)
            record.exc_info = None
        record.msg, record.args = record.getMessage(), None
        self.records.append(record)
