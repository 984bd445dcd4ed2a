"""Wall time and peak memory of a command and every process it starts.

A build that forks workers uses the memory of all of them at once, so the
peak is taken over the whole process tree: /proc is polled every 20 ms and
the tree's proportional set size (PSS, which splits pages shared after fork
fairly instead of counting them once per worker) is summed. ``os.wait4``
adds the kernel's exact ru_maxrss of the largest single process, which bounds
the peak from below when a spike falls between two polls (Hugo is one process,
so for Hugo that figure is exact). No psutil needed.

Reading a process's smaps walks its page tables under its memory-map lock, so
polling slows what it measures (a 10,000-page kepu build: 42 s unpolled, 55 s
polled every 20 ms). The benchmark therefore times runs with ``poll=False``
(only ru_maxrss) and takes the tree's peak from a separate polled run.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

POLL_SECONDS = 0.02


@dataclass
class Measurement:
    seconds: float
    peak_mb: float          # max over polls of the tree's summed PSS, at least maxrss_mb
    maxrss_mb: float        # kernel's peak RSS of the largest single process in the tree
    returncode: int
    output: str = ""

    def check(self, what: str) -> Measurement:
        if self.returncode:
            raise RuntimeError(f"{what} failed (exit {self.returncode}):\n{self.output[-4000:]}")
        return self


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        # Field 4 (ppid) follows the ")" that closes the command name.
        ppid = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree_pids(root: int) -> list[int]:
    children, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_pss_mb(root: int) -> float:
    return sum(_pss_kb(pid) for pid in _tree_pids(root)) / 1024


def settle() -> None:
    """Write out the page cache's dirty data before a timed run. A 10,000-page
    build writes ~840 MB; left to the kernel, that writeback (and the throttling
    of writers once too much is dirty) lands in whatever is timed next, often
    the other tool's run."""
    if hasattr(os, "sync"):
        os.sync()


def run_measured(cmd: list[str], *, env: dict | None = None, cwd: Path | None = None,
                 capture: bool = True, poll: bool = True) -> Measurement:
    """Run ``cmd`` to completion; its wall time and the tree's peak memory
    (``poll=False``: only the largest process's ru_maxrss, and an undisturbed time)."""
    settle()
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE if capture else None,
                            stderr=subprocess.STDOUT if capture else None)
    peak = [0.0]
    done = threading.Event()
    chunks: list[bytes] = []

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_pss_mb(proc.pid))
            done.wait(POLL_SECONDS)

    def drain():
        if proc.stdout is not None:
            for chunk in iter(lambda: proc.stdout.read(65536), b""):
                chunks.append(chunk)

    threads = [threading.Thread(target=drain, daemon=True)]
    if poll:
        threads.append(threading.Thread(target=sample, daemon=True))
    for thread in threads:
        thread.start()
    # wait4 on this exact child: its rusage includes the descendants it reaped.
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    for thread in threads:
        thread.join(timeout=5)
    maxrss = usage.ru_maxrss / 1024
    return Measurement(seconds, max(peak[0], maxrss), maxrss, proc.returncode,
                       b"".join(chunks).decode("utf-8", "replace"))
