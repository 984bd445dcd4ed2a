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
import sys
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

    ``fn`` may hand its result back early with :func:`answer_now` and go on
    with work the caller need not wait for (writing files): this call then
    returns that answer at once, and :func:`finish_children` waits for the rest
    (:func:`abandon_children` stops it, when the build has failed).

    The result must be picklable. Log records the child emits are handled here,
    by this process's handlers (so a build's warning collector sees them); an
    exception in the child is raised here (or by finish_children). Where fork
    is missing, ``fn`` runs here.
    """
    if not hasattr(os, "fork"):
        return fn(*args)
    import traceback

    global children_run, _answer, _report
    children_run += 1
    name = getattr(fn, "__name__", str(fn))
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the caller's code
        code = 1
        try:
            os.close(read_end)
            records: list[logging.LogRecord] = []
            logging.getLogger().handlers = [_Forward(records)]  # printed once, by the parent
            out = os.fdopen(write_end, "wb")
            _answer = _report = (out, records)
            try:
                outcome = ("ok", fn(*args))
            except BaseException as exc:  # noqa: BLE001 — every failure goes to the parent
                outcome = ("raised", exc, traceback.format_exc())
            _send(out, outcome, records)
            out.close()
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    child = _Child(pid, os.fdopen(read_end, "rb"), name)
    kind, value = child.first()
    if kind == "early":
        _finishing.append(child)
        return value
    return child.settle(value)


def answer_now(result: Any) -> None:
    """In a child of in_child: hand ``result`` back now; the caller goes on while
    this process finishes. Elsewhere (``fn`` running in the caller): nothing."""
    global _answer
    if _answer is not None:
        out, records = _answer
        _send(out, ("early", result), records)
        _answer = None  # one early answer


def in_forked_child() -> bool:
    """True in a child of in_child (which may have answered already)."""
    return _report is not None


def exec_reporting(argv: list[str]) -> None:
    """In a child of in_child that has answered: replace this process by ``argv``
    (a fresh, small interpreter), which gets ``--report-fd N`` and reports its
    own outcome with :func:`report`; the parent waits for that in
    finish_children. All this process's memory goes back to the system at once."""
    out, _ = _report
    fd = out.fileno()
    out.flush()
    os.set_inheritable(fd, True)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(argv[0], [*argv, "--report-fd", str(fd)], interpreter_env())


def interpreter_argv(code: str, *args: str) -> list[str]:
    """A fresh interpreter running ``code``: with interpreter_env(), it imports
    the same modules this process did. ``-P``: the working folder is not put
    first on its path (where another checkout's kepu could be)."""
    return [sys.executable, "-P", "-c", code, *args]


def interpreter_env() -> dict[str, str]:
    """This process's environment, with its module path (the working folder
    spelled out) as PYTHONPATH."""
    here = os.getcwd()
    return {**os.environ, "PYTHONPATH": os.pathsep.join(os.path.abspath(p) if p else here
                                                        for p in sys.path)}


def logged_since_answer() -> list:
    """In a child of in_child: the log records not yet sent (for exec_reporting's
    program to send with its outcome)."""
    return list(_report[1]) if _report is not None else []


def report(fd: int, outcome: tuple, records: list | None = None) -> None:
    """From a process exec_reporting started: its outcome, for finish_children
    (("ok", value) or ("raised", exception, traceback text)), with ``records``."""
    with os.fdopen(fd, "wb") as out:
        _send(out, outcome, list(records or []))


def finish_children() -> None:
    """Wait for every child that answered early; raise the first one's failure."""
    failure = None
    while _finishing:
        child = _finishing.pop(0)
        try:
            child.settle(child.rest())
        except BaseException as exc:  # noqa: BLE001 — the others are still waited for
            failure = failure or exc
    if failure is not None:
        raise failure


def abandon_children() -> None:
    """Stop every child that answered early (the build failed: what it still
    writes is not wanted, and must not land in a folder being deleted)."""
    import signal

    while _finishing:
        child = _finishing.pop(0)
        try:
            os.kill(child.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        child.fh.close()
        os.waitpid(child.pid, 0)


_answer: tuple | None = None  # in a child of in_child until it answers: (pipe, log records so far)
_report: tuple | None = None  # in a child of in_child: the same, kept after an answer
_finishing: list[_Child] = []  # children that answered early and are still working


def _send(out, outcome: tuple, records: list) -> None:
    import pickle
    import traceback

    try:
        data = pickle.dumps((outcome, records), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 — an exception or result that cannot travel
        data = pickle.dumps(
            (("raised", None, outcome[2] if outcome[0] == "raised" else traceback.format_exc()),
             records), protocol=pickle.HIGHEST_PROTOCOL)
    records.clear()  # sent
    out.write(len(data).to_bytes(8, "little") + data)
    out.flush()


class _Child:
    """A forked child of in_child, as its parent sees it."""

    def __init__(self, pid: int, fh, name: str):
        self.pid, self.fh, self.name = pid, fh, name

    def _message(self) -> tuple | None:
        import pickle

        head = self.fh.read(8)
        if len(head) < 8:
            return None  # it died before reporting
        size = int.from_bytes(head, "little")
        data = self.fh.read(size)
        if len(data) < size:
            return None  # it died while reporting
        outcome, records = pickle.loads(data)
        for record in records:
            logging.getLogger(record.name).handle(record)
        return outcome

    def first(self) -> tuple:
        """("early", answer), or ("final", outcome or None)."""
        outcome = self._message()
        if outcome is not None and outcome[0] == "early":
            return "early", outcome[1]
        return "final", outcome

    def rest(self) -> tuple | None:
        return self._message()

    def settle(self, outcome: tuple | None) -> Any:
        """Reap the child; its result, or its failure raised here."""
        self.fh.close()
        _, status = os.waitpid(self.pid, 0)
        if outcome is None:
            how = (f"was killed by signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status)
                   else f"exited with status {os.waitstatus_to_exitcode(status)}")
            raise RuntimeError(f"the forked process running {self.name} {how} "
                               "before it could report (out of memory?)")
        if outcome[0] == "ok":
            return outcome[1]
        _, exc, text = outcome
        if exc is None:
            raise RuntimeError(f"in the forked process running {self.name}:\n{text}")
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
